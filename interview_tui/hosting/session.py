"""One SSH session: checks, then the user's app on a PTY, until one side goes away."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import TYPE_CHECKING

import asyncssh

from interview_tui.hosting.app_process import AppProcess
from interview_tui.hosting.budget import tokens_today
from interview_tui.hosting.child_env import app_argv, app_environment
from interview_tui.hosting.coach_proxy import budget_message

if TYPE_CHECKING:
    from interview_tui.hosting.server import ConnectionRecord, HostServer

# Written after an app we ended, so the client's terminal is usable again: leave the
# alternate screen, stop mouse and paste reporting, show the cursor, wrap lines again,
# reset colours.
TERMINAL_RESET = (
    b"\x1b[?1049l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l"
    b"\x1b[?1004l\x1b[?2004l\x1b[?25h\x1b[?7h\x1b[0m\r\n"
)


_GO_OFFLINE = "You continue with the offline coach."
_RESUME = "What you typed is kept: press r on the home screen to resume."


def _line(text: str) -> bytes:
    return ("interview-tui: " + text).replace("\n", "\r\n").encode() + b"\r\n"


class AppSession(asyncssh.SSHServerSession[bytes]):
    """The session channel of one connection (asyncssh calls these methods)."""

    def __init__(self, host: HostServer, record: ConnectionRecord) -> None:
        self.host = host
        self.record = record
        self.chan: asyncssh.SSHServerChannel[bytes] | None = None
        self.kind = ""
        self.term: str | None = None
        self.size = (80, 24)
        self.app: AppProcess | None = None
        self.token: str | None = None
        self.offline = host.config.offline or host.proxy is None
        self._slot = False
        self._closing = False
        self._notice = b""  # said after the app ends, when we ended it
        self._key: asyncio.Future[None] | None = None
        self._last_input = time.monotonic()  # for the idle timeout
        self._last_key = -1e9  # for the settle pause: no key yet, nothing to save
        self._idle: asyncio.TimerHandle | None = None
        self._task: asyncio.Task[None] | None = None
        self._restart_offline = False

    # ------------------------------------------------------------ asyncssh callbacks

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self.chan = chan

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int],
                      term_modes: object) -> bool:
        self.term = term_type
        if term_size[0] > 0 and term_size[1] > 0:
            self.size = (term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        self.kind = "shell"
        return True

    def exec_requested(self, command: str) -> bool:
        self.kind = "exec"  # accepted only to say why it is refused, then closed
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        self.kind = "subsystem"
        return True

    def session_started(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self._last_input = self._last_key = time.monotonic()
        if self._key is not None and not self._key.done():
            self._key.set_result(None)
        elif self.app is not None:
            self.app.write(data)

    def terminal_size_changed(self, width: int, height: int, pixwidth: int,
                              pixheight: int) -> None:
        if width > 0 and height > 0:
            self.size = (width, height)
            if self.app is not None:
                self.app.resize(width, height)

    def eof_received(self) -> bool:
        if self.app is not None:  # with a terminal the client never sends EOF itself
            self.end("client-eof")
        return True

    def pause_writing(self) -> None:
        if self.app is not None:
            self.app.pause_output()

    def resume_writing(self) -> None:
        if self.app is not None:
            self.app.resume_output()

    def connection_lost(self, exc: Exception | None) -> None:
        self.chan = None
        self.end("client-disconnect")
        # The user is gone: their slot is free now, while the app still saves and exits
        # (a few seconds at most), so reconnecting at once is never refused as "too many".
        self._release_slot()
        # Closed after the channel, so an exit status and a last message reach the client.
        asyncio.get_running_loop().call_soon(self.host.close_connection, self.record)
        if self._task is None:  # the client never asked for a shell
            self.host.sessions.discard(self)

    # ------------------------------------------------------------ the session's life

    async def _run(self) -> None:
        try:
            code = await self._serve()
        except Exception:
            self.host.log.exception("session of %s failed", self.record.user)
            self.record.end_as("error")
            self._write(_line("the server could not start your session. Try again later."))
            code = 1
        finally:
            self._release()
            self.host.sessions.discard(self)
        if self.chan is not None:
            self.chan.exit(code)  # the connection is closed once the channel is (below)

    async def _serve(self) -> int:
        """The exit code to send the client."""
        user = self.record.user
        if self.kind != "shell":
            self.record.end_as(f"refused-{self.kind}")
            self._write(_line("this server runs only the interview app; commands, file "
                              "transfer and subsystems are refused.\nConnect without a "
                              f"command: ssh -p {self.host.port} {user}@HOST"), stderr=True)
            return 1
        if self.term is None:
            self.record.end_as("refused-no-terminal")
            self._write(_line("the app needs a terminal. Connect with ssh -t (and without -T)."),
                        stderr=True)
            return 1
        refusal = self.host.acquire(user)
        if refusal is not None:
            self.record.end_as(refusal[0])
            self._write(_line(refusal[1]))
            return 1
        self._slot = True
        self._arm_idle()
        db_path = self.host.registry.data_dir(user) / "interview.db"
        budget = self.host.config.daily_tokens
        if not self.offline and budget:
            used = await asyncio.to_thread(tokens_today, db_path)
            if used >= budget:
                self.offline = True
                if not await self._tell_and_wait(f"{budget_message(used, budget)} {_GO_OFFLINE}"):
                    return 0
        while True:
            code = await self._run_app()
            if not self._restart_offline or self._closing:
                return code
            self._restart_offline = False
            self.offline = True
            used = await asyncio.to_thread(tokens_today, db_path)
            text = f"{budget_message(used, budget or 0)} {_GO_OFFLINE} {_RESUME}"
            if not await self._tell_and_wait(text):
                return 0

    async def _tell_and_wait(self, text: str) -> bool:
        """Show ``text`` and wait for a key; False if the session ended meanwhile."""
        # The reset first: an app ended for the budget left its screen modes on.
        self._write(TERMINAL_RESET + b"\x1b[2J\x1b[H" + _line(text)
                    + b"\r\nPress any key to go on.\r\n")
        self._key = asyncio.get_running_loop().create_future()
        try:
            await self._key
        except asyncio.CancelledError:
            return False
        finally:
            self._key = None
        return not self._closing

    async def _run_app(self) -> int:
        user = self.record.user
        user_dir = self.host.registry.data_dir(user)
        user_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        coach = None
        if not self.offline and self.host.proxy is not None:
            self.token = self.host.proxy.issue(user, user_dir / "interview.db")
            self.host.sessions_by_token[self.token] = self
            coach = (self.host.proxy.base_url, self.token)
        assert self.chan is not None
        env = app_environment(user_dir, term=self.term, coach=coach,
                              colorterm=self.chan.get_environment().get("COLORTERM"))
        argv = app_argv(user_dir, offline=self.offline, model=self.host.config.model,
                        command=self.host.config.app_command)
        await self.host.previous_apps_ended(user)
        if self._closing:
            return 0
        done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._notice = b""

        def exited(code: int) -> None:
            if not done.done():
                done.set_result(code)

        self.app = AppProcess(argv, env=env, size=self.size, on_output=self._write,
                              on_exit=exited)
        self.host.app_started(self.app.pid)
        try:
            code = await done
        finally:
            self.host.app_ended(self.app.pid)
            self.app = None
            self._revoke()
        if self._notice:
            self._write(TERMINAL_RESET + self._notice)
        elif not self._closing and not self._restart_offline:
            self.record.end_as(f"app-quit({code})")
        return code

    # ------------------------------------------------------------ ending

    def end(self, reason: str, notice: str = "", *, settle: float | None = None) -> None:
        """End the session for ``reason``: stop the app (a notice is shown after it)."""
        if self._closing:
            return
        self._closing = True
        self.record.end_as(reason)
        if self._key is not None and not self._key.done():
            self._key.cancel()
        if self.app is None:
            if notice:
                self._write(_line(notice))
        else:
            self._notice = _line(notice) if notice else b""
            self._stop_app(self.host.config.stop_settle if settle is None else settle)

    def switch_to_offline(self) -> None:
        """The daily budget ran out mid-session: restart the app on the offline coach.
        What was typed is in its drafts; the session resumes from home."""
        if self._closing or self._restart_offline or self.app is None:
            return
        self._restart_offline = True
        self._revoke()
        self._stop_app(self.host.config.stop_settle)

    def _stop_app(self, settle: float) -> None:
        """Stop the app; the user's next app waits for it (its last draft save comes first).
        The settle pause counts from the last key: after a quiet minute there is none."""
        assert self.app is not None
        settle = max(0.0, self._last_key + settle - time.monotonic())
        self.host.spawn(self.app.stop(settle=settle), user=self.record.user)

    def _arm_idle(self) -> None:
        timeout = self.host.config.idle_timeout
        if not timeout or self._closing:
            return
        left = self._last_input + timeout - time.monotonic()
        if left > 0:
            self._idle = asyncio.get_running_loop().call_later(left, self._arm_idle)
            return
        minutes = timeout / 60
        span = f"{minutes:g} minutes" if minutes >= 1 else f"{timeout:g} seconds"
        self.end("idle-timeout", f"disconnected after {span} without input. Your work is "
                 "saved; connect again to go on.", settle=0.0)

    def _write(self, data: bytes, *, stderr: bool = False) -> None:
        if self.chan is not None:
            with contextlib.suppress(OSError, asyncssh.Error):
                (self.chan.write_stderr if stderr else self.chan.write)(data)

    def _revoke(self) -> None:
        if self.token is not None:
            self.host.sessions_by_token.pop(self.token, None)
            if self.host.proxy is not None:
                self.host.proxy.revoke(self.token)
            self.token = None

    def _release(self) -> None:
        if self._idle is not None:
            self._idle.cancel()
        self._revoke()
        self._release_slot()

    def _release_slot(self) -> None:
        if self._slot:
            self._slot = False
            self.host.release(self.record.user)
