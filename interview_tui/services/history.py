"""Past sessions for the history screen: one query whatever the number of sessions.

``list_sessions`` filters and searches in SQL and counts each session's questions
with a correlated sub-query on the (session, number) index, so 10,000 sessions list
in a few tens of milliseconds without loading a single question row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from peewee import Expression, fn

from interview_tui.services.catalog import DIFFICULTIES, PERSONAS, STAGES
from interview_tui.services.db_runner import DbRunner
from interview_tui.services.session_machine import FINAL_STATES, State
from interview_tui.store.db import database
from interview_tui.store.models import JobApplication, MockSession, Question

if TYPE_CHECKING:
    # The session view brings pydantic and the coach's models: home and history list
    # sessions before the first frame without them (bench/startup.py).
    from interview_tui.services.session_view import SessionView

# The values of the ``status`` filter besides a single State value.
UNFINISHED = "unfinished"
FINISHED = "finished"

# How an unfinished session's state reads in the history table (and in search).
STATE_LABELS: dict[str, str] = {
    **{s.value: "Unfinished" for s in State if s not in FINAL_STATES},
    State.COMPLETED.value: "Completed",
    State.ABANDONED.value: "Ended early",
}


def how_far(state: State, asked: int, planned: int, *, short: bool = False) -> str:
    """Where an unfinished session stopped, out of the questions planned: "on question 2
    of 5, waiting for your answer", or with ``short`` "Q2 of 5". ``asked``: the questions
    stored so far. Never "2 of 2 answered" for a session that is not over."""
    if state in (State.CREATED, State.ASKING):
        number = min(asked + 1, planned)
        return f"Q{number} of {planned}" if short else f"question {number} of {planned} next"
    done = state is State.SUMMARIZING or (state is State.QUESTION_REVIEW and asked >= planned)
    if done:
        if short:
            return "summary due"
        if asked >= planned:
            return f"all {planned} questions done, summary not written yet"
        return f"ended after question {asked} of {planned}, summary not written yet"
    if short:
        return f"Q{asked} of {planned}"
    step = {
        State.AWAITING_ANSWER: "waiting for your answer",
        State.EVALUATING: "your answer is waiting for feedback",
        State.QUESTION_REVIEW: "its feedback is ready",
    }.get(state, state.value)
    return f"on question {asked} of {planned}, {step}"


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
    mode: str = "interview"  # catalog.SESSION_MODES

    @property
    def is_finished(self) -> bool:
        return State(self.state) in FINAL_STATES

    @property
    def stage_label(self) -> str:
        return STAGES.get(self.stage, self.stage)

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    def how_far(self, *, short: bool = False) -> str:
        """Where this unfinished session stopped (see ``how_far``)."""
        return how_far(State(self.state), self.questions_asked, self.question_count, short=short)

    def matches(self, text: str) -> bool:
        """Case-insensitive search over what the history table shows: every word of
        ``text`` must appear in some field (the same rule ``list_sessions`` applies in SQL)."""
        fields = [
            value.lower()
            for value in (self.company, self.role, self.stage, self.stage_label, self.difficulty,
                          self.persona, self.state, self.state_label, self.readiness or "")
        ]
        return all(any(word in f for f in fields) for word in _words(text))


def _words(text: str) -> list[str]:
    return text.lower().split()


def _labelled(labels: dict[str, str], word: str) -> list[str]:
    """Stored values whose label or value contains ``word`` (labels are not in the DB)."""
    return [value for value, label in labels.items() if word in label.lower() or word in value]


def _word_condition(word: str) -> Expression:
    """Rows where ``word`` appears in any searchable column or in a label of one."""
    conditions: list[Expression] = [
        JobApplication.company.contains(word),
        JobApplication.role.contains(word),
        MockSession.readiness.contains(word),
    ]
    for column, labels in (
        (MockSession.stage, STAGES),
        (MockSession.difficulty, DIFFICULTIES),
        (MockSession.persona, PERSONAS),
        (MockSession.state, {s.value: STATE_LABELS[s] for s in State}),
    ):
        values = _labelled(labels, word)
        if values:
            conditions.append(column.in_(values))
        conditions.append(column.contains(word))  # values outside the known labels
    return reduce(or_, conditions)


def list_sessions(
    *,
    search: str = "",
    stage: str | None = None,
    state: str | None = None,
    limit: int | None = None,
) -> list[SessionRow]:
    """Every matching session, newest first, in one query.

    ``search``: every word must appear in the company, role, stage, difficulty, persona,
    state or readiness (case-insensitive). ``stage``: a key of ``STAGES``. ``state``:
    a State value, ``"unfinished"`` or ``"finished"``.
    """
    asked = (
        Question.select(fn.COUNT(Question.id))
        .where(Question.session == MockSession.id)
    )
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
            MockSession.mode,
        )
        .join(JobApplication)
        .order_by(MockSession.started_at.desc(), MockSession.id.desc())
    )
    if stage:
        query = query.where(MockSession.stage == stage)
    final = [s.value for s in FINAL_STATES]
    if state == UNFINISHED:
        query = query.where(MockSession.state.not_in(final))
    elif state == FINISHED:
        query = query.where(MockSession.state.in_(final))
    elif state:
        query = query.where(MockSession.state == state)
    for word in _words(search):
        query = query.where(_word_condition(word))
    if limit is not None:
        query = query.limit(limit)
    # Plain cursor rows: peewee's per-field conversion would triple the time at 10,000
    # rows, and only the start time needs converting.
    return [
        SessionRow(sid, _as_datetime(started), *rest)
        for sid, started, *rest in database.execute(query).fetchall()
    ]


def _as_datetime(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


@dataclass(frozen=True)
class Overview:
    """What the home screen shows: counts, the latest result, sessions to resume."""

    sessions: int
    completed: int
    last_score: float | None
    last_readiness: str | None
    unfinished: list[SessionRow]


def overview(resumable: int = 3) -> Overview:
    """Counts and the newest unfinished sessions, without loading every session."""
    total = MockSession.select().count()
    done = MockSession.select().where(MockSession.overall_score.is_null(False))
    last = done.order_by(MockSession.started_at.desc(), MockSession.id.desc()).first()
    return Overview(
        sessions=total,
        completed=done.count(),
        last_score=last.overall_score if last else None,
        last_readiness=last.readiness if last else None,
        unfinished=list_sessions(state=UNFINISHED, limit=resumable),
    )


def unfinished_sessions() -> list[SessionRow]:
    return list_sessions(state=UNFINISHED)


def delete_session(session_id: int) -> bool:
    """Delete a session with all its questions, answers, analyses, feedback and drafts
    (the foreign keys cascade). Returns whether there was such a session."""
    with database.atomic():
        deleted: int = MockSession.delete().where(MockSession.id == session_id).execute()
        return deleted > 0


def score_trend(rows: list[SessionRow]) -> list[float]:
    """Completed sessions' scores, oldest first, for the trend chart (``rows`` newest first)."""
    return [
        r.overall_score
        for r in reversed(rows)
        if r.overall_score is not None and r.state == State.COMPLETED
    ]


class HistoryService:
    """Past sessions, on the workspace's database thread."""

    def __init__(self, runner: DbRunner) -> None:
        self._runner = runner

    async def list_sessions(
        self,
        *,
        search: str = "",
        stage: str | None = None,
        state: str | None = None,
        limit: int | None = None,
    ) -> list[SessionRow]:
        return await self._runner.run(
            lambda: list_sessions(search=search, stage=stage, state=state, limit=limit)
        )

    async def overview(self, resumable: int = 3) -> Overview:
        return await self._runner.run(overview, resumable)

    async def delete_session(self, session_id: int) -> bool:
        return await self._runner.run(delete_session, session_id)

    async def session(self, session_id: int) -> SessionView:
        """The whole of one session, for review."""
        from interview_tui.services.session_view import load_session_view

        return await self._runner.run(load_session_view, session_id)
