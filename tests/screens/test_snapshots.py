"""Snapshots of every screen at 80×24 and 120×40 (and the too-small screen at 50×15).

Each scenario builds its data before the app starts (``tests/fakes/snapshot_data.py``,
with the offline coach and a frozen clock), then navigates by keyboard the way a user
would. ``snapshot_app`` (tests/fakes/snapshot_fixture.py) pins down everything else that
could change between runs or machines.

Update after an intended change of the look:
    .venv/bin/pytest tests/screens/test_snapshots.py --snapshot-update
and read the new SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from interview_tui.app import InterviewApp
from interview_tui.screens.application_form import ApplicationForm
from interview_tui.screens.confirm import ConfirmDialog
from interview_tui.screens.drill import DrillScreen
from interview_tui.screens.help import HelpScreen
from interview_tui.screens.history import HistoryScreen
from interview_tui.screens.home import HomeScreen
from interview_tui.screens.interview import InterviewScreen
from interview_tui.screens.profile_form import ProfileForm
from interview_tui.screens.progress import ProgressScreen
from interview_tui.screens.question_bank import QuestionBankScreen
from interview_tui.screens.review import ReviewScreen
from interview_tui.screens.setup import SetupScreen
from interview_tui.screens.summary import SummaryScreen
from interview_tui.screens.too_small import TooSmallScreen
from tests.fakes import snapshot_data as data
from tests.fakes.pilot import settle

SIZES = [(80, 24), (120, 40)]
TOO_SMALL = (50, 15)


# ----- getting there -------------------------------------------------------------------




async def press(pilot: Pilot, *keys: str) -> None:
    await settle(pilot)
    await pilot.press(*keys)
    await settle(pilot)


async def stay(pilot: Pilot, _: Any) -> None:
    await settle(pilot)


async def open_session(pilot: Pilot, session_id: int) -> None:
    await settle(pilot)
    pilot.app.open_interview(session_id)  # type: ignore[attr-defined]
    await settle(pilot)


async def new_interview(pilot: Pilot, _: Any) -> None:
    await press(pilot, "n")


async def application_form(pilot: Pilot, _: Any) -> None:
    await press(pilot, "n")
    await press(pilot, "e")  # edit the demo application: the form starts from a copy


async def profile_form(pilot: Pilot, _: Any) -> None:
    await press(pilot, "n")
    await press(pilot, "p")


async def history(pilot: Pilot, _: Any) -> None:
    await press(pilot, "h")


async def review_latest_completed(pilot: Pilot, _: Any) -> None:
    await press(pilot, "h")
    await press(pilot, "down", "enter")  # the newest row is unfinished; the next is completed


async def delete_from_history(pilot: Pilot, _: Any) -> None:
    await press(pilot, "h")
    await press(pilot, "down", "d")


def own_questions() -> None:
    from interview_tui.services.question_import import check_question
    from interview_tui.services.question_library import add_questions

    add_questions([check_question("Tell me about a time you pushed back on a deadline.",
                                  stage="hiring_manager", guidance="Why, how, and the outcome.")],
                  source="added")


async def question_bank(pilot: Pilot, _: Any) -> None:
    await press(pilot, "b")


async def progress(pilot: Pilot, _: Any) -> None:
    await press(pilot, "g")


async def drill(pilot: Pilot, _: Any) -> None:
    await press(pilot, "d")


async def help_screen(pilot: Pilot, _: Any) -> None:
    await press(pilot, "f1")


async def shrink(pilot: Pilot, _: Any) -> None:
    await settle(pilot)
    await pilot.resize_terminal(*TOO_SMALL)
    await settle(pilot)


# ----- the scenarios ---------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    build: Callable[[], Any] | None  # stores the data before the app starts
    go: Callable[[Pilot, Any], Awaitable[None]]  # gets there from the home screen
    screen: type[Screen[Any]]  # what must be on top when the snapshot is taken
    starts_at: tuple[int, int] | None = None  # the app's first size, when ``go`` resizes it


SCENARIOS = {
    "home_first_run": Scenario(None, stay, HomeScreen),
    "home_resume": Scenario(data.practice_history, stay, HomeScreen),
    "setup": Scenario(None, new_interview, SetupScreen),
    "application_form": Scenario(None, application_form, ApplicationForm),
    "profile_form": Scenario(None, profile_form, ProfileForm),
    "interview_answer": Scenario(data.awaiting_main_answer, open_session, InterviewScreen),
    "interview_follow_up": Scenario(data.on_follow_up, open_session, InterviewScreen),
    "interview_feedback": Scenario(data.question_feedback, open_session, InterviewScreen),
    "summary": Scenario(data.completed_session, open_session, SummaryScreen),
    "history": Scenario(data.practice_history, history, HistoryScreen),
    "review": Scenario(data.practice_history, review_latest_completed, ReviewScreen),
    "help": Scenario(None, help_screen, HelpScreen),
    "question_bank": Scenario(own_questions, question_bank, QuestionBankScreen),
    "progress": Scenario(data.practice_history, progress, ProgressScreen),
    "drill": Scenario(data.practice_history, drill, DrillScreen),
    "confirm_delete": Scenario(data.practice_history, delete_from_history, ConfirmDialog),
    # Shrunk while running: started too small, the app shows the home screen instead
    # (see test_starting_too_small_shows_the_too_small_screen).
    "too_small": Scenario(None, shrink, TooSmallScreen, starts_at=SIZES[0]),
}

CASES = [
    pytest.param(name, size, id=f"{name}-{size[0]}x{size[1]}")
    for name in SCENARIOS
    if name != "too_small"
    for size in SIZES
] + [pytest.param("too_small", TOO_SMALL, id=f"too_small-{TOO_SMALL[0]}x{TOO_SMALL[1]}")]


@pytest.mark.parametrize(("name", "size"), CASES)
def test_screen_snapshot(
    name: str,
    size: tuple[int, int],
    snapshot_app: Callable[..., InterviewApp],
    snap_compare: Callable[..., bool],
) -> None:
    scenario = SCENARIOS[name]
    app = snapshot_app()
    built = scenario.build() if scenario.build else None
    shown: list[Screen[Any]] = []

    async def run_before(pilot: Pilot) -> None:
        await scenario.go(pilot, built)
        shown.append(pilot.app.screen)

    start = scenario.starts_at or size
    assert snap_compare(app, terminal_size=start, run_before=run_before)
    # A snapshot of the wrong screen would pass just as well once stored.
    assert shown and isinstance(shown[0], scenario.screen), shown


async def test_starting_too_small_shows_the_too_small_screen(
    snapshot_app: Callable[..., InterviewApp],
) -> None:
    app = snapshot_app()
    async with app.run_test(size=TOO_SMALL) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
