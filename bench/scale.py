"""Scale: time to first render and peak memory of the history screen with many sessions.

A database gets 1,000 or 10,000 sessions (five questions each, three in four completed
with a score) by bulk insert. Each measurement is a fresh process running the app
headless at 120x40: once the home screen has settled, it pushes the history screen and
times it from the push to the first frame painted with rows in the table; then it reports
its peak resident memory (VmHWM: the whole process, Python, Textual and the data).
The baseline is the same measurement for the home screen (which also lists every session
to count them) on the same database.

There is no progress screen yet, so only history is measured.
"""

from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

TARGET_MS, TARGET_MB = 250, 150
ROOT = Path(__file__).resolve().parent.parent


def populate(count: int) -> None:
    """Add ``count`` sessions with their questions to the open database, in bulk."""
    from interview_tui.clock import now
    from interview_tui.services.profiles import ensure_demo_profile
    from interview_tui.store import database
    from interview_tui.store.models import MockSession, Question

    app_id = ensure_demo_profile().id
    stages = ("recruiter_screen", "hiring_manager", "technical")
    start = now() - timedelta(days=count)
    with database.atomic():
        for base in range(0, count, 500):
            rows = []
            for i in range(base, min(base + 500, count)):
                done = i % 4 != 3
                score = round(4 + (i * 37 % 60) / 10, 1) if done else None
                rows.append({
                    "application": app_id, "stage": stages[i % 3],
                    "difficulty": ("easy", "medium", "hard")[i % 3 - 1],
                    "persona": ("friendly", "neutral", "challenging")[i % 3 - 2],
                    "question_count": 5, "target_level": "L5A",
                    "state": "completed" if done else "awaiting_answer",
                    "started_at": start + timedelta(days=i), "overall_score": score,
                    "readiness": None if score is None else ("Ready" if score >= 8 else
                                                            "Almost Ready" if score >= 6 else
                                                            "Needs Practice"),
                })
            first = MockSession.insert_many(rows).execute()
            ids = range(first - len(rows) + 1, first + 1)  # SQLite returns the last rowid
            Question.insert_many([
                {"session": sid, "number": n, "text": f"Question {n}", "competency": "ownership",
                 "difficulty": "medium"}
                for sid in ids for n in range(1, 6)
            ]).execute()


async def _measure(screen_name: str, *, freeze: bool = True) -> float:
    """Runs in the child: seconds from pushing ``screen_name`` to its first full frame."""
    from interview_tui.app import InterviewApp
    from interview_tui.config import load_settings
    from interview_tui.screens.history import HistoryScreen
    from interview_tui.screens.home import HomeScreen
    from interview_tui.services.coach.offline import OfflineCoach

    app = InterviewApp(load_settings(), coach=OfflineCoach(seed=1))
    if freeze:
        gc.freeze()  # as run_app does once the app is built
    marks: dict[str, float] = {}
    original = app._display

    def display(screen: object, renderable: object) -> None:
        original(screen, renderable)
        if renderable is not None and screen is target and ready() and "painted" not in marks:
            marks["painted"] = time.perf_counter()

    app._display = display  # type: ignore[method-assign]
    target: object = None
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if screen_name == "history":
            target = HistoryScreen()
            ready = lambda: target._shown > 0  # noqa: E731  rows are in the table
        else:
            target = HomeScreen()
            ready = lambda: target._summary is not None  # noqa: E731  the sessions are loaded
        marks["pushed"] = time.perf_counter()
        app.push_screen(target)
        for _ in range(3000):  # bounded: 30 s
            if "painted" in marks:
                break
            await asyncio.sleep(0.01)
        await app.workers.wait_for_complete()
    if "painted" not in marks:
        raise RuntimeError(f"{screen_name} never rendered its rows")
    return marks["painted"] - marks["pushed"]


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: on Linux a child's
    ru_maxrss starts at its parent's size (the pre-exec copy counts), VmHWM does not."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _child(screen_name: str) -> None:
    from interview_tui.config import load_settings
    from interview_tui.store import open_database

    open_database(load_settings().db_path)
    seconds = asyncio.run(_measure(screen_name))
    print(f"{seconds!r} {peak_mb()!r}")


def measure(screen_name: str, env: dict[str, str]) -> tuple[float, float]:
    """(seconds to first render, peak MB) in a fresh process."""
    out = subprocess.run([sys.executable, "-m", "bench.scale", "--child", screen_name],
                         env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    if out.returncode:
        raise RuntimeError(f"scale child failed:\n{out.stderr[-2000:]}")
    seconds, mb = out.stdout.split()[-2:]
    return float(seconds), float(mb)


def run(quick: bool = False):  # type: ignore[no-untyped-def]
    from bench.common import Result, data_dir, median, open_db, say

    runs = 1 if quick else 3
    results = []
    for count in (1_000, 10_000):
        with data_dir() as tmp:
            with open_db(tmp / "data" / "interview.db"):
                populate(count)
            env = dict(os.environ)
            times: dict[str, list[float]] = {"history": [], "home": []}
            peaks: dict[str, list[float]] = {"history": [], "home": []}
            for _ in range(runs):
                for name in times:
                    seconds, mb = measure(name, env)
                    times[name].append(seconds)
                    peaks[name].append(mb)
        ms = {k: median(v) * 1000 for k, v in times.items()}
        mb = {k: max(v) for k, v in peaks.items()}
        ratio = ms["history"] / ms["home"]
        say(f"{count:,} sessions: history first render {ms['history']:.0f} ms, peak "
            f"{mb['history']:.0f} MB; home {ms['home']:.0f} ms, {mb['home']:.0f} MB "
            f"(median of {runs})")
        met = None
        if count == 10_000:
            met = ms["history"] <= TARGET_MS and mb["history"] <= TARGET_MB
            say(f"target at 10,000: <= {TARGET_MS} ms and <= {TARGET_MB} MB")
        results.append(Result(
            f"Scale: history, {count:,} sessions",
            f"{ms['history']:.0f} ms, {mb['history']:.0f} MB peak (home {ms['home']:.0f} ms, "
            f"{mb['home']:.0f} MB)",
            ratio, "home screen on the same data",
            f"<= {TARGET_MS} ms, <= {TARGET_MB} MB" if count == 10_000 else "", met,
        ))
    return results


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2])
    else:
        run()
