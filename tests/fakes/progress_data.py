"""Sessions with scored questions, written straight into the database, for the progress
tests: each question gets a main answer (with its time), its analysis and its feedback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from interview_tui.services.session_machine import readiness, session_score
from interview_tui.store.models import (
    Analysis,
    JobApplication,
    MockSession,
    Question,
    QuestionFeedbackRow,
    Response,
)


@dataclass(frozen=True)
class Scored:
    competency: str
    score: int
    seconds: float | None = None
    follow_up_seconds: float | None = None  # a second response, when given
    difficulty: str = "medium"


def add_scored_session(
    application: JobApplication | int,
    started_at: datetime,
    questions: list[Scored],
    *,
    stage: str = "recruiter_screen",
    mode: str = "interview",
    state: str = "completed",
    focus: str | None = None,
) -> MockSession:
    """A session whose questions all have feedback; completed ones get the mean as score."""
    score = session_score([q.score for q in questions]) if state == "completed" else None
    session = MockSession.create(
        application=application, stage=stage, difficulty="medium", persona="neutral",
        question_count=max(len(questions), 1), target_level="L5A", state=state,
        started_at=started_at, mode=mode, focus=focus,
        completed_at=started_at + timedelta(minutes=20) if state == "completed" else None,
        overall_score=score, readiness=readiness(score) if score is not None else None,
    )
    for number, q in enumerate(questions, start=1):
        row = Question.create(
            session=session, number=number, text=f"Question {number} on {q.competency}?",
            competency=q.competency, difficulty=q.difficulty,
            asked_at=started_at + timedelta(minutes=number),
        )
        answers = [q.seconds] + ([q.follow_up_seconds] if q.follow_up_seconds is not None else [])
        for rnum, seconds in enumerate(answers, start=1):
            response = Response.create(
                question=row, number=rnum, prompt=row.text, text=f"Answer {rnum} to {number}.",
                seconds_spent=seconds,
            )
            Analysis.create(response=response, score=q.score, level="L4", brief_feedback="ok")
        QuestionFeedbackRow.create(
            question=row, score=q.score, level="L4", assessment="fine", revised_answer="r"
        )
    return session
