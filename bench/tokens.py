"""Token economy: billed input tokens for a whole session, cached design vs naive design.

The same session (5 questions, every answer followed up three times: the fake scores
each answer 7, below the neutral persona's bar of 8) is driven through the interview
service twice against the fake Claude server, which reports usage like the real API
and, like it, caches nothing shorter than ``min_cache_tokens`` (1,024):

- cached: the app as it is. Instructions, resume and job description are one system
  block marked ``cache_control``; each call adds its user message. The four tasks send
  one shared reply schema, so they share one cached prefix. An analysis's message is its
  question's exchanges so far as blocks, the last one marked too, so the next analysis of
  that question (and then its feedback) reads them from the cache and pays for what is new.
- naive (the seeds' design): the same prompts with nothing marked for caching, each task
  with its own output schema, so the full resume and job description are billed in
  every call.

Billed input = input + 1.25 x cache writes + 0.1 x cache reads (Anthropic's multipliers),
where the fake bills what the real API bills: the output schema (``output_config``), the
system prompt and the messages. The schema heads the cached prefix (the structured outputs
docs: a changed ``output_config.format`` invalidates the prompt cache; see
``FakeAnthropic._usage``); a request finds a cached prefix up to 20 blocks behind one of
its breakpoints; entries live five minutes from their last use. The session runs twice:
with no pause between calls, and at a person's pace (``PACE`` seconds an answer, a minute
reading each feedback, on the fake's clock), where entries that are not used again within
five minutes expire and are written again.
Run once with the demo profile (its system prompt is only just over the cache minimum)
and once with a realistic-length resume and job description.

Prep after a session: a one-question mock session, then a hiring manager prep document
on the same application with the same coach. The document's call must read the prefix
the session cached (cache read > 0); its billed input is compared with the same call
billed as if nothing were cached. A short-resume profile (prefix below the minimum)
shows what the code does there: it sends the prefix unmarked, pays no cache write, and
the call log's cache_note says why.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from bench.common import (
    MODEL,
    REAL_JD,
    REAL_RESUME,
    Result,
    add_application,
    claude_coach,
    data_dir,
    fake_claude,
    open_db,
    say,
)

TARGET = 0.35


@dataclass
class Usage:
    calls: int = 0
    input: int = 0
    cache_write: int = 0
    cache_read: int = 0
    output: int = 0

    @property
    def billed(self) -> float:
        return self.input + 1.25 * self.cache_write + 0.1 * self.cache_read

    @property
    def raw(self) -> int:
        return self.input + self.cache_write + self.cache_read

    def line(self) -> str:
        return (f"{self.calls} calls, input {self.input:,} + cache write {self.cache_write:,} "
                f"+ cache read {self.cache_read:,} = {self.raw:,} raw, {self.billed:,.0f} billed")


class Uncached:
    """Wraps an AsyncAnthropic client: every request goes out with a plain-string system
    prompt and its message blocks unmarked, the same text with no breakpoint anywhere,
    so nothing is cached (the naive design)."""

    def __init__(self, client: Any) -> None:
        self._client = client

    @property
    def messages(self) -> Uncached:
        return self

    def create(self, **request: Any) -> Any:
        return self._client.messages.create(**_plain(request))

    def stream(self, **request: Any) -> Any:
        return self._client.messages.stream(**_plain(request))


def _plain(request: dict[str, Any]) -> dict[str, Any]:
    messages = [{**m, "content": _unmarked(m["content"])} for m in request["messages"]]
    system = "\n\n".join(block["text"] for block in request["system"])
    return {**request, "system": system, "messages": messages}


def _unmarked(content: str | list[dict[str, Any]]) -> str | list[dict[str, Any]]:
    if isinstance(content, str):
        return content
    return [{k: v for k, v in block.items() if k != "cache_control"} for block in content]


class CacheBusting(Uncached):
    """The slowed build's token regression: a changing line ahead of the cached prefix
    (a timestamp in the system prompt, say), so no call ever reads the cache."""

    calls = 0

    def create(self, **request: Any) -> Any:
        return self._client.messages.create(**self._bust(request))

    def stream(self, **request: Any) -> Any:
        return self._client.messages.stream(**self._bust(request))

    def _bust(self, request: dict[str, Any]) -> dict[str, Any]:
        CacheBusting.calls += 1
        first, *rest = request["system"]
        first = {**first, "text": f"Call {CacheBusting.calls}.\n{first['text']}"}
        return {**request, "system": [first, *rest]}


READ_SECONDS = 60.0  # a paced user reads each question's feedback this long


class Paced:
    """The interview service driven by a user who takes ``answer_seconds`` to give each
    answer and a minute to read each question's feedback, on the fake server's clock
    (its cache entries age by it; no real time passes). Each answer records that time."""

    def __init__(self, service: Any, clock: list[float], answer_seconds: float) -> None:
        self._service, self._clock, self._answer = service, clock, answer_seconds

    def __getattr__(self, name: str) -> Any:
        return getattr(self._service, name)

    async def submit_answer(self, session_id: int, text: str, **kwargs: Any) -> Any:
        self._clock[0] += self._answer
        return await self._service.submit_answer(session_id, text,
                                                 **{**kwargs, "seconds_spent": self._answer})

    async def next_question(self, session_id: int, **sinks: Any) -> Any:
        self._clock[0] += READ_SECONDS
        return await self._service.next_question(session_id, **sinks)

    async def finish(self, session_id: int, **sinks: Any) -> Any:
        self._clock[0] += READ_SECONDS
        return await self._service.finish(session_id, **sinks)


async def _session(naive: bool, application_id: int | None, questions: int,
                   answer_seconds: float) -> Usage:
    from anthropic import AsyncAnthropic

    from bench import slow
    from interview_tui.services.coach.claude import ClaudeCoach
    from interview_tui.services.interview import SessionSetup
    from interview_tui.services.profiles import ensure_demo_profile
    from interview_tui.services.workspace import Workspace
    from interview_tui.store.models import CoachCall
    from tests.fakes.anthropic_server import FakeAnthropic
    from tests.fakes.drive import drive_to_end

    # In this process: nothing here is timed, and the pacing moves the fake's clock.
    with FakeAnthropic(min_cache_tokens=1024) as fake:
        clock = [0.0]
        fake.clock = lambda: clock[0]
        client = AsyncAnthropic(api_key="bench-key", base_url=fake.base_url, max_retries=0)
        wrapped = Uncached(client) if naive else CacheBusting(client) if slow.active() else client
        # Naive: each task with its own output schema, as the seeds' design has it (the
        # reply the interview tasks share only pays off with caching).
        coach = ClaudeCoach(MODEL, client=wrapped, shared_reply=not naive)  # type: ignore[arg-type]
        workspace = Workspace(coach)
        service = Paced(workspace.interview, clock, answer_seconds) if answer_seconds else \
            workspace.interview
        app_id = application_id or ensure_demo_profile().id
        try:
            view = await service.start(SessionSetup(app_id, stage="hiring_manager",
                                                    question_count=questions))
            await drive_to_end(service, view)
        finally:
            await workspace.aclose()
            await client.close()
    usage = Usage()
    for call in CoachCall.select():
        usage.calls += 1
        usage.input += call.input_tokens
        usage.cache_write += call.cache_write_tokens
        usage.cache_read += call.cache_read_tokens
        usage.output += call.output_tokens
    return usage


def measure(profile: str, naive: bool, questions: int = 5, answer_seconds: float = 0.0) -> Usage:
    """One whole session with ``profile`` ("demo" or "realistic") in a fresh database;
    ``answer_seconds`` paces it as a user who takes that long an answer (0: no pause)."""
    with data_dir() as tmp, open_db(tmp / "bench.db"):
        app_id = add_application(REAL_RESUME, REAL_JD) if profile == "realistic" else None
        return asyncio.run(_session(naive, app_id, questions, answer_seconds))


def system_tokens(profile: str) -> int:
    """The fake's estimate (4 characters a token) of the cached system prefix."""
    from interview_tui.services.coach.base import InterviewContext
    from interview_tui.services.coach.claude import _system
    from interview_tui.services.profiles import demo_profile_data

    data = demo_profile_data()
    resume, jd = data["candidate"]["resume_text"], data["application"]["job_description"]
    if profile == "realistic":
        resume, jd = REAL_RESUME, REAL_JD
    ctx = InterviewContext("hiring_manager", "medium", "neutral", "Northwind Freight",
                           "Senior Backend Engineer", jd, "Priya Shah", "Alex Rivera", resume,
                           "L5A")
    blocks, _note = _system(ctx.application, 0)
    return (len(blocks[0]["text"]) + 3) // 4


SHORT_RESUME = "Sam Lee\nBackend engineer\n- Built an internal billing API in Python.\n"
SHORT_JD = "Backend engineer for our billing team. Python and PostgreSQL."


async def _prep_after_session(application_id: int | None) -> tuple[Any, int]:
    from anthropic import AsyncAnthropic

    from bench import slow
    from interview_tui.services.interview import SessionSetup
    from interview_tui.services.profiles import ensure_demo_profile
    from interview_tui.services.workspace import Workspace
    from interview_tui.store.models import CoachCall
    from tests.fakes.drive import drive_to_end

    with fake_claude(latency=0.0, min_cache_tokens=1024) as fake:
        client = AsyncAnthropic(api_key="bench-key", base_url=fake.base_url, max_retries=0)
        # The slowed build's regression reaches the prep calls too: none reads the cache.
        wrapped = CacheBusting(client) if slow.active() else client
        ws = Workspace(claude_coach(fake, client=wrapped))  # type: ignore[arg-type]
        app_id = application_id or ensure_demo_profile().id
        try:
            view = await ws.interview.start(SessionSetup(app_id, stage="hiring_manager",
                                                         question_count=1))
            await drive_to_end(ws.interview, view)
            # The first prep call writes the prefix with its own output schema (a changed
            # schema is a cache miss, tests/fakes/anthropic_server.py); regenerating the
            # document, as a user does, reads it.
            await ws.prep.generate("hiring_manager_prep", app_id)
            await ws.prep.generate("hiring_manager_prep", app_id)
        finally:
            await ws.aclose()
            await client.close()
    session_calls = CoachCall.select().where(CoachCall.session.is_null(False)).count()
    calls = CoachCall.select().where(CoachCall.purpose == "hiring_manager_prep")
    return calls.order_by(CoachCall.id.desc()).get(), session_calls


def prep_after_session(profile: str) -> Result:
    """A regenerated prep document's call after a mock session on the same application."""
    with data_dir() as tmp, open_db(tmp / "bench.db"):
        app_id = {"realistic": lambda: add_application(REAL_RESUME, REAL_JD),
                  "short": lambda: add_application(SHORT_RESUME, SHORT_JD),
                  "demo": lambda: None}[profile]()
        call, session_calls = asyncio.run(_prep_after_session(app_id))
    billed = call.input_tokens + 1.25 * call.cache_write_tokens + 0.1 * call.cache_read_tokens
    plain = call.input_tokens + call.cache_write_tokens + call.cache_read_tokens
    ratio = billed / plain if plain else float("nan")
    figures = (f"second prep call after {session_calls} session calls: input {call.input_tokens:,}, "
               f"cache read {call.cache_read_tokens:,}, cache write {call.cache_write_tokens:,}")
    say(f"{profile} profile, prep after a session: {figures}")
    if profile == "short":
        say(f"  cache_note: {call.cache_note}")
        met = (call.cache_read_tokens == 0 and call.cache_write_tokens == 0
               and "below" in (call.cache_note or ""))
        return Result("Prep after a session (short resume)", f"{figures}; cache_note: "
                      f"{call.cache_note}", ratio, "the same call with nothing cached",
                      "no cache write; cache_note says why", met,
                      slowed=False)  # a short prefix is never cached, slowed or not
    return Result(f"Prep after a session ({profile} profile)", figures, ratio,
                  "the same call with nothing cached", "cache read > 0",
                  call.cache_read_tokens > 0)


PACE = 90.0  # seconds an answer for the paced rows: a spoken STAR answer runs 1-3 minutes


def run(quick: bool = False) -> list[Result]:
    results = [prep_after_session(p) for p in ("demo", "realistic", "short")]
    for profile in ("demo", "realistic"):
        cached, naive = measure(profile, naive=False), measure(profile, naive=True)
        ratio = cached.billed / naive.billed
        say(f"{profile} profile (cached prefix ~{system_tokens(profile):,} tokens, "
            f"cache minimum 1,024):")
        say(f"  cached: {cached.line()}")
        say(f"  naive:  {naive.line()}")
        say(f"  billed input cached / naive = {ratio:.0%}  (target <= {TARGET:.0%})")
        results.append(Result(
            f"Token economy ({profile} profile)",
            f"{cached.billed:,.0f} vs {naive.billed:,.0f} billed input tokens "
            f"({cached.calls} calls)",
            ratio, "naive design, nothing cached", f"<= {TARGET:.0%} of naive",
            ratio <= TARGET,
        ))
        # The same session at a person's pace: cache entries age between the calls (five
        # minutes from their last use). Naive is the same at any pace: nothing is cached.
        paced = measure(profile, naive=False, answer_seconds=PACE)
        paced_ratio = paced.billed / naive.billed
        say(f"  at {PACE:.0f} s an answer and {READ_SECONDS:.0f} s a feedback: "
            f"{paced.line()} = {paced_ratio:.0%} of naive")
        results.append(Result(
            f"Token economy, {PACE:.0f} s an answer ({profile} profile)",
            f"{paced.billed:,.0f} vs {naive.billed:,.0f} billed input tokens "
            f"({paced.calls} calls; {READ_SECONDS:.0f} s reading each feedback)",
            paced_ratio, "naive design, nothing cached", f"<= {TARGET:.0%} of naive",
            paced_ratio <= TARGET,
        ))
    return results


if __name__ == "__main__":
    run()
