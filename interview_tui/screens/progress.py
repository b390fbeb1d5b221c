"""Progress: scores over time, readiness, competencies, time per question, a practice plan.

Every figure comes from ``ProgressService`` (aggregates in SQL, a fixed number of chart
points), loaded in an async worker; filters by application and stage reload it. The
plan's keys start a drill on a weak competency or redo its lowest-scored question.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from interview_tui.screens.access import interview_app, workspace
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.format import SCORE_COLORS, competency_label, score_style
from interview_tui.screens.widgets.score_trend import ScoreTrend
from interview_tui.services.catalog import SESSION_MODES, STAGES
from interview_tui.services.exports import exports_dir
from interview_tui.services.interview import SessionSetup
from interview_tui.services.practice_plan import PlanItem
from interview_tui.services.progress import ApplicationChoice, ProgressFilter, ProgressReport

STAGE_FILTERS: list[str | None] = [None, *STAGES]
DRILL_QUESTIONS = 5
READINESS_COLORS = {"Ready": "green", "Almost Ready": "yellow", "Needs Practice": "red"}


def improvement_line(report: ProgressReport) -> str:
    """'first session 5.8, latest 7.2, +1.4'."""
    if report.first_score is None or report.latest_score is None:
        return "no completed session yet"
    if report.sessions == 1:
        return f"one session so far, {report.first_score:.1f}"
    delta = report.improvement or 0.0
    return (
        f"first session {report.first_score:.1f}, latest {report.latest_score:.1f}, {delta:+.1f}"
    )


def minutes(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds / 60:.1f} min" if seconds >= 90 else f"{seconds:.0f} s"


class ProgressScreen(Screen[None]):
    DEFAULT_CSS = """
    ProgressScreen #body { padding: 0 1; }
    ProgressScreen #filters { margin-top: 1; }
    ProgressScreen #headline { margin-top: 1; }
    ProgressScreen ScoreTrend { margin-top: 1; height: 6; }
    ProgressScreen #readiness { margin-top: 1; }
    ProgressScreen #competencies { margin-top: 1; height: auto; }
    ProgressScreen #plan-title { margin-top: 1; }
    ProgressScreen #plan { height: auto; max-height: 18; border: round $primary 50%; }
    ProgressScreen #plan:focus { border: round $primary; }
    ProgressScreen.-empty ScoreTrend, ProgressScreen.-empty #readiness,
    ProgressScreen.-empty #competencies, ProgressScreen.-empty #plan-title,
    ProgressScreen.-empty #plan { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "cycle_application", "Application", id="progress.application",
                tooltip="Filter by job application"),
        Binding("s", "cycle_stage", "Stage", id="progress.stage",
                tooltip="Filter by stage: all, recruiter screen, hiring manager, technical"),
        Binding("enter", "drill", "Drill it", id="progress.drill",
                tooltip="Start a drill on the highlighted competency of the plan"),
        Binding("r", "redo", "Redo", id="progress.redo",
                tooltip="Answer the plan item's lowest-scored question again"),
        Binding("x", "export", "Export", id="progress.export",
                tooltip="Write this report as Markdown and HTML into the data directory"),
        Binding("escape", "app.pop_screen", "Back", id="progress.back", tooltip="Back"),
    ]

    def __init__(self, application_id: int | None = None) -> None:
        super().__init__()
        self._application_id = application_id
        self._stage: str | None = None
        self._apps: list[ApplicationChoice] | None = None
        self.report: ProgressReport | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="body"):
            yield Static(id="filters")
            yield Static("Loading your progress…", id="headline")
            yield ScoreTrend(id="trend")
            yield Static(id="readiness")
            yield Static(id="competencies")
            yield Static(Text.assemble(("Practice plan", "bold"), (
                "  enter drills the highlighted competency · r redoes its lowest question",
                "dim")), id="plan-title")
            yield OptionList(id="plan")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Progress"
        self._show_filters()
        self.query_one("#plan", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.reload()  # a drill or redo may have just finished

    def reload(self) -> None:
        self._load(ProgressFilter(self._application_id, self._stage))

    @work(exclusive=True, group="progress", exit_on_error=False)
    async def _load(self, f: ProgressFilter) -> None:
        service = workspace(self).progress
        points = max(self.app.size.width - 10, 10)
        # The session figures first (a few ms), then the per-question ones under them.
        summary = await service.summary(f, points=points)
        self._show(summary)
        if self._apps is None:
            self._apps = await service.applications()
            self._show_filters()
        self._show(await service.details(summary))

    # ----- rendering ----------------------------------------------------------------

    def _application_label(self) -> str:
        if self._application_id is None:
            return "all"
        app = next((a for a in self._apps or [] if a.id == self._application_id), None)
        return app.label if app else f"#{self._application_id}"

    def _show_filters(self) -> None:
        line = Text()
        line.append("a", style="bold")
        line.append(" application: ")
        line.append(self._application_label(), style="bold")
        line.append("   s", style="bold")
        line.append(" stage: ")
        line.append(STAGES.get(self._stage or "", "all").lower(), style="bold")
        self.query_one("#filters", Static).update(line)

    def _show(self, report: ProgressReport) -> None:
        self.report = report
        empty = report.complete and report.sessions == 0 and not report.competencies
        self.set_class(empty, "-empty")
        self.query_one("#headline", Static).update(self._headline(report))
        self.query_one(ScoreTrend).show(
            [p.mean for p in report.trend], "mean per run of sessions"
            if report.trend and report.trend[0].sessions > 1 else "",
            "No completed session matches these filters.", total=report.sessions,
        )
        self.query_one("#readiness", Static).update(self._readiness(report))
        if not report.complete:
            self.query_one("#competencies", Static).update(
                Text("Reading the scores per competency…", style="dim"))
            self.query_one("#plan", OptionList).clear_options()
            return
        self.query_one("#competencies", Static).update(self._competencies(report))
        self._show_plan(report.plan)
        self.refresh_bindings()

    def _headline(self, report: ProgressReport) -> Text:
        if report.complete and report.sessions == 0 and not report.competencies:
            return Text.from_markup(
                "[b]No completed session yet.[/b] Finish a mock interview ([b]n[/b] on home) "
                "or a drill ([b]d[/b]) and your progress shows here."
            )
        out = Text()
        modes = ", ".join(
            f"{n} {SESSION_MODES.get(m, m).lower()}{'s' if n != 1 else ''}"
            for m, n in sorted(report.by_mode.items())
        )
        out.append(f"{report.sessions:,} completed session{'s' if report.sessions != 1 else ''}",
                   style="bold")
        if modes:
            out.append(f" ({modes})")
        out.append("\n")
        out.append(improvement_line(report).capitalize(), style="bold")
        if report.mean_score is not None:
            out.append(f" · mean {report.mean_score:.1f}")
        if not report.complete:
            return out
        out.append(f"\n{report.questions:,} questions scored · average time per question "
                   f"{minutes(report.avg_seconds)}")
        if report.strongest is not None:
            out.append(f"\nStrongest: {competency_label(report.strongest.competency)} "
                       f"({report.strongest.mean:.1f})", style="green")
        if report.weakest is not None:
            out.append(f" · weakest: {competency_label(report.weakest.competency)} "
                       f"({report.weakest.mean:.1f})", style="red")
        return out

    @staticmethod
    def _readiness(report: ProgressReport) -> Text:
        out = Text()
        out.append("Readiness over time  ", style="bold")
        if not report.trend:
            out.append("—", style="dim")
            return out
        for point in report.trend:
            out.append("█", style=READINESS_COLORS[point.readiness])
        first, last = report.trend[0].readiness, report.trend[-1].readiness
        ready, almost, needs = report.readiness_counts
        out.append(f"\n  {first} → {last} · ")
        for label, count in (("Ready", ready), ("Almost Ready", almost), ("Needs Practice", needs)):
            out.append(f"{label} {count:,}", style=READINESS_COLORS[label])
            out.append("  ")
        return out

    @staticmethod
    def _competencies(report: ProgressReport) -> Text:
        # Plain text in fixed columns: a Rich Table is re-measured on every layout pass,
        # which cost more than all of the report's queries (bench/progress_scale.py).
        out = Text()
        out.append("Scores per competency\n", style="bold")
        out.append(f"  {'Competency':<24}{'Qs':>6}{'Avg':>6}  {'':<10}{'Best':>6}{'Low':>5}\n",
                   style="dim")
        strongest = report.strongest.competency if report.strongest else None
        weakest = report.weakest.competency if report.weakest else None
        for stat in report.competencies:
            color = SCORE_COLORS[score_style(stat.mean)]
            filled = round(stat.mean)
            out.append(f"  {competency_label(stat.competency)[:23]:<24}{stat.questions:>6,}")
            out.append(f"{stat.mean:>6.1f}", style=f"bold {color}")
            out.append("  ")
            out.append("█" * filled + "·" * (10 - filled), style=color)
            out.append(f"{stat.best:>6}{stat.worst:>5}")
            if stat.competency in (strongest, weakest):
                out.append("  strongest" if stat.competency == strongest else "  weakest",
                           style="dim")
            out.append("\n")
        out.rstrip()
        return out

    def _show_plan(self, plan: list[PlanItem]) -> None:
        options = self.query_one("#plan", OptionList)
        options.clear_options()
        if not plan:
            options.add_option(Option(Text(
                "Nothing to drill: every competency here averages Ready (8+). "
                "Press d on home for a drill of your choice.", style="dim"), id="none"))
            return
        for index, item in enumerate(plan):
            text = Text()
            text.append(f"{index + 1}. Drill {competency_label(item.competency)}", style="bold")
            text.append(f" ({STAGES.get(item.stage, item.stage)}, {item.difficulty})\n")
            text.append(f"   {item.why}\n", style="dim")
            for question in item.questions:
                text.append(f"   Next: {question}\n")
            if item.redo is not None:
                text.append(f"   Redo (r): “{item.redo.text}” — scored {item.redo.score}")
            text.rstrip()
            options.add_option(Option(text, id=str(index)))
        options.highlighted = 0

    # ----- actions --------------------------------------------------------------------

    def _plan_item(self) -> PlanItem | None:
        if self.report is None or not self.report.complete or not self.report.plan:
            return None
        index = self.query_one("#plan", OptionList).highlighted
        return self.report.plan[index] if index is not None and index < len(self.report.plan) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "drill":
            return self._plan_item() is not None or None
        if action == "redo":
            item = self._plan_item()
            return (item is not None and item.redo is not None) or None
        return True

    @on(OptionList.OptionHighlighted, "#plan")
    def _highlighted(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#plan")
    def _selected(self) -> None:
        self.action_drill()

    def action_cycle_application(self) -> None:
        ids: list[int | None] = [None, *(a.id for a in self._apps or [])]
        index = ids.index(self._application_id) if self._application_id in ids else 0
        self._application_id = ids[(index + 1) % len(ids)]
        self._show_filters()
        self.reload()

    def action_cycle_stage(self) -> None:
        index = STAGE_FILTERS.index(self._stage)
        self._stage = STAGE_FILTERS[(index + 1) % len(STAGE_FILTERS)]
        self._show_filters()
        self.reload()

    def action_drill(self) -> None:
        item = self._plan_item()
        application_id = self._application_id or (self._apps[0].id if self._apps else None)
        if item is None:
            return
        if application_id is None:
            self.notify("Add a job application first (n on home).", severity="warning")
            return
        interview_app(self).start_drill(SessionSetup(
            application_id=application_id, stage=item.stage, difficulty=item.difficulty,
            question_count=DRILL_QUESTIONS, mode="drill", focus=item.competency,
        ))

    def action_redo(self) -> None:
        item = self._plan_item()
        if item is not None and item.redo is not None:
            interview_app(self).redo_question(item.redo.question_id)

    def action_export(self) -> None:
        self._export(ProgressFilter(self._application_id, self._stage))

    @work(group="progress-export", exit_on_error=False)
    async def _export(self, f: ProgressFilter) -> None:
        folder = exports_dir(interview_app(self).settings.data_dir)
        scope = ", ".join(part for part in (
            self._application_label() if f.application_id is not None else "",
            STAGES.get(f.stage or "", ""),
        ) if part)
        try:
            md, html = await workspace(self).progress.export(f, folder, scope)
        except OSError as exc:
            self.notify(f"Could not write the report: {exc}", severity="error")
            return
        notes = " ".join(w.note for w in (md, html) if w.note)
        self.notify(f"{md.path.name} and {html.path.name} written to {folder}. {notes}".strip(),
                    title="Report exported", markup=False)
