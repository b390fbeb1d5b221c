"""Progress over time: every figure the progress screen and report show, computed in SQL.

Nothing here loads a session row by row: the score chart is a fixed number of buckets
(``ROW_NUMBER()`` over the completed sessions, grouped into ``points`` equal runs), the
competencies are one ``GROUP BY``, the time per question one more, so 10,000 sessions
cost a handful of aggregate queries. Drills and redos count like any session.

What counts: a session's score once it is completed (``overall_score``); a question's
score once its feedback is written, whatever became of its session; the time of a
question is the sum of its answers' recorded seconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from peewee import JOIN, Case, Expression, fn

from interview_tui.clock import now
from interview_tui.services.catalog import SESSION_MODES
from interview_tui.services.session_machine import State, readiness
from interview_tui.store.db import database
from interview_tui.store.models import (
    Interview,
    JobApplication,
    MockSession,
    Question,
    QuestionFeedbackRow,
    Response,
)

if TYPE_CHECKING:
    from interview_tui.services.exports import ExportedFile
    from interview_tui.services.practice_plan import PlanItem
    from interview_tui.services.workspace import Workspace

CHART_POINTS = 60  # buckets in the score chart (the screen and the report)


@dataclass(frozen=True)
class ProgressFilter:
    application_id: int | None = None
    stage: str | None = None


@dataclass(frozen=True)
class TrendPoint:
    """A run of consecutive completed sessions (one session while there are few)."""

    first_at: datetime
    last_at: datetime
    sessions: int
    mean: float
    ready: int  # sessions of the run that scored Ready, Almost Ready, Needs Practice
    almost: int
    needs: int

    @property
    def readiness(self) -> str:
        return readiness(self.mean)


@dataclass(frozen=True)
class CompetencyStat:
    competency: str
    questions: int
    mean: float  # to two decimals
    best: int
    worst: int


@dataclass(frozen=True)
class ProgressReport:
    filter: ProgressFilter
    sessions: int  # completed sessions
    by_mode: dict[str, int]  # completed sessions per mode (interview, drill, redo)
    first_score: float | None
    latest_score: float | None
    mean_score: float | None  # to one decimal, as session scores are
    trend: list[TrendPoint]
    # The details (``add_details``): a screen shows the summary above first.
    competencies: list[CompetencyStat] = field(default_factory=list)  # strongest first
    questions: int = 0  # questions with feedback
    avg_seconds: float | None = None  # per question, over the questions with a recorded time
    timed_questions: int = 0
    plan: list[PlanItem] = field(default_factory=list)
    complete: bool = False  # the details are in

    @property
    def improvement(self) -> float | None:
        if self.first_score is None or self.latest_score is None:
            return None
        return round(self.latest_score - self.first_score, 1)

    @property
    def strongest(self) -> CompetencyStat | None:
        return self.competencies[0] if self.competencies else None

    @property
    def weakest(self) -> CompetencyStat | None:
        return self.competencies[-1] if len(self.competencies) > 1 else None

    @property
    def readiness_counts(self) -> tuple[int, int, int]:
        """(Ready, Almost Ready, Needs Practice) over every completed session."""
        return (
            sum(p.ready for p in self.trend),
            sum(p.almost for p in self.trend),
            sum(p.needs for p in self.trend),
        )


def filtered(f: ProgressFilter) -> bool:
    return f.application_id is not None or bool(f.stage)


def session_filter(f: ProgressFilter) -> Expression:
    condition: Expression = MockSession.id.is_null(False)
    if f.application_id is not None:
        condition &= MockSession.application == f.application_id
    if f.stage:
        condition &= MockSession.stage == f.stage
    return condition


def _completed(f: ProgressFilter) -> Expression:
    return (
        session_filter(f)
        & (MockSession.state == State.COMPLETED.value)
        & MockSession.overall_score.is_null(False)
    )


def _as_datetime(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


@dataclass(frozen=True)
class SessionFigures:
    trend: list[TrendPoint]
    first_score: float | None
    latest_score: float | None
    by_mode: dict[str, int]


def session_figures(f: ProgressFilter, points: int = CHART_POINTS) -> SessionFigures:
    """Completed sessions oldest first in at most ``points`` runs of equal size, the first
    and latest score and the count per mode: one query (each session's rank and the
    total come from window functions), whatever the number of sessions."""
    ranked = (
        MockSession.select(
            MockSession.overall_score.alias("score"),
            MockSession.started_at.alias("started"),
            MockSession.mode.alias("mode"),
            fn.ROW_NUMBER()
            .over(order_by=[MockSession.started_at, MockSession.id])
            .alias("rn"),
            fn.COUNT(1).over().alias("total"),
        )
        .where(_completed(f))
        .alias("ranked")
    )
    score, started, total, rn = ranked.c.score, ranked.c.started, ranked.c.total, ranked.c.rn
    # Integer division: with fewer sessions than points, one session a run.
    runs = Case(None, [(total < points, total)], points)  # portable: no two-argument MIN
    bucket = ((rn - 1) * runs) / total
    modes = list(SESSION_MODES)
    query = (
        MockSession.select(
            bucket.alias("bucket"),
            fn.MIN(started),
            fn.MAX(started),
            fn.COUNT(1),
            fn.AVG(score),
            fn.SUM(Case(None, [(score >= 8, 1)], 0)),
            fn.SUM(Case(None, [((score >= 6) & (score < 8), 1)], 0)),
            fn.SUM(Case(None, [(score < 6, 1)], 0)),
            fn.MAX(Case(None, [(rn == 1, score)], None)),
            fn.MAX(Case(None, [(rn == total, score)], None)),
            *(fn.SUM(Case(None, [(ranked.c.mode == m, 1)], 0)) for m in modes),
        )
        .from_(ranked)
        .group_by(bucket)
        .order_by(bucket)
    )
    trend, first, latest = [], None, None
    by_mode = dict.fromkeys(modes, 0)
    for _, a, b, n, mean, ready, almost, needs, head, tail, *counts in database.execute(
        query
    ).fetchall():
        trend.append(TrendPoint(_as_datetime(a), _as_datetime(b), n, round(mean, 2), ready,
                                almost, needs))
        first = head if head is not None else first
        latest = tail if tail is not None else latest
        for mode, count in zip(modes, counts, strict=True):
            by_mode[mode] += count
    return SessionFigures(trend, first, latest, {m: n for m, n in by_mode.items() if n})


def score_trend(f: ProgressFilter, points: int = CHART_POINTS) -> list[TrendPoint]:
    return session_figures(f, points).trend


def competency_stats(f: ProgressFilter) -> list[CompetencyStat]:
    """Each competency's scored questions, strongest (highest mean) first."""
    mean = fn.AVG(QuestionFeedbackRow.score)
    query = (
        Question.select(
            Question.competency,
            fn.COUNT(QuestionFeedbackRow.id),
            mean,
            fn.MAX(QuestionFeedbackRow.score),
            fn.MIN(QuestionFeedbackRow.score),
        )
        .join(QuestionFeedbackRow, on=QuestionFeedbackRow.question == Question.id)
        .group_by(Question.competency)
        .tuples()
    )
    if filtered(f):  # the join to the sessions costs a third of the time: only when needed
        query = query.switch(Question).join(MockSession, on=Question.session == MockSession.id)
        query = query.where(session_filter(f))
    stats = [
        CompetencyStat(c, n, round(m, 2), best, worst)
        for c, n, m, best, worst in database.execute(query).fetchall()
    ]
    # Ties: more evidence first among the strong, so the weakest is the least practised.
    return sorted(stats, key=lambda s: (-s.mean, -s.questions, s.competency))


def time_per_question(f: ProgressFilter) -> tuple[float | None, int]:
    """(mean seconds per question, questions with a recorded time).

    The mean over questions of each question's total is the total over the number of
    questions: one pass over the responses, no per-question grouping."""
    query = Response.select(
        fn.SUM(Response.seconds_spent), fn.COUNT(Response.question.distinct())
    ).where(Response.seconds_spent.is_null(False))
    if filtered(f):
        query = (
            query.join(Question, on=Response.question == Question.id)
            .join(MockSession, on=Question.session == MockSession.id)
            .where(session_filter(f))
        )
    total, count = query.tuples().first() or (None, 0)
    if not count or total is None:
        return None, 0
    return round(total / count, 1), count


def build_summary(f: ProgressFilter, points: int = CHART_POINTS) -> ProgressReport:
    """The session figures for ``f``: chart, first/latest/mean, modes (one query)."""
    figures = session_figures(f, points)
    trend = figures.trend
    sessions = sum(p.sessions for p in trend)
    total = sum(p.mean * p.sessions for p in trend)
    return ProgressReport(
        filter=f,
        sessions=sessions,
        by_mode=figures.by_mode,
        first_score=figures.first_score,
        latest_score=figures.latest_score,
        mean_score=round(total / sessions, 1) if sessions else None,
        trend=trend,
    )


def add_details(report: ProgressReport, plan: bool = True) -> ProgressReport:
    """``report`` with the question figures: competencies, time per question, the plan."""
    f = report.filter
    competencies = competency_stats(f)
    seconds, timed = time_per_question(f)
    items: list[PlanItem] = []
    if plan:
        from interview_tui.services.practice_plan import practice_plan

        items = practice_plan(f, competencies)
    return replace(
        report,
        competencies=competencies,
        questions=sum(c.questions for c in competencies),
        avg_seconds=seconds,
        timed_questions=timed,
        plan=items,
        complete=True,
    )


def build_report(f: ProgressFilter, points: int = CHART_POINTS, plan: bool = True) -> ProgressReport:
    """Every figure of the progress screen for ``f`` (a few aggregate queries)."""
    return add_details(build_summary(f, points), plan)


@dataclass(frozen=True)
class Upcoming:
    """The next real interview on the calendar."""

    id: int
    application_id: int
    company: str
    role: str
    stage: str
    scheduled_at: datetime


@dataclass(frozen=True)
class Glance:
    """What home shows a returning user besides the sessions to resume."""

    weakest: CompetencyStat | None
    next_interview: Upcoming | None


def next_interview() -> Upcoming | None:
    row = (
        Interview.select(
            Interview.id,
            Interview.application,
            JobApplication.company,
            JobApplication.role,
            Interview.stage,
            Interview.scheduled_at,
        )
        .join(JobApplication, JOIN.INNER)
        .where(Interview.scheduled_at > now())
        .order_by(Interview.scheduled_at)
        .limit(1)
        .tuples()
        .first()
    )
    if row is None:
        return None
    iid, app_id, company, role, stage, at = row
    return Upcoming(iid, app_id, company, role, stage, _as_datetime(at))


def glance() -> Glance:
    stats = competency_stats(ProgressFilter())
    return Glance(weakest=stats[-1] if len(stats) > 1 else None, next_interview=next_interview())


@dataclass(frozen=True)
class ApplicationChoice:
    id: int
    label: str


def applications() -> list[ApplicationChoice]:
    """Every application, for the filter (newest first)."""
    # cast: peewee's stubs type the rows of .tuples() as models.
    query = cast("Iterable[tuple[int, str, str]]", (
        JobApplication.select(JobApplication.id, JobApplication.company, JobApplication.role)
        .order_by(JobApplication.id.desc())
        .tuples()
    ))
    return [ApplicationChoice(i, f"{c} · {r}") for i, c, r in query]


class ProgressService:
    """Progress figures, on the workspace's database thread."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    async def report(self, f: ProgressFilter | None = None, points: int = CHART_POINTS) -> ProgressReport:
        return await self._ws.runner.run(build_report, f or ProgressFilter(), points)

    async def summary(self, f: ProgressFilter, points: int = CHART_POINTS) -> ProgressReport:
        """The session figures alone, to show while ``details`` reads the questions."""
        return await self._ws.runner.run(build_summary, f, points)

    async def details(self, report: ProgressReport) -> ProgressReport:
        return await self._ws.runner.run(add_details, report)

    async def glance(self) -> Glance:
        return await self._ws.runner.run(glance)

    async def applications(self) -> list[ApplicationChoice]:
        return await self._ws.runner.run(applications)

    async def export(
        self, f: ProgressFilter, folder: Path, scope: str = ""
    ) -> tuple[ExportedFile, ExportedFile]:
        """Write the report for ``f`` as Markdown and HTML into ``folder``; where each went."""
        from interview_tui.services.progress_report import export_files

        return await self._ws.runner.run(export_files, f, folder, scope)
