"""Each user on their own data, resizes, and drafts that survive a dropped connection."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

from tests.fakes.ssh_host import HOME, AsyncTerminal, openssh, seed_session

TOO_SMALL = "The terminal is too small"


def cmdline(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")


async def test_two_users_at_once_each_see_only_their_own_history(shared):
    port = shared.host.port
    alice, bob = await asyncio.gather(
        AsyncTerminal.connect(port, "alice", shared.keys["alice"]),
        AsyncTerminal.connect(port, "bob", shared.keys["bob"]),
    )
    await asyncio.gather(alice.wait_for("Resume: Aliceworks"), bob.wait_for("Resume: Bobcorp"))
    for term in (alice, bob):
        term.type("h")  # history
    await asyncio.gather(alice.wait_for("Aliceworks", after=alice.mark() - 1),
                         bob.wait_for("Bobcorp", after=bob.mark() - 1))
    await asyncio.sleep(0)  # let any late frame land before judging what was shown
    assert "Bobcorp" not in alice.text and "Aliceworks" not in bob.text
    dirs = {cmdline(pid)[cmdline(pid).index("--data-dir") + 1] for pid in shared.host.app_pids()}
    assert {str(shared.data_dir / "users" / n) for n in ("alice", "bob")} <= dirs
    await asyncio.gather(alice.close(), bob.close())


async def test_a_data_dir_sent_by_the_client_is_ignored(shared, tmp_path):
    bobs = str(shared.data_dir / "users" / "bob")
    elsewhere = tmp_path / "mine"
    for target in (bobs, str(elsewhere)):
        term = await AsyncTerminal.connect(
            shared.host.port, "alice", shared.keys["alice"],
            env={"INTERVIEW_TUI_DATA_DIR": target, "INTERVIEW_TUI_CONFIG": target,
                 "HOME": target, "ANTHROPIC_BASE_URL": "http://evil.invalid"},
        )
        await term.wait_for("Resume: Aliceworks")
        assert "Bobcorp" not in term.text
        await term.close()
    assert not elsewhere.exists()


def test_openssh_setenv_cannot_pick_the_data_dir(shared):
    bobs = shared.data_dir / "users" / "bob"
    client = openssh(shared.host.port, "alice", shared.keys["alice"],
                     "-o", f"SetEnv=INTERVIEW_TUI_DATA_DIR={bobs}")
    try:
        client.wait_for("Resume: Aliceworks", timeout=60)
        assert "Bobcorp" not in client.output
    finally:
        client.kill()


async def test_a_resize_reaches_the_app(shared):
    term = await AsyncTerminal.connect(shared.host.port, "alice", shared.keys["alice"])
    await term.wait_for(HOME)
    mark = term.mark()
    term.resize(50, 15)
    await term.wait_for(TOO_SMALL, after=mark)
    mark = term.mark()
    term.resize(100, 30)
    await term.wait_for(HOME, after=mark)  # the home screen is drawn again, at full size
    await term.close()


def test_a_resize_reaches_the_app_through_openssh(shared):
    client = openssh(shared.host.port, "bob", shared.keys["bob"], size=(100, 30))
    try:
        client.wait_for(HOME, timeout=60)
        mark = client.mark()
        client.resize(59, 30)
        client.wait_for(TOO_SMALL, after=mark, timeout=60)
        mark = client.mark()
        client.resize(100, 30)
        client.wait_for(HOME, after=mark, timeout=60)
    finally:
        client.kill()


DRAFT = "Half-written answer about the Parcelwise migration"


def saved_draft(db: Path, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT text FROM answer_draft").fetchone()
        finally:
            conn.close()
        if row and row[0] == DRAFT:
            return row[0]
        time.sleep(0.1)
    raise AssertionError("the draft was not saved")


async def test_a_dropped_connection_keeps_the_draft(shared):
    carol_dir = shared.data_dir / "users" / "carol"
    await asyncio.to_thread(seed_session, carol_dir, "Carolsoft")
    port = shared.host.port
    term = await AsyncTerminal.connect(port, "carol", shared.keys["carol"])
    await term.wait_for("Resume: Carolsoft")
    term.type("r")
    await term.wait_for("Question 1 of")
    term.type(DRAFT)
    await term.wait_for(DRAFT[-20:])  # the app has the keys: it echoed them
    await asyncio.to_thread(saved_draft, carol_dir / "interview.db")
    before = len(shared.host.connection_lines())
    term.drop()  # no goodbye: the network is gone
    lines = await asyncio.to_thread(shared.host.wait_for_log, before + 1)
    assert "user=carol" in lines[-1] and "end=client-disconnect" in lines[-1]

    again = await AsyncTerminal.connect(port, "carol", shared.keys["carol"])
    await again.wait_for("Resume: Carolsoft")  # home offers to resume
    again.type("r")
    await again.wait_for(DRAFT)
    await again.close()


def test_openssh_killed_mid_answer_then_back_finds_the_draft(shared):
    seed_session(shared.data_dir / "users" / "dave", "Davecraft")
    port = shared.host.port
    client = openssh(port, "dave", shared.keys["dave"])
    try:
        client.wait_for("Resume: Davecraft", timeout=60)
        client.type("r")
        client.wait_for("Type your answer", timeout=60)
        client.type("OpenSSH draft")
        client.wait_for("OpenSSH draft", timeout=60)
    finally:
        client.kill()  # SIGKILL: the client vanishes mid-answer, at once, saying nothing
    # No wait for the draft to reach the database first: the server gives the app its
    # last save before it ends it (HostConfig.stop_settle).
    again = openssh(port, "dave", shared.keys["dave"])
    try:
        again.wait_for("Resume: Davecraft", timeout=60)
        again.type("r")
        again.wait_for("OpenSSH draft", timeout=60)
    finally:
        again.kill()
