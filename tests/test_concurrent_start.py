"""Several processes opening one new database at once (two windows, two SSH sessions)."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path


def _open_and_seed(path: str, barrier, errors) -> None:  # type: ignore[no-untyped-def]
    from interview_tui.services.profiles import ensure_demo_profile
    from interview_tui.store import close_database, open_database

    barrier.wait()
    try:
        open_database(Path(path))
        ensure_demo_profile()
        close_database()
    except Exception as exc:  # reported to the parent, which fails the test
        errors.put(f"{type(exc).__name__}: {exc}")


def test_processes_starting_together_on_a_new_database(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    for round_ in range(3):
        path = tmp_path / f"r{round_}" / "interview.db"
        barrier, errors = ctx.Barrier(4), ctx.Queue()
        procs = [ctx.Process(target=_open_and_seed, args=(str(path), barrier, errors))
                 for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        found = []
        while not errors.empty():
            found.append(errors.get())
        assert found == [] and all(p.exitcode == 0 for p in procs)
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("SELECT count(*) FROM job_application WHERE is_demo").fetchone()[0] == 1
        finally:
            conn.close()
