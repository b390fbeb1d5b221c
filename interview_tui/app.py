"""The Textual application: screens, bindings, command palette, themes, worker errors."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from interview_tui.config import Settings
from interview_tui.errors import user_message
from interview_tui.services.workspace import Workspace

if TYPE_CHECKING:
    from interview_tui.services.coach import Coach
    from interview_tui.services.interview import SessionSetup

MIN_WIDTH, MIN_HEIGHT = 60, 18
WARM_UP_DELAY = 1.0  # seconds after start-up before the coach and service are built
FULL_COLLECTION_EVERY = 100  # middle-generation collections per full one (Python: 10)

# Textual gives a worker's state changes to the node that runs it and does not bubble
# them, so a failure in a screen's or a widget's worker reached no one (the history
# stayed at "Loading…" on a damaged file). Bubbled, they reach the app's one handler.
Worker.StateChanged.bubble = True


# Screen keys for the app-wide palette commands (get_system_commands): not listed again.
_APP_WIDE = {"app.history", "app.applications", "app.question_bank", "app.progress",
             "app.drill", "app.help"}


class InterviewApp(App[int]):
    """interview-tui. Dependencies come in through the constructor, so tests can swap them.

    The app holds one ``Workspace`` (the database runner, the coach, the call log and the
    feature services); every screen reaches it through ``screens.access.workspace``.
    """

    TITLE = "interview-tui"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        # Priority, so help and quit work inside dialogs too; "?" is not, so it stays a
        # character wherever text is typed.
        Binding("f1", "help", "Help", id="app.help", priority=True,
                tooltip="Show the keys that work here, and how the app works"),
        Binding("question_mark", "help", "Help", id="app.help_key", show=False,
                tooltip="Show the keys that work here, and how the app works"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True,
                tooltip="Quit; your work is saved"),
        Binding("ctrl+h", "history", "History", id="app.history", show=False),
    ]

    def __init__(
        self,
        settings: Settings,
        *,
        coach: Coach | None = None,
        workspace: Workspace | None = None,
        theme: str | None = None,
        open_session: int | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        # The coach and the interview service (pydantic, the SDK, the offline coach) are
        # built on first use, or by a warm-up thread after the first frame: nothing on
        # the home screen needs them (bench/startup.py).
        self.workspace = workspace or Workspace(coach, coach_factory=self._make_coach)
        self._initial_theme = theme
        self._open_session = open_session
        self._too_small = False
        self._home_shown = False

    def _make_coach(self) -> Coach:
        from interview_tui.services.coach import make_coach

        return make_coach(self.settings)

    @property
    def coach_label(self) -> str:
        ws = self.workspace
        return ws.coach.info.label if ws.coach_built else self.settings.coach_label

    @property
    def coach_backend(self) -> str:
        ws = self.workspace
        return ws.coach.info.backend if ws.coach_built else self.settings.coach_backend

    def get_default_screen(self) -> Screen[None]:
        # Home is the bottom of the stack: composing Textual's empty default screen first
        # and pushing home over it cost ~20 ms of the first frame (bench/startup.py).
        from interview_tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self._initial_theme and self._initial_theme in self.available_themes:
            self.theme = self._initial_theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        self.sub_title = self.coach_label
        self._home_shown = True
        self._check_size(self.size.width, self.size.height)
        if self._open_session is not None:
            self.open_interview(self._open_session)
        # Not right after the first frame: the warm-up's imports hold the GIL about half
        # the time, so a key pressed at once would be handled at half speed.
        self.set_timer(WARM_UP_DELAY, self._warm_up)

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        """A second after start-up: build the service and coach, so starting an interview
        does not wait for their imports; then take every object that exists by now (all
        of them live as long as the app) out of the collector's view, and turn the
        collector back on (``cli.main`` turns it off for the start). Whatever needs the
        service sooner builds it on first use."""
        try:
            self.workspace.interview  # noqa: B018 - building it (and its imports) is the point
            self.workspace.coach  # noqa: B018
        finally:
            gc.freeze()
            # Full collections: after 100 young-generation passes instead of 10. With the
            # start-up objects frozen, each still scans every later widget, SDK and cache
            # object (50-200 ms on a busy machine), and at the default rate they landed
            # inside a Claude session's turns seven times (bench/turn_overhead.py).
            young, middle, _ = gc.get_threshold()
            gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
            gc.enable()  # even if building failed: never leave the collector off

    async def on_unmount(self) -> None:
        await self.workspace.aclose()

    # ----- navigation ---------------------------------------------------------------

    def open_interview(self, session_id: int) -> None:
        """Resume (or look at) a session in the live interview screen."""
        from interview_tui.screens.interview import InterviewScreen

        self.push_screen(InterviewScreen(session_id))

    def start_interview(self, setup: SessionSetup) -> None:
        """Replace the setup screen with a live interview for ``setup``."""
        from interview_tui.screens.interview import InterviewScreen

        self.switch_screen(InterviewScreen(setup=setup))

    def start_drill(self, setup: SessionSetup) -> None:
        """Open a live drill (or any session for ``setup``) over the current screen."""
        from interview_tui.screens.interview import InterviewScreen

        self.push_screen(InterviewScreen(setup=setup))

    @work(group="redo", exit_on_error=False)
    async def redo_question(self, question_id: int) -> None:
        """Answer question ``question_id`` again, in a new one-question session."""
        session_id = await self.workspace.redo.start(question_id)
        self.open_interview(session_id)

    def action_progress(self) -> None:
        from interview_tui.screens.progress import ProgressScreen

        if not isinstance(self.screen, ProgressScreen):
            self.push_screen(ProgressScreen())

    def action_drill(self) -> None:
        from interview_tui.screens.drill import DrillScreen

        if not isinstance(self.screen, DrillScreen):
            self.push_screen(DrillScreen())

    def action_history(self) -> None:
        from interview_tui.screens.history import HistoryScreen

        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    def action_applications(self) -> None:
        from interview_tui.screens.applications import ApplicationsScreen

        if not isinstance(self.screen, ApplicationsScreen):
            self.push_screen(ApplicationsScreen())

    def action_question_bank(self) -> None:
        from interview_tui.screens.question_bank import QuestionBankScreen

        if not isinstance(self.screen, QuestionBankScreen):
            self.push_screen(QuestionBankScreen())

    def open_pitch(self, application_id: int) -> None:
        from interview_tui.screens.pitch import PitchScreen

        self.push_screen(PitchScreen(application_id))

    def open_debrief(self, application_id: int, interview_id: int | None = None) -> None:
        from interview_tui.screens.debrief import DebriefScreen

        self.push_screen(DebriefScreen(application_id, interview_id))

    @work(exclusive=True, group="pick-application", exit_on_error=False)
    async def for_application(self, title: str, open_screen: Callable[[int], None]) -> None:
        """Open ``open_screen`` for the only application, or ask which one first."""
        from interview_tui.screens.application_picker import ApplicationPicker

        apps = await self.workspace.profiles.list_applications()
        if len(apps) == 1:
            open_screen(apps[0].id)
        elif apps:
            choices = [(a.id, a.company, a.role) for a in apps]

            def chosen(application_id: int | None) -> None:
                if application_id is not None:
                    open_screen(application_id)

            self.push_screen(ApplicationPicker(title, choices), chosen)
        else:
            self.notify("Add a job application first (set up a mock interview).")

    def action_help(self) -> None:
        from interview_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from interview_tui.screens.setup import SetupScreen

        yield from self._screen_commands(screen)
        yield SystemCommand("New mock interview", "Set up and start a mock interview",
                            lambda: self.push_screen(SetupScreen()))
        yield SystemCommand("History", "Review past sessions", self.action_history)
        yield SystemCommand("Applications", "Interviews, prep documents and sessions per "
                            "application", self.action_applications)
        yield SystemCommand("Question bank", "Browse, add, import and generate practice questions",
                            self.action_question_bank)
        yield SystemCommand("Progress", "Scores over time, competencies, a practice plan",
                            self.action_progress)
        yield SystemCommand("Drill", "A quick loop on one competency or category",
                            self.action_drill)
        yield SystemCommand("Intro pitch trainer", "Practise 'tell me about yourself' (60-90 s)",
                            lambda: self.for_application("Intro pitch for which application?",
                                                         self.open_pitch))
        yield SystemCommand("Debrief an interview", "Debrief a real interview; thank-you email",
                            lambda: self.for_application("Debrief for which application?",
                                                         self.open_debrief))
        yield SystemCommand("Help", "Keys and how the app works", self.action_help)
        yield from super().get_system_commands(screen)

    def _screen_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """What the screen's own keys do right now, so the palette offers only what works."""
        from interview_tui.screens.widgets.keys import sentence_key

        # Textual's own screen keys (focus next, copy) are no actions of ours to offer, and
        # keys for what get_system_commands offers anyway would list it twice.
        seen: set[str] = {b.action for b in Binding.make_bindings(Screen.BINDINGS)} | _APP_WIDE
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if active.node is not screen or not active.enabled or not binding.description:
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                f"{binding.description} ({sentence_key(key)})",
                binding.tooltip or binding.description,
                # The palette calls this plainly; the action runs on the screen's loop.
                partial(self.call_later, self.run_action, binding.action, active.node),
            )

    # ----- app-wide behaviour -----------------------------------------------------------

    def _remember_theme(self, theme: object) -> None:
        self._save_theme(self.theme)

    @work(exclusive=True, group="preferences", exit_on_error=False)
    async def _save_theme(self, name: str) -> None:
        await self.workspace.preferences.set("theme", name)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """One place turns any failed worker into a clear notification."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.notify(user_message(event.worker.error), title="Something went wrong",
                        severity="error", timeout=8)

    def on_resize(self, event: Resize) -> None:
        # The first resize arrives before on_mount; on_mount checks once home is shown.
        if self._home_shown:
            self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        """Show a clear message instead of a broken layout below the minimum size."""
        from interview_tui.screens.too_small import TooSmallScreen

        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if small and not self._too_small:
            self._too_small = True
            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT))
        elif not small and self._too_small:
            self._too_small = False
            if isinstance(self.screen, TooSmallScreen):
                self.pop_screen()


def run_app(settings: Settings) -> int:
    """Open the database, make sure the demo profile exists, run the app."""
    from interview_tui.services.preferences import get_preference
    from interview_tui.services.profiles import ensure_demo_profile
    from interview_tui.store import StoreError, close_database, database_errors, open_database

    try:
        with database_errors(settings.db_path):
            open_database(settings.db_path)
            ensure_demo_profile()
            theme = get_preference("theme")
    except StoreError as exc:
        close_database()  # so SQLite removes its -wal and -shm: the directory as it was
        print(f"interview-tui: {exc}", file=sys.stderr)
        return 2
    try:
        app = InterviewApp(settings, theme=theme)
        app.run()
    finally:
        close_database()
    return 0
