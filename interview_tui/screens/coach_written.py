"""The shape shared by the screens that show one thing the coach wrote (a debrief, a pitch
attempt's feedback, a thank-you email): a scrolling body, a status line, and keys to
write it again (``again``) or with the offline coach (``offline``).

A subclass loads what it shows (``load``), says how to write it again (``ask_coach``)
and how to show it (``show``); the waiting, the streaming status line and the coach's
errors live here once. The keys stay in each subclass's ``BINDINGS`` (their ids are
what a user remaps).
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static

from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.keys import press
from interview_tui.services.coach.base import CoachError, TextSink

R = TypeVar("R")  # what the coach writes: a document version, an attempt
D = TypeVar("D")  # what the screen dismisses with


class CoachWrittenScreen(Screen[D], Generic[R, D]):
    DEFAULT_CSS = """
    CoachWrittenScreen #body { height: 1fr; }
    CoachWrittenScreen #status { height: auto; padding: 0 1; color: $text-muted; }
    """
    SUB_TITLE: ClassVar[str] = ""
    WRITING: ClassVar[str] = "Writing…"  # the status line while the coach writes

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="body")
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.SUB_TITLE
        self._load()

    # ----- what a subclass says -------------------------------------------------------

    async def load(self) -> None:
        """Fetch what the screen shows and ``show`` it (or ``write`` it if there is none)."""
        raise NotImplementedError

    async def ask_coach(self, *, offline: bool, on_text: TextSink) -> R:
        """Have the coach write it again; the new result."""
        raise NotImplementedError

    def show(self, result: R) -> None:
        """Put ``result`` on the screen (``show_body`` replaces the body)."""
        raise NotImplementedError

    def written(self, result: R) -> None:
        """After a successful ``write``, besides showing it (a notification, say)."""

    # ----- shared -----------------------------------------------------------------------

    @property
    def status(self) -> Static:
        return self.query_one("#status", Static)

    def show_body(self, *widgets: Widget) -> None:
        """Replace the body with ``widgets`` (give them no ids: the old ones are removed
        after this returns, and a shared id would clash)."""
        body = self.query_one("#body", VerticalScroll)
        body.remove_children()
        body.mount(*widgets)
        body.scroll_home(animate=False)
        body.focus()

    @work(exclusive=True, group="coach-written", exit_on_error=False)
    async def _load(self) -> None:
        await self.load()

    async def write(self, *, offline: bool) -> None:
        """Ask the coach, streaming into the status line; a coach error is one
        notification offering the keys that may help, and what is shown stays."""
        self.status.update(self.WRITING)

        def stream(text: str) -> None:
            self.status.update(Content(" ".join(text.split())[-200:]))

        try:
            result = await self.ask_coach(offline=offline, on_text=stream)
        except CoachError as exc:
            self.status.update("")
            self.notify(f"{exc.message} "
                        + press(self, ("again", "to try again"), ("offline", "for the offline coach")),
                        title="The coach could not answer", severity="error", timeout=12)
            return
        self.status.update("")
        self.show(result)
        self.written(result)

    @work(exclusive=True, group="coach-written", exit_on_error=False)
    async def _rewrite(self, offline: bool) -> None:
        await self.write(offline=offline)

    def action_again(self) -> None:
        self._rewrite(False)

    def action_offline(self) -> None:
        self._rewrite(True)

    def action_back(self) -> None:
        self.dismiss(None)

