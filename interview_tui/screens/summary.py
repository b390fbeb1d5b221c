"""The summary of a finished mock interview, shown when the session completes."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from interview_tui.screens.access import interview_app
from interview_tui.screens.widgets.feedback import SessionSummaryPanel
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.format import persona_label, stage_label
from interview_tui.services.session_view import SessionView


class SummaryScreen(Screen[None]):
    """Read-only: the session summary panel, then back home or on to history."""

    DEFAULT_CSS = """
    SummaryScreen #summary-head { padding: 0 1; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    SummaryScreen VerticalScroll { padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "home", "Home", id="summary.home", tooltip="Back to the home screen"),
        Binding("h", "history", "History", id="summary.history",
                tooltip="Review this and past sessions"),
    ]

    def __init__(self, view: SessionView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        ctx = self.view.context
        yield Static(
            Content.from_markup(
                "[b]Summary[/b] · $where",
                where=" · ".join(
                    (ctx.company, ctx.role, stage_label(ctx.stage), persona_label(ctx.persona))
                ),
            ),
            id="summary-head",
        )
        with VerticalScroll(id="summary-scroll"):
            yield SessionSummaryPanel(self.view, id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#summary-scroll").focus()

    def action_home(self) -> None:
        from interview_tui.screens.home import HomeScreen

        # Back to the home screen wherever this session was opened from (home, history).
        if not any(isinstance(s, HomeScreen) for s in self.app.screen_stack):
            self.app.switch_screen(HomeScreen())
            return
        while not isinstance(self.app.screen, HomeScreen):
            self.app.pop_screen()

    def action_history(self) -> None:
        interview_app(self).action_history()
