"""A draft survives the app being SIGKILLed in a real terminal, and comes back in place."""

from __future__ import annotations

import sqlite3
import time

from textual.widgets import TextArea

from interview_tui.screens.interview import InterviewScreen
from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.interview import SessionSetup
from interview_tui.services.profiles import ensure_demo_profile
from interview_tui.services.workspace import Workspace
from interview_tui.store import close_database, open_database
from tests.fakes.pty_app import PtyApp

DRAFT = "Half-written answer about the Parcelwise migration"


def wait_for_draft(db_path, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT text FROM answer_draft").fetchone()
        finally:
            conn.close()
        if row and row[0] == DRAFT:
            return row[0]
        time.sleep(0.1)
    raise AssertionError("the draft was not saved within about a second of typing")


async def test_draft_survives_sigkill(tmp_path, make_app):
    data = tmp_path / "data"
    open_database(data / "interview.db")
    service = Workspace(OfflineCoach(seed=1)).interview
    view = await service.start(SessionSetup(application_id=ensure_demo_profile().id))
    service.workspace.close()
    close_database()

    app = PtyApp("--data-dir", str(data), "--offline")
    try:
        app.wait_for("Resume")
        app.type("r")  # home: resume the unfinished session
        app.wait_for("Question 1 of")
        time.sleep(0.5)
        app.type(DRAFT)
        assert wait_for_draft(data / "interview.db") == DRAFT
    finally:
        app.kill()

    restarted = make_app()
    async with restarted.run_test(size=(80, 24)) as pilot:
        restarted.push_screen(InterviewScreen(view.id))
        await pilot.pause()
        await restarted.workers.wait_for_complete()
        await pilot.pause()
        editor = restarted.screen.query_one("#answer", TextArea)
        assert editor.text == DRAFT
