"""One pitch attempt reopened: its text, scores and feedback; write the feedback again,
or take the attempt back to the editor to practise from it."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from interview_tui.screens.access import workspace
from interview_tui.screens.coach_written import CoachWrittenScreen
from interview_tui.screens.widgets.keys import key_for
from interview_tui.screens.widgets.pitch_views import AttemptView
from interview_tui.services.coach.base import TextSink
from interview_tui.services.pitch import Attempt


class PitchAttemptScreen(CoachWrittenScreen[Attempt, str | None]):
    """Dismisses with the attempt's text when the user wants to practise from it."""

    DEFAULT_CSS = "PitchAttemptScreen #body { padding: 0 1; }"
    SUB_TITLE = "Pitch attempt"
    WRITING = "Writing feedback…"
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

    async def load(self) -> None:
        self.show(await workspace(self).pitch.attempt(self.attempt_id))

    async def ask_coach(self, *, offline: bool, on_text: TextSink) -> Attempt:
        return await workspace(self).pitch.write_feedback(self.attempt_id, offline=offline,
                                                          on_text=on_text)

    def show(self, result: Attempt) -> None:
        self.attempt = result
        self.show_body(AttemptView(result, show_text=True, regenerate_key=key_for(self, "again")))

    def action_practise(self) -> None:
        if self.attempt is not None:
            self.dismiss(self.attempt.text)
