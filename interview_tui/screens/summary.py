"""The summary of a finished mock interview, shown when the session completes."""

from __future__ import annotations

import re
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from interview_tui.screens.access import interview_app, workspace
from interview_tui.screens.widgets.attempts import AttemptsPanel
from interview_tui.screens.widgets.feedback import SessionSummaryPanel
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.format import persona_label, stage_label
from interview_tui.services.session_view import QuestionView, SessionView

_REDO_ADVICE = re.compile(r"\b(?:redo|repeat|retry|re-answer|answer again)\b[^.\d]{0,20}?"
                          r"\bquestion\s+(\d+)", re.I)


def redo_target(view: SessionView) -> QuestionView | None:
    """The question worth answering again: the one the summary's advice names ("Redo
    question 4 ..."), else the lowest-scored (the earliest of equals)."""
    answered = {q.number: q for q in view.questions if q.exchanges}
    advice = view.session_feedback
    if advice is not None:
        for line in [*advice.next_steps, *advice.coaching_priorities]:
            match = _REDO_ADVICE.search(line)
            if match and int(match.group(1)) in answered:
                return answered[int(match.group(1))]
    scored = [q for q in answered.values() if q.score is not None]
    return min(scored, key=lambda q: (q.score or 0, q.number)) if scored else None


class SummaryScreen(Screen[None]):
    """Read-only: the session summary panel, then back home or on to history."""

    DEFAULT_CSS = """
    SummaryScreen #summary-head { padding: 0 1; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    SummaryScreen VerticalScroll { padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="summary.back",
                tooltip="Back to where this redo was started"),
        Binding("escape", "home", "Home", id="summary.home", tooltip="Back to the home screen"),
        Binding("h", "history", "History", id="summary.history",
                tooltip="Review this and past sessions"),
        Binding("a", "redo", "Answer again", id="summary.redo",
                tooltip="Answer your lowest-scored question of this session again"),
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
            redo = redo_target(self.view)
            if redo is not None:
                scored = f" (it scored {redo.score})" if redo.score is not None else ""
                yield Static(Content.from_markup(
                    "Press [b]a[/b] to answer question $n again$scored.",
                    n=str(redo.number), scored=scored), id="redo-hint")
            yield AttemptsPanel(id="attempts")
            yield SessionSummaryPanel(self.view, id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#summary-scroll").focus()
        self.query_one(AttemptsPanel).display = False
        if self.view.mode == "redo" and self.view.questions:
            self._load_attempts(self.view.questions[0].id)

    @work(exclusive=True, group="attempts", exit_on_error=False)
    async def _load_attempts(self, question_id: int) -> None:
        self.query_one(AttemptsPanel).show(await workspace(self).redo.attempts(question_id))

    def action_redo(self) -> None:
        target = redo_target(self.view)
        if target is not None:
            interview_app(self).redo_question(target.id)

    def _returns(self) -> bool:
        """A redo goes back to where it was started (a session, a review), not home."""
        return self.view.mode == "redo" and len(self.app.screen_stack) > 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("back", "home"):
            return (action == "back") == self._returns()
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

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
