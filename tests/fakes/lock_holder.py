"""Another process holding a database's write lock, as a second interview-tui mid-write.

Usage: python -m tests.fakes.lock_holder DB_PATH [immediate|exclusive]
Prints ``LOCKED`` once the lock is held, then holds it until its stdin closes.
``hold_lock`` runs it and waits for that line: no sleeping.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def hold_lock(path: Path, kind: str = "immediate") -> Iterator[subprocess.Popen[str]]:
    """Hold ``BEGIN IMMEDIATE`` (or ``EXCLUSIVE``) on ``path`` in a child process."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.lock_holder", str(path), kind],
        cwd=PROJECT_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        assert line == "LOCKED", f"the lock holder said {line!r}"
        yield child
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=30)


def main(path: str, kind: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"BEGIN {kind.upper()}")
    print("LOCKED", flush=True)
    sys.stdin.read()  # until the parent closes our stdin
    conn.execute("ROLLBACK")
    conn.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "immediate")
