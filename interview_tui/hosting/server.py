"""The SSH server: public-key logins from the user registry, one app per connection."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncssh

from interview_tui.hosting.child_env import APP_COMMAND
from interview_tui.hosting.coach_proxy import CoachProxy
from interview_tui.hosting.host_key import fingerprint, load_or_create_host_key
from interview_tui.hosting.session import AppSession
from interview_tui.hosting.users import UserRegistry, valid_name

log = logging.getLogger("interview_tui.hosting")


@dataclass
class HostConfig:
    """What ``serve-ssh`` was asked for. ``api_key``/``upstream`` come from the server's
    own environment and stay in this process."""

    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 2222
    host_key: Path | None = None  # default: DATA_DIR/ssh_host_ed25519_key
    max_sessions: int = 50
    max_per_user: int = 2
    idle_timeout: float = 1800.0  # seconds without a key; 0: never
    daily_tokens: int | None = None  # per user; None or 0: no budget
    offline: bool = False
    model: str | None = None
    api_key: str | None = None
    upstream: str | None = None
    app_command: tuple[str, ...] = APP_COMMAND
    # After the last key, how long an ending app may still run: the app saves a draft
    # ~0.8 s after typing stops, so a dropped connection loses nothing typed.
    stop_settle: float = 1.5

    @property
    def host_key_path(self) -> Path:
        return self.host_key or self.data_dir / "ssh_host_ed25519_key"


@dataclass(eq=False)
class ConnectionRecord:
    """What the one log line of a connection says. Never answer text, never keys."""

    peer: str
    started: float = field(default_factory=time.time)
    started_mono: float = field(default_factory=time.monotonic)
    user: str = "-"
    tried: str = ""  # the name asked for, logged only when the login failed
    ended: str = ""
    conn: asyncssh.SSHServerConnection | None = None

    def end_as(self, reason: str) -> None:
        if not self.ended:  # the first cause is the one that counts
            self.ended = reason

    def line(self) -> str:
        start = datetime.fromtimestamp(self.started, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        duration = time.monotonic() - self.started_mono
        user = self.user if self.user != "-" or not self.tried else f"-({self.tried})"
        return (f"connection user={user} peer={self.peer} start={start} "
                f"duration={duration:.1f}s end={self.ended or 'closed'}")


class _Connection(asyncssh.SSHServer):
    """asyncssh's per-connection callbacks: who may log in, and the one session."""

    def __init__(self, host: HostServer) -> None:
        self.host = host
        self.record = ConnectionRecord(peer="?")
        self.session: AppSession | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        peer = conn.get_extra_info("peername") or ("?", 0)
        self.record.peer = f"{peer[0]}:{peer[1]}"
        self.record.conn = conn
        self.host.records.add(self.record)

    def connection_lost(self, exc: Exception | None) -> None:
        self.host.records.discard(self.record)
        if self.record.user == "-":
            self.record.end_as("auth-failed" if self.record.tried else "dropped-before-login")
        if self.session is not None:
            self.session.end("client-disconnect")
        log.info(self.record.line())

    def begin_auth(self, username: str) -> bool:
        self.record.tried = username if valid_name(username) else "?"
        return True  # always authenticate: "none" never gets anyone in

    def public_key_auth_supported(self) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def host_based_auth_supported(self) -> bool:
        return False

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        return valid_name(username) and self.host.registry.accepts(username, key)

    def auth_completed(self) -> None:
        assert self.record.conn is not None
        self.record.user = self.record.conn.get_extra_info("username")

    def session_requested(self) -> AppSession | bool:
        if self.session is not None:
            return False  # one app per connection
        self.session = AppSession(self.host, self.record)
        self.host.sessions.add(self.session)
        return self.session


class HostServer:
    """The whole server: listener, registry, limits and the coach proxy."""

    def __init__(self, config: HostConfig) -> None:
        self.config = config
        self.registry = UserRegistry(config.data_dir)
        self.log = log
        self.proxy: CoachProxy | None = None
        self.sessions_by_token: dict[str, AppSession] = {}
        self.records: set[ConnectionRecord] = set()
        self.app_pids: set[int] = set()
        self.sessions: set[AppSession] = set()
        self._per_user: dict[str, int] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._ending: dict[str, set[asyncio.Task[Any]]] = {}
        self._listener: asyncssh.SSHAcceptor | None = None
        self.fingerprint = ""
        self.host_key_created = False

    @property
    def port(self) -> int:
        assert self._listener is not None
        return self._listener.get_port()

    async def start(self) -> None:
        cfg = self.config
        key, self.host_key_created = load_or_create_host_key(cfg.host_key_path)
        self.fingerprint = fingerprint(key)
        (cfg.data_dir / "users").mkdir(parents=True, exist_ok=True, mode=0o700)
        if cfg.api_key and not cfg.offline:
            self.proxy = CoachProxy(cfg.api_key, upstream=cfg.upstream,
                                    daily_tokens=cfg.daily_tokens or None,
                                    on_budget_spent=self._budget_spent)
            await self.proxy.start()
        self._listener = await asyncssh.create_server(
            lambda: _Connection(self), cfg.host, cfg.port,
            server_host_keys=[key], encoding=None, line_editor=False,
            agent_forwarding=False, x11_forwarding=False, allow_scp=False,
            login_timeout=60, keepalive_interval=30, keepalive_count_max=4,
        )

    async def close(self) -> None:
        """Stop listening, end every app (each user's draft gets its save) and reap it."""
        if self._listener is not None:
            self._listener.close()
        for session in list(self.sessions):
            session.end("server-shutdown", "the server is shutting down. Your work is saved.")
        deadline = time.monotonic() + 15
        while (self.app_pids or self.sessions) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)  # polling the end of our own tasks, bounded
        for record in list(self.records):
            if record.conn is not None:
                record.conn.close()
        if self.proxy is not None:
            await self.proxy.close()

    # ------------------------------------------------------------ limits

    def acquire(self, user: str) -> tuple[str, str] | None:
        """Take a session slot for ``user``, or (log reason, message for the user)."""
        cfg = self.config
        total = sum(self._per_user.values())
        if cfg.max_sessions and total >= cfg.max_sessions:
            return ("limit-server", f"the server is full ({cfg.max_sessions} sessions). "
                    "Try again in a few minutes.")
        if cfg.max_per_user and self._per_user.get(user, 0) >= cfg.max_per_user:
            return ("limit-user", f"you already have {cfg.max_per_user} session(s) open on "
                    "this server, the most allowed. Close one and connect again.")
        self._per_user[user] = self._per_user.get(user, 0) + 1
        return None

    def release(self, user: str) -> None:
        left = self._per_user.get(user, 0) - 1
        if left > 0:
            self._per_user[user] = left
        else:
            self._per_user.pop(user, None)

    # ------------------------------------------------------------ book-keeping

    def app_started(self, pid: int) -> None:
        self.app_pids.add(pid)

    def app_ended(self, pid: int) -> None:
        self.app_pids.discard(pid)

    def spawn(self, coro: Coroutine[Any, Any, Any], *, user: str | None = None) -> None:
        """Run ``coro`` in the background; with ``user``, it is one of their apps ending."""
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        if user is not None:
            ending = self._ending.setdefault(user, set())
            ending.add(task)
            task.add_done_callback(ending.discard)

    async def previous_apps_ended(self, user: str) -> None:
        """Wait (bounded) until the user's apps that are still ending have ended, so a
        quick reconnect reads what the last one saved instead of racing its save."""
        ending = list(self._ending.get(user, ()))
        if ending:
            await asyncio.wait(ending, timeout=self.config.stop_settle + 15)

    def close_connection(self, record: ConnectionRecord) -> None:
        if record.conn is not None:
            record.conn.close()

    def _budget_spent(self, token: str) -> None:
        session = self.sessions_by_token.get(token)
        if session is not None:
            session.switch_to_offline()

