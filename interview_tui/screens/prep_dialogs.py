"""The document view's small dialogs: edit one section, pick a version, export."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from interview_tui.screens.widgets.format import local_time
from interview_tui.screens.widgets.press_twice import PressTwice
from interview_tui.services.prep import author_label

if TYPE_CHECKING:
    from interview_tui.services.document_store import DocumentVersion

_DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 100%; max-width: 110; height: auto; max-height: 90%;
    border: round $accent; border-title-style: bold; background: $surface; padding: 0 1;
}}
{name} .muted {{ margin-bottom: 1; }}
"""


class SectionEditor(ModalScreen[str | None]):
    """Edit one section's Markdown; dismisses with the new text, or None on cancel."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="SectionEditor") + """
    SectionEditor > Vertical { height: 90%; }
    SectionEditor TextArea { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="section.save", priority=True,
                tooltip="Save the section as a new version of the document"),
        Binding("ctrl+l", "clear", "Clear", id="section.clear", priority=True,
                tooltip="Empty the editor (press twice; ctrl+z undoes it)"),
        Binding("escape", "cancel", "Cancel", id="section.cancel",
                tooltip="Close without saving (press twice if you changed something)"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self._title = title
        self._text = text
        self._confirm_discard = False
        self._press_twice = PressTwice(self)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"Edit: {self._title}"
            yield Static("Markdown. ctrl+s saves a new version marked edited; the old one "
                         "stays readable (v).", classes="muted")
            yield TextArea(self._text, id="section-text", soft_wrap=True, show_line_numbers=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        if text.strip() == self._text.strip():  # nothing changed: no new version
            self.notify("Nothing changed, so no new version was saved.", title="Not saved")
            self.dismiss(None)
            return
        self.dismiss(text)

    def action_clear(self) -> None:
        """Empty the editor as ctrl+l does in every editor: on the second press, undoable."""
        box = self.query_one(TextArea)
        if box.text and self._press_twice.confirmed(
            "clear", "The section's text will be emptied. Press ctrl+l again to clear it "
                     "(ctrl+z brings it back)."):
            box.clear()
        box.focus()

    def action_cancel(self) -> None:
        if self.query_one(TextArea).text != self._text and not self._confirm_discard:
            self._confirm_discard = True
            self.notify("Press escape again to discard your changes, or ctrl+s to save.",
                        title="Unsaved changes", severity="warning")
            return
        self.dismiss(None)

    @on(TextArea.Changed)
    def _changed(self) -> None:
        self._confirm_discard = False


class VersionPicker(ModalScreen[int | None]):
    """Every version of a document, newest first; dismisses with the chosen one's id."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="VersionPicker") + """
    VersionPicker OptionList { height: auto; max-height: 20; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="versions.cancel", tooltip="Keep this version"),
    ]

    def __init__(self, versions: list[DocumentVersion], shown: int) -> None:
        super().__init__()
        self._versions = versions
        self._shown = shown

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Versions"
            yield Static("enter opens a version; older versions stay as they were.",
                         classes="muted")
            yield OptionList(*[
                Option(f"v{v.version} · {local_time(v.created_at)} · "
                       f"{'edited by you' if v.edited else 'written by ' + author_label(v)}"
                       + ("  (shown)" if v.id == self._shown else ""), id=str(v.id))
                for v in self._versions
            ], id="versions")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        index = next((i for i, v in enumerate(self._versions) if v.id == self._shown), 0)
        options.highlighted = index

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportDialog(ModalScreen[str | None]):
    """Ask where to export; empty means the default folder. Dismisses with the path typed."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="ExportDialog")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel", tooltip="Do not export"),
    ]

    def __init__(self, default_dir: str) -> None:
        super().__init__()
        self._default_dir = default_dir

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Export to Markdown"
            yield Static(f"enter with the box empty saves under {self._default_dir}; or type a "
                         "file or folder (a path ending in .html writes HTML).",
                         classes="muted", markup=False)
            yield Input(placeholder="path (optional)", id="export-path")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
