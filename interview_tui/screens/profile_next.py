"""After your own profile is saved: what next, since the demo application keeps the
demo profile. Returns "new" (add an application of your own), "demo" (practise the
demo's job with your profile) or None (not now)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from interview_tui.screens.widgets.keys import key_for


class ProfileNext(ModalScreen[str | None]):
    """Offer a first application for the profile just saved."""

    DEFAULT_CSS = """
    ProfileNext { align: center middle; }
    ProfileNext > Vertical {
        width: 80; max-width: 95%; height: auto;
        border: round $accent; background: $surface; padding: 1 2;
    }
    ProfileNext #next-title { text-style: bold; margin-bottom: 1; }
    ProfileNext #next-message { margin-bottom: 1; }
    ProfileNext Horizontal { height: auto; align-horizontal: right; }
    ProfileNext Button { margin-left: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "choose('new')", "Add application", id="profile_next.new",
                tooltip="Add the job you are preparing for, with your profile"),
        Binding("d", "choose('demo')", "Demo job as me", id="profile_next.demo",
                tooltip="Practise the demo's job with your own profile"),
        Binding("escape", "choose('')", "Not now", id="profile_next.cancel",
                tooltip="Back to setup; the demo keeps the demo profile"),
        Binding("left,right", "app.focus_next", show=False),
    ]

    def __init__(self, name: str, demo_job: str) -> None:
        super().__init__()
        self._name = name
        self._demo_job = demo_job

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Profile saved: {self._name}", id="next-title", markup=False)
            yield Static(
                "Your profile is used by the applications you add. The demo application "
                "keeps the demo profile (Alex Rivera), so a session on it is not about you. "
                f"Add the job you are preparing for, or practise the demo's job "
                f"({self._demo_job}) with your profile.",
                id="next-message", classes="muted", markup=False,
            )
            new, demo, cancel = (key_for(self, f"choose('{c}')") for c in ("new", "demo", ""))
            with Horizontal():
                yield Button(f"Add my application ({new})", id="new", variant="primary",
                             compact=True)
                yield Button(f"Demo job as me ({demo})", id="demo", compact=True)
                yield Button(f"Not now ({cancel})", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#new", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose((event.button.id or "") if event.button.id != "cancel" else "")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice or None)
