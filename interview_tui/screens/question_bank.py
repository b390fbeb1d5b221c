"""The question bank: browse shipped and own questions, add, import, generate, remove.

Filters cycle with one key each (stage, competency, kind, difficulty, source), as in the
history screen; the highlighted question's guidance, follow-ups and example answer show
under the table. Every read and write goes through ``workspace(self).questions`` and
``.practice`` in async workers.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from interview_tui.screens.access import workspace
from interview_tui.screens.confirm import ConfirmDialog
from interview_tui.screens.question_dialogs import (
    AddQuestionDialog,
    GenerateDialog,
    GenerateRequest,
    ImportDialog,
    ImportRequest,
)
from interview_tui.screens.widgets.footer import Footer
from interview_tui.services.catalog import (
    COMPETENCIES,
    DIFFICULTIES,
    KINDS,
    PRACTICE_TYPES,
    QUESTION_SOURCES,
    SHORT_STAGES,
    STAGES,
    competency_label,
)
from interview_tui.services.coach.base import CoachError
from interview_tui.services.question_import import ImportFileError, NewQuestion
from interview_tui.services.question_library import BankEntry, BankFilter

SOURCES: list[str | None] = [None, "own", "shipped", "added", "imported", "generated"]
SOURCE_NAMES: dict[str | None, str] = {None: "all", "own": "yours", **{k: v.lower() for k, v in QUESTION_SOURCES.items()}}
WIDE = 100  # from this width on, the competency and kind have columns
SHORT_SOURCE = {"shipped": "", "added": "yours", "imported": "imported", "generated": "set"}


def _cycle(options: list[str | None], current: str | None) -> str | None:
    return options[(options.index(current) + 1) % len(options)] if current in options else None


class QuestionBankScreen(Screen[None]):
    DEFAULT_CSS = """
    QuestionBankScreen > Vertical { padding: 0 1; }
    QuestionBankScreen #search { margin-top: 1; }
    QuestionBankScreen #filters { height: auto; }
    QuestionBankScreen DataTable { height: 2fr; min-height: 5; margin-top: 1; }
    QuestionBankScreen #detail { height: 1fr; max-height: 12; min-height: 4;
                                 border-top: solid $primary 40%; }
    QuestionBankScreen #status { height: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="bank.search", show=False, tooltip="Search the questions"),
        Binding("s", "cycle('stage')", "Stage", id="bank.stage", show=False, tooltip="Filter by stage"),
        Binding("c", "cycle('competency')", "Competency", id="bank.competency", show=False,
                tooltip="Filter by competency (of the chosen stage)"),
        Binding("k", "cycle('kind')", "Kind", id="bank.kind", show=False, tooltip="Filter by question kind"),
        Binding("v", "cycle('difficulty')", "Difficulty", id="bank.difficulty", show=False,
                tooltip="Filter by difficulty"),
        Binding("o", "cycle('source')", "Source", id="bank.source", show=False,
                tooltip="All, yours, shipped, imported, practice sets"),
        Binding("a", "add", "Add", id="bank.add", tooltip="Add a question of your own"),
        Binding("i", "import_file", "Import", id="bank.import",
                tooltip="Import questions from a text or JSON file"),
        Binding("g", "generate", "Practice set", id="bank.generate",
                tooltip="Generate a practice set for an application"),
        Binding("d,delete", "remove", "Remove", id="bank.remove",
                tooltip="Remove the selected question of yours (asks first)"),
        Binding("escape", "back", "Back", id="bank.back", tooltip="Leave the search, or go back"),
    ]

    def __init__(self, application_id: int | None = None) -> None:
        super().__init__()
        self._application_id = application_id  # a practice set's default application
        self._filters: dict[str, str | None] = {
            "stage": None, "competency": None, "kind": None, "difficulty": None, "source": None,
        }
        self._entries: list[BankEntry] = []
        self._wide = True

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Input(placeholder="Search the questions…  (/)", id="search", compact=True)
            yield Static(id="filters")
            yield DataTable(id="questions", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="detail"):
                yield Static(id="detail-text")
            yield Static(id="status", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Question bank"
        self._show_filters()
        self.query_one(DataTable).focus()
        self.reload()

    def on_resize(self, event: Resize) -> None:
        if (event.size.width >= WIDE) != self._wide and self._entries:
            self._fill(self._entries, self._selected_key())

    def _columns(self) -> list[tuple[str, str, int]]:
        """(key, label, width): the question always shows; narrow screens drop the
        competency and kind columns (the detail pane shows them)."""
        width = self.app.size.width - 4  # padding and the scrollbar
        self._wide = width + 4 >= WIDE
        fixed = [("source", "Source", 8), ("stage", "Stage", 10)]
        if self._wide:
            fixed += [("competency", "Competency", 22), ("difficulty", "Diff.", 6),
                      ("kind", "Kind", 11)]
        else:
            fixed += [("difficulty", "Diff.", 6)]
        flex = max(width - sum(w for _, _, w in fixed) - 2 * (len(fixed) + 1), 20)
        return [fixed[0], ("text", "Question", flex), *fixed[1:]]

    def _cells(self, e: BankEntry, columns: list[tuple[str, str, int]]) -> list[Text]:
        values = {
            "source": Text(SHORT_SOURCE.get(e.source, e.source), style="bold" if e.own_id else "dim"),
            "stage": Text(SHORT_STAGES.get(e.stage, STAGES[e.stage])),
            "competency": Text(competency_label(e.competency)),
            "difficulty": Text(DIFFICULTIES.get(e.difficulty, e.difficulty)),
            "kind": Text(e.kind),
        }
        text_width = next(w for key, _, w in columns if key == "text")
        text = e.text if len(e.text) <= text_width else e.text[: text_width - 1] + "…"
        return [values[key] if key != "text" else Text(text) for key, _, _ in columns]

    # ----- loading ------------------------------------------------------------------

    def _filter(self) -> BankFilter:
        f = self._filters
        return BankFilter(stage=f["stage"], competency=f["competency"], kind=f["kind"],
                          difficulty=f["difficulty"], source=f["source"],
                          search=self.query_one("#search", Input).value)

    def reload(self, select: str | None = None) -> None:
        self._load(self._filter(), select)

    @work(exclusive=True, group="bank", exit_on_error=False)
    async def _load(self, filters: BankFilter, select: str | None) -> None:
        entries = await workspace(self).questions.browse(filters)
        self._fill(entries, select)

    def _fill(self, entries: list[BankEntry], select: str | None) -> None:
        self._entries = entries
        table = self.query_one(DataTable)
        table.clear(columns=True)
        columns = self._columns()
        for key, label, width in columns:
            table.add_column(label, key=key, width=width)
        for e in entries:
            table.add_row(*self._cells(e, columns), key=e.key)
        keys = [e.key for e in entries]
        if select in keys:
            table.move_cursor(row=keys.index(select), animate=False)
        own = sum(1 for e in entries if e.own_id)
        self.query_one("#status", Static).update(
            f"{len(entries)} question{'s' if len(entries) != 1 else ''} ({own} yours)"
            if entries else "No question matches these filters."
        )
        self._show_detail()

    def _selected_key(self) -> str | None:
        entry = self._selected()
        return entry.key if entry else None

    def _selected(self) -> BankEntry | None:
        table = self.query_one(DataTable)
        if not self._entries or table.cursor_row >= len(self._entries):
            return None
        return self._entries[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        e = self._selected()
        detail = self.query_one("#detail-text", Static)
        if e is None:
            detail.update("")
            return
        lines = [Text(e.text, style="bold")]
        where = f" · for {e.application}" if e.application else ""
        kind = f" · {PRACTICE_TYPES[e.category]} set" if e.category in PRACTICE_TYPES else ""
        lines.append(Text(f"{STAGES[e.stage]} · {competency_label(e.competency)} · "
                          f"{e.difficulty} · {KINDS.get(e.kind, e.kind)}{kind}{where}", style="dim"))
        if e.guidance:
            lines += [Text(""), Text.assemble(("Guidance  ", "bold"), e.guidance)]
        for follow in e.follow_ups:
            lines.append(Text.assemble(("Follow-up  ", "bold"), follow))
        if e.example_answer:
            lines += [Text(""), Text.assemble(("Example answer  ", "bold"), e.example_answer)]
        if e.ungrounded:
            lines.append(Text(f"Not found in your resume (check before using): "
                              f"{', '.join(e.ungrounded)}", style="yellow"))
        detail.update(Text("\n").join(lines))

    # ----- filters ------------------------------------------------------------------

    def action_cycle(self, name: str) -> None:
        f = self._filters
        if name == "stage":
            f["stage"] = _cycle([None, *STAGES], f["stage"])
            f["competency"] = None
        elif name == "competency":
            pool = COMPETENCIES[f["stage"]] if f["stage"] else sorted(
                {c for cs in COMPETENCIES.values() for c in cs})
            f["competency"] = _cycle([None, *pool], f["competency"])
        elif name == "kind":
            f["kind"] = _cycle([None, *KINDS], f["kind"])
        elif name == "difficulty":
            f["difficulty"] = _cycle([None, *DIFFICULTIES], f["difficulty"])
        else:
            f["source"] = _cycle(SOURCES, f["source"])
        self._show_filters()
        self.reload()

    def _show_filters(self) -> None:
        f = self._filters
        parts = [
            f"[b]s[/b] stage: {STAGES[f['stage']] if f['stage'] else 'all'}",
            f"[b]c[/b] competency: {competency_label(f['competency']) if f['competency'] else 'all'}",
            f"[b]k[/b] kind: {f['kind'] or 'all'}",
            f"[b]v[/b] difficulty: {f['difficulty'] or 'all'}",
            f"[b]o[/b] source: {SOURCE_NAMES[f['source']]}",
        ]
        self.query_one("#filters", Static).update("   ".join(parts))

    @on(Input.Changed, "#search")
    def _searched(self) -> None:
        self.reload()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus:
            self.query_one(DataTable).focus()
        else:
            self.app.pop_screen()

    # ----- add, import, generate, remove --------------------------------------------------

    def action_add(self) -> None:
        self.app.push_screen(AddQuestionDialog(self._filters["stage"] or "hiring_manager"),
                             self._add_chosen)

    def _add_chosen(self, question: NewQuestion | None) -> None:
        if question is not None:
            self._add(question)

    @work(exclusive=True, group="bank-write", exit_on_error=False)
    async def _add(self, question: NewQuestion) -> None:
        report = await workspace(self).questions.add(question)
        if report.duplicates:
            self.notify("That question is already in the bank for this stage.",
                        title="Not added", severity="warning")
            return
        self.notify(f"Added to the {STAGES[question.stage].lower()} questions.", title="Added")
        self.reload(select=report.added[0].key)

    def action_import_file(self) -> None:
        self.app.push_screen(ImportDialog(), self._import_chosen)

    def _import_chosen(self, request: ImportRequest | None) -> None:
        if request is not None:
            self._import(request)

    @work(exclusive=True, group="bank-write", exit_on_error=False)
    async def _import(self, request: ImportRequest) -> None:
        try:
            report = await workspace(self).questions.import_file(
                request.path, stage=request.stage, difficulty=request.difficulty)
        except ImportFileError as exc:
            self.notify(str(exc), title="Nothing imported", severity="error", timeout=10)
            return
        lines = [f"line {r.line}: {r.reason}" for r in report.rejected[:6]]
        lines += [f"line {d.line}: already in the bank" for d in report.duplicates[:4]]
        more = len(report.rejected) + len(report.duplicates) - len(lines)
        if more > 0:
            lines.append(f"... and {more} more (the command line lists them all)")
        self.notify("\n".join([f"Imported {len(report.added)} questions.", *lines]),
                    title="Import", severity="information" if report.complete else "warning",
                    timeout=12 if lines else 5, markup=False)
        self._filters["source"] = "imported" if report.added else self._filters["source"]
        self._show_filters()
        self.reload()

    def action_generate(self) -> None:
        self._open_generate()

    @work(exclusive=True, group="bank-dialog", exit_on_error=False)
    async def _open_generate(self) -> None:
        data = await workspace(self).setup.load()
        self.app.push_screen(GenerateDialog(data.applications, self._application_id),
                             self._generate_chosen)

    def _generate_chosen(self, request: GenerateRequest | None) -> None:
        if request is not None:
            self._generate(request)

    @work(exclusive=True, group="bank-write", exit_on_error=False)
    async def _generate(self, request: GenerateRequest) -> None:
        status = self.query_one("#status", Static)
        label = PRACTICE_TYPES[request.practice_type].lower()
        status.update(f"Writing {request.count} {label} questions…")

        def show(text: str) -> None:
            self.query_one("#detail-text", Static).update(Text(text))

        try:
            added = await workspace(self).practice.generate(
                request.application_id, request.practice_type, request.count, on_text=show)
        except CoachError as exc:
            self.notify(f"{exc.message} Nothing was saved; press g to try again.",
                        title="No practice set", severity="error", timeout=10)
            self.reload()
            return
        self._application_id = request.application_id
        if not added:
            self.notify("Every question written is already in the bank for this application.",
                        title="No new questions", severity="warning")
        else:
            self.notify(f"{len(added)} {label} questions saved for this application.",
                        title="Practice set")
        self._filters.update(source="generated", stage=None, competency=None)
        self._show_filters()
        self.reload(select=added[0].key if added else None)

    def action_remove(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        if entry.own_id is None:
            self.notify("Shipped questions cannot be removed; filter with o to see yours.",
                        severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(entry.key)

        self.app.push_screen(
            ConfirmDialog("Remove this question?", entry.text, confirm_label="Remove"), answered
        )

    @work(exclusive=True, group="bank-write", exit_on_error=False)
    async def _remove(self, key: str) -> None:
        if await workspace(self).questions.delete(key):
            self.notify("Removed.")
        self.reload()
