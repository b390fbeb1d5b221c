"""Twenty people at once: every one served, and nothing left running afterwards."""

from __future__ import annotations

import asyncio

from interview_tui.hosting.users import UserRegistry
from tests.fakes.ssh_host import HOME, AsyncTerminal, SshHost, make_key

PEOPLE = 20


async def test_twenty_concurrent_connections_are_all_served_and_cleaned_up(tmp_path):
    data = tmp_path / "srv"
    registry = UserRegistry(data)
    keys = {}
    for i in range(PEOPLE // 2):  # ten users with two connections each
        private, public = make_key(tmp_path / "keys", f"user{i}")
        registry.add(f"user{i}", public.read_text())
        keys[f"user{i}"] = private
    host = SshHost(data, "--max-sessions", str(PEOPLE), "--max-per-user", "2")
    try:
        users = [f"user{i % (PEOPLE // 2)}" for i in range(PEOPLE)]
        terms = await asyncio.gather(*(AsyncTerminal.connect(host.port, u, keys[u])
                                       for u in users))
        # 20 Textual apps starting on two busy cores: slow, so each gets a long time.
        await asyncio.gather(*(t.wait_for(HOME, timeout=300) for t in terms))
        pids = await asyncio.to_thread(host.wait_for_apps, PEOPLE)
        assert len(set(pids)) == PEOPLE, "one app process per connection, all at once"
        await asyncio.gather(*(t.close() for t in terms))
        await asyncio.to_thread(host.wait_for_apps, 0, 120.0)
        lines = await asyncio.to_thread(host.wait_for_log, PEOPLE)
        assert sum("end=client-disconnect" in line for line in lines) == PEOPLE
        assert sorted(line.split("user=")[1].split()[0] for line in lines) == sorted(users)
    finally:
        host.stop()
    assert host.app_pids() == []
