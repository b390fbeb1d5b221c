"""A small yes/no dialog that returns its answer through ``dismiss``."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDialog(ModalScreen[bool]):
    """Ask before doing something that cannot be undone; ``True`` means go ahead.

    The safe choice has the focus, so a stray enter never confirms.
    """

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical {
        width: 64; max-width: 95%; height: auto;
        border: round $error; background: $surface; padding: 1 2;
    }
    ConfirmDialog.-safe > Vertical { border: round $accent; }
    ConfirmDialog #confirm-title { text-style: bold; margin-bottom: 1; }
    ConfirmDialog #confirm-message { margin-bottom: 1; }
    ConfirmDialog Horizontal { height: auto; align-horizontal: right; }
    ConfirmDialog Button { margin-left: 2; min-width: 12; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Yes", id="confirm.yes", tooltip="Go ahead"),
        Binding("n,escape", "cancel", "No", id="confirm.no", tooltip="Cancel; nothing changes"),
        Binding("left,right", "app.focus_next", show=False),
    ]

    def __init__(
        self,
        title: str,
        message: str = "",
        *,
        confirm_label: str = "Delete",
        cancel_label: str = "Cancel",
        destructive: bool = True,
    ) -> None:
        super().__init__(classes="" if destructive else "-safe")
        self._title = title
        self._message = message
        self._confirm_label = confirm_label
        self._cancel_label = cancel_label
        self._destructive = destructive

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title, id="confirm-title", markup=False)
            if self._message:
                yield Static(self._message, id="confirm-message", classes="muted", markup=False)
            with Horizontal():
                yield Button(
                    f"{self._confirm_label} (y)",
                    id="confirm",
                    variant="error" if self._destructive else "primary",
                    compact=True,
                )
                yield Button(f"{self._cancel_label} (n)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
