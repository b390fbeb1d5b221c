"""One pitch attempt reopened: its text, scores and feedback; write the feedback again,
or take the attempt back to the editor to practise from it."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from interview_tui.screens.access import workspace
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.keys import key_for, press
from interview_tui.screens.widgets.pitch_views import AttemptView
from interview_tui.services.coach.base import CoachError
from interview_tui.services.pitch import Attempt


class PitchAttemptScreen(Screen[str | None]):
    """Dismisses with the attempt's text when the user wants to practise from it."""

    DEFAULT_CSS = """
    PitchAttemptScreen VerticalScroll { height: 1fr; padding: 0 1; }
    PitchAttemptScreen #status { height: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "practise", "Practise from this", id="attempt.practise",
                tooltip="Load this attempt into the editor"),
        Binding("r", "again", "Feedback again", id="attempt.again",
                tooltip="Write the feedback on this attempt again"),
        Binding("o", "offline", "Offline feedback", id="attempt.offline",
                tooltip="Write the feedback with the offline coach"),
        Binding("escape", "back", "Back", id="attempt.back"),
    ]

    def __init__(self, attempt_id: int) -> None:
        super().__init__()
        self.attempt_id = attempt_id
        self.attempt: Attempt | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="body")
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Pitch attempt"
        self._load()

    @work(exclusive=True, group="attempt", exit_on_error=False)
    async def _load(self) -> None:
        self._show(await workspace(self).pitch.attempt(self.attempt_id))

    def _show(self, attempt: Attempt) -> None:
        self.attempt = attempt
        body = self.query_one("#body", VerticalScroll)
        body.remove_children()
        body.mount(AttemptView(attempt, show_text=True, regenerate_key=key_for(self, "again"),
                               id="attempt"))
        body.focus()

    def action_again(self) -> None:
        self._write(False)

    def action_offline(self) -> None:
        self._write(True)

    @work(exclusive=True, group="attempt", exit_on_error=False)
    async def _write(self, offline: bool) -> None:
        status = self.query_one("#status", Static)
        status.update("Writing feedback…")
        try:
            attempt = await workspace(self).pitch.write_feedback(self.attempt_id, offline=offline)
        except CoachError as exc:
            status.update("")
            self.notify(f"{exc.message} "
                        + press(self, ("again", "to try again"), ("offline", "for the offline coach")),
                        title="The coach could not answer", severity="error", timeout=12)
            return
        status.update("")
        self._show(attempt)

    def action_practise(self) -> None:
        if self.attempt is not None:
            self.dismiss(self.attempt.text)

    def action_back(self) -> None:
        self.dismiss(None)
