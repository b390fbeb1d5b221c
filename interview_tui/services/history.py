"""Past sessions for the history screen: one query whatever the number of sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN, fn

from interview_tui.services.session_machine import FINAL_STATES, STAGES, State
from interview_tui.store.db import database
from interview_tui.store.models import JobApplication, MockSession, Question


@dataclass(frozen=True)
class SessionRow:
    id: int
    started_at: datetime
    company: str
    role: str
    stage: str
    difficulty: str
    persona: str
    state: str
    question_count: int
    questions_asked: int
    overall_score: float | None
    readiness: str | None

    @property
    def is_finished(self) -> bool:
        return State(self.state) in FINAL_STATES

    @property
    def stage_label(self) -> str:
        return STAGES.get(self.stage, self.stage)

    def matches(self, text: str) -> bool:
        """Case-insensitive search over what the history table shows."""
        needle = text.strip().lower()
        return not needle or any(
            needle in value.lower()
            for value in (self.company, self.role, self.stage_label, self.difficulty,
                          self.persona, self.state, self.readiness or "")
        )


def list_sessions(
    *, search: str = "", stage: str | None = None, state: str | None = None
) -> list[SessionRow]:
    """Newest first. ``state`` is a State value, or "unfinished"."""
    asked = fn.COUNT(Question.id)
    query = (
        MockSession.select(
            MockSession.id,
            MockSession.started_at,
            JobApplication.company,
            JobApplication.role,
            MockSession.stage,
            MockSession.difficulty,
            MockSession.persona,
            MockSession.state,
            MockSession.question_count,
            asked,
            MockSession.overall_score,
            MockSession.readiness,
        )
        .join(JobApplication)
        .switch(MockSession)
        .join(Question, JOIN.LEFT_OUTER)
        .group_by(MockSession.id)
        .order_by(MockSession.started_at.desc(), MockSession.id.desc())
    )
    if stage:
        query = query.where(MockSession.stage == stage)
    if state == "unfinished":
        query = query.where(MockSession.state.not_in([s.value for s in FINAL_STATES]))
    elif state:
        query = query.where(MockSession.state == state)
    rows = [SessionRow(*values) for values in query.tuples()]
    if search.strip():
        rows = [r for r in rows if r.matches(search)]
    return rows


def unfinished_sessions() -> list[SessionRow]:
    return list_sessions(state="unfinished")


def delete_session(session_id: int) -> None:
    """Delete a session with all its questions, answers, analyses and drafts."""
    with database.atomic():
        MockSession.delete().where(MockSession.id == session_id).execute()


def score_trend(rows: list[SessionRow]) -> list[float]:
    """Completed sessions' scores, oldest first, for the trend chart."""
    return [r.overall_score for r in reversed(rows) if r.overall_score is not None]
