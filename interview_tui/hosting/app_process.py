"""One app process on its own pseudo-terminal, driven from the asyncio loop.

The child is started with ``os.posix_spawn``: a new session (``setsid``) whose first
opened terminal, the PTY's slave, becomes its controlling terminal. So the kernel sends
it SIGWINCH when the size changes (``TIOCSWINSZ``) exactly as a local terminal would, and
no Python code runs between fork and exec (the server has threads; ``preexec_fn`` is not
safe there). The environment is the one the caller built, nothing inherited.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
import struct
import termios
from collections.abc import Callable, Mapping, Sequence

_READ_SIZE = 65536


def set_size(fd: int, cols: int, rows: int) -> None:
    """Set the terminal size of the PTY behind ``fd`` (the kernel signals the app)."""
    cols = max(1, min(int(cols), 1000))
    rows = max(1, min(int(rows), 1000))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


class AppProcess:
    """``argv`` on a fresh PTY; output goes to ``on_output``, the exit code to ``on_exit``.

    ``on_output`` may be paused (``pause_output``) when the SSH channel is full, so a slow
    client slows the app down instead of growing a buffer without bound.
    """

    def __init__(
        self,
        argv: Sequence[str],
        *,
        env: Mapping[str, str],
        size: tuple[int, int],
        on_output: Callable[[bytes], None],
        on_exit: Callable[[int], None],
    ) -> None:
        self._loop = asyncio.get_running_loop()
        self._on_output = on_output
        self._on_exit = on_exit
        self._pending = bytearray()
        self.returncode: int | None = None
        master, slave = os.openpty()
        try:
            set_size(slave, *size)
            slave_path = os.ttyname(slave)
            self.pid = os.posix_spawn(
                argv[0],
                list(argv),
                dict(env),
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, slave_path, os.O_RDWR, 0),
                    (os.POSIX_SPAWN_DUP2, 0, 1),
                    (os.POSIX_SPAWN_DUP2, 0, 2),
                ],
                setsid=True,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        self._master = master
        os.set_blocking(master, False)
        self._pidfd = os.pidfd_open(self.pid)
        self._loop.add_reader(self._pidfd, self._reap)
        self._reading = False
        self.resume_output()
        self._exit_task: asyncio.Task[None] | None = None

    # ----------------------------------------------------------------- terminal I/O

    def resize(self, cols: int, rows: int) -> None:
        if self.returncode is None:
            with contextlib.suppress(OSError):
                set_size(self._master, cols, rows)

    def write(self, data: bytes) -> None:
        """Send the client's keys to the app (buffered while the PTY is full)."""
        if self.returncode is not None or self._master < 0:
            return
        if self._pending:
            self._pending.extend(data)
            return
        try:
            sent = os.write(self._master, data)
        except BlockingIOError:
            sent = 0
        except OSError:
            return
        if sent < len(data):
            self._pending.extend(data[sent:])
            self._loop.add_writer(self._master, self._flush)

    def _flush(self) -> None:
        try:
            sent = os.write(self._master, self._pending)
        except BlockingIOError:
            return
        except OSError:
            sent = len(self._pending)
        del self._pending[:sent]
        if not self._pending:
            self._loop.remove_writer(self._master)

    def pause_output(self) -> None:
        if self._reading:
            self._loop.remove_reader(self._master)
            self._reading = False

    def resume_output(self) -> None:
        if not self._reading and self._master >= 0:
            self._loop.add_reader(self._master, self._read)
            self._reading = True

    def _read(self) -> None:
        try:
            data = os.read(self._master, _READ_SIZE)
        except BlockingIOError:
            return
        except OSError:  # EIO: every slave fd is closed, the app is gone
            data = b""
        if data:
            self._on_output(data)
        else:
            self.pause_output()

    def _drain(self) -> None:
        """Whatever the app wrote before it exited (its terminal reset, a last frame)."""
        while self._master >= 0:
            try:
                data = os.read(self._master, _READ_SIZE)
            except OSError:
                return
            if not data:
                return
            self._on_output(data)

    # ----------------------------------------------------------------- lifetime

    def _reap(self) -> None:
        try:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            pid, status = self.pid, 255 << 8
        if pid == 0:
            return
        self._loop.remove_reader(self._pidfd)
        os.close(self._pidfd)
        self.returncode = os.waitstatus_to_exitcode(status)
        if self._reading:
            self._drain()
        self._close_master()
        self._on_exit(self.returncode)

    def _close_master(self) -> None:
        if self._master >= 0:
            self.pause_output()
            if self._pending:
                self._loop.remove_writer(self._master)
                self._pending.clear()
            os.close(self._master)
            self._master = -1

    def signal(self, signum: int) -> None:
        """Signal the app's process group, unless it has already been reaped."""
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signum)

    async def stop(self, *, settle: float = 1.0, grace: float = 3.0) -> int:
        """End the app and reap it: a ``settle`` pause first (its draft, saved ~0.8 s after
        the last key, gets written), then SIGHUP, then SIGKILL after ``grace`` seconds."""
        if self.returncode is None:
            done = asyncio.get_running_loop().create_future()
            previous = self._on_exit

            def finished(code: int) -> None:
                if not done.done():
                    done.set_result(code)
                previous(code)

            self._on_exit = finished
            for signum, wait in ((None, settle), (signal.SIGHUP, grace), (signal.SIGKILL, 30.0)):
                if signum is not None:
                    self.signal(signum)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(done), wait)
                    break
        assert self.returncode is not None or self._master < 0
        return self.returncode if self.returncode is not None else -signal.SIGKILL
