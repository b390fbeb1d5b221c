"""Startup: launch to the first written frame, and the first key pressed at that frame.

Each run is a whole new Python process in a pseudo-terminal (80x24), started exactly as
a user starts it: ``python -m interview_tui`` (``interview_tui.cli.main``, the same
function the ``interview-tui`` script calls, so the garbage collector is handled as the
real entry point handles it), with no probe inside the child. The parent reads what the
child writes to the terminal and takes the time at which a screen's text first arrives:
that frame has been written, not merely composed (a frame Textual builds inside an open
update batch is never written, so it is never counted).

- First frame: launch to the home screen's text, against a minimal Textual app (one
  ``Static``, ``python -m bench.minimal_app``) measured the same way. Runs alternate
  app and minimal; the figure is the median of the per-pair ratios. Target <= 1.3x.
- First key: ``n`` is written to the terminal the moment the home screen's text
  arrives, and timed until the setup screen has painted its applications; the same key
  pressed two seconds after the first frame is the baseline. Target <= 1.5x.

``INTERVIEW_BENCH_SLOW`` (``python -m bench --slow-build``) starts the app through
``bench.slow``, which burns CPU before and right after the first frame.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

TARGET, KEY_TARGET = 1.3, 1.5
LATER = 2.0  # seconds after the first frame for the baseline key press
ROOT = Path(__file__).resolve().parent.parent
HOME_TEXT = b"Practise job interviews from your terminal."
MINIMAL_TEXT = b"Hello from a minimal Textual app."
SETUP_TEXT = b"Northwind Freight"  # the demo application, listed once setup has loaded


@dataclass
class Launch:
    first_frame: float  # seconds from launch to the first frame's text on the terminal
    cpu: float  # CPU seconds the child had used by then (all its threads; 10 ms ticks)
    key: float | None = None  # seconds from writing the key to the setup screen's text


def command(kind: str) -> list[str]:
    from bench import slow

    if kind == "minimal":
        return [sys.executable, "-m", "bench.minimal_app"]
    if slow.active():
        return [sys.executable, "-m", "bench.slow", "interview_tui"]
    return [sys.executable, "-m", "interview_tui"]


class Terminal:
    """A child process on a pseudo-terminal, with everything it writes kept."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        import fcntl
        import pty
        import struct
        import termios

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.output = b""
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     cwd=ROOT, start_new_session=True)
        os.close(slave)

    def wait_for(self, text: bytes, since: int = 0, timeout: float = 30.0) -> float:
        """The time at which ``text`` arrived in the output after offset ``since``."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.output.find(text, since) >= 0:
                return time.perf_counter()
            self.read(0.05)
            if self.proc.poll() is not None and self.output.find(text, since) < 0:
                tail = self.output[-400:].decode(errors="replace")
                raise RuntimeError(f"exited with {self.proc.returncode} before {text!r}: {tail}")
        raise RuntimeError(f"no {text!r} within {timeout:.0f} s")

    def read(self, timeout: float) -> None:
        if select.select([self.master], [], [], timeout)[0]:
            with suppress(OSError):  # the child has gone: nothing more to read
                self.output += os.read(self.master, 1 << 16)

    def idle(self, seconds: float) -> None:
        """Keep draining the terminal (so the child never blocks) for ``seconds``."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            self.read(min(left, 0.05))

    def cpu(self) -> float:
        """CPU seconds (user + system, every thread) the child has used so far."""
        try:
            with open(f"/proc/{self.proc.pid}/stat", encoding="ascii") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return float("nan")

    def press(self, key: bytes) -> tuple[float, int]:
        at, mark = time.perf_counter(), len(self.output)
        os.write(self.master, key)
        return at, mark

    def close(self) -> None:
        import signal

        try:
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGTERM)
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                    self.proc.wait()
        finally:
            os.close(self.master)


def launch(kind: str, env: dict[str, str], *, key_after: float | None = None) -> Launch:
    """One run of ``kind`` ("app" or "minimal"); with ``key_after`` (seconds after the first
    frame, 0 = at once) the app also gets ``n`` and the setup screen is waited for."""
    term = Terminal(command(kind), env)
    try:
        frame = term.wait_for(MINIMAL_TEXT if kind == "minimal" else HOME_TEXT)
        result = Launch(frame - term.started, term.cpu())
        if key_after is not None:
            if key_after:
                term.idle(key_after)
            at, mark = term.press(b"n")
            result.key = term.wait_for(SETUP_TEXT, since=mark) - at
        return result
    finally:
        term.close()


def child_env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ANTHROPIC_", "TEXTUAL", "INTERVIEW_TUI_"))}
    env.update(TERM="xterm-256color", COLUMNS="80", LINES="24", PYTHONPATH=str(ROOT),
               INTERVIEW_TUI_DATA_DIR=str(data / "data"),
               INTERVIEW_TUI_CONFIG=str(data / "config.toml"), INTERVIEW_TUI_OFFLINE="1")
    return env


def run(quick: bool = False):  # type: ignore[no-untyped-def]
    from bench.common import Result, data_dir, median, say

    pairs = 3 if quick else 7
    with data_dir() as tmp:
        env = child_env(tmp)
        launch("app", env)  # creates the database and the demo profile; warms the caches
        launch("minimal", env)
        app, minimal, early, late = [], [], [], []
        for _ in range(pairs):
            app.append(launch("app", env, key_after=0.0))
            minimal.append(launch("minimal", env))
            late.append(launch("app", env, key_after=LATER))
        early = [a.key or 0.0 for a in app]
    ratio = median([a.first_frame / m.first_frame for a, m in zip(app, minimal, strict=True)])
    app_ms = median([a.first_frame for a in app + late]) * 1000
    min_ms = median([m.first_frame for m in minimal]) * 1000
    early_ms = median(early) * 1000
    late_ms = median([a.key or 0.0 for a in late]) * 1000
    key_ratio = early_ms / late_ms
    app_cpu = median([a.cpu for a in app + late]) * 1000
    min_cpu = median([m.cpu for m in minimal]) * 1000
    say(f"first written frame: app {app_ms:.0f} ms, minimal Textual app {min_ms:.0f} ms "
        f"(medians of {pairs} runs); median ratio {ratio:.2f}x (target <= {TARGET}x)")
    say(f"CPU used by then: app {app_cpu:.0f} ms, minimal {min_cpu:.0f} ms "
        f"({app_cpu / min_cpu:.2f}x; /proc, 10 ms ticks)")
    say(f"n pressed at the first frame: setup painted {early_ms:.0f} ms later; pressed "
        f"{LATER:.0f} s later: {late_ms:.0f} ms; ratio {key_ratio:.2f}x (target <= {KEY_TARGET}x)")
    return [
        Result("Startup: first written frame", f"{app_ms:.0f} ms vs {min_ms:.0f} ms (CPU "
               f"{app_cpu:.0f} vs {min_cpu:.0f} ms)", ratio,
               "minimal Textual app (one Static), same harness", f"<= {TARGET}x",
               ratio <= TARGET),
        Result("Startup: first key", f"n at the first frame {early_ms:.0f} ms to setup; "
               f"{LATER:.0f} s later {late_ms:.0f} ms", key_ratio,
               "the same key pressed later", f"<= {KEY_TARGET}x", key_ratio <= KEY_TARGET),
    ]


if __name__ == "__main__":
    run()
