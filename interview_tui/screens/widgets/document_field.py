"""A multi-line document box (resume, job description) that can also be filled from a file.

The file is read by ``read_document`` in a thread worker; a file that cannot be read
leaves what was typed untouched.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static, TextArea

from interview_tui.services.documents import (
    DocumentError,
    ImportedText,
    read_document,
    supported_extensions_text,
)


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
