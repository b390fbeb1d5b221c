"""What the benchmarks share: results, a throwaway data directory, the fake Claude server."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

MODEL = "claude-bench"
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    """One line of the results table."""

    benchmark: str
    figures: str  # the absolute figures, for the reader
    ratio: float | None  # against the baseline measured in the same run
    baseline: str  # what the ratio divides by
    target: str = ""
    met: bool | None = None  # None: no target, or nothing to judge
    # False: a slowed build cannot move it (labelled quality, memory, a ratio both sides of
    # which the slowed build slows alike); --slow-build lists it apart instead of judging it.
    slowed: bool = True

    @property
    def verdict(self) -> str:
        return {True: "met", False: "MISSED", None: "-"}[self.met]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


async def warmed_up(seconds: float = 15.0) -> None:
    """Wait until the app's warm-up has turned the collector back on (``cli.main`` starts
    with it off; the warm-up runs a moment after the first frame), as it is for a user
    by the time they start an interview. Returns at once when it was never off."""
    import asyncio
    import gc

    for _ in range(int(seconds / 0.02)):  # bounded
        if gc.isenabled():
            return
        await asyncio.sleep(0.02)
    raise RuntimeError("the app's warm-up never turned the garbage collector back on")


LOG: list[str] = []  # every line ``say`` printed in this run (``--write-readme`` keeps them)


def say(text: str) -> None:
    LOG.append(text)
    print(f"  {text}", flush=True)


@contextmanager
def data_dir() -> Iterator[Path]:
    """A throwaway data directory, with the environment pointed at it (and no API key)."""
    keys = ("INTERVIEW_TUI_DATA_DIR", "INTERVIEW_TUI_CONFIG", "ANTHROPIC_API_KEY",
            "ANTHROPIC_BASE_URL", "INTERVIEW_TUI_OFFLINE")
    saved = {k: os.environ.get(k) for k in keys}
    with tempfile.TemporaryDirectory(prefix="interview-bench-") as tmp:
        path = Path(tmp)
        os.environ.update(INTERVIEW_TUI_DATA_DIR=str(path / "data"),
                          INTERVIEW_TUI_CONFIG=str(path / "config.toml"))
        for key in keys[2:]:
            os.environ.pop(key, None)
        try:
            yield path
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


@contextmanager
def open_db(path: Path) -> Iterator[None]:
    from interview_tui.store import close_database, open_database

    open_database(path)
    try:
        yield
    finally:
        close_database()


# ----- the fake Claude server, in its own process -----------------------------------
#
# The fake runs in a child process so that its own work (JSON, SSE framing) never holds
# the GIL the app needs: what it spends is model time, not the app's overhead. Both
# processes read time.perf_counter (CLOCK_MONOTONIC), so their timestamps compare.


PURPOSE_KEYS = {  # a property only that output schema has -> the call's purpose
    "guidance": "question",
    "brief_feedback": "analysis",
    "revised_answer": "question_feedback",
    "coaching_priorities": "session_feedback",
}


def purpose_of(body: dict) -> str:  # type: ignore[type-arg]
    schema = ((body.get("output_config") or {}).get("format") or {}).get("schema") or {}
    props = schema.get("properties") or {}
    found = next((purpose for key, purpose in PURPOSE_KEYS.items() if key in props), None)
    if found is None and "analysis" in props:  # the reply the interview tasks share
        named = re.search(r"Task: (\w+)", json.dumps(body.get("messages")))
        found = named.group(1) if named else None
    return found if found in PURPOSE_KEYS.values() else "other"


def varied_latency(spread: dict[str, tuple[float, float]], seed: int):  # type: ignore[no-untyped-def]
    """Latency per call: uniform in its purpose's (low, high), the same for the k-th call
    of a purpose in every run with this seed (so runs with and without prefetch compare)."""
    import random
    from collections import Counter

    seen: Counter[str] = Counter()

    def latency(body: dict) -> float:  # type: ignore[type-arg]
        purpose = purpose_of(body)
        seen[purpose] += 1
        low, high = spread.get(purpose, (0.0, 0.0))
        return random.Random(f"{seed}/{purpose}/{seen[purpose]}").uniform(low, high)

    return latency


def serve(options: dict) -> None:  # type: ignore[type-arg]
    """The child process: start the fake, print its address, then answer each line on
    stdin ("spans") with the request spans as JSON, until "stop" or end of input.

    ``spread``/``seed`` in ``options`` add a varying latency per call (``varied_latency``)
    before the fake's own fixed ``latency``."""
    import io

    from tests.fakes.anthropic_server import FakeAnthropic

    spread = options.pop("spread", None)
    latency_for = varied_latency(spread, options.pop("seed", 0)) if spread else None
    spans: list[tuple[float, float]] = []
    with FakeAnthropic(**options) as fake:
        base = fake._server.RequestHandlerClass  # type: ignore[union-attr]

        class Timed(base):  # type: ignore[misc, valid-type]
            def do_POST(self) -> None:
                start, connection = time.perf_counter(), self.rfile
                try:
                    if latency_for is not None:  # read the body first, then hand it on
                        raw = connection.read(int(self.headers.get("content-length") or 0))
                        time.sleep(latency_for(json.loads(raw or b"{}")))
                        self.rfile = io.BytesIO(raw)
                    super().do_POST()
                finally:
                    self.rfile = connection  # the next request on this connection
                    spans.append((start, time.perf_counter()))

        fake._server.RequestHandlerClass = Timed  # type: ignore[union-attr]
        print(fake.base_url, flush=True)
        for line in sys.stdin:
            if line.strip() != "spans":
                break
            print(json.dumps(spans), flush=True)


@dataclass
class FakeClaude:
    """The fake server's address, and the time it spent serving requests."""

    base_url: str
    process: subprocess.Popen[str]

    def spans(self) -> list[tuple[float, float]]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("spans\n")
        self.process.stdin.flush()
        return [tuple(span) for span in json.loads(self.process.stdout.readline())]

    def busy_within(self, start: float, end: float) -> float:
        """Seconds in [start, end] during which at least one request was being served:
        the model time the app waited on (a prefetch running alongside counts once)."""
        spans = sorted((max(a, start), min(b, end)) for a, b in self.spans())
        total, reach = 0.0, start
        for a, b in spans:
            if b <= reach:
                continue
            total += b - max(a, reach)
            reach = b
        return total


@contextmanager
def fake_claude(*, latency: float, chunk_delay: float = 0.0, min_cache_tokens: int = 1024,
                spread: dict[str, tuple[float, float]] | None = None,
                seed: int = 0) -> Iterator[FakeClaude]:
    """The fake Claude server (tests/fakes/anthropic_server.py), started in a child process;
    ``spread`` gives each purpose a varying extra latency (``varied_latency``)."""
    options: dict = {"latency": latency, "chunk_delay": chunk_delay,  # type: ignore[type-arg]
                     "min_cache_tokens": min_cache_tokens}
    if spread:
        options.update(spread=spread, seed=seed)
    code = f"from bench.common import serve; serve({options!r})"
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        if not base_url.startswith("http://127.0.0.1:"):
            raise RuntimeError("the fake Claude server did not start")
        yield FakeClaude(base_url, process)
    finally:
        with suppress(OSError):
            process.communicate("stop\n", timeout=10)
        if process.poll() is None:
            process.kill()
            process.wait()


def claude_coach(fake: FakeClaude, **kwargs: object):  # type: ignore[no-untyped-def]
    from interview_tui.services.coach.claude import ClaudeCoach

    return ClaudeCoach(MODEL, api_key="bench-key", base_url=fake.base_url, max_retries=0,
                       **kwargs)


# ----- a realistic-length candidate (the demo resume sits at the cache threshold) -----

REAL_RESUME = """Jordan Okafor
Staff-level Backend Engineer · Lisbon, Portugal

SUMMARY
Backend engineer with nine years in payments, logistics and developer platforms. I design
event-driven systems that stay correct under load, and I lead small teams through
migrations without downtime.

EXPERIENCE

Senior Software Engineer, Parcelwise (logistics SaaS), 2021-present
- Led the migration of the shipment-tracking service from a monolith to three Go services;
  p95 latency fell from 900 ms to 180 ms and tracking-related support tickets fell by 40%.
- Designed an idempotent webhook pipeline handling 4 million carrier events a day, with
  zero lost events over 18 months; wrote the replay tooling used in every incident since.
- Introduced contract tests between the tracking and billing services, cutting integration
  regressions from roughly two a month to none in the following two quarters.
- Mentored 3 junior engineers; two were promoted within a year. Ran the backend guild.
- Ran the on-call rotation redesign that cut pages per week from 35 to 9, by deleting
  noisy alerts, adding SLO-based paging and writing runbooks for the top ten alerts.
- Negotiated the Kafka cluster upgrade plan with the platform team and carried it out
  over six weeks with no customer-visible incident.

Software Engineer, Tillpoint (payments), 2018-2021
- Built the refunds API in Python and PostgreSQL used by 1,200 merchants; partial refunds,
  multi-currency and an audit trail the finance team reconciles against every night.
- Reduced failed card settlements by 22% by adding retry scheduling and reconciliation reports.
- Worked with finance and support to define the dispute-handling workflow, which moved
  disputes from a shared inbox to a tracked queue with a five-day resolution target.
- Cut the CI pipeline from 38 to 11 minutes by splitting the test suite and caching builds.

Software Engineer, Brightpath Analytics, 2016-2018
- Wrote the ingestion workers for a clickstream pipeline (Python, RabbitMQ, Redshift)
  processing 200 million events a day.
- Replaced a nightly batch job with incremental loads, making dashboards fresh within
  fifteen minutes instead of the next morning.

PROJECTS
- Maintainer of a small open-source library for idempotency keys in Go (1.4k stars).
- Talk: "Exactly-once is a lie, at-least-once plus idempotency is not" (GopherCon EU 2023).

SKILLS
Python, Go, PostgreSQL, Kafka, RabbitMQ, Redis, AWS (ECS, RDS, SQS, Lambda), Terraform,
observability (OpenTelemetry, Prometheus, Grafana), contract testing, incident command.

EDUCATION
BSc Computer Science, University of Leeds, 2016
"""

REAL_JD = """Northwind Freight is hiring a Staff Backend Engineer to own our shipment-event platform.

About the team
The Shipment Events team builds the systems that tell shippers, carriers and our own
operations staff where every parcel is. We ingest around 30 million carrier events a day,
normalise them, and fan them out to customer webhooks, our tracking pages and the
analytics warehouse. The team is eight engineers across Lisbon and Berlin, with a
product manager and a designer shared with the Customer Experience group.

What you will do
- Design and operate high-throughput event pipelines (Kafka, PostgreSQL) with strong
  reliability guarantees: exactly-once effects, replay, back-pressure and graceful
  degradation when a carrier floods us.
- Lead technical decisions across two product teams: write and review design documents,
  set standards for service boundaries, and make the trade-offs explicit.
- Mentor engineers at every level, run design reviews, and help us hire.
- Partner with operations and customer support to turn incidents into lasting fixes;
  own the post-incident process for your area.
- Improve observability and on-call health: SLOs, alert quality, runbooks, load tests.
- Plan and lead the migration of our legacy tracking database to a partitioned schema
  without downtime.

What you have
- 8+ years building backend systems in Python or Go, including several years owning
  production services with real traffic.
- Deep experience with distributed systems, idempotency, ordering and data consistency.
- A track record of leading cross-team technical work and shipping it incrementally.
- Clear written and spoken communication with technical and non-technical stakeholders.
- Comfort with ambiguity: you can turn a vague problem into a plan others can follow.

Nice to have
- Experience in logistics, payments or another domain with messy external partners.
- Kubernetes or ECS in production; Terraform; OpenTelemetry.

How we interview
A recruiter screen, a hiring-manager conversation about your past work, and a technical
interview on designing an event pipeline. We care about your reasoning more than
trivia, and about what you personally did on the projects you describe.
"""


def add_application(resume: str, jd: str) -> int:
    """A candidate and application with this resume and job description; its id."""
    from interview_tui.services.profiles import save_application, save_candidate

    candidate = save_candidate("Jordan Okafor", resume, headline="Backend engineer")
    return save_application(candidate, company="Northwind Freight", role="Staff Backend Engineer",
                            job_description=jd, interviewer_name="Priya Shah").id
