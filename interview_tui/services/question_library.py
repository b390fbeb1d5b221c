"""The question bank as the user sees it: the shipped questions plus their own.

Their own questions (typed, imported, or generated as a practice set for one
application) live in the ``own_question`` table. ``browse`` lists both, filtered by
stage, competency, kind, difficulty, source and application; ``own_for_session`` hands
the interview (and drills) the user's questions as bank questions, so the offline coach
picks them like shipped ones and Claude is told about them. A question already in the
bank (same stage, same words) is not stored twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from peewee import JOIN

from interview_tui.services.catalog import COMPETENCIES
from interview_tui.services.coach.question_bank import BankQuestion, load_bank
from interview_tui.services.db_runner import DbRunner
from interview_tui.services.question_import import (
    NewQuestion,
    RejectedLine,
    read_question_file,
)
from interview_tui.store.db import database
from interview_tui.store.models import JobApplication, OwnQuestion

OWN_PREFIX = "own-"


@dataclass(frozen=True)
class BankEntry:
    """One question of the bank, shipped or the user's own."""

    key: str  # the shipped id, or own-<row id>
    source: str  # shipped | added | imported | generated (catalog.QUESTION_SOURCES)
    stage: str
    competency: str
    difficulty: str
    kind: str
    text: str
    guidance: str
    category: str = ""  # the practice-set type, for generated questions
    application_id: int | None = None
    application: str = ""  # "Company · Role" of a practice set
    follow_ups: tuple[str, ...] = ()
    example_answer: str = ""
    ungrounded: tuple[str, ...] = ()

    @property
    def own_id(self) -> int | None:
        return int(self.key.removeprefix(OWN_PREFIX)) if self.key.startswith(OWN_PREFIX) else None

    def as_bank_question(self) -> BankQuestion:
        return BankQuestion(
            id=self.key, stage=self.stage, competency=self.competency,
            difficulty=self.difficulty, text=self.text, guidance=self.guidance, kind=self.kind,
        )


@dataclass
class AddReport:
    """What happened to a batch of questions: stored, or skipped as already in the bank."""

    added: list[BankEntry] = field(default_factory=list)
    duplicates: list[RejectedLine] = field(default_factory=list)


@dataclass
class ImportReport:
    format: str  # text | json
    added: list[BankEntry] = field(default_factory=list)
    rejected: list[RejectedLine] = field(default_factory=list)  # bad lines
    duplicates: list[RejectedLine] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether every question in the file was imported."""
        return not self.rejected and not self.duplicates


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _shipped(q: BankQuestion) -> BankEntry:
    return BankEntry(
        key=q.id, source="shipped", stage=q.stage, competency=q.competency,
        difficulty=q.difficulty, kind=q.kind, text=q.text, guidance=q.guidance,
    )


def _own(row: OwnQuestion, application: str = "") -> BankEntry:
    return BankEntry(
        key=f"{OWN_PREFIX}{row.id}", source=row.source, stage=row.stage,
        competency=row.competency, difficulty=row.difficulty, kind=row.kind, text=row.text,
        guidance=row.guidance, category=row.category, application_id=row.application_id,
        application=application, follow_ups=tuple(row.follow_ups or ()),
        example_answer=row.example_answer, ungrounded=tuple(row.ungrounded or ()),
    )


@dataclass(frozen=True)
class BankFilter:
    """Which questions to list; ``None`` means any. ``source="own"``: any of the user's."""

    stage: str | None = None
    competency: str | None = None
    kind: str | None = None
    difficulty: str | None = None
    source: str | None = None
    application_id: int | None = None  # only that application's practice set
    search: str = ""


def browse(f: BankFilter = BankFilter()) -> list[BankEntry]:
    """The bank's questions matching every filter of ``f``: the user's own first (newest
    first), then the shipped ones in file order."""
    stage, competency, kind, difficulty = f.stage, f.competency, f.kind, f.difficulty
    source, application_id = f.source, f.application_id
    query = (
        OwnQuestion.select(OwnQuestion, JobApplication.id, JobApplication.company, JobApplication.role)
        .join(JobApplication, join_type=JOIN.LEFT_OUTER)
        .order_by(OwnQuestion.created_at.desc(), OwnQuestion.id.desc())
    )
    for column, value in (
        (OwnQuestion.stage, stage),
        (OwnQuestion.competency, competency),
        (OwnQuestion.kind, kind),
        (OwnQuestion.difficulty, difficulty),
        (OwnQuestion.application, application_id),
    ):
        if value is not None:
            query = query.where(column == value)
    if source not in (None, "own", "shipped"):
        query = query.where(OwnQuestion.source == source)
    words = f.search.casefold().split()
    for word in words:
        query = query.where(OwnQuestion.text.contains(word))
    entries: list[BankEntry] = []
    if source != "shipped":
        for row in query:
            app = row.application
            label = f"{app.company} · {app.role}" if app is not None else ""
            entries.append(_own(row, label))
    if source in (None, "shipped") and application_id is None:
        entries.extend(
            _shipped(q)
            for q in load_bank()
            if (stage is None or q.stage == stage)
            and (competency is None or q.competency == competency)
            and (kind is None or q.kind == kind)
            and (difficulty is None or q.difficulty == difficulty)
            and all(w in q.text.casefold() for w in words)
        )
    return entries


def add_questions(
    questions: list[NewQuestion],
    *,
    source: str,
    application_id: int | None = None,
    category: str = "",
    author: str = "",
    ungrounded: list[list[str]] | None = None,
) -> AddReport:
    """Store ``questions`` in one transaction, skipping any already in the bank for the
    same stage (shipped, the user's own general ones, or this application's). A practice
    set (``application_id`` given) may hold shipped questions: it adds an example answer
    and follow-ups written for that application."""
    report = AddReport()
    with database.atomic("IMMEDIATE"):
        seen = set() if application_id is not None else {
            (q.stage, _norm(q.text)) for q in load_bank()
        }
        scope = OwnQuestion.application.is_null()
        if application_id is not None:
            scope = scope | (OwnQuestion.application == application_id)
        # cast: peewee's stubs type the rows of .tuples() as models.
        pairs = cast("Iterable[tuple[str, str]]", OwnQuestion.select(
            OwnQuestion.stage, OwnQuestion.text).where(scope).tuples())
        seen |= {(s, _norm(t)) for s, t in pairs}
        rows = []
        for index, q in enumerate(questions):
            key = (q.stage, _norm(q.text))
            if key in seen:
                report.duplicates.append(
                    RejectedLine(q.line, "already in the question bank for this stage", q.text[:60])
                )
                continue
            seen.add(key)
            rows.append(OwnQuestion.create(
                application=application_id, stage=q.stage, competency=q.competency,
                difficulty=q.difficulty, kind=q.kind, category=category, text=q.text,
                guidance=q.guidance, follow_ups=list(q.follow_ups),
                example_answer=q.example_answer,
                ungrounded=(ungrounded[index] if ungrounded else []),
                source=source, author=author,
            ))
        label = ""
        if application_id is not None and rows:
            app = JobApplication.get_by_id(application_id)
            label = f"{app.company} · {app.role}"
        report.added = [_own(row, label) for row in rows]
    return report


def import_file(
    path: str | Path, *, stage: str, competency: str | None = None, difficulty: str = "medium"
) -> ImportReport:
    """Import the questions of a text or JSON file: good ones kept, bad lines reported.
    ``ImportFileError`` when the file cannot be read at all (nothing is stored then)."""
    parsed = read_question_file(path, stage=stage, competency=competency, difficulty=difficulty)
    added = add_questions(parsed.questions, source="imported")
    return ImportReport(parsed.format, added.added, parsed.rejected, added.duplicates)


def delete_own(key: str) -> bool:
    """Delete one of the user's own questions (shipped ones cannot be deleted)."""
    if not key.startswith(OWN_PREFIX):
        return False
    own_id = int(key.removeprefix(OWN_PREFIX))
    with database.atomic():
        deleted: int = OwnQuestion.delete().where(OwnQuestion.id == own_id).execute()
        return deleted > 0


def own_for_session(stage: str, application_id: int | None) -> tuple[BankQuestion, ...]:
    """The user's questions a session or drill on ``stage`` may ask: their general ones and
    the practice sets of ``application_id``, oldest first."""
    scope = OwnQuestion.application.is_null()
    if application_id is not None:
        scope = scope | (OwnQuestion.application == application_id)
    query = (
        OwnQuestion.select()
        .where((OwnQuestion.stage == stage) & scope
               & OwnQuestion.competency.in_(list(COMPETENCIES.get(stage, ()))))
        .order_by(OwnQuestion.id)
    )
    return tuple(_own(row).as_bank_question() for row in query)


class QuestionBankService:
    """The question bank, on the workspace's database thread."""

    def __init__(self, runner: DbRunner) -> None:
        self._runner = runner

    async def browse(self, filters: BankFilter = BankFilter()) -> list[BankEntry]:
        return await self._runner.run(browse, filters)

    async def add(self, question: NewQuestion) -> AddReport:
        return await self._runner.run(lambda: add_questions([question], source="added"))

    async def import_file(
        self, path: str | Path, *, stage: str, competency: str | None = None,
        difficulty: str = "medium",
    ) -> ImportReport:
        return await self._runner.run(
            lambda: import_file(path, stage=stage, competency=competency, difficulty=difficulty)
        )

    async def delete(self, key: str) -> bool:
        return await self._runner.run(delete_own, key)

    async def own_for_session(
        self, stage: str, application_id: int | None
    ) -> tuple[BankQuestion, ...]:
        return await self._runner.run(own_for_session, stage, application_id)
