"""SIGKILL a real subprocess after each kind of transition, then resume: nothing is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.session_machine import State
from interview_tui.services.workspace import Workspace
from interview_tui.store import close_database, open_database
from interview_tui.store.models import Analysis, MockSession, Question, Response
from tests.fakes.drive import drive_to_end

ROOT = Path(__file__).resolve().parent.parent


def run_child(db: Path, kill_at: int) -> list[str]:
    """Run the child until it pauses at ``kill_at`` (then SIGKILL it) or finishes."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.crash_child", str(db), str(kill_at)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line.strip())
        if line.strip() in {"PAUSED", "DONE"}:
            break
    if lines and lines[-1] == "PAUSED":
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    if not lines or lines[-1] not in {"PAUSED", "DONE"}:
        raise AssertionError(f"child failed: {proc.stderr.read() if proc.stderr else ''}")
    return lines


def kill_points(db: Path) -> list[tuple[int, str]]:
    """The first two points of every kind in a full run (the second is often a follow-up)."""
    seen: dict[str, list[int]] = {}
    for line in run_child(db, -1):
        if line.startswith("POINT "):
            _, n, label = line.split(" ", 2)
            seen.setdefault(label, []).append(int(n))
    return sorted((n, label) for label, ns in seen.items() for n in ns[:2])


@pytest.fixture(scope="module")
def points(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[int, str]]:
    return kill_points(tmp_path_factory.mktemp("full") / "interview.db")


def test_every_kind_of_point_is_covered(points):
    labels = {label for _, label in points}
    assert {
        "before:question",
        "before:analysis",
        "before:question_feedback",
        "before:session_feedback",
        "after:awaiting_answer",
        "after:answer_submitted",
        "after:question_review",
        "after:completed",
    } <= labels


async def test_sigkill_then_resume_loses_nothing(points, tmp_path):
    for kill_at, label in points:
        await _kill_and_resume(tmp_path / f"kill-{kill_at}.db", kill_at, label)


async def _kill_and_resume(db: Path, kill_at: int, label: str) -> None:
    lines = run_child(db, kill_at)
    assert lines[-1] == "PAUSED", label
    submitted = [tuple(map(int, line.split()[1:])) for line in lines if line.startswith("SUBMITTED")]

    close_database()
    open_database(db)
    service = Workspace(OfflineCoach(seed=3)).interview
    try:
        # The kill may come before the child printed its session id: read it from the rows.
        view = await service.resume(MockSession.get().id)
        stored = {(r.question.number, r.number) for r in Response.select().join(Question)}
        assert set(submitted) <= stored, f"answers lost after a kill at {label}"
        if view.state is State.AWAITING_ANSWER:
            # The user is asked for the next response, never one already submitted.
            p = view.progress
            assert (p.question_number, p.response_number + 1) not in stored, label
        done = await drive_to_end(service, view)
    finally:
        service.workspace.close()
    assert done.state is State.COMPLETED, label
    responses = list(Response.select())
    assert Analysis.select().count() == len(responses), f"unanalysed answer after {label}"
    for q in done.questions:
        assert [e.number for e in q.exchanges] == list(range(1, len(q.exchanges) + 1)), label
        assert q.feedback is not None, label
    close_database()
