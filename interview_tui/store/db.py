"""Opening the database: checks before touching the file, then pragmas and migrations.

The database object is deferred (``SqliteDatabase(None)``) and bound to a file at
start-up by ``open_database``; nothing is opened at import time. Everything that can be
said about a file before writing to it (its schema version, whether it is damaged,
whether this process may write it) is said without changing it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from peewee import DatabaseError, OperationalError, SqliteDatabase

from interview_tui.store.errors import (
    DamagedDatabaseError,
    DatabaseLockedError,
    NewerSchemaError,
    ReadOnlyDatabaseError,
    StoreError,
    describe,
    locked,
    not_a_database,
    read_only,
)
from interview_tui.store.migrations import SCHEMA_VERSION, migrate

__all__ = [
    "BUSY_TIMEOUT_MS", "SCHEMA_VERSION", "DamagedDatabaseError", "DatabaseLockedError",
    "NewerSchemaError", "ReadOnlyDatabaseError", "StoreError", "close_database", "database",
    "database_errors", "integrity_problems", "open_database", "schema_version",
    "write_access_problem",
]

BUSY_TIMEOUT_MS = 5000

database = SqliteDatabase(None)

_MAGIC = b"SQLite format 3\x00"
_WAL_MODE = 2  # header byte 18 (file format write version): 1 rollback journal, 2 WAL


# ----- looking without changing anything ------------------------------------------------


def _file_state(path: Path) -> tuple[tuple[int, int, int], int | None]:
    """What would show that someone wrote the file meanwhile: its identity and mtime, and
    the size of its ``-wal`` (None when there is none)."""
    st = path.stat()
    try:
        wal_size: int | None = Path(f"{path}-wal").stat().st_size
    except FileNotFoundError:
        wal_size = None
    return (st.st_ino, st.st_mtime_ns, st.st_size), wal_size


def _read_only_connection(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A connection that reads ``path`` as it is now and creates nothing beside it, and
    whether it reads without locks (then the caller checks that nothing changed meanwhile).

    Byte 18 of the header says whether the file is in WAL mode.

    - Rollback journal: ``mode=ro``. A reader takes a shared lock (so it waits for a writer
      instead of reading half-written pages) and creates no file.
    - WAL, with no ``-wal`` file or an empty one: every committed page is in the main file,
      because a write goes to the ``-wal`` first and reaches the main file only through a
      checkpoint of it. Then ``immutable=1`` is safe, and it is the only way SQLite reads a
      WAL file without making a ``-shm`` and ``-wal`` (``mode=ro`` creates both, and a reader
      may not remove them), with no lock and no write access to the directory.
    - WAL with frames in the ``-wal``: the header in the main file may be stale (page 1,
      which holds ``user_version``, may have a newer copy in the log), so neither the main
      file's bytes nor ``immutable=1`` would do. ``mode=ro`` reads through the log; its
      files exist already (SQLite makes the ``-shm`` before the first frame and removes the
      two together); only a ``-wal`` copied without its ``-shm`` makes SQLite create one.
    """
    uri = path.resolve().as_uri()
    timeout = BUSY_TIMEOUT_MS / 1000
    with path.open("rb") as handle:
        header = handle.read(100)
    if 0 < len(header) < 100 or (header and not header.startswith(_MAGIC)):
        raise not_a_database(path, "file is not a database")
    if header and header[18] == _WAL_MODE and not _file_state(path)[1]:
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout), True
    return sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout), False


def _read(path: Path, what: str, query: str) -> list[tuple[Any, ...]]:
    """Run one read-only ``query`` on ``path``; SQLite's errors become ``StoreError``s."""
    if not os.access(path, os.R_OK):
        raise StoreError(f"Cannot read database {path}: permission denied.")
    # A writer busy on the file (another window, or another process migrating a new
    # database) changes it under a lock-free read: read again, for as long as a locked
    # write would wait, before calling the file locked.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.01
    while True:
        before = _file_state(path)
        try:
            conn, unlocked = _read_only_connection(path)
        except sqlite3.Error as exc:
            raise describe(exc, path) or StoreError(f"Cannot open database {path}: {exc}") from exc
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            rows = conn.execute(query).fetchall()
        except sqlite3.Error as exc:
            raise describe(exc, path) or StoreError(f"Cannot {what} {path}: {exc}") from exc
        finally:
            conn.close()
        # Read without a lock: a writer that started meanwhile (and so may have
        # checkpointed into the file) means the read may be torn. Read again.
        if not unlocked or _file_state(path) == before:
            return rows
        if time.monotonic() >= deadline:
            raise locked(path)
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def schema_version(path: Path) -> int:
    """The schema version stored in ``path``, read without changing the file or its directory."""
    return int(_read(Path(path), "read the schema version of", "PRAGMA user_version")[0][0])


def integrity_problems(path: Path, limit: int = 5) -> list[str]:
    """What SQLite's ``quick_check`` finds wrong with ``path`` (empty when it is sound),
    read without changing the file or its directory."""
    try:
        rows = _read(Path(path), "check", f"PRAGMA quick_check({int(limit)})")
    except DamagedDatabaseError as exc:
        return [str(exc.__cause__ or exc)]  # too damaged for the check to finish
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found


def write_access_problem(path: Path) -> str | None:
    """Why this process could not write the database at ``path`` (or create it), or None.

    ``os.access`` judges with this process's rights, as the kernel will: root may write a
    0444 file, nobody may write on a read-only mount. SQLite keeps its ``-wal`` and ``-shm``
    beside the file, so the directory must be writable too.
    """
    path = Path(path)
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path} is read-only for this user; interview-tui saves every answer to it."
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return (f"The data directory {path.parent} is read-only for this user; SQLite "
                f"writes its journal files beside {path.name}.")
    return None


# ----- opening -------------------------------------------------------------------------


def open_database(path: Path) -> SqliteDatabase:
    """Bind the shared database to ``path``, creating or migrating it as needed.

    A file that is newer, damaged, read-only or held by another writer is refused with a
    ``StoreError`` before anything is written to it.
    """
    path = Path(path)
    if path.exists():
        if not path.is_file():
            raise StoreError(f"Database path {path} is not a file.")
        found = schema_version(path)
        if found > SCHEMA_VERSION:
            raise NewerSchemaError(
                f"{path} uses schema version {found}, but this interview-tui only knows "
                f"version {SCHEMA_VERSION}. Upgrade interview-tui to open it; "
                "the file was not changed."
            )
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Cannot create data directory {path.parent}: {exc}") from exc
    problem = write_access_problem(path)
    if problem:
        raise read_only(problem)
    close_database()
    database.init(
        str(path),
        timeout=BUSY_TIMEOUT_MS // 1000,  # whole seconds: the stub types it int
        pragmas={
            "journal_mode": "wal",
            "foreign_keys": 1,
            "busy_timeout": BUSY_TIMEOUT_MS,
            "synchronous": "normal",
        },
    )
    try:
        with database_errors(path):
            _connect(database)
            _check_writable(database)
            migrate(database)
    except StoreError:
        close_database()
        raise
    except DatabaseError as exc:
        close_database()
        raise StoreError(f"Cannot open database {path}: {exc}") from exc
    return database


def _connect(db: SqliteDatabase) -> None:
    """Connect, waiting out another process that is switching a new file to WAL: SQLite
    answers that pragma with "locked" at once, without its busy wait."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.01
    while True:
        try:
            db.connect(reuse_if_open=True)
            return
        except OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() >= deadline:
                raise
            if not db.is_closed():
                db.close()
            time.sleep(pause)
            pause = min(pause * 2, 0.2)


def _check_writable(db: SqliteDatabase) -> None:
    """Take the write lock and change something that is rolled back, so that a file another
    process is writing (a WAL writer does not stop readers), or that SQLite could open only
    for reading, is refused now rather than at the user's first answer."""
    db.execute_sql("BEGIN IMMEDIATE")
    try:
        version = int(db.execute_sql("PRAGMA user_version").fetchone()[0])
        db.execute_sql(f"PRAGMA user_version = {version}")
    finally:
        db.execute_sql("ROLLBACK")


@contextmanager
def database_errors(path: Path | str | None = None) -> Iterator[None]:
    """Re-raise SQLite's errors about the file (locked, read-only, damaged, full) as
    ``StoreError``s that say so; other errors pass through unchanged."""
    try:
        yield
    except (sqlite3.Error, DatabaseError) as exc:
        mapped = describe(exc, path or database.database or "the database")
        if mapped is None:
            raise
        raise mapped from exc


def close_database() -> None:
    if not database.deferred and not database.is_closed():
        database.close()
