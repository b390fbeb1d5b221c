"""The base of the application and profile dialogs: one-line fields and a document.

``FormDialog`` is a ``ModalScreen[int | None]``: it loads its initial values and saves
in thread workers, stays open with a clear notification when the service refuses the
input (``ProfileError``), and dismisses with the saved row's id, or ``None`` on cancel.
Subclasses name their fields and implement ``load_values`` and ``save_values``.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static, TextArea

from interview_tui.screens.widgets.document_field import DocumentField
from interview_tui.services.profiles import ProfileError

Values = dict[str, str]


class FormDialog(ModalScreen[int | None]):
    """A modal form that saves through a service and dismisses with the saved id."""

    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog #dialog {
        width: 100%; max-width: 110; height: 1fr; max-height: 34;
        border: round $accent; border-title-color: $text; border-title-style: bold;
        background: $surface; padding: 0 1;
    }
    FormDialog .row { height: 1; }
    FormDialog .label { width: 13; color: $text-muted; }
    FormDialog .row:focus-within > .label { color: $accent; text-style: bold; }
    FormDialog .row > Input { width: 1fr; background: $background; padding: 0 1; }
    FormDialog .row > Input:focus { background-tint: $foreground 8%; }
    FormDialog #note { height: auto; color: $text-muted; margin-top: 1; }
    FormDialog DocumentField { margin-top: 1; }
    FormDialog #buttons { height: 1; align-horizontal: right; margin-top: 1; }
    FormDialog #buttons > Button { margin-left: 2; min-width: 16; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True,
                tooltip="Save and close"),
        Binding("ctrl+o", "import_file", "Import file", id="form.import", priority=True,
                tooltip="Import the file named in the path box"),
        Binding("escape", "cancel", "Cancel", id="form.cancel",
                tooltip="Close without saving (press twice if you changed something)"),
    ]

    dialog_title = "Form"
    # (field key, label, placeholder) for the one-line inputs, in order.
    FIELDS: ClassVar[list[tuple[str, str, str]]] = []
    DOCUMENT: ClassVar[tuple[str, str, str]] = ("document", "Document", "")

    def __init__(self) -> None:
        super().__init__()
        self._initial: Values = {}
        self._loaded = False
        self._saving = False  # one save at a time: a second ctrl+s must not create a twin
        self._confirm_discard = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self.dialog_title
            for key, label, placeholder in self.FIELDS:
                with Horizontal(classes="row"):
                    yield Static(label, classes="label")
                    yield Input(placeholder=placeholder, id=key, compact=True)
            yield Static("", id="note")
            key, title, placeholder = self.DOCUMENT
            yield DocumentField(title, placeholder=placeholder, id=key)
            with Horizontal(id="buttons"):
                yield Button("Save  ctrl+s", id="save", variant="primary", compact=True)
                yield Button("Cancel  esc", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#dialog").disabled = True
        self._load()

    # ----- subclass hooks (both awaited in a worker) --------------------------------------

    async def load_values(self) -> tuple[Values, str]:
        """The initial field values and a one-line note for the user."""
        raise NotImplementedError

    async def save_values(self, values: Values) -> tuple[int, str]:
        """Save through the workspace's service; the saved id and a short confirmation."""
        raise NotImplementedError

    # ----- loading and saving ------------------------------------------------------------

    @work(exclusive=True, group="form-load", exit_on_error=False)
    async def _load(self) -> None:
        values, note = await self.load_values()
        self._fill(values, note)

    def _fill(self, values: Values, note: str) -> None:
        for key, _label, _placeholder in self.FIELDS:
            self.query_one(f"#{key}", Input).value = values.get(key, "")
        self.query_one(DocumentField).load_text(values.get(self.DOCUMENT[0], ""))
        self.query_one("#note", Static).update(note)
        self.query_one("#note", Static).display = bool(note)
        self._initial = self.values()
        self._loaded = True
        self.query_one("#dialog").disabled = False
        self.query_one(Input).focus()

    def values(self) -> Values:
        values = {key: self.query_one(f"#{key}", Input).value for key, _l, _p in self.FIELDS}
        values[self.DOCUMENT[0]] = self.query_one(DocumentField).text
        return values

    def action_save(self) -> None:
        if self._loaded and not self._saving:
            self._saving = True
            self._save(self.values())

    @work(group="form-save", exit_on_error=False)
    async def _save(self, values: Values) -> None:
        try:
            saved_id, message = await self.save_values(values)
        except ProfileError as exc:
            self._saving = False
            self._rejected(str(exc))
            return
        except BaseException:
            self._saving = False  # the app's worker handler reports it
            raise
        self._saved(saved_id, message)

    def _rejected(self, message: str) -> None:
        self.notify(message, title="Not saved", severity="error", timeout=8)
        # The service names the field first ("Company is required."): put the cursor there.
        for key, label, _placeholder in self.FIELDS:
            if message.lower().startswith(label.lower()):
                self.query_one(f"#{key}", Input).focus()
                return
        if message.lower().startswith(self.DOCUMENT[1].lower()):
            self.query_one(DocumentField).text_area.focus()

    def _saved(self, saved_id: int, message: str) -> None:
        self.notify(message, title="Saved")
        self.dismiss(saved_id)

    def action_import_file(self) -> None:
        if self._loaded:
            self.query_one(DocumentField).import_file()

    def action_cancel(self) -> None:
        if self._loaded and self.values() != self._initial and not self._confirm_discard:
            self._confirm_discard = True
            self.notify("You have unsaved changes. Press escape again to discard them, "
                        "or ctrl+s to save.", title="Unsaved changes", severity="warning")
            return
        self.dismiss(None)

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _edited(self) -> None:
        self._confirm_discard = False

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
