"""Drill setup: pick a category or a competency, then a quick loop of questions.

A drill is a session with mode "drill" on the ordinary session machine (no follow-ups,
end it any time), so it counts in the same statistics as a mock interview.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from interview_tui.screens.access import interview_app, workspace
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.format import competency_label, stage_label
from interview_tui.services.catalog import COMPETENCIES, DIFFICULTIES, DRILL_CATEGORIES, drill_plan
from interview_tui.services.interview import SessionSetup
from interview_tui.services.progress import ApplicationChoice
from interview_tui.services.session_machine import MAX_QUESTIONS, MIN_QUESTIONS

DEFAULT_DRILL_QUESTIONS = 5


class DrillScreen(Screen[None]):
    DEFAULT_CSS = """
    DrillScreen > Vertical { padding: 1 2; }
    DrillScreen #settings { margin: 1 0; }
    DrillScreen OptionList { height: 1fr; border: round $primary 50%; }
    DrillScreen OptionList:focus { border: round $primary; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "cycle_application", "Application", id="drill.application",
                tooltip="Which job application the drill is for"),
        Binding("f", "cycle_difficulty", "Difficulty", id="drill.difficulty",
                tooltip="Easy, medium or hard"),
        Binding("plus,equals_sign,right", "more", "More", id="drill.more", show=False),
        Binding("minus,left", "fewer", "Fewer", id="drill.fewer", show=False),
        Binding("t", "toggle_adaptive", "Adaptive", id="drill.adaptive",
                tooltip="Let the difficulty follow your scores"),
        Binding("escape", "app.pop_screen", "Back", id="drill.back", tooltip="Back"),
    ]

    def __init__(self, application_id: int | None = None) -> None:
        super().__init__()
        self._application_id = application_id
        self._apps: list[ApplicationChoice] = []
        self._difficulty = "medium"
        self._count = DEFAULT_DRILL_QUESTIONS
        self._adaptive = False
        self._weakest: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(
                "[b]Drill[/b]: question, answer, feedback, next — no follow-ups, "
                "[b]ctrl+e[/b] ends it whenever you like. Drills count in your progress.",
                id="intro",
            )
            yield Static(id="settings")
            yield OptionList(id="focuses")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Drill"
        self._fill_focuses()
        self._show_settings()
        self.query_one(OptionList).focus()
        self._load()

    @work(exclusive=True, group="drill", exit_on_error=False)
    async def _load(self) -> None:
        service = workspace(self).progress
        self._apps = await service.applications()
        if self._application_id is None and self._apps:
            self._application_id = self._apps[0].id
        glance = await service.glance()
        self._weakest = glance.weakest.competency if glance.weakest else None
        self._fill_focuses()
        self._show_settings()

    def _fill_focuses(self) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_option(Option(Text("Categories", style="bold dim"), disabled=True))
        for key, (label, stage, pool) in DRILL_CATEGORIES.items():
            line = Text(f"  {label}", style="bold")
            line.append(f"  {stage_label(stage)}: " + ", ".join(
                competency_label(c).lower() for c in pool), style="dim")
            options.add_option(Option(line, id=key))
        for stage, pool in COMPETENCIES.items():
            options.add_option(Option(Text(stage_label(stage), style="bold dim"), disabled=True))
            for competency in pool:
                line = Text(f"  {competency_label(competency)}")
                if competency == self._weakest:
                    line.append("  your weakest", style="red")
                # A competency in two stages drills in the first; list it there only.
                if drill_plan(competency)[0] == stage:
                    options.add_option(Option(line, id=competency))
        options.highlighted = highlighted if highlighted is not None else 1

    def _show_settings(self) -> None:
        app = next((a.label for a in self._apps if a.id == self._application_id), "—")
        line = Text()
        for key, name, value in (
            ("a", "application", app),
            ("f", "difficulty", DIFFICULTIES[self._difficulty].lower()),
            ("←/→", "questions", str(self._count)),
            ("t", "adaptive", "on" if self._adaptive else "off"),
        ):
            line.append(key, style="bold")
            line.append(f" {name}: ")
            line.append(value, style="bold")
            line.append("   ")
        line.append("\nenter starts the drill on the highlighted focus", style="dim")
        self.query_one("#settings", Static).update(line)

    def action_cycle_application(self) -> None:
        ids = [a.id for a in self._apps]
        if ids:
            index = ids.index(self._application_id) if self._application_id in ids else -1
            self._application_id = ids[(index + 1) % len(ids)]
            self._show_settings()

    def action_cycle_difficulty(self) -> None:
        keys = list(DIFFICULTIES)
        self._difficulty = keys[(keys.index(self._difficulty) + 1) % len(keys)]
        self._show_settings()

    def action_more(self) -> None:
        self._count = min(self._count + 1, MAX_QUESTIONS)
        self._show_settings()

    def action_fewer(self) -> None:
        self._count = max(self._count - 1, MIN_QUESTIONS)
        self._show_settings()

    def action_toggle_adaptive(self) -> None:
        self._adaptive = not self._adaptive
        self._show_settings()

    def setup_for(self, focus: str) -> SessionSetup | None:
        if self._application_id is None:
            return None
        return SessionSetup(
            application_id=self._application_id, stage=drill_plan(focus)[0],
            difficulty=self._difficulty, question_count=self._count, mode="drill",
            focus=focus, adaptive=self._adaptive,
        )

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if not event.option.id:
            return
        setup = self.setup_for(event.option.id)
        if setup is None:
            self.notify("Add a job application first (n on home).", severity="warning")
            return
        interview_app(self).start_interview(setup)
