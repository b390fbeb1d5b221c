"""A practice plan from the weakest competencies: what to drill next, and why.

For each of the (up to three) weakest competencies scoring below Ready: a drill on it at
a difficulty that fits its average, two bank questions not yet asked on it, and the
lowest-scored past question on it to redo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview_tui.services.catalog import competency_label, stage_of
from interview_tui.services.coach.question_bank import questions_for
from interview_tui.services.progress import session_filter
from interview_tui.store.db import database
from interview_tui.store.models import MockSession, Question, QuestionFeedbackRow

if TYPE_CHECKING:
    from interview_tui.services.progress import CompetencyStat, ProgressFilter

PLAN_SIZE = 3
READY = 8.0
SUGGESTED = 2  # bank questions per item


@dataclass(frozen=True)
class RedoCandidate:
    question_id: int
    text: str
    score: int


@dataclass(frozen=True)
class PlanItem:
    competency: str
    stage: str
    difficulty: str  # for the drill
    why: str
    questions: tuple[str, ...]  # bank questions on it not asked yet
    redo: RedoCandidate | None  # the lowest-scored past question on it


def drill_difficulty(mean: float) -> str:
    """Easy below 5, medium below 7, hard from 7: stretch without drowning."""
    if mean < 5:
        return "easy"
    return "medium" if mean < 7 else "hard"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _lowest_question(f: ProgressFilter, competency: str) -> RedoCandidate | None:
    row = (
        Question.select(Question.id, Question.text, QuestionFeedbackRow.score)
        .join(QuestionFeedbackRow, on=QuestionFeedbackRow.question == Question.id)
        .switch(Question)
        .join(MockSession, on=Question.session == MockSession.id)
        .where(session_filter(f) & (Question.competency == competency))
        .order_by(QuestionFeedbackRow.score, Question.asked_at.desc(), Question.id.desc())
        .limit(1)
        .tuples()
        .first()
    )
    return RedoCandidate(*row) if row else None


def _asked_texts(competency: str) -> list[str]:
    query = Question.select(Question.text).where(Question.competency == competency).distinct()
    return [_norm(text) for (text,) in database.execute(query).fetchall()]


def practice_plan(f: ProgressFilter, stats: list[CompetencyStat]) -> list[PlanItem]:
    """Items for the weakest competencies below Ready, weakest first."""
    weak = [s for s in reversed(stats) if s.mean < READY][:PLAN_SIZE]
    items = []
    for rank, stat in enumerate(weak):
        stage = stage_of(stat.competency)
        if stage is None:
            continue  # a competency the catalog no longer knows
        difficulty = drill_difficulty(stat.mean)
        asked = _asked_texts(stat.competency)
        fresh = [
            q.text
            for q in questions_for(stage, stat.competency, difficulty)
            if not any(_norm(q.text) in a for a in asked)
        ]
        where = "your weakest competency" if rank == 0 else f"number {rank + 1} from the bottom"
        why = (
            f"{competency_label(stat.competency)} averages {stat.mean:.1f} over "
            f"{stat.questions} question{'s' if stat.questions != 1 else ''} ({where}; "
            f"lowest {stat.worst}, best {stat.best}). Drill it at {difficulty} difficulty."
        )
        items.append(
            PlanItem(
                competency=stat.competency,
                stage=stage,
                difficulty=difficulty,
                why=why,
                questions=tuple(fresh[:SUGGESTED]),
                redo=_lowest_question(f, stat.competency),
            )
        )
    return items
