"""Limits: sessions overall and per user, idle time, and the daily token budget."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from interview_tui.store import close_database, open_database
from interview_tui.store.models import CoachCall
from tests.fakes.anthropic_server import FakeAnthropic
from tests.fakes.ssh_host import HOME, AsyncTerminal
from tests.hosting.conftest import hosted

REAL_KEY = "sk-ant-REAL-key-of-the-server"


def environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().decode()
    return dict(item.split("=", 1) for item in raw.split("\0") if "=" in item)


async def test_session_limits_overall_and_per_user(tmp_path):
    h = hosted(tmp_path, "--max-per-user", "1", "--max-sessions", "2", seed=False)
    try:
        port = h.host.port
        first = await AsyncTerminal.connect(port, "alice", h.keys["alice"])
        await first.wait_for(HOME)
        second = await AsyncTerminal.connect(port, "alice", h.keys["alice"])
        await second.wait_for("you already have 1 session(s) open")
        await second.wait_closed()
        assert second.exit_status == 1
        bob = await AsyncTerminal.connect(port, "bob", h.keys["bob"])
        await bob.wait_for(HOME)
        carol = await AsyncTerminal.connect(port, "carol", h.keys["carol"])
        await carol.wait_for("the server is full (2 sessions)")
        await carol.wait_closed()
        await first.close()  # a slot is free again at once
        again = await AsyncTerminal.connect(port, "carol", h.keys["carol"])
        await again.wait_for(HOME)
        await again.close()
        await bob.close()
        lines = h.host.wait_for_log(5)
        assert sum("end=limit-user" in line for line in lines) == 1
        assert sum("end=limit-server" in line for line in lines) == 1
    finally:
        h.host.stop()


async def test_idle_sessions_end_with_a_message(tmp_path):
    h = hosted(tmp_path, "--idle-timeout", "3", seed=False)
    try:
        term = await AsyncTerminal.connect(h.host.port, "alice", h.keys["alice"])
        await term.wait_for(HOME)
        await term.wait_for("disconnected after 3 seconds without input", timeout=90)
        await term.wait_closed()
        assert "\x1b[?1049l" in term.text.rsplit("disconnected", 1)[0][-400:], "screen restored"
        assert "end=idle-timeout" in h.host.wait_for_log(1)[-1]
        h.host.wait_for_apps(0)
    finally:
        h.host.stop()


async def test_a_server_shutdown_ends_every_app_with_a_message(tmp_path):
    h = hosted(tmp_path, seed=False)
    term = await AsyncTerminal.connect(h.host.port, "alice", h.keys["alice"])
    await term.wait_for(HOME)
    (pid,) = h.host.app_pids()
    assert await asyncio.to_thread(h.host.stop) == 0  # SIGTERM
    await term.wait_for("the server is shutting down. Your work is saved.")
    await term.wait_closed()
    assert not Path(f"/proc/{pid}").exists(), "the app was ended and reaped"
    assert "end=server-shutdown" in h.host.wait_for_log(1)[-1]


def log_tokens(db: Path, tokens: int) -> None:
    open_database(db)
    try:
        CoachCall.create(purpose="question", backend="claude", model="m", input_tokens=tokens,
                         created_at=datetime.now(UTC).replace(tzinfo=None))
    finally:
        close_database()


@pytest.fixture
def claude_host(tmp_path):
    with FakeAnthropic() as fake:
        h = hosted(tmp_path, "--daily-tokens", "1000",
                   env={"ANTHROPIC_API_KEY": REAL_KEY, "ANTHROPIC_BASE_URL": fake.base_url})
        h.fake = fake  # type: ignore[attr-defined]
        try:
            yield h
        finally:
            h.host.stop()


async def test_a_spent_budget_says_so_and_goes_on_offline(claude_host):
    h = claude_host
    log_tokens(h.data_dir / "users" / "alice" / "interview.db", 5000)
    alice = await AsyncTerminal.connect(h.host.port, "alice", h.keys["alice"])
    await alice.wait_for("daily coach budget on this server is spent")
    assert "5,000 tokens used today, 1,000 allowed" in alice.text
    await alice.wait_for("Press any key")
    alice.type(" ")
    await alice.wait_for(HOME)
    await alice.wait_for("Coach: Offline coach")
    await alice.wait_for("Resume: Aliceworks")
    await alice.close()


async def test_the_key_stays_on_the_server_and_a_budget_spent_mid_session_goes_offline(
    claude_host,
):
    h = claude_host
    bob = await AsyncTerminal.connect(h.host.port, "bob", h.keys["bob"])
    await bob.wait_for("Coach: Claude")
    (pid,) = h.host.app_pids()
    env = environ(pid)
    assert REAL_KEY not in Path(f"/proc/{pid}/environ").read_text()
    assert env["ANTHROPIC_API_KEY"].startswith("itui-")
    assert env["ANTHROPIC_BASE_URL"].startswith("http://127.0.0.1:")
    assert env["ANTHROPIC_BASE_URL"] != h.fake.base_url
    bob.type("n")  # a new interview: Claude writes its first question, through the proxy
    mark = bob.mark()
    await bob.wait_for("Start interview", after=mark)
    await bob.wait_for("Bobcorp", after=mark)  # the applications have loaded
    mark = bob.mark()
    bob.type("\x13")  # ctrl+s: start
    await bob.wait_for("Type your answer", after=mark, timeout=90)
    assert h.fake.headers and all(hd["x-api-key"] == REAL_KEY for hd in h.fake.headers)
    # Bob's other session spends his budget while this one is open.
    log_tokens(h.data_dir / "users" / "bob" / "interview.db", 1000)
    bob.type("I led the migration and cut latency by half.")
    await bob.wait_for("cut latency by half")  # the editor has it
    bob.type("\x13")  # ctrl+s: submit; the coach call is over budget now
    await bob.wait_for("daily coach budget on this server is spent", timeout=90)
    await bob.wait_for("press r on the home screen to resume")
    bob.type(" ")
    await bob.wait_for("Coach: Offline coach", after=bob.mark() - 1)
    await bob.close()
    assert not any("HTTP Request" in line or REAL_KEY in line for line in h.host.log)
