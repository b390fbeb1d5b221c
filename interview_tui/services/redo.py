"""Redo a question: answer the same question again, with every attempt kept.

A redo is a one-question session (mode "redo") whose question copies the original's
text, competency, difficulty and guidance and points at it (``Question.redo_of``, always
the first asking, so attempts form one flat list). It runs on the ordinary session
machine and counts in the same statistics; the question is written with the session,
so it starts awaiting the answer without a coach call.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, cast

from peewee import JOIN

from interview_tui.services.coach.question_bank import without_lead_in
from interview_tui.services.session_machine import Event, Progress, State, transition
from interview_tui.services.session_view import SessionNotFound
from interview_tui.store.db import database
from interview_tui.store.models import MockSession, Question, QuestionFeedbackRow, Response

if TYPE_CHECKING:
    from interview_tui.services.workspace import Workspace


@dataclass(frozen=True)
class Attempt:
    """One answer to a question: the first asking or a redo of it."""

    question_id: int
    session_id: int
    mode: str  # the session's mode: interview, drill or redo
    asked_at: datetime
    score: int | None  # the question's feedback score; None until it is written
    level: str | None
    answer: str  # the main answer ("" if never answered)


def root_of(question_id: int) -> Question:
    """The first asking of the question ``question_id`` is, or redoes."""
    question = Question.get_or_none(Question.id == question_id)
    if question is None:
        raise SessionNotFound(f"No question with id {question_id}.")
    if question.redo_of_id is not None:
        root = Question.get_or_none(Question.id == question.redo_of_id)
        if root is not None:
            return root
    return question


def create_redo(question_id: int, backend: str) -> int:
    """Store a one-question session that asks question ``question_id`` again; its id."""
    root = root_of(question_id)
    original: MockSession = root.session
    started = transition(Progress(State.CREATED, total_questions=1), Event.START)
    waiting = transition(started, Event.QUESTION_READY)
    with database.atomic("IMMEDIATE"):
        session = MockSession.create(
            application=original.application_id,
            stage=original.stage,
            difficulty=root.difficulty,
            persona=original.persona,
            question_count=1,
            target_level=original.target_level,
            hide_scores=original.hide_scores,
            state=waiting.state.value,
            backend=backend,
            mode="redo",
            focus=root.competency,
        )
        Question.create(
            session=session,
            number=1,
            text=without_lead_in(root.text),  # "Moving on." belonged to the first asking
            competency=root.competency,
            difficulty=root.difficulty,
            guidance=root.guidance,
            redo_of=root,
        )
    return session.id


def attempts_of(roots: list[int]) -> dict[int, list[Attempt]]:
    """Every attempt at each first asking in ``roots``, oldest first, in one query."""
    if not roots:
        return {}
    query = (
        Question.select(
            Question.id,
            Question.redo_of,
            Question.session,
            MockSession.mode,
            Question.asked_at,
            QuestionFeedbackRow.score,
            QuestionFeedbackRow.level,
            Response.text,
        )
        .join(MockSession)
        .switch(Question)
        .join(QuestionFeedbackRow, on=QuestionFeedbackRow.question == Question.id,
              join_type=JOIN.LEFT_OUTER)
        .switch(Question)
        .join(
            Response,
            on=(Response.question == Question.id) & (Response.number == 1),
            join_type=JOIN.LEFT_OUTER,
        )
        .where(Question.id.in_(roots) | Question.redo_of.in_(roots))
        .order_by(Question.asked_at, Question.id)
    )
    found: dict[int, list[Attempt]] = {root: [] for root in roots}
    for qid, redo_of, sid, mode, asked, score, level, answer in database.execute(query).fetchall():
        root = redo_of if redo_of in found else qid
        found[root].append(Attempt(qid, sid, mode, _as_datetime(asked), score, level, answer or ""))
    return found


def attempts(question_id: int) -> list[Attempt]:
    """Every attempt at the question ``question_id`` belongs to, oldest first."""
    root = root_of(question_id).id
    return attempts_of([root])[root]


def session_attempts(session_id: int) -> dict[int, list[Attempt]]:
    """For each question of the session answered more than once: question number ->
    every attempt at it (the session's questions may be first askings or redos)."""
    # cast: peewee's stubs type the rows of .tuples() as models.
    rows = list(cast("Iterable[tuple[int, int, int | None]]",
        Question.select(Question.number, Question.id, Question.redo_of)
        .where(Question.session == session_id)
        .tuples()
    ))
    roots = {number: redo_of or qid for number, qid, redo_of in rows}
    found = attempts_of(sorted(set(roots.values())))
    return {n: found[r] for n, r in roots.items() if len(found.get(r, [])) > 1}


def _as_datetime(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


class RedoService:
    """Redoing questions, on the workspace's database thread."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    async def start(self, question_id: int) -> int:
        """A new redo session for the question; open it in the interview screen."""
        backend = self._ws.coach.info.backend
        return await self._ws.runner.run(create_redo, question_id, backend)

    async def attempts(self, question_id: int) -> list[Attempt]:
        return await self._ws.runner.run(attempts, question_id)

    async def session_attempts(self, session_id: int) -> dict[int, list[Attempt]]:
        return await self._ws.runner.run(session_attempts, session_id)
