"""ClaudeCoach against a real local HTTP server speaking the Messages API (no internet)."""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import replace

import pytest

from interview_tui.services.coach.base import (
    CallRecord,
    CoachError,
    Exchange,
    InterviewContext,
    QuestionOutcome,
    QuestionTurn,
)
from interview_tui.services.coach.claude import ClaudeCoach
from interview_tui.services.coach.json_preview import readable_preview
from interview_tui.services.coach.schemas import (
    GeneratedQuestion,
    QuestionFeedback,
    ResponseAnalysis,
    SessionFeedback,
)
from interview_tui.services.coach.tasks import (
    Task,
    analysis_task,
    question_feedback_task,
    question_task,
    session_feedback_task,
)
from tests.fakes.anthropic_server import (
    FakeAnthropic,
    dropped,
    max_tokens,
    not_json,
    overloaded,
    rate_limited,
    refusal,
    reply,
    server_error,
    slow,
    status_error,
    wrong_shape,
)

KEY = "test-key-7Qx9secret"
CTX = InterviewContext(
    stage="hiring_manager",
    difficulty="medium",
    persona="challenging",
    company="Acme Payments",
    role="Senior Backend Engineer",
    job_description="Own the ledger service; lead migrations; mentor engineers.",
    interviewer_name="Dana Reyes",
    candidate_name="Sam Lee",
    resume_text="\n".join(
        [
            "Led the billing migration to Postgres at Globex (2021-2023), cutting costs 30%.",
            *(f"- Shipped ledger improvement {n}: reconciliation, retries and reporting for "
              f"finance and support teams across regions." for n in range(1, 13)),
        ]
    ),
    target_level="L5A",
)
SHORT_CTX = replace(CTX, resume_text="Led the billing migration at Globex.")
ANALYSIS = ResponseAnalysis(score=6, level="L4", brief_feedback="Good start; quantify the result.")
TURN = QuestionTurn(
    number=1,
    text="Tell me about a migration you led.",
    competency="ownership",
    exchanges=(
        Exchange("Tell me about a migration you led.", "I led the billing migration.", 80.0),
        Exchange("What was the result?", "We cut costs by 30 percent.", 25.0),
    ),
    analyses=(ANALYSIS,),
)
OUTCOMES = [
    QuestionOutcome(1, TURN.text, "ownership", 7, "L5A", ("I led the billing migration.",)),
    QuestionOutcome(2, "Describe a conflict.", "collaboration", 5, "L4", ("I talked to them.",)),
]


@pytest.fixture
def records() -> list[CallRecord]:
    return []


_OPEN: list[ClaudeCoach] = []


@pytest.fixture(autouse=True)
async def _close_coaches() -> AsyncIterator[None]:
    yield
    while _OPEN:
        await _OPEN.pop().aclose()


# Where each coach made here reports its calls (the sink is given per call).
_SINKS: dict[int, Callable[[CallRecord], None]] = {}


def coach_for(
    fake: FakeAnthropic,
    records: list[CallRecord],
    on_call: Callable[[CallRecord], None] | None = None,
    **kw: object,
) -> ClaudeCoach:
    options: dict = {"api_key": KEY, "max_retries": 2, "timeout": 5.0}
    _OPEN.append(ClaudeCoach("claude-test", base_url=fake.base_url, **(options | kw)))
    _SINKS[id(_OPEN[-1])] = on_call or records.append
    return _OPEN[-1]


def task_for(purpose: str) -> Task:
    if purpose == "question":
        return question_task(CTX, number=2, competency="ownership", asked=["Why Acme?"])
    if purpose == "analysis":
        return analysis_task(CTX, TURN)
    if purpose == "question_feedback":
        return question_feedback_task(CTX, TURN)
    return session_feedback_task(CTX, OUTCOMES)


def user_text(body: dict) -> str:
    """The text of a request's user message, whether one string or text blocks."""
    content = body["messages"][0]["content"]
    return content if isinstance(content, str) else "\n\n".join(b["text"] for b in content)


async def run(coach: ClaudeCoach, purpose: str, on_text=None):
    return await coach.run(task_for(purpose), on_text=on_text, on_call=_SINKS[id(coach)])


MODELS = {
    "question": GeneratedQuestion,
    "analysis": ResponseAnalysis,
    "question_feedback": QuestionFeedback,
    "session_feedback": SessionFeedback,
}
STREAMED = ["question", "question_feedback", "session_feedback"]


def model_purpose(model: type) -> str:
    return next(purpose for purpose, m in MODELS.items() if m is model)


# ---------------------------------------------------------------- happy path


async def test_each_method_returns_its_model(fake_anthropic: FakeAnthropic, records) -> None:
    coach = coach_for(fake_anthropic, records)
    assert coach.info.backend == "claude" and coach.info.model == "claude-test"
    for purpose, model in MODELS.items():
        assert isinstance(await run(coach, purpose), model)
    assert [r.purpose for r in records] == list(MODELS)
    assert all(r.error_kind is None and r.backend == "claude" for r in records)
    assert all(r.output_tokens > 0 and r.latency_ms > 0 for r in records)
    bodies = fake_anthropic.requests
    assert [bool(b.get("stream")) for b in bodies] == [True, False, True, True]
    assert [b["max_tokens"] for b in bodies] == [1024, 1024, 2048, 2048]
    for body, model in zip(bodies, MODELS.values(), strict=True):
        # The four share one reply schema (one cached prefix), a field per task.
        fmt = body["output_config"]["format"]
        assert fmt["type"] == "json_schema" and fmt["schema"]["title"] == "Reply"
        assert fmt["schema"]["properties"][model_purpose(model)]["title"] == model.__name__
        assert fmt == bodies[0]["output_config"]["format"]
    # SDK 2.x sends the key as a bearer token, older ones as x-api-key.
    sent = [h.get("x-api-key") or h.get("authorization", "") for h in fake_anthropic.headers]
    assert all(value.endswith(KEY) for value in sent)


async def test_system_prefix_is_cached_and_turns_send_only_what_is_new(
    fake_anthropic: FakeAnthropic, records
) -> None:
    coach = coach_for(fake_anthropic, records)
    for purpose in [*MODELS, *MODELS]:  # every task twice: the second time, from the cache
        await run(coach, purpose)
    systems = [b["system"] for b in fake_anthropic.requests]
    assert all(len(s) == 1 and s[0]["cache_control"] == {"type": "ephemeral"} for s in systems)
    assert len({s[0]["text"] for s in systems}) == 1  # byte-identical prefix every turn
    system = systems[0][0]["text"]
    for fact in ("Acme Payments", "Senior Backend Engineer", "Dana Reyes", "Sam Lee", "L5A"):
        assert fact in system
    assert CTX.resume_text in system and CTX.job_description in system
    # The session's settings follow the prefix, so other tasks on the application share it.
    assert all("persona challenging" in user_text(b) for b in fake_anthropic.requests)
    assert "persona challenging" not in system
    assert all(len(b["messages"]) == 1 for b in fake_anthropic.requests)
    assert all(user_text(b) not in system for b in fake_anthropic.requests)
    # The four tasks share one output schema, which is billed and heads the cached prefix
    # (a changed schema is a cache miss, tests/fakes/anthropic_server.py): the first call
    # writes schema and system once, every later one reads them.
    first, *later = records
    prefix = first.cache_write_tokens
    assert prefix > 0 and first.cache_read_tokens == 0
    assert all(r.cache_read_tokens >= prefix for r in later)
    # What later calls still write is their own question's exchanges (the analysis and
    # the question's feedback cache them, see below), never the prefix again.
    assert all(r.cache_write_tokens < prefix / 3 for r in later)
    again = records[len(MODELS):]  # the same four calls a second time: all from the cache
    assert all(r.cache_write_tokens == 0 for r in again)
    assert all(r.input_tokens < r.cache_read_tokens for r in again)


async def test_the_fake_bills_the_schema_and_its_cache_expires_after_five_minutes(
    fake_anthropic: FakeAnthropic, records
) -> None:
    coach = coach_for(fake_anthropic, records)
    clock = [1000.0]
    fake_anthropic.clock = lambda: clock[0]
    await run(coach, "analysis")
    await run(coach, "analysis")
    schema = fake_anthropic.requests[0]["output_config"]
    billed = records[0].input_tokens + records[0].cache_write_tokens
    assert billed >= len(json.dumps(schema)) // 4  # the schema is billed as input
    assert records[1].cache_read_tokens == records[0].cache_write_tokens
    clock[0] += 299.0  # a read refreshes the entry: still alive 299 s after it
    await run(coach, "analysis")
    assert records[2].cache_read_tokens > 0
    clock[0] += 301.0
    await run(coach, "analysis")
    assert records[3].cache_read_tokens == 0
    assert records[3].cache_write_tokens == records[0].cache_write_tokens


async def test_a_prefix_below_the_minimum_is_not_marked_and_the_log_says_why(
    fake_anthropic: FakeAnthropic, records
) -> None:
    coach = coach_for(fake_anthropic, records)
    await coach.run(analysis_task(SHORT_CTX, TURN), on_call=records.append)
    system = fake_anthropic.requests[0]["system"]
    assert len(system) == 1 and "cache_control" not in system[0]
    assert records[0].cache_write_tokens == 0 and records[0].cache_read_tokens == 0
    assert records[0].cache_note and "below the 1024-token minimum" in records[0].cache_note
    # A long enough prefix carries no such note.
    await run(coach, "analysis")
    assert records[1].cache_note is None and records[1].cache_write_tokens > 0


async def test_question_prompt_names_number_competency_and_asked(
    fake_anthropic: FakeAnthropic, records
) -> None:
    await run(coach_for(fake_anthropic, records), "question")
    user = user_text(fake_anthropic.requests[0])
    assert "question 2 of 5" in user and "ownership" in user and "- Why Acme?" in user


async def test_analysis_prompt_has_latest_and_earlier_exchanges(
    fake_anthropic: FakeAnthropic, records
) -> None:
    await run(coach_for(fake_anthropic, records), "analysis")
    user = user_text(fake_anthropic.requests[0])
    assert "We cut costs by 30 percent." in user and "(25 s)" in user
    assert "I led the billing migration." in user and "scored 6/10" in user
    assert user.count(TURN.text) == 1, "the main question is not repeated as its own prompt"
    assert user.rstrip().endswith("Task: analysis of response 2, the latest.")


async def test_a_questions_analyses_read_its_earlier_exchanges_from_the_cache(
    fake_anthropic: FakeAnthropic, records
) -> None:
    """Each analysis of a question repeats the previous one's message and adds to it, with
    a breakpoint at the end of the exchanges: the next one reads all that from the cache
    and pays in full only for the new exchange and the short closing line."""
    coach = coach_for(fake_anthropic, records)
    third = Exchange("And what did you do yourself?", "I wrote the cut-over runbook. " * 8, 40.0)
    turns = [replace(TURN, exchanges=TURN.exchanges[:1], analyses=()),
             replace(TURN, analyses=(ANALYSIS,)),
             replace(TURN, exchanges=(*TURN.exchanges, third), analyses=(ANALYSIS, ANALYSIS))]
    for turn in turns:
        await coach.run(analysis_task(CTX, turn), on_call=records.append)
    bodies = fake_anthropic.requests
    for previous, body in itertools.pairwise(bodies):
        before, now = previous["messages"][0]["content"], body["messages"][0]["content"]
        marked = next(i for i, b in enumerate(before) if "cache_control" in b)
        assert [b["text"] for b in now[: marked + 1]] == [b["text"] for b in before[: marked + 1]]
        assert "cache_control" in now[-2] and "cache_control" not in now[-1]  # the tail
    first, second, last = records
    assert first.cache_read_tokens == 0 and first.cache_write_tokens > 0
    assert second.cache_read_tokens == first.cache_write_tokens  # up to the first exchange
    assert last.cache_read_tokens == second.cache_read_tokens + second.cache_write_tokens
    assert 0 < last.cache_write_tokens < len(third.answer) // 4 + 40  # its own exchange only
    assert last.input_tokens < 20  # the closing line
    # The question's feedback repeats the same blocks (one reply schema for both, so one
    # prefix) and adds the last score: it reads everything the last analysis cached.
    final = replace(turns[-1], analyses=(ANALYSIS, ANALYSIS, ANALYSIS))
    await coach.run(question_feedback_task(CTX, final), on_call=records.append)
    feedback = records[-1]
    assert feedback.cache_read_tokens == last.cache_read_tokens + last.cache_write_tokens
    assert 0 < feedback.cache_write_tokens < 20 and feedback.input_tokens < 30


async def test_a_reply_with_another_tasks_field_is_invalid_output(
    fake_anthropic: FakeAnthropic, records
) -> None:
    fake_anthropic.enqueue(reply({"question": {"text": "Why payments?", "competency": "x"}}))
    with pytest.raises(CoachError) as caught:
        await run(coach_for(fake_anthropic, records), "analysis")
    assert caught.value.kind == "invalid_output"
    assert records[-1].error_kind == "invalid_output"


async def test_the_naive_design_sends_each_tasks_own_schema(
    fake_anthropic: FakeAnthropic, records
) -> None:
    coach = coach_for(fake_anthropic, records, shared_reply=False)
    for purpose, model in MODELS.items():
        assert isinstance(await run(coach, purpose), model)
    titles = [b["output_config"]["format"]["schema"]["title"] for b in fake_anthropic.requests]
    assert titles == [m.__name__ for m in MODELS.values()]


async def test_scripted_reply_is_returned(fake_anthropic: FakeAnthropic, records) -> None:
    fake_anthropic.enqueue(reply({"question": {"text": "Why payments?", "competency": "motivation"}}))
    question = await run(coach_for(fake_anthropic, records), "question")
    assert question == GeneratedQuestion(text="Why payments?", competency="motivation")


@pytest.mark.parametrize("purpose", STREAMED)
async def test_on_text_receives_a_growing_readable_preview(
    fake_anthropic: FakeAnthropic, records, purpose: str
) -> None:
    fake_anthropic.chunk_size = 5
    previews: list[str] = []
    result = await run(coach_for(fake_anthropic, records), purpose, on_text=previews.append)
    assert len(previews) > 5
    assert all(len(a) <= len(b) for a, b in itertools.pairwise(previews))
    assert not any(p.lstrip().startswith(("{", '"')) for p in previews)  # prose, not JSON
    final = previews[-1]
    first_text = next(v for v in result.model_dump().values() if isinstance(v, str))
    assert first_text in final
    if purpose == "question_feedback":
        assert "Assessment: " in final and "\n- " in final
    assert "Brief feedback" not in final  # only this task's field of the shared reply


# ---------------------------------------------------------------- faults


# retry-after-ms: 1 keeps the SDK's retries short here; without it the SDK backs off
# exponentially (0.5 s, 1 s, ...), as it does against the real API.
FAULTS = {
    name: functools.partial(fault, retry_after_ms=1)
    for name, fault in [("rate_limited", rate_limited), ("server_error", server_error),
                        ("overloaded", overloaded)]
}


@pytest.mark.parametrize("purpose", ["analysis", "question"])
@pytest.mark.parametrize("kind", list(FAULTS))
async def test_transient_faults_are_retried_by_the_sdk(
    fake_anthropic: FakeAnthropic, records, kind: str, purpose: str
) -> None:
    fake_anthropic.enqueue(FAULTS[kind](), FAULTS[kind]())
    result = await run(coach_for(fake_anthropic, records, max_retries=2), purpose)
    assert isinstance(result, MODELS[purpose])
    assert len(fake_anthropic.requests) == 3
    assert len(records) == 1 and records[0].error_kind is None


@pytest.mark.parametrize("purpose", ["analysis", "question"])
@pytest.mark.parametrize("kind", list(FAULTS))
async def test_persistent_faults_end_in_their_kind(
    fake_anthropic: FakeAnthropic, records, kind: str, purpose: str
) -> None:
    fake_anthropic.enqueue(*(FAULTS[kind]() for _ in range(3)))
    with pytest.raises(CoachError) as caught:
        await run(coach_for(fake_anthropic, records, max_retries=2), purpose)
    assert caught.value.kind == kind and caught.value.retryable
    assert len(fake_anthropic.requests) == 3
    assert [r.error_kind for r in records] == [kind]


@pytest.mark.parametrize("purpose", ["analysis", "question"])
async def test_slow_reply_times_out(fake_anthropic: FakeAnthropic, records, purpose: str) -> None:
    fake_anthropic.enqueue(slow(3))
    with pytest.raises(CoachError) as caught:
        await run(coach_for(fake_anthropic, records, timeout=0.5, max_retries=0), purpose)
    assert caught.value.kind == "timeout"
    assert records[0].error_kind == "timeout" and records[0].latency_ms < 2500


async def test_stream_stalling_midway_times_out(fake_anthropic: FakeAnthropic, records) -> None:
    fake_anthropic.enqueue(slow(3, mid_stream=True))
    previews: list[str] = []
    with pytest.raises(CoachError) as caught:
        await run(
            coach_for(fake_anthropic, records, timeout=0.5, max_retries=0),
            "question",
            previews.append,
        )
    assert caught.value.kind == "timeout"
    assert previews  # the first half arrived before the stall
    assert records[0].error_kind == "timeout" and records[0].input_tokens > 0


@pytest.mark.parametrize("purpose", STREAMED)
async def test_dropped_stream_is_a_coach_error(
    fake_anthropic: FakeAnthropic, records, purpose: str
) -> None:
    fake_anthropic.enqueue(dropped())
    with pytest.raises(CoachError) as caught:
        await asyncio.wait_for(run(coach_for(fake_anthropic, records), purpose), 10)
    assert caught.value.kind in {"stream_interrupted", "connection"} and caught.value.retryable
    assert records[0].error_kind == caught.value.kind
    assert len(fake_anthropic.requests) == 1  # a broken stream is not silently re-sent


async def test_dropped_json_body_is_a_coach_error(fake_anthropic: FakeAnthropic, records) -> None:
    fake_anthropic.enqueue(dropped(), dropped(), dropped())
    with pytest.raises(CoachError) as caught:
        await asyncio.wait_for(run(coach_for(fake_anthropic, records), "analysis"), 10)
    assert caught.value.kind in {"stream_interrupted", "connection"}
    assert records[0].error_kind == caught.value.kind


@pytest.mark.parametrize("purpose", ["analysis", "question", "session_feedback"])
@pytest.mark.parametrize("fault", [wrong_shape, not_json])
async def test_output_failing_the_schema_is_invalid_output(
    fake_anthropic: FakeAnthropic, records, purpose: str, fault
) -> None:
    fake_anthropic.enqueue(fault())
    with pytest.raises(CoachError) as caught:
        await run(coach_for(fake_anthropic, records), purpose)
    assert caught.value.kind == "invalid_output"
    assert records[0].error_kind == "invalid_output" and records[0].output_tokens > 0


async def test_score_out_of_range_is_invalid_output(fake_anthropic: FakeAnthropic, records) -> None:
    # The SDK moves minimum/maximum into the description, so the API does not enforce them.
    fake_anthropic.enqueue(reply({"analysis": {**ANALYSIS.model_dump(), "score": 11}}))
    with pytest.raises(CoachError, match="expected shape") as caught:
        await run(coach_for(fake_anthropic, records), "analysis")
    assert caught.value.kind == "invalid_output"


@pytest.mark.parametrize("purpose", ["analysis", "question_feedback"])
async def test_refusal_is_not_retryable(
    fake_anthropic: FakeAnthropic, records, purpose: str
) -> None:
    fake_anthropic.enqueue(refusal())
    with pytest.raises(CoachError) as caught:
        await run(coach_for(fake_anthropic, records), purpose)
    assert caught.value.kind == "refusal" and not caught.value.retryable
    assert records[0].error_kind == "refusal"


@pytest.mark.parametrize("purpose", ["analysis", "question_feedback"])
async def test_max_tokens_is_reported_with_its_usage(
    fake_anthropic: FakeAnthropic, records, purpose: str
) -> None:
    fake_anthropic.enqueue(max_tokens())
    with pytest.raises(CoachError) as caught:
        await run(coach_for(fake_anthropic, records), purpose)
    assert caught.value.kind == "max_tokens"
    assert records[0].error_kind == "max_tokens" and records[0].output_tokens > 0


async def test_rejected_key_is_auth_and_not_retried(fake_anthropic: FakeAnthropic, records) -> None:
    fake_anthropic.enqueue(status_error(401, "authentication_error", "invalid x-api-key"))
    with pytest.raises(CoachError) as caught:
        await run(coach_for(fake_anthropic, records), "question")
    assert caught.value.kind == "auth" and not caught.value.retryable
    assert len(fake_anthropic.requests) == 1


async def test_bad_request_shows_the_api_message_without_the_key(
    fake_anthropic: FakeAnthropic, records
) -> None:
    fake_anthropic.enqueue(
        status_error(400, "invalid_request_error", f"prompt too long; key {KEY}")
    )
    with pytest.raises(CoachError) as caught:
        await run(coach_for(fake_anthropic, records), "analysis")
    assert caught.value.kind == "bad_request" and not caught.value.retryable
    assert "prompt too long" in caught.value.message and KEY not in caught.value.message


async def test_missing_key_is_auth(fake_anthropic: FakeAnthropic, records) -> None:
    coach = coach_for(fake_anthropic, records, api_key=None)
    with pytest.raises(CoachError) as caught:
        await run(coach, "analysis")
    assert caught.value.kind == "auth" and not caught.value.retryable
    assert records[0].error_kind == "auth" and not fake_anthropic.requests


async def test_cancellation_is_logged_and_propagates(
    fake_anthropic: FakeAnthropic, records
) -> None:
    fake_anthropic.enqueue(slow(5))
    task = asyncio.create_task(run(coach_for(fake_anthropic, records), "question"))
    await asyncio.sleep(0.2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert records[0].error_kind == "cancelled"


async def test_a_failing_call_log_does_not_fail_the_call(fake_anthropic: FakeAnthropic) -> None:
    def broken(record: CallRecord) -> None:
        raise RuntimeError("disk full")

    coach = coach_for(fake_anthropic, [], on_call=broken)
    assert isinstance(await run(coach, "analysis"), ResponseAnalysis)


async def test_every_call_is_recorded_and_the_key_never_leaks(
    fake_anthropic: FakeAnthropic, records
) -> None:
    coach = coach_for(fake_anthropic, records, max_retries=0, timeout=0.5)
    faults = [
        rate_limited(), server_error(), overloaded(), slow(2), dropped(), wrong_shape(),
        not_json(), refusal(), max_tokens(),
        status_error(401, "authentication_error", f"invalid x-api-key {KEY}"),
        status_error(400, "invalid_request_error", f"bad {KEY}"), reply(),
    ]  # fmt: skip
    errors: list[CoachError] = []
    for fault in faults:
        fake_anthropic.enqueue(fault)
        try:
            await run(coach, "question")
        except CoachError as exc:
            errors.append(exc)
    assert len(errors) == len(faults) - 1 and len(records) == len(faults)
    assert [r.error_kind for r in records] == [e.kind for e in errors] + [None]
    for text in [str(e) for e in errors] + [e.message for e in errors] + [repr(r) for r in records]:
        assert KEY not in text


# ---------------------------------------------------------------- the fake itself


async def test_fake_latency_and_chunk_delay(fake_anthropic: FakeAnthropic, records) -> None:
    fake_anthropic.latency = 0.2
    coach = coach_for(fake_anthropic, records)
    await run(coach, "analysis")
    assert records[0].latency_ms >= 200
    fake_anthropic.latency, fake_anthropic.chunk_delay = 0.0, 0.01
    await run(coach, "question")
    assert records[1].latency_ms >= 100  # a generated question is well over ten 12-char chunks
    assert fake_anthropic.pending == 0


async def test_fake_caches_nothing_below_its_minimum(
    fake_anthropic: FakeAnthropic, records
) -> None:
    fake_anthropic.min_cache_tokens = 100_000
    coach = coach_for(fake_anthropic, records)
    await run(coach, "analysis")
    await run(coach, "analysis")
    assert all(r.cache_read_tokens == r.cache_write_tokens == 0 for r in records)
    assert records[1].input_tokens == records[0].input_tokens > 0


# ---------------------------------------------------------------- json_preview

SAMPLE = json.dumps(
    {
        "score": 7,
        "level": "L5A",
        "assessment": 'Clear "situation" and task;\nthe result\tneeds a number — é \U0001f600 \\ end.',
        "what_landed": ["Named the stakeholders", "Explained the trade-off"],
        "what_didnt": [],
        "nested": {"flag": True, "nothing": None, "ratio": 0.5, "items": [{"a": "b"}]},
        "revised_answer": "At Globex I led the billing migration…",
    }
)


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_preview_never_raises_at_any_truncation_point(ensure_ascii: bool) -> None:
    doc = json.dumps(json.loads(SAMPLE), ensure_ascii=ensure_ascii)
    for end in range(len(doc) + 1):
        assert isinstance(readable_preview(doc[:end]), str)


def test_preview_of_the_whole_document() -> None:
    text = readable_preview(SAMPLE)
    assert text.splitlines()[:3] == ["Score: 7", "Level: L5A", text.splitlines()[2]]
    assert 'Assessment: Clear "situation" and task;\nthe result\tneeds a number — é' in text
    assert "What landed:\n- Named the stakeholders\n- Explained the trade-off" in text
    assert "What didn't land" not in text  # empty lists are skipped
    assert "Revised answer: At Globex I led the billing migration…" in text


def test_preview_of_partial_strings_and_escapes() -> None:
    assert readable_preview('{"assessment": "Clear sit') == "Assessment: Clear sit"
    # One field of a shared reply: only that task's, and nothing while another's streams.
    shared = '{"question_feedback": {"assessment": "Clear", "coaching": ["Quantify'
    assert readable_preview(shared, "question_feedback") == "Assessment: Clear\nCoaching:\n- Quantify"
    assert readable_preview(shared, "analysis") == ""
    assert readable_preview('{"quest', "question") == ""
    assert readable_preview('{"assessment": "a\\') == "Assessment: a"
    assert readable_preview('{"assessment": "caf\\u00') == "Assessment: caf"
    assert readable_preview('{"what_landed": ["one", "tw') == "What landed:\n- one\n- tw"
    assert readable_preview('{"assess') == ""
    assert readable_preview("") == ""


def test_preview_of_prose_and_garbage() -> None:
    assert readable_preview("Sure, here you go") == "Sure, here you go"
    assert readable_preview('```json\n{"text": "Why Acme?"}') == "Question: Why Acme?"
    assert readable_preview("{]]]") == ""
