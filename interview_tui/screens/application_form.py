"""The job-application dialog, and the pieces it shares with the profile dialog.

``FormDialog`` is a ``ModalScreen[int | None]``: it loads its initial values and saves
in thread workers, stays open with a clear notification when the service refuses the
input (``ProfileError``), and dismisses with the saved row's id, or ``None`` on cancel.
``DocumentField`` is a multi-line text box that can also be filled from a file
(``read_document``); a file that cannot be read leaves what was typed untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static, TextArea

from interview_tui.services.documents import (
    DocumentError,
    ImportedText,
    read_document,
    supported_extensions_text,
)
from interview_tui.services.profiles import (
    ProfileError,
    current_candidate,
    list_applications,
    save_application,
)

if TYPE_CHECKING:
    from interview_tui.store.models import JobApplication

Values = dict[str, str]


class DocumentField(Vertical):
    """A pasted document (resume, job description) or one imported from a file path."""

    DEFAULT_CSS = """
    DocumentField { height: 1fr; min-height: 7; }
    DocumentField > .doc-title { height: 1; }
    DocumentField > .row { height: 1; margin-bottom: 1; }
    DocumentField > #doc-warnings.-empty { display: none; }
    DocumentField > TextArea { height: 1fr; min-height: 3; border: round $primary 50%; padding: 0; }
    DocumentField > TextArea:focus { border: round $primary; }
    DocumentField > #doc-status { height: 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    DocumentField > #doc-warnings { height: auto; max-height: 3; color: $text-warning; }
    """

    def __init__(self, title: str, *, placeholder: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Static(f"[b]{self.title}[/b] — paste it below, or import a file", classes="doc-title",
                     markup=True)
        with Horizontal(classes="row"):
            yield Static("From file", classes="label")
            yield Input(
                placeholder=f"path to {supported_extensions_text()} — then ctrl+o",
                id="doc-path",
                compact=True,
                tooltip="Type a file path and press Enter or ctrl+o to import it",
            )
        text_area = TextArea(id="doc-text", soft_wrap=True, tab_behavior="focus")
        text_area.placeholder = self.placeholder
        yield text_area
        yield Static("", id="doc-status")
        yield Static("", id="doc-warnings", classes="-empty")

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#doc-text", TextArea)

    @property
    def text(self) -> str:
        return self.text_area.text

    def load_text(self, text: str) -> None:
        """Set the initial text (not undoable: it is where editing starts)."""
        self.text_area.load_text(text)
        self._count()

    @on(TextArea.Changed, "#doc-text")
    def _count(self) -> None:
        chars = len(self.text_area.text)
        self.query_one("#doc-status", Static).update(
            f"{chars:,} characters" if chars else "empty"
        )

    @on(Input.Submitted, "#doc-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.import_file()

    def import_file(self) -> None:
        """Read the file named in the path box into the text box (in a thread)."""
        path = self.query_one("#doc-path", Input).value.strip()
        if not path:
            self.notify(f"Type the path of a {supported_extensions_text()} file first.",
                        title="Nothing to import", severity="warning")
            self.query_one("#doc-path", Input).focus()
            return
        self._read(path)

    @work(thread=True, exclusive=True, group="document-import", exit_on_error=False)
    def _read(self, path: str) -> None:
        try:
            imported = read_document(path)
        except DocumentError as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._imported, Path(path).expanduser(), imported)

    def _failed(self, error: DocumentError) -> None:
        # The text box is left exactly as it was: nothing typed is lost.
        problem = error.problem[:1].upper() + error.problem[1:]
        self.notify(f"{problem}\n{error.path}", title=f"Could not import {error.path.name}",
                    severity="error", timeout=10)
        self.query_one("#doc-path", Input).focus()

    def _imported(self, path: Path, imported: ImportedText) -> None:
        area = self.text_area
        had_text = bool(area.text.strip())
        # An edit, not load_text, so ctrl+z brings back what was there before.
        area.replace(imported.text, (0, 0), area.document.end)
        area.move_cursor((0, 0))
        area.scroll_home(animate=False)
        warnings = self.query_one("#doc-warnings", Static)
        warnings.update("\n".join(f"⚠ {w}" for w in imported.warnings))
        warnings.set_class(not imported.warnings, "-empty")
        message = f"{len(imported.text):,} characters from {path.name}."
        if had_text:
            message += " It replaced the previous text; ctrl+z in the text box undoes."
        self.notify(message, title="Imported")
        if imported.warnings:
            self.notify("\n".join(imported.warnings), title=f"Check the text from {path.name}",
                        severity="warning", timeout=12)
        area.focus()


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

    # ----- subclass hooks (both run in a worker thread) ----------------------------------

    def load_values(self) -> tuple[Values, str]:
        """The initial field values and a one-line note for the user."""
        raise NotImplementedError

    def save_values(self, values: Values) -> tuple[int, str]:
        """Save through the service; the saved id and a short confirmation."""
        raise NotImplementedError

    # ----- loading and saving ------------------------------------------------------------

    @work(thread=True, exclusive=True, group="form-load", exit_on_error=False)
    def _load(self) -> None:
        values, note = self.load_values()
        self.app.call_from_thread(self._fill, values, note)

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

    @work(thread=True, group="form-save", exit_on_error=False)
    def _save(self, values: Values) -> None:
        try:
            saved_id, message = self.save_values(values)
        except ProfileError as exc:
            self._saving = False
            self.app.call_from_thread(self._rejected, str(exc))
            return
        except BaseException:
            self._saving = False  # the app's worker handler reports it
            raise
        self.app.call_from_thread(self._saved, saved_id, message)

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


class ApplicationForm(FormDialog):
    """Create or edit a job application; ``copy=True`` saves an edited copy as new."""

    FIELDS: ClassVar = [
        ("company", "Company", "e.g. Northwind Freight"),
        ("role", "Role", "e.g. Senior Backend Engineer"),
        ("interviewer", "Interviewer", "their name, if you know it (optional)"),
    ]
    DOCUMENT: ClassVar = (
        "job_description",
        "Job description",
        "Paste the job description here. The interviewer uses it to pick questions.",
    )

    def __init__(self, application_id: int | None = None, *, copy: bool = False) -> None:
        self.application_id = application_id
        self.copy = copy
        if application_id is None:
            self.dialog_title = "New job application"
        elif copy:
            self.dialog_title = "New job application (starting from the demo)"
        else:
            self.dialog_title = "Edit job application"
        super().__init__()

    def load_values(self) -> tuple[Values, str]:
        if self.application_id is None:
            candidate = current_candidate()
            if candidate is None:
                return {}, "No profile yet: press p on the setup screen to add yours."
            if candidate.is_demo:
                return {}, (f"Candidate: {candidate.name} (demo) · "
                            "your own profile: p on the setup screen")
            return {}, f"Candidate: {candidate.name}"
        application = self._application()
        values = {
            "company": application.company,
            "role": application.role,
            "interviewer": application.interviewer_name,
            "job_description": application.job_description,
        }
        if self.copy:
            return values, "The demo stays as it is; saving creates a new application."
        return values, ""

    def _application(self) -> JobApplication:
        for application in list_applications():
            if application.id == self.application_id:
                return application
        raise ProfileError("That application no longer exists.")

    def save_values(self, values: Values) -> tuple[int, str]:
        if self.application_id is not None and not self.copy:
            candidate = self._application().candidate
            application_id: int | None = self.application_id
        else:
            candidate = current_candidate()
            application_id = None
            if candidate is None:
                raise ProfileError("Set up your profile first (press p on the setup screen).")
        saved = save_application(
            candidate,
            company=values["company"],
            role=values["role"],
            interviewer_name=values["interviewer"],
            job_description=values["job_description"],
            application_id=application_id,
        )
        return saved.id, f"{saved.company} · {saved.role}"
