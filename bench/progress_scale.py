"""Scale: the progress screen at 10,000 sessions (target <= 250 ms and <= 150 MB).

A data directory gets 10,000 realistic sessions from tests/fakes/bulk_sessions.py (questions,
answers with times, analyses, feedback; interviews, drills, redos, some unfinished). Each
measurement is a fresh process running the app headless at 120x40: once home has
settled it pushes the progress screen and times it from the push to the first frame
painted with its figures: "open" is the first frame with the session figures (headline,
chart, readiness), "complete" the first with the question figures too (competencies,
time per question, practice plan), which the screen reads next. Then it reports its
peak resident memory (VmHWM). The baseline is the same measurement for the home screen
on the same data (which counts every session and reads the home glance). The verdict
fails when the open time or the memory misses its target at 10,000 sessions.
"""

from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.common import Result
from bench.scale import peak_mb

TARGET_MS, TARGET_MB = 250, 150
COUNT = 10_000
ROOT = Path(__file__).resolve().parent.parent


async def _measure(screen_name: str, *, freeze: bool = True) -> tuple[float, float]:
    """Runs in the child: seconds from pushing the screen to its first frame with
    figures, and to its first frame with all of them."""
    from interview_tui.app import InterviewApp
    from interview_tui.config import load_settings
    from interview_tui.screens.home import HomeScreen
    from interview_tui.screens.progress import ProgressScreen
    from interview_tui.services.coach.offline import OfflineCoach

    app = InterviewApp(load_settings(), coach=OfflineCoach(seed=1))
    if freeze:
        gc.freeze()  # as run_app does once the app is built
    marks: dict[str, float] = {}
    original = app._display
    target: object = None

    def ready() -> tuple[bool, bool]:
        if isinstance(target, ProgressScreen):
            report = target.report
            return report is not None, report is not None and report.complete
        loaded = isinstance(target, HomeScreen) and target._summary is not None
        return loaded, loaded

    def display(screen: object, renderable: object) -> None:
        original(screen, renderable)
        if renderable is None or screen is not target:
            return
        shown, complete = ready()
        if shown:
            marks.setdefault("shown", time.perf_counter())
        if complete:
            marks.setdefault("painted", time.perf_counter())

    app._display = display  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        target = ProgressScreen() if screen_name == "progress" else HomeScreen()
        marks["pushed"] = time.perf_counter()
        app.push_screen(target)
        for _ in range(3000):  # bounded: 30 s
            if "painted" in marks:
                break
            await asyncio.sleep(0.01)
        await app.workers.wait_for_complete()
    if "painted" not in marks:
        raise RuntimeError(f"{screen_name} never rendered its figures")
    return marks["shown"] - marks["pushed"], marks["painted"] - marks["pushed"]


def _child(screen_name: str) -> None:
    from bench import slow
    from interview_tui.config import load_settings
    from interview_tui.store import open_database

    slow.install()

    open_database(load_settings().db_path)
    shown, complete = asyncio.run(_measure(screen_name))
    print(f"{shown!r} {complete!r} {peak_mb()!r}")


def measure(screen_name: str, env: dict[str, str]) -> tuple[float, float, float]:
    """(seconds to the first figures, seconds to all of them, peak MB) in a fresh process."""
    out = subprocess.run([sys.executable, "-m", "bench.progress_scale", "--child", screen_name],
                         env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    if out.returncode:
        raise RuntimeError(f"progress child failed:\n{out.stderr[-2000:]}")
    shown, complete, mb = out.stdout.split()[-3:]
    return float(shown), float(complete), float(mb)


def run(quick: bool = False, count: int = COUNT) -> list[Result]:
    from bench.common import data_dir, median, say
    from tests.fakes.bulk_sessions import make_data_dir

    runs = 1 if quick else 3
    with data_dir() as tmp:
        started = time.perf_counter()
        make_data_dir(tmp / "data", count)
        say(f"{count:,} sessions generated in {time.perf_counter() - started:.1f} s")
        env = dict(os.environ)
        names = ("progress", "home")
        shown: dict[str, list[float]] = {n: [] for n in names}
        done: dict[str, list[float]] = {n: [] for n in names}
        peaks: dict[str, list[float]] = {n: [] for n in names}
        for _ in range(runs):
            for name in names:
                first, complete, mb = measure(name, env)
                shown[name].append(first)
                done[name].append(complete)
                peaks[name].append(mb)
    ms = {k: median(v) * 1000 for k, v in shown.items()}
    full = {k: median(v) * 1000 for k, v in done.items()}
    mb = {k: max(v) for k, v in peaks.items()}
    ratio = ms["progress"] / ms["home"]
    met = ms["progress"] <= TARGET_MS and mb["progress"] <= TARGET_MB
    say(f"progress open {ms['progress']:.0f} ms, complete {full['progress']:.0f} ms, peak "
        f"{mb['progress']:.0f} MB; home {ms['home']:.0f} ms, {mb['home']:.0f} MB (median of "
        f"{runs}); target <= {TARGET_MS} ms and <= {TARGET_MB} MB: {'met' if met else 'MISSED'}")
    return [Result(
        f"Scale: progress, {count:,} sessions",
        f"open {ms['progress']:.0f} ms, complete {full['progress']:.0f} ms, "
        f"{mb['progress']:.0f} MB peak (home {ms['home']:.0f} ms, {mb['home']:.0f} MB)",
        ratio, "home screen on the same data", f"open <= {TARGET_MS} ms, <= {TARGET_MB} MB", met,
    )]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2])
    else:
        run()
