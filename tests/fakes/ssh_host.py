"""A real ``interview-tui serve-ssh`` in a child process, users with real keys, and clients.

- ``SshHost``: the server, started through the real CLI on an ephemeral port; its log
  lines are collected; ``app_pids()`` lists the app processes it is running.
- ``make_key``: an ed25519 key pair on disk (the private one at 0600, as ssh wants).
- ``AsyncTerminal``: asyncssh's client with a PTY, collecting what the server sends.
- ``openssh``: the OpenSSH ``ssh`` binary in a real PTY (``tests/fakes/pty_app.PtyApp``).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import asyncssh

from tests.fakes.poll import poll
from tests.fakes.pty_app import PtyApp

ROOT = Path(__file__).resolve().parents[2]
HOME = "New mock interview"  # on the home screen once it has rendered
SSH = shutil.which("ssh") or "/usr/bin/ssh"  # .ci/run installs openssh-client if missing


def make_key(directory: Path, name: str) -> tuple[Path, Path]:
    """(private key, public key) files for a new ed25519 key called ``name``."""
    directory.mkdir(parents=True, exist_ok=True)
    key = asyncssh.generate_private_key("ssh-ed25519", comment=name)
    private = directory / name
    key.write_private_key(private)
    private.chmod(0o600)
    public = directory / f"{name}.pub"
    key.write_public_key(public)
    return private, public


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ANTHROPIC_", "INTERVIEW_TUI_")) and k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra or {})
    return env


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "interview_tui", *args], cwd=ROOT,
                          env=clean_env(env), capture_output=True, text=True, timeout=60)


class SshHost:
    """``interview-tui serve-ssh --port 0 --data-dir DATA OPTIONS`` until ``stop``."""

    def __init__(self, data_dir: Path, *options: str, env: dict[str, str] | None = None):
        self.data_dir = data_dir
        self.process = subprocess.Popen(
            [sys.executable, "-m", "interview_tui", "serve-ssh", "--port", "0",
             "--data-dir", str(data_dir), *options],
            cwd=ROOT, env=clean_env(env), text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self.banner: list[str] = []
        self.log: list[str] = []
        self._lock = threading.Lock()
        assert self.process.stdout is not None and self.process.stderr is not None
        threading.Thread(target=self._collect, args=(self.process.stderr, self.log),
                         daemon=True).start()
        self.port = 0
        deadline = time.monotonic() + 60
        for line in self.process.stdout:
            self.banner.append(line.rstrip("\n"))
            if line.startswith("listening on "):
                self.port = int(line.rsplit(":", 1)[1])
                break
            if time.monotonic() > deadline:
                break
        if not self.port:
            self.process.kill()
            raise AssertionError(f"serve-ssh did not start: {self.banner} {self.log}")
        threading.Thread(target=self._collect, args=(self.process.stdout, self.banner),
                         daemon=True).start()

    def _collect(self, stream, into: list[str]) -> None:  # type: ignore[no-untyped-def]
        for line in stream:
            with self._lock:
                into.append(line.rstrip("\n"))

    def connection_lines(self) -> list[str]:
        with self._lock:
            return [line for line in self.log if " connection user=" in line]

    def wait_for_log(self, count: int, timeout: float = 60.0) -> list[str]:
        """The connection log lines, once there are at least ``count``."""
        def enough() -> list[str] | None:
            lines = self.connection_lines()
            return lines if len(lines) >= count else None

        return poll(enough, timeout,
                    lambda: f"expected {count} connection lines, got {self.connection_lines()}")

    def wait_for_line(self, *parts: str, timeout: float = 60.0) -> str:
        """The first connection log line that contains every one of ``parts``."""
        return poll(lambda: next((line for line in self.connection_lines()
                                  if all(p in line for p in parts)), None),
                    timeout, lambda: f"no log line with {parts}: {self.connection_lines()}")

    def app_pids(self) -> list[int]:
        """The server's child processes (the apps it runs), from /proc."""
        pids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                fields = stat.rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid and fields[0] != "Z":
                    pids.append(int(entry))
        return pids

    def wait_for_apps(self, count: int, timeout: float = 60.0) -> list[int]:
        def found() -> list[int] | None:
            pids = self.app_pids()
            return pids if len(pids) == count else None

        return poll(found, timeout,
                    lambda: f"expected {count} app processes, found {self.app_pids()}")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


class _Collector(asyncssh.SSHClientSession[bytes]):
    def __init__(self, terminal: AsyncTerminal) -> None:
        self.terminal = terminal

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.terminal.raw.extend(data)
        self.terminal.changed.set()

    def exit_status_received(self, status: int) -> None:
        self.terminal.exit_status = status

    def connection_lost(self, exc: Exception | None) -> None:
        self.terminal.closed.set()
        self.terminal.changed.set()


class AsyncTerminal:
    """A logged-in asyncssh client with a PTY; ``text`` is everything received so far."""

    def __init__(self) -> None:
        self.raw = bytearray()
        self.changed = asyncio.Event()
        self.closed = asyncio.Event()
        self.exit_status: int | None = None
        self.conn: asyncssh.SSHClientConnection | None = None
        self.chan: asyncssh.SSHClientChannel[bytes] | None = None

    @classmethod
    async def connect(cls, port: int, user: str, key: Path, *, size: tuple[int, int] = (100, 30),
                      env: dict[str, str] | None = None, term: str = "xterm-256color",
                      command: str | None = None) -> AsyncTerminal:
        self = cls()
        self.conn = await asyncssh.connect(
            "127.0.0.1", port, username=user, client_keys=[str(key)], known_hosts=None,
            agent_path=None, password=None, kbdint_auth=False, connect_timeout=60,
        )
        self.chan, _ = await self.conn.create_session(
            lambda: _Collector(self), command, term_type=term, term_size=size, env=env or {},
            encoding=None,
        )
        return self

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8", "replace")

    def mark(self) -> int:
        return len(self.text)

    async def wait_for(self, text: str, timeout: float = 60.0, *, after: int = 0) -> None:
        async def seen() -> None:
            while text not in self.text[after:]:
                if self.closed.is_set():
                    raise AssertionError(f"closed before {text!r} arrived: {self.text[-800:]!r}")
                self.changed.clear()
                await self.changed.wait()

        try:
            await asyncio.wait_for(seen(), timeout)
        except TimeoutError:
            raise AssertionError(f"{text!r} not seen in {timeout}s: {self.text[-800:]!r}") from None

    async def wait_closed(self, timeout: float = 60.0) -> None:
        await asyncio.wait_for(self.closed.wait(), timeout)

    def type(self, text: str) -> None:
        assert self.chan is not None
        self.chan.write(text.encode())

    def resize(self, cols: int, rows: int) -> None:
        assert self.chan is not None
        self.chan.change_terminal_size(cols, rows)

    def drop(self) -> None:
        """Cut the connection without a goodbye, as a lost network would."""
        assert self.conn is not None
        self.conn.abort()

    async def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            await self.conn.wait_closed()


def openssh(port: int, user: str, key: Path, *extra: str,
            size: tuple[int, int] = (100, 30)) -> PtyApp:
    """The OpenSSH client, logged in (or trying to) from a real terminal."""
    argv = [SSH, "-p", str(port), "-i", str(key), "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes",
            "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-F", "/dev/null",
            *extra, f"{user}@127.0.0.1"]
    return PtyApp(argv=argv, size=size)


def seed_session(user_dir: Path, company: str) -> None:
    """An unfinished session on a job at ``company`` in that user's own database, so their
    home screen says ``Resume: COMPANY``."""
    from interview_tui.services.coach.offline import OfflineCoach
    from interview_tui.services.interview import SessionSetup
    from interview_tui.services.profiles import ensure_demo_profile
    from interview_tui.services.workspace import Workspace
    from interview_tui.store import close_database, open_database
    from interview_tui.store.models import JobApplication

    async def start() -> None:
        demo = ensure_demo_profile()
        job = JobApplication.create(candidate=demo.candidate, company=company,
                                    role="Backend Engineer")
        workspace = Workspace(OfflineCoach(seed=1))
        await workspace.interview.start(SessionSetup(application_id=job.id))
        await workspace.aclose()

    user_dir.mkdir(parents=True, exist_ok=True)
    open_database(user_dir / "interview.db")
    try:
        asyncio.run(start())
    finally:
        close_database()
