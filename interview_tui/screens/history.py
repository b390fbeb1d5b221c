"""History: every past session with search, filters, a score trend, review, resume, delete.

The list comes from one query in a thread worker. The table is filled a page at a time
(more rows are added as the cursor nears the end), so 10,000 sessions open as fast as
fifty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, TypedDict

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Static
from textual.worker import Worker, WorkerState

from interview_tui.screens.access import interview_app, workspace
from interview_tui.screens.confirm import ConfirmDialog
from interview_tui.screens.widgets import session_columns as columns
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.format import (
    SCORE_COLORS,
    difficulty_label,
    local_time,
    score_style,
)
from interview_tui.screens.widgets.score_trend import ScoreTrend
from interview_tui.screens.widgets.session_table import SessionTable
from interview_tui.services.catalog import STAGES
from interview_tui.services.history import (
    FINISHED,
    UNFINISHED,
    SessionRow,
    score_trend,
)
from interview_tui.services.session_machine import State

PAGE = 80  # rows added to the table at a time: a few screens, more as the cursor nears the end
SEARCH_DELAY = 0.25  # seconds of quiet typing before the search runs
STAGE_FILTERS: list[str | None] = [None, *STAGES]
STATUS_FILTERS: list[str | None] = [None, UNFINISHED, FINISHED]
STATUS_LABELS = {None: "all", UNFINISHED: "unfinished", FINISHED: "finished"}
LAYOUT_SAMPLE = 2 * PAGE  # rows whose contents size the columns (later ones are cut to fit)


class _Filters(TypedDict):
    search: str
    stage: str | None
    state: str | None


@dataclass
class _Query:
    search: str
    stage: str | None
    status: str | None

    @property
    def narrowed(self) -> bool:
        return bool(self.search.strip() or self.stage or self.status)


class HistoryScreen(Screen[None]):
    DEFAULT_CSS = """
    HistoryScreen > Vertical { padding: 0 1; }
    HistoryScreen #controls { height: 1; margin-top: 1; }
    HistoryScreen #search { width: 1fr; }
    HistoryScreen #filters { width: auto; padding: 0 0 0 2; }
    HistoryScreen ScoreTrend { margin-top: 1; }
    HistoryScreen DataTable { height: 1fr; margin-top: 1; scrollbar-size-vertical: 1; }
    HistoryScreen #empty { margin: 1 1; height: auto; }
    HistoryScreen.-no-rows DataTable { height: auto; }
    HistoryScreen.-no-rows #empty { height: 1fr; }
    HistoryScreen #status { height: 1; }
    HistoryScreen.-nothing ScoreTrend, HistoryScreen.-nothing DataTable { display: none; }
    HistoryScreen.-nothing #controls { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="history.search",
                tooltip="Search by company, role, stage, difficulty or result"),
        Binding("r", "resume", "Resume", id="history.resume",
                tooltip="Resume the selected unfinished session"),
        Binding("d,delete", "delete", "Delete", id="history.delete",
                tooltip="Delete the selected session (asks first)"),
        Binding("s", "cycle_stage", "Stage", id="history.stage", show=False,
                tooltip="Filter by stage: all, recruiter screen, hiring manager, technical"),
        Binding("f", "cycle_status", "Status", id="history.status", show=False,
                tooltip="Filter: all sessions, unfinished only, finished only"),
        Binding("n", "new", "New interview", id="history.new", show=False,
                tooltip="Set up a new mock interview"),
        Binding("escape", "back", "Back", id="history.back",
                tooltip="Leave the search box, or go back"),
        # Only reached from the search box: the table handles its own down key.
        Binding("down", "results", show=False),
    ]

    class Loaded(Message):
        """The worker's result, newest first: the first page alone (``trend`` None,
        more may follow), or every matching session."""

        def __init__(self, generation: int, query: _Query, rows: list[SessionRow],
                     trend: list[float] | None) -> None:
            super().__init__()
            self.generation = generation
            self.query = query
            self.rows = rows
            self.trend = trend

        @property
        def complete(self) -> bool:
            return self.trend is not None

    class Deleted(Message):
        """A session is gone from the database (posted after the delete committed)."""

        def __init__(self, session_id: int, label: str) -> None:
            super().__init__()
            self.session_id = session_id
            self.label = label

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[SessionRow] = []
        self._shown = 0  # how many of ``_rows`` are in the table
        self._stage: str | None = None
        self._status: str | None = None
        self._generation = 0
        self._loaded_query: _Query | None = None
        self._complete = False  # every matching row is in ``_rows`` (not just a page)
        self._search_timer: Timer | None = None
        self._layout = columns.layout([], 80, 2)  # the columns for the table's width
        self._widths: dict[str, int] = {}  # column key -> width, for the table's width

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            with Horizontal(id="controls"):
                yield Input(placeholder="Search company, role, stage, result…  (/)",
                            id="search", compact=True)
                yield Static(id="filters", markup=True)
            yield ScoreTrend(id="trend")
            yield SessionTable(id="sessions", cursor_type="row", zebra_stripes=True)
            yield Static(id="empty")
            yield Static(id="status", classes="muted")
        yield Footer()

    def on_resize(self, event: Resize) -> None:
        # A taller chart when the terminal has the room.
        self.query_one(ScoreTrend).styles.height = 6 if event.size.height >= 36 else 4

    def on_mount(self) -> None:
        self.sub_title = "History"
        self._show_filters()
        self.query_one("#status", Static).update("Loading…")
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        # Also runs when coming back from a review or an interview: the list may differ.
        self.reload()

    # ----- loading ------------------------------------------------------------------

    def _current_query(self) -> _Query:
        return _Query(self.query_one("#search", Input).value, self._stage, self._status)

    def reload(self) -> None:
        self._generation += 1
        self._load(self._generation, self._current_query())

    @work(exclusive=True, group="history", exit_on_error=False)
    async def _load(self, generation: int, query: _Query) -> None:
        # The first page comes first, so a long history shows at once; then all of it
        # (bench/scale.py: 10,000 sessions take ~40 ms to read, more to put in the table).
        history = workspace(self).history
        filters: _Filters = {"search": query.search, "stage": query.stage, "state": query.status}
        first = await history.list_sessions(**filters, limit=PAGE)
        if len(first) == PAGE:
            self.post_message(self.Loaded(generation, query, first, None))
            rows = await history.list_sessions(**filters)
        else:
            rows = first
        self.post_message(self.Loaded(generation, query, rows, score_trend(rows)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # The app's handler says what went wrong (the message bubbles on to it); the
        # status line must not go on saying "Loading…".
        if event.state is WorkerState.ERROR and event.worker.group == "history":
            self.query_one("#status", Static).update("The sessions could not be read.")

    def on_history_screen_loaded(self, message: Loaded) -> None:
        if message.generation != self._generation:
            return  # a newer search is on its way
        table = self.query_one(DataTable)
        first_ids = [r.id for r in self._rows[: self._shown]]
        same_start = [r.id for r in message.rows[: self._shown]] == first_ids
        follows_page = message.complete and self._loaded_query == message.query and same_start
        keep = self._selected_id()
        if not message.complete and keep is not None and keep not in {r.id for r in message.rows}:
            return  # the selected session is further down: wait for all the rows
        self._rows = message.rows
        self._loaded_query = message.query
        self._complete = message.complete
        nothing = not message.rows and not message.query.narrowed
        self.set_class(nothing, "-nothing")
        if message.trend is not None:
            self._show_trend(message.trend)
        if follows_page and self._shown:
            self._show_status()  # the rest of a page already in the table
            self.refresh_bindings()
        else:
            self._rebuild(keep)
        if nothing and self.query_one("#search", Input).has_focus:
            table.focus()

    def _show_trend(self, trend: list[float]) -> None:
        query = self._loaded_query
        parts = []
        if query and query.stage:
            parts.append(STAGES[query.stage].lower())
        if query and query.search.strip():
            parts.append(f'"{query.search.strip()}"')
        empty = "No completed session in this list." if query and query.narrowed else ""
        self.query_one(ScoreTrend).show(trend, ", ".join(parts), empty)

    # ----- the table ------------------------------------------------------------------

    def _columns(self) -> list[tuple[str, str, int]]:
        """(key, label, width) of every column, fitted to the table's current width and
        to what the loaded rows hold."""
        table = self.query_one(DataTable)
        available = (table.size.width or self.app.size.width - 2) - 1  # scrollbar
        self._layout = columns.layout(self._rows[:LAYOUT_SAMPLE], available, 2 * table.cell_padding)
        self._widths = self._layout.widths
        return self._layout.columns()

    def _cells(self, row: SessionRow) -> list[Text]:
        long, widths = self._layout.is_long, self._widths
        if row.overall_score is not None and row.state == State.COMPLETED:
            color = SCORE_COLORS[score_style(row.overall_score)]
            score = Text(f"{row.overall_score:.1f}", style=f"bold {color}")
            result_style = color
        else:
            score = Text("—", style="dim")
            result_style = "dim" if row.is_finished else "italic"
        result = columns.result_text(row, long=long("result"))
        cells = {
            "date": Text(columns.date_text(row.started_at, long=long("date"))),
            "who": Text(columns.who(row.company, row.role, widths["who"])),
            "stage": Text(columns.fit(columns.stage_text(row, long=long("stage")),
                                      widths["stage"])),
            "difficulty": Text(difficulty_label(row.difficulty)),
            "score": score,
            "result": Text(columns.fit(result, widths["result"]), style=result_style),
        }
        return [cells[key] for key in self._layout.keys]

    def _rebuild(self, keep: int | None = None) -> None:
        """Fill the table from scratch with the first page (or up to the kept row)."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for key, label, width in self._columns():
            table.add_column(label, key=key, width=width)
        ids = [r.id for r in self._rows]
        target = ids.index(keep) if keep in ids else 0
        self._shown = 0
        self._add_page(max(PAGE, target + 1))
        if target:
            table.move_cursor(row=target, animate=False)
        self._show_status()
        self.refresh_bindings()

    def _add_page(self, count: int = PAGE) -> None:
        table = self.query_one(DataTable)
        page = self._rows[self._shown: self._shown + count]
        for row in page:
            table.add_row(*self._cells(row), key=str(row.id))
        self._shown += len(page)

    def _show_status(self) -> None:
        query = self._loaded_query
        total = len(self._rows)
        empty = self.query_one("#empty", Static)
        status = self.query_one("#status", Static)
        if query is None:
            return
        # The table shrinks to its header line when empty, so the message sits under it
        # and the table keeps the focus (the filter keys keep working).
        self.set_class(not total, "-no-rows")
        empty.display = not total
        if not total and not query.narrowed:
            empty.update(
                "[b]No mock interviews yet.[/b]\n\nPress [b]n[/b] to set up your first one "
                "(a demo profile is ready), or [b]escape[/b] for the home screen. "
                "Every session you practise appears here with its score."
            )
            status.update("")
            return
        if not total:
            empty.update(
                "No session matches. Press [b]/[/b] to change the search, "
                "[b]s[/b] or [b]f[/b] to change the filters."
            )
        else:
            empty.update("")
        if not self._complete:
            status.update(f"{self._shown:,} newest sessions · counting the rest…")
            return
        shown = f"{self._shown:,} of {total:,}" if self._shown < total else f"{total:,}"
        more = " · move down for more" if self._shown < total else ""
        status.update(f"{shown} session{'s' if total != 1 else ''}{more}")

    def _show_filters(self) -> None:
        stage = STAGES.get(self._stage or "", "all")
        self.query_one("#filters", Static).update(
            f"[b]s[/] stage: [b $accent]{stage.lower()}[/]  "
            f"[b]f[/] status: [b $accent]{STATUS_LABELS[self._status]}[/]"
        )

    def _selected(self) -> SessionRow | None:
        table = self.query_one(DataTable)
        if not self._shown or self.has_class("-nothing"):
            return None
        index = table.cursor_row
        return self._rows[index] if 0 <= index < self._shown else None

    def _selected_id(self) -> int | None:
        row = self._selected()
        return row.id if row else None

    def on_session_table_width_changed(self) -> None:
        if self._loaded_query is None:
            return
        before = self._widths
        self._columns()
        if self._widths != before:
            self._rebuild(self._selected_id())

    @on(DataTable.RowHighlighted, "#sessions")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self._shown < len(self._rows) and event.cursor_row >= self._shown - 20:
            self._add_page()
            self._show_status()
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#sessions")
    def _selected_row(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    # ----- search and filters ---------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self.reload)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self.reload()
        self.query_one(DataTable).focus()

    def action_results(self) -> None:
        self.query_one(DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_cycle_stage(self) -> None:
        i = STAGE_FILTERS.index(self._stage)
        self._stage = STAGE_FILTERS[(i + 1) % len(STAGE_FILTERS)]
        self._show_filters()
        self.reload()

    def action_cycle_status(self) -> None:
        i = STATUS_FILTERS.index(self._status)
        self._status = STATUS_FILTERS[(i + 1) % len(STATUS_FILTERS)]
        self._show_filters()
        self.reload()

    # ----- actions on the selected session --------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what the selected row does not allow (None keeps it in the footer)."""
        if action in {"delete", "resume"}:
            row = self._selected()
            if row is None or (action == "resume" and row.is_finished):
                return None
        return True

    def action_open(self) -> None:
        from interview_tui.screens.review import ReviewScreen

        row = self._selected()
        if row is not None:
            self.app.push_screen(ReviewScreen(row.id))

    def action_resume(self) -> None:
        row = self._selected()
        if row is None:
            return
        if row.is_finished:
            self.notify("That session is over; press enter to review it.")
            return
        interview_app(self).open_interview(row.id)

    def action_delete(self) -> None:
        row = self._selected()
        if row is None:
            return
        dialog = ConfirmDialog(
            "Delete this session?",
            f"{row.company} · {row.role}\n{row.stage_label}, {local_time(row.started_at)}\n\n"
            "Its questions, answers and feedback are deleted too. This cannot be undone.",
        )

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._delete(row.id, f"{row.company} · {row.role}")

        self.app.push_screen(dialog, done)

    @work(group="history-delete", exit_on_error=False)
    async def _delete(self, session_id: int, label: str) -> None:
        await workspace(self).history.delete_session(session_id)
        self.post_message(self.Deleted(session_id, label))

    def on_history_screen_deleted(self, message: Deleted) -> None:
        # The dialog closing started a reload (on_screen_resume) that may have read the
        # list before the delete committed: drop the row here, so the cursor stays where
        # it was, and load again, so that stale list (an older generation) is ignored.
        index = next((i for i, r in enumerate(self._rows) if r.id == message.session_id), None)
        if index is not None:
            row = self._rows.pop(index)
            if index < self._shown:
                self.query_one(DataTable).remove_row(str(row.id))
                self._shown -= 1
            self._show_trend(score_trend(self._rows))
            if not self._rows and self._loaded_query and not self._loaded_query.narrowed:
                self.add_class("-nothing")
            self._show_status()
            self.refresh_bindings()
        self.reload()
        self.notify(f"Deleted the session for {message.label}.")

    def action_new(self) -> None:
        from interview_tui.screens.setup import SetupScreen

        self.app.push_screen(SetupScreen())

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus:
            self.query_one(DataTable).focus()
        else:
            self.app.pop_screen()
