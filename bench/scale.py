"""Scale: history and home on a realistic database of 1,000 and 10,000 sessions.

The database (``tests/fakes/bulk_sessions.py``) holds what heavy use leaves behind:
five questions a session, one to four answers of ~150 words each with their analyses,
feedback on every finished question, a summary on every completed session (~35 MB a
thousand sessions). Each measurement is a fresh process running the app headless at
120x40 as ``cli.main`` runs it (the collector off until the app's warm-up); once the
warm-up has run and home has settled, it pushes the screen and takes, on one clock:

- first rows: push to the first frame written with rows in the table (home: with its
  sessions counted);
- whole list: push to the first frame written once every row has been read and the
  table knows them all (home: the same frame);
- longest stall: the longest time the event loop went without running a 2 ms ticker,
  from the push until 100 ms after the whole list;
- peak memory: the process's peak resident size (VmHWM), Python, Textual and the data.

Targets at 10,000 sessions: first rows <= 250 ms, whole list <= 500 ms, no stall over
50 ms, <= 150 MB. The ratio column is history's whole list against home on the same data.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

TARGETS = {"first": 250.0, "whole": 500.0, "stall": 50.0, "mb": 150.0}
ROOT = Path(__file__).resolve().parent.parent


async def _measure(screen_name: str, *, collector_off: bool = True) -> dict[str, float]:
    """Runs in the child: first rows, whole list and longest stall (seconds)."""
    from bench.common import warmed_up
    from interview_tui.app import InterviewApp
    from interview_tui.config import load_settings
    from interview_tui.screens.history import HistoryScreen
    from interview_tui.screens.home import HomeScreen
    from interview_tui.services.coach.offline import OfflineCoach

    if collector_off:
        gc.disable()  # as cli.main does; the app's warm-up freezes and re-enables it
    app = InterviewApp(load_settings(), coach=OfflineCoach(seed=1))
    marks: dict[str, float] = {}
    original = app._display
    target: object = None

    def display(screen: object, renderable: object) -> None:
        original(screen, renderable)  # type: ignore[arg-type]
        if renderable is None or app._batch_count or screen is not target:
            return  # nothing is written inside an open update batch
        now = time.perf_counter()
        if "first" not in marks and first_ready():
            marks["first"] = now
        if "whole" not in marks and whole_ready():
            marks["whole"] = now

    app._display = display  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await warmed_up()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if screen_name == "history":
            history = HistoryScreen()
            target = history
            first_ready = lambda: history._shown > 0  # noqa: E731  rows are in the table
            whole_ready = lambda: history._complete and history._shown > 0  # noqa: E731
        else:
            home = HomeScreen()
            target = home
            first_ready = whole_ready = lambda: home._summary is not None
        stall = 0.0
        ticking = True

        async def ticker() -> None:
            nonlocal stall
            last = time.perf_counter()
            while ticking:
                await asyncio.sleep(0.002)
                now = time.perf_counter()
                stall = max(stall, now - last - 0.002)
                last = now

        tick = asyncio.create_task(ticker())
        await asyncio.sleep(0)
        marks["pushed"] = time.perf_counter()
        app.push_screen(target)
        for _ in range(6000):  # bounded: 60 s
            if "whole" in marks:
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.1)
        ticking = False
        await tick
        await app.workers.wait_for_complete()
    if "whole" not in marks:
        raise RuntimeError(f"{screen_name} never showed its whole list")
    return {"first": marks["first"] - marks["pushed"], "whole": marks["whole"] - marks["pushed"],
            "stall": stall}


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
    from bench import slow
    from interview_tui.config import load_settings
    from interview_tui.store import open_database

    slow.install()
    open_database(load_settings().db_path)
    figures = asyncio.run(_measure(screen_name))
    print(json.dumps({**figures, "mb": peak_mb()}))


def measure(screen_name: str, env: dict[str, str]) -> dict[str, float]:
    """first/whole/stall (seconds) and mb, in a fresh process."""
    out = subprocess.run([sys.executable, "-m", "bench.scale", "--child", screen_name],
                         env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    if out.returncode:
        raise RuntimeError(f"scale child failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def _met(figures: dict[str, float]) -> bool:
    return all(figures[k] <= limit for k, limit in TARGETS.items())


def run(quick: bool = False):  # type: ignore[no-untyped-def]
    from bench.common import Result, data_dir, median, open_db, say
    from tests.fakes.bulk_sessions import populate_sessions

    runs = 1 if quick else 3
    results = []
    for count in (1_000, 10_000):
        with data_dir() as tmp:
            started = time.perf_counter()
            db = tmp / "data" / "interview.db"
            with open_db(db):
                populate_sessions(count)
            say(f"{count:,} sessions written in {time.perf_counter() - started:.0f} s "
                f"({db.stat().st_size / 1e6:.0f} MB)")
            env = dict(os.environ)
            raw: dict[str, list[dict[str, float]]] = {"history": [], "home": []}
            for _ in range(runs):
                for name in raw:
                    raw[name].append(measure(name, env))
        figures = {name: {"first": median([r["first"] for r in rs]) * 1000,
                          "whole": median([r["whole"] for r in rs]) * 1000,
                          "stall": max(r["stall"] for r in rs) * 1000,
                          "mb": max(r["mb"] for r in rs)} for name, rs in raw.items()}
        for name, f in figures.items():
            say(f"  {name}: first rows {f['first']:.0f} ms, whole list {f['whole']:.0f} ms, "
                f"longest stall {f['stall']:.0f} ms, peak {f['mb']:.0f} MB (median of {runs}; "
                "stall and memory: worst)")
        if count == 10_000:
            say(f"targets at 10,000: first rows <= {TARGETS['first']:.0f} ms, whole list <= "
                f"{TARGETS['whole']:.0f} ms, stall <= {TARGETS['stall']:.0f} ms, "
                f"<= {TARGETS['mb']:.0f} MB")
        for name, f in figures.items():
            results.append(Result(
                f"Scale: {name}, {count:,} sessions",
                f"first rows {f['first']:.0f} ms, whole {f['whole']:.0f} ms, stall "
                f"{f['stall']:.0f} ms, {f['mb']:.0f} MB",
                f["whole"] / figures["home"]["whole"] if name == "history" else None,
                "home's whole list on the same data" if name == "history" else "",
                "<= 250 ms / 500 ms / 50 ms stall / 150 MB" if count == 10_000 else "",
                _met(f) if count == 10_000 else None,
            ))
    return results


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2])
    else:
        run()
