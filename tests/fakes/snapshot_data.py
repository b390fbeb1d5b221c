"""Fixed data for the snapshot tests: sessions built with the deterministic offline coach.

Every builder runs before the app starts, on the open test database, with the clock
frozen (``interview_tui.clock.freeze``) and moved on by fixed steps, so each stored
timestamp, score and text is the same on every run and every machine.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from interview_tui.clock import freeze, now
from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.interview import InterviewService, SessionSetup
from interview_tui.services.profiles import save_application
from interview_tui.services.session_machine import State
from interview_tui.services.session_view import SessionView
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import JobApplication
from tests.fakes.answers import FOLLOW_UP, STRONG, VAGUE, answer_for

T = TypeVar("T")
Answers = Callable[[int, int], str]  # (question number, response number) -> answer

TODAY = datetime(2025, 3, 14, 10, 0)  # naive UTC, as the store keeps times
STEP = timedelta(minutes=3)  # how long each answer "takes" on the frozen clock


def weak(question: int, response: int) -> str:
    return VAGUE


def strong(question: int, response: int) -> str:
    return STRONG if response == 1 else FOLLOW_UP


mixed: Answers = answer_for  # strong and vague main answers in turn


@dataclass(frozen=True)
class PracticeHistory:
    """Ids of the sessions ``practice_history`` stored."""

    completed: list[int]  # oldest first
    abandoned: int
    unfinished: int


# ----- running the service outside the app -------------------------------------------


def build(job: Callable[[InterviewService], Awaitable[T]]) -> T:
    """Run ``job`` with a fresh offline-coached service (no prefetch: nothing runs on)."""

    async def run() -> T:
        service = Workspace(OfflineCoach(seed=1), prefetch=False).interview
        try:
            return await job(service)
        finally:
            await service.workspace.aclose()

    return asyncio.run(run())


@contextmanager
def frozen_at(when: datetime) -> Iterator[None]:
    """Freeze the clock at ``when`` for a while, then back where it was."""
    before = now()
    freeze(when)
    try:
        yield
    finally:
        freeze(before)


def demo_id() -> int:
    return JobApplication.get(JobApplication.is_demo == True).id  # noqa: E712


def add_globex() -> int:
    """A second job application for the demo candidate, so history has two companies."""
    demo = JobApplication.get_by_id(demo_id())
    return save_application(
        demo.candidate,
        company="Globex Logistics",
        role="Staff Platform Engineer",
        interviewer_name="Sam Okafor",
        job_description=(
            "Own the platform that routes 2 million shipments a day: Go services, Postgres, "
            "Kafka, Kubernetes. Lead design reviews and mentor four engineers."
        ),
    ).id


# ----- driving a session ---------------------------------------------------------------


async def start(service: InterviewService, **setup: object) -> SessionView:
    """A new session on the demo application (unless ``application_id`` says otherwise),
    waiting for its first answer."""
    setup.setdefault("application_id", demo_id())
    return await service.start(SessionSetup(**setup))  # type: ignore[arg-type]


async def answer(service: InterviewService, view: SessionView, text: str) -> SessionView:
    """Submit ``text`` three minutes later and let the coach analyse it."""
    freeze(now() + STEP)
    await service.submit_answer(view.id, text, seconds_spent=STEP.total_seconds() - 25)
    return await service.run_pending(view.id)


async def complete(service: InterviewService, view: SessionView, answers: Answers) -> SessionView:
    """Answer every prompt (follow-ups included) and finish with the summary."""
    for _ in range(100):
        p = view.progress
        if view.state is State.AWAITING_ANSWER:
            view = await answer(service, view, answers(p.question_number, p.response_number + 1))
        elif view.state is State.QUESTION_REVIEW:
            freeze(now() + timedelta(minutes=1))  # reading the feedback
            step = service.finish if p.is_last_question else service.next_question
            view = await step(view.id)
        elif view.state is State.COMPLETED:
            return view
        else:
            raise AssertionError(f"unexpected state {view.state}")
    raise AssertionError("session did not complete")


# ----- the scenarios -------------------------------------------------------------------


def awaiting_main_answer() -> int:
    """Question 1 of 5, with a draft typed 42 seconds into the answer."""

    async def job(service: InterviewService) -> int:
        with frozen_at(TODAY):
            view = await start(service, stage="hiring_manager", persona="friendly")
            await service.save_draft(
                view.id,
                "At Parcelwise our tracking service was a monolith and p95 latency had "
                "reached 900 ms, so I",
                42.0,
            )
            return view.id

    return build(job)


async def _on_follow_up(service: InterviewService) -> SessionView:
    view = await start(service, stage="technical", difficulty="hard", persona="challenging",
                       question_count=3)
    view = await answer(service, view, VAGUE)
    assert view.state is State.AWAITING_ANSWER and view.progress.response_number == 1, (
        "the challenging interviewer should follow up on a vague answer"
    )
    return view


def on_follow_up() -> int:
    """A vague first answer, and the challenging interviewer's first follow-up waiting."""

    async def job(service: InterviewService) -> int:
        with frozen_at(TODAY):
            return (await _on_follow_up(service)).id

    return build(job)


def question_feedback() -> int:
    """The follow-up answered, further follow-ups declined: question 1's full feedback."""

    async def job(service: InterviewService) -> int:
        with frozen_at(TODAY):
            view = await _on_follow_up(service)
            view = await answer(service, view, FOLLOW_UP)
            if view.state is State.AWAITING_ANSWER:
                view = await service.move_on(view.id)
            current = view.current_question
            assert view.state is State.QUESTION_REVIEW and current and current.feedback
            return view.id

    return build(job)


def completed_session() -> int:
    """A finished three-question session with its summary."""

    async def job(service: InterviewService) -> int:
        with frozen_at(TODAY):
            view = await start(service, stage="hiring_manager", question_count=3)
            return (await complete(service, view, mixed)).id

    return build(job)


def practice_history() -> PracticeHistory:
    """Two weeks of practice on two applications: four completed sessions with rising
    scores, one ended before any answer, and the newest unfinished on question 2.
    Newest first, as history lists them: unfinished, then the best completed one."""

    async def job(service: InterviewService) -> PracticeHistory:
        globex = add_globex()
        completed = []
        for day, answers, setup in (
            (3, weak, {"stage": "recruiter_screen", "difficulty": "easy", "persona": "friendly"}),
            (5, mixed, {"stage": "hiring_manager", "application_id": globex}),
            (7, mixed, {"stage": "technical", "difficulty": "hard", "persona": "challenging"}),
            (11, strong, {"stage": "hiring_manager", "application_id": globex}),
        ):
            with frozen_at(datetime(2025, 3, day, 18, 30)):
                view = await start(service, question_count=3, **setup)
                completed.append((await complete(service, view, answers)).id)
        with frozen_at(datetime(2025, 3, 9, 8, 15)):
            view = await start(service, stage="technical")
            abandoned = (await service.abandon(view.id)).id
        with frozen_at(datetime(2025, 3, 13, 19, 45)):
            view = await start(service, stage="hiring_manager", application_id=globex)
            unfinished = (await complete_first_question(service, view)).id
        return PracticeHistory(completed, abandoned, unfinished)

    return build(job)


async def complete_first_question(service: InterviewService, view: SessionView) -> SessionView:
    """Answer question 1 and its follow-ups, then go on to question 2."""
    while view.state is State.AWAITING_ANSWER:
        p = view.progress
        view = await answer(service, view, strong(p.question_number, p.response_number + 1))
    view = await service.next_question(view.id)
    assert view.state is State.AWAITING_ANSWER and view.progress.question_number == 2
    return view
