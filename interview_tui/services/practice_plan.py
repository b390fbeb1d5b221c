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
from interview_tui.services.progress import filtered, session_filter
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


def _lowest_questions(f: ProgressFilter, competencies: list[str]) -> dict[str, RedoCandidate]:
    """Each competency's lowest-scored question (the latest of equals). One top-1 query per
    competency: SQLite finds a LIMIT 1 in one pass, where a window would sort them all."""
    found = {}
    for competency in competencies:
        query = (
            Question.select(Question.id, Question.text, QuestionFeedbackRow.score)
            .join(QuestionFeedbackRow, on=QuestionFeedbackRow.question == Question.id)
            .where(Question.competency == competency)
            .order_by(QuestionFeedbackRow.score, Question.asked_at.desc(), Question.id.desc())
            .limit(1)
        )
        if filtered(f):
            query = query.switch(Question).join(MockSession, on=Question.session == MockSession.id)
            query = query.where(session_filter(f))
        row = query.tuples().first()
        if row is not None:
            found[competency] = RedoCandidate(*row)
    return found


def _asked_texts(competencies: list[str]) -> dict[str, list[str]]:
    """The texts already asked on each competency, normalised, in one query."""
    query = (
        Question.select(Question.competency, Question.text)
        .where(Question.competency.in_(competencies))
        .distinct()
    )
    asked: dict[str, list[str]] = {c: [] for c in competencies}
    for competency, text in database.execute(query).fetchall():
        asked[competency].append(_norm(text))
    return asked


def practice_plan(f: ProgressFilter, stats: list[CompetencyStat]) -> list[PlanItem]:
    """Items for the weakest competencies below Ready, weakest first."""
    weak = [s for s in reversed(stats) if s.mean < READY][:PLAN_SIZE]
    if not weak:
        return []
    names = [s.competency for s in weak]
    lowest = _lowest_questions(f, names)
    asked_by = _asked_texts(names)
    items = []
    for rank, stat in enumerate(weak):
        stage = stage_of(stat.competency)
        if stage is None:
            continue  # a competency the catalog no longer knows
        difficulty = drill_difficulty(stat.mean)
        asked = asked_by[stat.competency]
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
                redo=lowest.get(stat.competency),
            )
        )
    return items
