"""SSH start: TCP connect to the home screen over SSH, against the same app started in a PTY.

Both sides start the real app (``python -m interview_tui --data-dir D --offline``) on a
80x24 pseudo-terminal and stop the clock when the home screen's text ("New mock
interview") has arrived at the terminal, so both include the same first frame:

- **local**: spawn the process on a PTY, as a terminal emulator would;
- **ssh**: ``interview-tui serve-ssh`` (a child process, its real CLI) is already
  listening; asyncssh's client opens the TCP connection, exchanges keys, logs in with an
  ed25519 key, asks for a PTY and a shell; the server spawns the app.

Runs alternate local and ssh; the figure is the median of the per-pair ratios.

Memory per connected user: with N users at home, the RSS of each app process (from
/proc), plus the server's growth over its idle size divided by N.
"""

from __future__ import annotations

import asyncio
import os
import select
import time
from pathlib import Path

SLOWED = False  # the same app over SSH and locally: slowing the app moves both sides

TARGET_RATIO = 1.5
TARGET_MB = 80.0
MARKER = b"New mock interview"


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def local_start(data: Path, env: dict[str, str], timeout: float = 60.0) -> float:
    """Seconds from spawning the app on a PTY to its home screen on that PTY (the same
    command line and environment the server gives a hosted app)."""
    import fcntl
    import pty
    import signal
    import struct
    import subprocess
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    started = time.perf_counter()
    from interview_tui.hosting.child_env import app_argv

    proc = subprocess.Popen(app_argv(data, offline=True, model=None), stdin=slave, stdout=slave,
                            stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while MARKER not in seen:
            if time.perf_counter() - started > timeout:
                raise RuntimeError("local: no home screen")
            if select.select([master], [], [], 0.5)[0]:
                seen += os.read(master, 65536)
        return time.perf_counter() - started
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


async def ssh_start(port: int, key: Path) -> float:
    """Seconds from the TCP connect to the home screen arriving over SSH."""
    from tests.fakes.ssh_host import AsyncTerminal

    started = time.perf_counter()
    term = await AsyncTerminal.connect(port, "bench", key, size=(80, 24))
    await term.wait_for(MARKER.decode(), timeout=60)
    elapsed = time.perf_counter() - started
    await term.close()
    return elapsed


async def memory(host, key: Path, users: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(median app RSS, server growth per user) in MB with ``users`` connected at home."""
    from bench.common import median
    from tests.fakes.ssh_host import AsyncTerminal

    base = _rss_mb(host.process.pid)
    terms = [await AsyncTerminal.connect(host.port, "bench", key, size=(80, 24))
             for _ in range(users)]
    await asyncio.gather(*(t.wait_for(MARKER.decode(), timeout=120) for t in terms))
    pids = await asyncio.to_thread(host.wait_for_apps, users)
    apps = [_rss_mb(pid) for pid in pids]
    server = (_rss_mb(host.process.pid) - base) / users
    for t in terms:
        await t.close()
    await asyncio.to_thread(host.wait_for_apps, 0)
    return median(apps), max(server, 0.0)


def run(quick: bool = False):  # type: ignore[no-untyped-def]
    from bench.common import Result, data_dir, median, say
    from interview_tui.hosting.child_env import app_environment
    from interview_tui.hosting.users import UserRegistry
    from tests.fakes.ssh_host import SshHost, clean_env, make_key

    pairs = 3 if quick else 7
    users = 3 if quick else 5
    with data_dir() as tmp:
        private, public = make_key(tmp / "keys", "bench")
        UserRegistry(tmp / "srv").add("bench", public.read_text())
        local_dir = tmp / "local"
        # The local run gets exactly the environment a hosted app gets, so the ratio is
        # the cost of SSH and nothing else.
        env = app_environment(local_dir, term="xterm-256color", colorterm=None, coach=None,
                              server_env=clean_env())
        host = SshHost(tmp / "srv", "--max-per-user", "0", "--max-sessions", "0")
        try:

            async def measure() -> tuple[list[tuple[float, float]], tuple[float, float]]:
                # One of each first: both databases exist, the caches are warm.
                await asyncio.to_thread(local_start, local_dir, env)
                await ssh_start(host.port, private)
                await asyncio.to_thread(host.wait_for_apps, 0)
                runs = []
                for _ in range(pairs):
                    loc = await asyncio.to_thread(local_start, local_dir, env)
                    ssh = await ssh_start(host.port, private)
                    await asyncio.to_thread(host.wait_for_apps, 0)  # the app has ended
                    runs.append((loc, ssh))
                return runs, await memory(host, private, users)

            runs, (app_mb, server_mb) = asyncio.run(measure())
        finally:
            host.stop()
    ratio = median([s / loc for loc, s in runs])
    local_ms = median([loc for loc, _ in runs]) * 1000
    ssh_ms = median([s for _, s in runs]) * 1000
    per_user = app_mb + server_mb
    say(f"home screen: over SSH {ssh_ms:.0f} ms, local PTY {local_ms:.0f} ms "
        f"(medians of {pairs} pairs); median ratio {ratio:.2f}x (target <= {TARGET_RATIO}x)")
    say(f"memory per connected user ({users} at once): app {app_mb:.1f} MB RSS + server "
        f"{server_mb:.1f} MB = {per_user:.1f} MB (target <= {TARGET_MB:.0f} MB)")
    return [
        Result("SSH start", f"home {ssh_ms:.0f} ms over SSH vs {local_ms:.0f} ms local",
               ratio, "same app started locally in a PTY", f"<= {TARGET_RATIO}x",
               ratio <= TARGET_RATIO),
        Result("SSH memory per user", f"{per_user:.1f} MB (app {app_mb:.1f} + server "
               f"{server_mb:.1f}), {users} users", None, "", f"<= {TARGET_MB:.0f} MB",
               per_user <= TARGET_MB),
    ]


if __name__ == "__main__":
    run()
