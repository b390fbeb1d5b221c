"""Scale: exporting every session to Markdown streams, so memory stays flat.

A database gets 1,000 or 10,000 realistic sessions (tests/fakes/bulk_sessions.py: five
questions, answers, follow-ups, analyses, feedback and a summary each). Each measurement
is a fresh process that opens the database and runs ``write_sessions`` into a file, then
reports its wall time and its peak resident memory (VmHWM: Python, SQLite's page cache
and whatever the export holds). The ratio is the peak at 10,000 sessions over the peak
at 1,000 measured in the same run: streaming keeps it near 1; holding every session (or
every rendered page) would make it grow with the count. The naive design (render all,
then write) is measured the same way, so the benchmark shows that it can fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

SLOWED = False  # memory: the naive row beside it is the design that fails it

TARGET_RATIO = 1.25  # peak memory at 10x the sessions
ROOT = Path(__file__).resolve().parent.parent


def peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024


def export(db: Path, out: Path, naive: bool = False) -> tuple[int, float]:
    """In the child: export every session of ``db`` to ``out``; (sessions, seconds)."""
    from interview_tui.services import session_export as se
    from interview_tui.store import open_database

    open_database(db)
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        if naive:  # what streaming avoids: every session rendered before anything is written
            pages = [se.session_markdown(se.load_session_view(i)) for i in se.session_ids()]
            fh.write("\n---\n\n".join(pages))
            count = len(pages)
        else:
            count = se.write_sessions(fh, "md")
    return count, time.perf_counter() - started


def _child(db: str, out: str, naive: str) -> None:
    count, seconds = export(Path(db), Path(out), naive == "naive")
    print(f"{count} {seconds!r} {peak_mb()!r}")


def measure(db: Path, out: Path, naive: bool = False) -> tuple[int, float, float]:
    """(sessions, seconds, peak MB) of one export in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.export_scale", "--child", str(db), str(out),
         "naive" if naive else "stream"],
        env=dict(os.environ), cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )
    if result.returncode:
        raise RuntimeError(f"export child failed:\n{result.stderr[-2000:]}")
    count, seconds, mb = result.stdout.split()[-3:]
    return int(count), float(seconds), float(mb)


def populate(db: Path, count: int) -> None:
    from bench.common import open_db
    from tests.fakes.bulk_sessions import populate_sessions

    with open_db(db):
        populate_sessions(count)


def run(quick: bool = False):  # type: ignore[no-untyped-def]
    from bench.common import Result, data_dir, say

    small, large = (300, 3_000) if quick else (1_000, 10_000)
    designs = (False,) if quick else (False, True)
    figures: dict[tuple[int, bool], tuple[int, float, float]] = {}
    with data_dir() as tmp:
        for count in (small, large):
            db = tmp / f"sessions-{count}.db"
            populate(db, count)
            for naive in designs:
                out = tmp / f"export-{count}.md"
                figures[count, naive] = measure(db, out, naive)
                size_mb = out.stat().st_size / 1024 / 1024
                n, seconds, mb = figures[count, naive]
                say(f"{'naive' if naive else 'streamed'} export of {n:,} sessions: "
                    f"{seconds:.1f} s ({seconds / n * 1000:.1f} ms/session), {size_mb:.0f} MB "
                    f"written, peak {mb:.0f} MB")
                out.unlink()
    results = []
    for naive in designs:
        s_mb = figures[small, naive][2]
        n, seconds, mb = figures[large, naive]
        ratio = mb / s_mb
        name = "naive (render all, then write)" if naive else "streamed"
        say(f"{name}: peak at {large:,} / peak at {small:,} = {ratio:.2f} "
            f"(target <= {TARGET_RATIO})")
        results.append(Result(
            f"Export, {name}, {large:,} sessions",
            f"{seconds:.0f} s ({seconds / n * 1000:.1f} ms/session), peak {mb:.0f} MB vs "
            f"{s_mb:.0f} MB at {small:,}",
            ratio, f"peak memory at {small:,} sessions",
            "(for comparison)" if naive else f"<= {TARGET_RATIO}x",
            None if naive else ratio <= TARGET_RATIO,
        ))
    return results


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(*sys.argv[2:5])
    else:
        run(quick="--quick" in sys.argv)
