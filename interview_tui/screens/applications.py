"""Applications: every job application; enter opens its page, n adds one."""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from interview_tui.screens.access import workspace
from interview_tui.screens.widgets.footer import Footer


class ApplicationsScreen(Screen[None]):
    DEFAULT_CSS = """
    ApplicationsScreen > Vertical { padding: 1 2; }
    ApplicationsScreen OptionList { height: auto; max-height: 1fr; border: round $primary 50%; }
    ApplicationsScreen OptionList:focus { border: round $primary; }
    ApplicationsScreen #hint { margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="applications.open", show=True,
                tooltip="Open the application's page: interviews, prep documents, sessions"),
        Binding("n", "new", "New application", id="applications.new",
                tooltip="Add a job application"),
        Binding("escape", "back", "Back", id="applications.back", tooltip="Back to home"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static("Your job applications. Each has its interviews, prep documents "
                         "and mock sessions.", id="hint", classes="muted")
            yield OptionList(id="applications")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Applications"
        self.query_one(OptionList).focus()

    def on_screen_resume(self) -> None:
        self.load()

    @work(exclusive=True, group="applications", exit_on_error=False)
    async def load(self) -> None:
        rows = await workspace(self).profiles.list_applications()
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for row in rows:
            demo = "  [dim](demo)[/dim]" if row.is_demo else ""
            options.add_option(Option(f"{escape(row.company)} · {escape(row.role)}{demo}",
                                      id=str(row.id)))
        if not rows:
            options.add_option(Option("No applications yet: press n to add one.", disabled=True))
        options.highlighted = min(highlighted or 0, max(len(rows) - 1, 0)) if rows else None

    @on(OptionList.OptionSelected, "#applications")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._open(int(event.option.id))

    def action_open(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            if option.id:
                self._open(int(option.id))

    def _open(self, application_id: int) -> None:
        from interview_tui.screens.application import ApplicationScreen

        self.app.push_screen(ApplicationScreen(application_id))

    def action_new(self) -> None:
        from interview_tui.screens.application_form import ApplicationForm

        def opened(saved: int | None) -> None:
            if saved is not None:
                self._open(saved)

        self.app.push_screen(ApplicationForm(), opened)

    def action_back(self) -> None:
        self.app.pop_screen()
