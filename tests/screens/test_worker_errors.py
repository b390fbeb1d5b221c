"""A failure inside any screen's worker reaches the user as one clear notification."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerFailed

from interview_tui.app import InterviewApp
from interview_tui.config import load_settings
from interview_tui.screens.history import HistoryScreen
from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.profiles import ensure_demo_profile
from interview_tui.store import close_database, open_database
from interview_tui.store.models import MockSession
from tests.test_store_faults import damage_table, make_database


async def settle_failing(pilot: Pilot, notified: list[str], count: int) -> None:
    """Let the workers end (some fail, on purpose) until ``count`` notifications are in."""
    for _ in range(50):
        with suppress(WorkerFailed):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if len(notified) >= count:
            return


async def test_damaged_pages_met_by_a_screen_are_reported_as_damage(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    settings.db_path.parent.mkdir(parents=True)
    make_database(settings.db_path, sessions=2)
    damage_table(settings.db_path, MockSession._meta.table_name)
    open_database(settings.db_path)  # what start-up reads is intact
    ensure_demo_profile()
    notified: list[str] = []

    def record(message: Message) -> None:
        if isinstance(message, Notify):
            notified.append(f"{message.notification.title}: {message.notification.message}")

    app = InterviewApp(settings, coach=OfflineCoach(seed=1))
    try:
        async with app.run_test(size=(120, 40), message_hook=record) as pilot:
            await settle_failing(pilot, notified, 1)  # home reads the sessions to offer a resume
            await pilot.press("h")
            await settle_failing(pilot, notified, 2)
            assert isinstance(app.screen, HistoryScreen)
            status = app.screen.query_one("#status", Static)
            assert str(status.content) == "The sessions could not be read."
    finally:
        close_database()
    expected = (f"Something went wrong: {settings.db_path} is damaged "
                "(database disk image is malformed)")
    assert len(notified) == 2, notified  # home's load, then history's
    assert all(n.startswith(expected) for n in notified), notified
