"""The table of past sessions on the history screen."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable


class SessionTable(DataTable[Text]):
    """The sessions table; home and end go to the first and last row, and it tells the
    screen when its width changes so the columns can be fitted again."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="history.open",
                tooltip="Review the selected session, read-only"),
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

    class WidthChanged(Message):
        pass

    def on_resize(self, event: Resize) -> None:
        self.post_message(self.WidthChanged())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "select_cursor" and not self.row_count else True
