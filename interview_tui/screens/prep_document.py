"""One prep document: rendered Markdown, its sections beside it (with grounding flags),
and keys to edit a section, regenerate (all of it or one section), open previous
versions and export.

Writing streams into the view as the coach produces it; escape stops it and nothing
half-written is stored. A coach error leaves the version shown as it was, with r to
try again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from interview_tui.screens.access import interview_app, workspace
from interview_tui.screens.confirm import ConfirmDialog
from interview_tui.screens.prep_dialogs import ExportDialog, SectionEditor, VersionPicker
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.keys import key_for
from interview_tui.services.coach.base import CoachError
from interview_tui.services.document_kinds import label
from interview_tui.services.exports import ExportWriteError, exports_dir
from interview_tui.services.prep import PrepError, author_label
from interview_tui.services.prep_markdown import sections

if TYPE_CHECKING:
    from pathlib import Path

    from interview_tui.services.document_store import DocumentVersion

_NEEDS_DOCUMENT = {"edit_section", "regenerate_section", "versions", "export"}


class DocumentScreen(Screen[None]):
    DEFAULT_CSS = """
    DocumentScreen #status { height: auto; padding: 0 1; margin-top: 1; }
    DocumentScreen #error { display: none; margin: 0 1; }
    DocumentScreen.-failed #error { display: block; }
    DocumentScreen #main { height: 1fr; margin-top: 1; }
    DocumentScreen #sections { width: 30%; min-width: 24; max-width: 36; height: 1fr;
                               border: round $primary 50%; }
    DocumentScreen #sections:focus { border: round $primary; }
    DocumentScreen #body { width: 1fr; height: 1fr; padding: 0 1; }
    DocumentScreen #stream { display: none; height: auto; color: $text-muted; }
    DocumentScreen.-writing #stream { display: block; }
    DocumentScreen.-writing #doc { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit_section", "Edit section", id="document.edit",
                tooltip="Edit the selected section; saving adds a version marked edited"),
        Binding("g", "regenerate", "Regenerate", id="document.regenerate",
                tooltip="Write the whole document again (asks first; the old version stays)"),
        Binding("s", "regenerate_section", "Redo section", id="document.regenerate_section",
                show=False, tooltip="Write only the selected section again (asks first)"),
        Binding("v", "versions", "Versions", id="document.versions",
                tooltip="Open a previous version"),
        Binding("x", "export", "Export", id="document.export",
                tooltip="Export this version to a Markdown file"),
        Binding("r", "retry", "Retry", id="document.retry",
                tooltip="Try the failed coach call again"),
        Binding("escape", "stop_or_back", "Back", id="document.back",
                tooltip="Stop the coach while it writes (nothing is saved), or go back"),
    ]

    def __init__(self, application_id: int, kind: str, interview_id: int | None = None) -> None:
        super().__init__()
        self.application_id = application_id
        self.kind = kind
        self.interview_id = interview_id
        self.versions: list[DocumentVersion] = []
        self.shown: DocumentVersion | None = None
        self.title_text = ""
        self.writing = False
        self._retry: str | None = None  # "" = the whole document, else a section key
        self._status_text = ""
        self.exported: Path | None = None  # the last file written by export

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="status", markup=False)
        yield Static("", id="error", classes="banner-error", markup=False)
        with Horizontal(id="main"):
            yield OptionList(id="sections")
            with VerticalScroll(id="body"):
                yield Static("", id="stream", markup=False)
                yield Markdown("", id="doc")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = label(self.kind)
        self.query_one("#sections", OptionList).focus()
        self._load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return self._retry is not None and not self.writing
        if action in _NEEDS_DOCUMENT:
            return self.shown is not None and not self.writing
        if action == "regenerate":
            return not self.writing
        return True

    # ----- loading and showing ----------------------------------------------------------

    @work(exclusive=True, group="document-load", exit_on_error=False)
    async def _load(self, show_id: int | None = None) -> None:
        ws = workspace(self)
        page = await ws.prep.page(self.application_id)
        self.title_text = page.title
        if self.interview_id is not None:
            interview = next((i for i in page.interviews if i.id == self.interview_id), None)
            if interview is not None:
                self.title_text += f" · {interview.title}"
        self.versions = await ws.documents.versions(self.kind, self.application_id,
                                                    self.interview_id)
        if not self.versions:
            self._write(None)  # opening a document that does not exist yet writes it
            return
        shown = next((v for v in self.versions if v.id == show_id), self.versions[0])
        await self._show(shown)

    async def _show(self, version: DocumentVersion) -> None:
        self.shown = version
        newest = self.versions[0].version if self.versions else version.version
        older = "" if version.version == newest else "  (an older version; v for others)"
        edited = ", edited by you" if version.edited else ""
        self._status(f"{label(self.kind)} · {self.title_text}\nVersion {version.version} of "
                     f"{newest} · written by {author_label(version)}{edited}{older}")
        doc = version.content()
        flags = doc.ungrounded if hasattr(doc, "ungrounded") else {}
        options = self.query_one("#sections", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for section in sections(self.kind, doc):
            marks = f"  ⚠ {len(flags[section.key])}" if flags.get(section.key) else ""
            marks += "  ✎" if section.edited else ""
            options.add_option(Option(f"{section.title}{marks}", id=section.key))
        options.highlighted = min(highlighted or 0, options.option_count - 1)
        await self.query_one("#doc", Markdown).update(
            workspace(self).prep.markdown(version, self.title_text))
        self.refresh_bindings()

    @on(OptionList.OptionHighlighted, "#sections")
    def _scroll_to_section(self, event: OptionList.OptionHighlighted) -> None:
        headings = list(self.query_one("#doc", Markdown).query("MarkdownH2"))
        if event.option_index < len(headings):
            headings[event.option_index].scroll_visible(top=True, animate=False)

    def _section_titles(self) -> list[tuple[str, str]]:
        options = self.query_one("#sections", OptionList)
        return [(o.id or "", str(o.prompt).split("  ")[0]) for o in options.options]

    def _selected_section(self) -> tuple[str, str] | None:
        options = self.query_one("#sections", OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return (option.id or "", str(option.prompt).split("  ")[0])

    # ----- writing ------------------------------------------------------------------------

    def _status(self, text: str) -> None:
        self._status_text = text
        self.query_one("#status", Static).update(text)

    def _preview(self, text: str) -> None:
        self.query_one("#stream", Static).update(text)

    @work(exclusive=True, group="document-write", exit_on_error=False)
    async def _write(self, section: str | None) -> None:
        prep = workspace(self).prep
        what = "the whole document" if section is None else f"the {section.replace('_', ' ')}"
        self._set_writing(True, f"The coach is writing {what}… (escape stops it)")
        try:
            if section is None:
                version = await prep.generate(self.kind, self.application_id, self.interview_id,
                                              on_text=self._preview)
            else:
                assert self.shown is not None
                version = await prep.regenerate_section(self.shown.id, section,
                                                        on_text=self._preview)
        except CoachError as exc:
            self._failed(exc.message, "" if section is None else section)
            return
        finally:
            self._set_writing(False)
        self._retry = None
        self.set_class(False, "-failed")
        self.versions = await workspace(self).documents.versions(
            self.kind, self.application_id, self.interview_id)
        await self._show(version)
        self.notify(f"Saved as version {version.version}.", title=label(self.kind))

    def _set_writing(self, writing: bool, message: str = "") -> None:
        self.writing = writing
        self.set_class(writing, "-writing")
        if writing:
            self.query_one("#stream", Static).update(message)
            if self.shown is None:
                self._status(f"{label(self.kind)} · {self.title_text}\nBeing written… "
                             f"({key_for(self, 'stop_or_back')} stops it; nothing half-written "
                             "is saved)")
        self.refresh_bindings()

    def _failed(self, message: str, retry: str) -> None:
        self._retry = retry
        kept = "The version shown is unchanged." if self.shown else "Nothing was saved."
        self.query_one("#error", Static).update(f"{message} {kept} Press r to try again.")
        self.set_class(True, "-failed")
        self.refresh_bindings()

    def action_retry(self) -> None:
        if self._retry is not None:
            self._write(self._retry or None)

    def action_stop_or_back(self) -> None:
        if self.writing:
            self.workers.cancel_group(self, "document-write")
            self._set_writing(False)
            self.notify("Stopped. Nothing half-written was saved.", title=label(self.kind))
            if self.shown is None:
                self._status(f"{label(self.kind)} · {self.title_text}\n"
                             "Not written yet: press g to write it.")
            return
        self.app.pop_screen()

    def action_regenerate(self) -> None:
        if self.shown is None and not self.writing:
            self._write(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(None)

        self.app.push_screen(ConfirmDialog(
            f"Write the {label(self.kind).lower()} again?",
            "The coach writes a new version; this one stays and can be opened with v.",
            confirm_label="Regenerate", destructive=False), answered)

    def action_regenerate_section(self) -> None:
        chosen = self._selected_section()
        if chosen is None:
            return
        key, title = chosen

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(key)

        self.app.push_screen(ConfirmDialog(
            f"Write “{title}” again?",
            "Only this section changes, in a new version; this one stays (v).",
            confirm_label="Regenerate", destructive=False), answered)

    # ----- edit, versions, export -----------------------------------------------------------

    def action_edit_section(self) -> None:
        chosen = self._selected_section()
        if chosen is None or self.shown is None:
            return
        key, title = chosen
        version = self.shown

        def edited(text: str | None) -> None:
            if text is not None:
                self._save_edit(version.id, key, text)

        self.app.push_screen(SectionEditor(title, workspace(self).prep.section_text(version, key)),
                             edited)

    @work(exclusive=True, group="document-edit", exit_on_error=False)
    async def _save_edit(self, document_id: int, section: str, text: str) -> None:
        try:
            version = await workspace(self).prep.edit_section(document_id, section, text)
        except PrepError as exc:  # keep what was typed: the editor opens again with it
            self.notify(str(exc), title="Not saved", severity="error", timeout=8)
            title = next((t for k, t in self._section_titles() if k == section), section)

            def edited(again: str | None) -> None:
                if again is not None:
                    self._save_edit(document_id, section, again)

            self.app.push_screen(SectionEditor(title, text), edited)
            return
        self.versions = await workspace(self).documents.versions(
            self.kind, self.application_id, self.interview_id)
        await self._show(version)
        self.notify(f"Saved as version {version.version} (edited).", title=label(self.kind))

    def action_versions(self) -> None:
        if self.shown is None:
            return

        def chosen(document_id: int | None) -> None:
            if document_id is not None:
                self._load(document_id)

        self.app.push_screen(VersionPicker(self.versions, self.shown.id), chosen)

    def action_export(self) -> None:
        if self.shown is None:
            return
        directory = exports_dir(interview_app(self).settings.data_dir)
        document_id = self.shown.id

        def chosen(path: str | None) -> None:
            if path is not None:
                self._export(document_id, path)

        self.app.push_screen(ExportDialog(str(directory)), chosen)

    @work(exclusive=True, group="document-export", exit_on_error=False)
    async def _export(self, document_id: int, path: str) -> None:
        directory = exports_dir(interview_app(self).settings.data_dir)
        try:
            written = await workspace(self).prep.export(document_id, directory, path)
        except ExportWriteError as exc:
            self.notify(str(exc), title="Not exported", severity="error", timeout=10)
            return
        self.exported = written.path
        self.notify(written.message("Exported to"), title="Exported", timeout=10, markup=False)
        # Under the version line, replacing the last export's line rather than piling up.
        self.query_one("#status", Static).update(
            f"{self._status_text}\n{written.message('Exported to')}")
