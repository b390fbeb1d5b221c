"""Continue with the offline coach: for this step only, or for the rest of the session."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class OfflineChoice(ModalScreen[str | None]):
    """Returns "step", "session", or None when cancelled."""

    DEFAULT_CSS = """
    OfflineChoice { align: center middle; }
    OfflineChoice > Vertical {
        width: 68; max-width: 95%; height: auto;
        border: round $accent; background: $surface; padding: 1 2;
    }
    OfflineChoice #offline-title { text-style: bold; margin-bottom: 1; }
    OfflineChoice #offline-message { margin-bottom: 1; }
    OfflineChoice Horizontal { height: auto; align-horizontal: right; }
    OfflineChoice Button { margin-left: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "choose('step')", "This step", id="offline.step"),
        Binding("r", "choose('session')", "Rest of session", id="offline.session"),
        Binding("escape", "choose('')", "Cancel", id="offline.cancel"),
        Binding("left,right", "app.focus_next", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Continue with the offline coach", id="offline-title")
            yield Static(
                "The offline coach needs no network and always answers. Use it for this "
                "step only (then back to Claude), or for the rest of this session.",
                id="offline-message",
                classes="muted",
            )
            with Horizontal():
                yield Button("This step (s)", id="step", variant="primary", compact=True)
                yield Button("Rest of session (r)", id="session", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#step", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id if event.button.id != "cancel" else "")

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice or None)
