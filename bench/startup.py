"""Startup: process launch to the first interactive frame, the app vs a minimal Textual app.

Each run is a whole new Python process in a pseudo-terminal (80x24), as a user would
start it. The child wraps ``App._display`` and, at the first frame of the target screen
(the app's home screen; the minimal app's only screen), writes the time to a pipe and
exits. Both sides use ``time.perf_counter`` (CLOCK_MONOTONIC, shared by processes on
Linux). The app runs through its real entry point (``interview_tui.cli.main``) on a data
directory that already exists, with the demo profile and the offline coach.

Runs alternate app and minimal; the figure is the median of the per-pair ratios.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

TARGET = 1.3
ROOT = Path(__file__).resolve().parent.parent


def _child(kind: str, fd: int) -> None:
    """Runs in the child process: start ``kind`` and report its first frame's time."""
    from textual.app import App

    original = App._display

    def display(self: App, screen: object, renderable: object) -> None:
        original(self, screen, renderable)
        target = type(screen).__name__ == ("HomeScreen" if kind == "app" else "Screen")
        if renderable is not None and target and not getattr(self, "_bench_done", False):
            self._bench_done = True
            os.write(fd, f"{time.perf_counter()!r}\n".encode())
            self.exit()

    App._display = display  # type: ignore[method-assign]
    if kind == "app":
        from interview_tui.cli import main

        sys.exit(main([]))
    from textual.widgets import Static

    class Minimal(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Static("Hello from a minimal Textual app.")

    Minimal().run()


def launch(kind: str, env: dict[str, str], timeout: float = 30.0) -> tuple[float, float]:
    """(seconds to the first frame, seconds to process exit) of one child run."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    read_end, write_end = os.pipe()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.startup", "--child", kind, str(write_end)],
        stdin=slave, stdout=slave, stderr=slave, pass_fds=(write_end,), env=env, cwd=ROOT,
        start_new_session=True,
    )
    os.close(slave)
    os.close(write_end)
    report = b""
    try:
        deadline = started + timeout
        while proc.poll() is None and time.perf_counter() < deadline:
            ready, _, _ = select.select([master, read_end], [], [], 0.05)
            for fd in ready:
                try:
                    data = os.read(fd, 65536)  # drain the terminal so the child never blocks
                except OSError:
                    data = b""
                if fd == read_end:
                    report += data
        if proc.poll() is None:
            proc.kill()
            raise RuntimeError(f"{kind}: no first frame within {timeout:.0f} s")
        ended = time.perf_counter()
        report += os.read(read_end, 1024) if select.select([read_end], [], [], 0)[0] else b""
    finally:
        os.close(master)
        os.close(read_end)
        proc.wait()
    if not report.strip():
        raise RuntimeError(f"{kind}: exited with {proc.returncode} before its first frame")
    return float(report.split()[0]) - started, ended - started


def child_env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ANTHROPIC_", "TEXTUAL", "INTERVIEW_TUI_"))}
    env.update(TERM="xterm-256color", COLUMNS="80", LINES="24",
               INTERVIEW_TUI_DATA_DIR=str(data / "data"),
               INTERVIEW_TUI_CONFIG=str(data / "config.toml"), INTERVIEW_TUI_OFFLINE="1")
    return env


def run(quick: bool = False):  # type: ignore[no-untyped-def]
    from bench.common import Result, data_dir, median, say

    pairs = 3 if quick else 9
    with data_dir() as tmp:
        env = child_env(tmp)
        launch("app", env)  # creates the database and the demo profile; warms the caches
        launch("minimal", env)
        app, minimal = [], []
        for _ in range(pairs):
            app.append(launch("app", env))
            minimal.append(launch("minimal", env))
    ratios = [a[0] / m[0] for a, m in zip(app, minimal, strict=True)]
    app_ms = median([a[0] for a in app]) * 1000
    min_ms = median([m[0] for m in minimal]) * 1000
    ratio = median(ratios)
    say(f"first frame: app {app_ms:.0f} ms, minimal Textual app {min_ms:.0f} ms "
        f"(medians of {pairs} runs each)")
    say(f"process exit: app {median([a[1] for a in app]) * 1000:.0f} ms, "
        f"minimal {median([m[1] for m in minimal]) * 1000:.0f} ms")
    say(f"median ratio app / minimal: {ratio:.2f}x  (target <= {TARGET}x)")
    return [Result("Startup", f"first frame {app_ms:.0f} ms vs {min_ms:.0f} ms", ratio,
                   "minimal Textual app with a Static", f"<= {TARGET}x", ratio <= TARGET)]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], int(sys.argv[3]))
    else:
        run()
