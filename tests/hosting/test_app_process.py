"""One process on its own PTY: its controlling terminal, resizes, and how it is ended."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from interview_tui.hosting.app_process import AppProcess

# Prints its size at start and on every SIGWINCH; with IGNORE_HUP it shrugs SIGHUP off.
CHILD = r"""
import os, signal, sys, time
def size(*_):
    rows, cols = os.get_terminal_size(0).lines, os.get_terminal_size(0).columns
    os.write(1, f"size={cols}x{rows} ctty={os.tcgetpgrp(0) == os.getpgrp()}\n".encode())
signal.signal(signal.SIGWINCH, size)
if os.environ.get("IGNORE_HUP"):
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
size()
os.write(1, ("env=" + ",".join(sorted(os.environ)) + "\n").encode())
while True:
    line = sys.stdin.readline()
    if line.strip() == "quit":
        sys.exit(3)
    os.write(1, ("echo " + line.strip() + "\n").encode())
"""


class Child:
    def __init__(self, env: dict[str, str] | None = None) -> None:
        self.output = bytearray()
        self.changed = asyncio.Event()
        self.exited: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self.app = AppProcess([sys.executable, "-c", CHILD], env={"PATH": "/usr/bin", **(env or {})},
                              size=(90, 30), on_output=self._out, on_exit=self.exited.set_result)

    def _out(self, data: bytes) -> None:
        self.output.extend(data)
        self.changed.set()

    async def wait_for(self, text: str) -> None:
        async def seen() -> None:
            while text not in self.output.decode(errors="replace"):
                self.changed.clear()
                await self.changed.wait()

        try:
            await asyncio.wait_for(seen(), 30)
        except TimeoutError:
            raise AssertionError(f"{text!r} not in {bytes(self.output)!r}") from None


async def test_size_resize_input_and_exit_code():
    child = Child()
    await child.wait_for("size=90x30 ctty=True")  # the PTY is its controlling terminal
    await child.wait_for("env=LC_CTYPE,PATH\r")  # only what it was given (LC_CTYPE: Python's own)
    child.app.resize(61, 19)
    await child.wait_for("size=61x19")  # the kernel sent SIGWINCH, as a real terminal does
    child.app.write(b"hello\r")
    await child.wait_for("echo hello")
    child.app.write(b"quit\r")
    assert await asyncio.wait_for(child.exited, 30) == 3
    assert child.app.returncode == 3


async def test_stop_sends_sighup_and_reaps():
    child = Child()
    await child.wait_for("size=")
    code = await asyncio.wait_for(child.app.stop(settle=0, grace=10), 30)
    assert code == -signal.SIGHUP
    assert await child.exited == code
    assert not os.path.exists(f"/proc/{child.app.pid}")  # reaped, not a zombie


async def test_stop_kills_what_ignores_sighup_after_the_grace():
    child = Child({"IGNORE_HUP": "1"})
    await child.wait_for("env=")
    code = await asyncio.wait_for(child.app.stop(settle=0, grace=0.5), 30)
    assert code == -signal.SIGKILL
    assert not os.path.exists(f"/proc/{child.app.pid}")
