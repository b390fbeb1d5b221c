"""A small dialog that asks which job application a pitch or debrief is for."""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class ApplicationPicker(ModalScreen[int | None]):
    """Pick one of ``applications`` ((id, company, role)); dismisses with its id or None."""

    DEFAULT_CSS = """
    ApplicationPicker { align: center middle; }
    ApplicationPicker > Vertical {
        width: 70; max-width: 95%; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ApplicationPicker #picker-title { text-style: bold; margin: 1 0; }
    ApplicationPicker OptionList { height: auto; max-height: 16; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel", tooltip="Close; nothing opens"),
    ]

    def __init__(self, title: str, applications: list[tuple[int, str, str]]) -> None:
        super().__init__()
        self._title = title
        self._applications = applications

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title, id="picker-title", markup=False)
            yield OptionList(
                *(Option(f"{escape(company)} · {escape(role)}", id=str(app_id))
                  for app_id, company, role in self._applications),
                id="applications",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#applications")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
