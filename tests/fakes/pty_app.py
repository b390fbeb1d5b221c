"""Run the real app as a child process in a real pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import sys
import termios
import threading
from pathlib import Path

from tests.fakes.poll import poll

ROOT = Path(__file__).resolve().parents[2]


class PtyApp:
    """``python -m interview_tui ARGS`` on a PTY of ``size``; output is collected in a thread.

    ``argv`` runs another program instead (the OpenSSH client, in the hosting tests).
    """

    def __init__(
        self,
        *args: str,
        size: tuple[int, int] = (80, 24),
        env: dict[str, str] | None = None,
        argv: list[str] | None = None,
    ):
        argv = argv or [sys.executable, "-m", "interview_tui", *args]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the app
            os.chdir(ROOT)
            os.execve(argv[0], argv, {**os.environ, "TERM": "xterm-256color", **(env or {})})
        self.resize(*size)
        self._output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self._output.extend(chunk)

    @property
    def output(self) -> str:
        with self._lock:
            return self._output.decode("utf-8", "replace")

    def mark(self) -> int:
        """The length of the output so far, for ``wait_for(..., after=mark)``."""
        return len(self.output)

    def wait_for(self, text: str, timeout: float = 20.0, *, after: int = 0) -> None:
        poll(lambda: True if text in self.output[after:] else None, timeout,
             lambda: f"{text!r} did not appear on the terminal within {timeout}s")

    def resize(self, cols: int, rows: int) -> None:
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.kill(self.pid, signal.SIGWINCH)

    def wait_exit(self, timeout: float = 30.0) -> int:
        """The exit code once the program ends by itself."""
        def exited() -> int | None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            return os.waitstatus_to_exitcode(status) if pid else None

        code = poll(exited, timeout, lambda: f"the program did not exit within {timeout}s")
        self.pid = 0
        return code

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind runs in the app."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)
