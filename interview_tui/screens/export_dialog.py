"""Export to a file: choose Markdown or HTML and where it goes; dismisses with the choice.

Used by the review screen for a session (and by any document view for a document):
the caller writes the file through ``workspace(self).exports`` in its own worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from interview_tui.screens.question_dialogs import _Dialog
from interview_tui.services.exports import default_export_path


@dataclass(frozen=True)
class ExportRequest:
    fmt: str  # md | html
    path: Path


class ExportDialog(_Dialog[ExportRequest | None]):
    HINT = ("HTML opens in any browser without a network; Markdown in any editor. "
            "An existing file is never replaced: a numbered name is written beside it.")
    OK_LABEL = "Export"

    def __init__(self, what: str, item_id: int, title: str, data_dir: Path) -> None:
        super().__init__()
        # Not self._id: that is the Textual node's own id.
        self._what, self._item_id, self._data_dir = what, item_id, data_dir
        self.dialog_title = f"Export {title}"

    def fields(self) -> ComposeResult:
        yield self.row("Format", Select([("Markdown (.md)", "md"), ("HTML page (.html)", "html")],
                                        value="md", allow_blank=False, id="format"))
        default = default_export_path(self._data_dir, self._what, self._item_id, "md")
        yield self.row("File", Input(str(default), id="path"))

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        current = Path(path.value.strip()
                       or default_export_path(self._data_dir, self._what, self._item_id, "md"))
        if current.suffix in (".md", ".html"):
            path.value = str(current.with_suffix(f".{event.value}"))

    def action_submit(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self.refuse("Type where the file should go.")
            return
        self.dismiss(ExportRequest(self.value("#format"), Path(raw).expanduser()))
