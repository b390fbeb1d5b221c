"""Home: start a mock interview, resume an unfinished one, open history."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from interview_tui.screens.access import interview_app, workspace
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.format import competency_label, local_time, stage_label
from interview_tui.screens.widgets.keys import key_for
from interview_tui.services.catalog import SESSION_MODES, STAGES

if TYPE_CHECKING:
    from interview_tui.services.history import Overview, SessionRow
    from interview_tui.services.progress import Glance


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def glance_text(recent: list[SessionRow], glance: Glance) -> Text:
    """The last sessions, the weakest area and the next interview, a line each."""
    out = Text()
    if glance.next_interview is not None:
        nxt = glance.next_interview
        out.append("Next interview: ", style="bold")
        out.append(f"{nxt.company} · {nxt.role} · {stage_label(nxt.stage)} · "
                   f"{local_time(nxt.scheduled_at)}\n")
    if recent:
        out.append("Last sessions:\n", style="bold")
        for row in recent:
            score = f"{row.overall_score:.1f} ({row.readiness})" if row.overall_score is not None \
                else row.state_label.lower()
            out.append(f"  {local_time(row.started_at)}  {row.company} · {row.stage_label} · "
                       f"{score}\n")
    if glance.weakest is not None:
        out.append("Weakest area: ", style="bold")
        out.append(f"{competency_label(glance.weakest.competency)} "
                   f"({glance.weakest.mean:.1f} over {plural(glance.weakest.questions, 'question')}) — "
                   "press d to drill it, g for your practice plan")
    out.rstrip()
    return out


class HomeScreen(Screen[None]):
    AUTO_FOCUS = "#actions"
    DEFAULT_CSS = """
    HomeScreen > VerticalScroll { padding: 1 2; }
    HomeScreen #intro { margin-bottom: 1; }
    HomeScreen #coach { margin-bottom: 1; }
    HomeScreen OptionList { height: auto; max-height: 14; border: round $primary 50%; }
    HomeScreen OptionList:focus { border: round $primary; }
    HomeScreen #stats { margin-top: 1; }
    HomeScreen #glance { margin-top: 1; }
    """
    BINDINGS = [
        Binding("n", "new", "New interview", id="home.new", tooltip="Set up a mock interview"),
        Binding("r", "resume", "Resume", id="home.resume", tooltip="Resume the latest unfinished session"),
        Binding("h", "app.history", "History", id="home.history", tooltip="Review past sessions"),
        Binding("a", "app.applications", "Applications", id="home.applications",
                tooltip="Your applications: scheduled interviews and prep documents"),
        # In the menu and help; the footer keeps to the most used keys.
        Binding("b", "app.question_bank", "Questions", id="home.bank", show=False,
                tooltip="Browse, add, import and generate questions"),
        Binding("g", "app.progress", "Progress", id="home.progress", show=False,
                tooltip="Scores over time, competencies and a practice plan"),
        Binding("d", "app.drill", "Drill", id="home.drill", show=False,
                tooltip="A quick loop on one competency or category"),
        Binding("q", "app.quit", "Quit", id="home.quit", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._summary: Overview | None = None  # None until load_sessions has read it
        self._resume_when_loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        # Scrolls when the menu and the glance outgrow a small terminal (tab to it, then
        # the arrows or page keys); the menu has the focus first (AUTO_FOCUS).
        with VerticalScroll():
            yield Static("[b]Practise job interviews from your terminal.[/b]", id="intro")
            yield Static(id="coach", classes="muted")
            yield OptionList(id="actions")
            yield Static(id="stats", classes="muted")
            yield Static(id="glance")
        yield Footer()

    def on_mount(self) -> None:
        app = interview_app(self)
        claude = app.coach_backend == "claude"
        hosted = os.environ.get("INTERVIEW_TUI_HOSTED") == "1"
        hint = "" if claude or hosted else " — set ANTHROPIC_API_KEY to coach with Claude"
        self.query_one("#coach", Static).update(f"Coach: {app.coach_label}{hint}")
        self._render_actions(None)  # the sessions arrive from load_sessions

    def on_screen_resume(self) -> None:
        # After the frame: at start-up the first frame does not wait for the history
        # service's imports and query (bench/startup.py).
        self.call_after_refresh(self.load_sessions)

    @work(exclusive=True, group="home", exit_on_error=False)
    async def load_sessions(self) -> None:
        from interview_tui.services.history import FINISHED  # not needed for the first frame

        ws = workspace(self)
        self._render_actions(await ws.history.overview())
        if self._resume_when_loaded:
            self._resume_when_loaded = False
            self.action_resume()
        # After the menu: the glance is a few aggregate queries more.
        recent = await ws.history.list_sessions(state=FINISHED, limit=3)
        self.query_one("#glance", Static).update(glance_text(recent, await ws.progress.glance()))

    def _render_actions(self, summary: Overview | None) -> None:
        """The menu and the line under it; ``None`` while the sessions are loading."""
        if summary is not None:
            self._summary = summary
        unfinished = summary.unfinished if summary else []
        actions = self.query_one("#actions", OptionList)
        highlighted = actions.highlighted
        actions.clear_options()
        def key(action: str) -> str:
            return f"[b]{escape(key_for(self, action))}[/b]"

        actions.add_option(Option(f"{key('new')}  New mock interview", id="new"))
        for index, row in enumerate(unfinished[:3]):
            resume_key = key("resume") if index == 0 else " "
            kind = SESSION_MODES.get(row.mode, row.mode) if row.mode != "interview" else ""
            label = (
                f"{resume_key}  Resume: {escape(row.company)} · {escape(row.role)} · "
                f"{STAGES.get(row.stage, row.stage)}{f' · {kind}' if kind else ''} · "
                f"{row.how_far(short=True)}"
            )
            actions.add_option(Option(label, id=f"resume-{row.id}"))
        actions.add_option(
            Option(f"{key('app.applications')}  Applications, interviews and prep", id="applications")
        )
        actions.add_option(Option(f"{key('app.drill')}  Drill a competency", id="drill"))
        actions.add_option(Option(f"{key('app.history')}  History and review", id="history"))
        actions.add_option(Option(f"{key('app.progress')}  Progress and practice plan", id="progress"))
        actions.add_option(Option(f"{key('app.question_bank')}  Question bank and practice sets", id="bank"))
        actions.add_option(Option(f"{key('app.help')}  Help", id="help"))
        actions.add_option(Option(f"{key('app.quit')}  Quit", id="quit"))
        actions.highlighted = highlighted if highlighted is not None else 0
        self.refresh_bindings()  # resume is offered only when there is something to resume
        stats = self.query_one("#stats", Static)
        if summary is None:
            stats.update("")
        elif summary.last_score is not None:
            stats.update(
                f"{plural(summary.sessions, 'session')} · {summary.completed} completed · "
                f"last score {summary.last_score:.1f} ({summary.last_readiness})"
            )
        elif summary.sessions:
            stats.update(f"{plural(summary.sessions, 'session')} so far")
        else:
            stats.update(
                "No sessions yet. A demo profile (Alex Rivera, Senior Backend Engineer) "
                "is ready, so you can start right away."
            )

    @on(OptionList.OptionSelected, "#actions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice == "new":
            self.action_new()
        elif choice.startswith("resume-"):
            interview_app(self).open_interview(int(choice.removeprefix("resume-")))
        elif choice == "history":
            interview_app(self).action_history()
        elif choice == "applications":
            interview_app(self).action_applications()
        elif choice == "bank":
            interview_app(self).action_question_bank()
        elif choice == "progress":
            interview_app(self).action_progress()
        elif choice == "drill":
            interview_app(self).action_drill()
        elif choice == "help":
            interview_app(self).action_help()
        elif choice == "quit":
            self.app.exit()

    def action_new(self) -> None:
        from interview_tui.screens.setup import SetupScreen

        self.app.push_screen(SetupScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume" and self._summary is not None:
            return bool(self._summary.unfinished)
        return True

    def action_resume(self) -> None:
        if self._summary is not None and self._summary.unfinished:
            interview_app(self).open_interview(self._summary.unfinished[0].id)
        elif self._summary is None:
            self._resume_when_loaded = True  # pressed before the sessions arrived
        else:
            self.notify("No unfinished session to resume.")
