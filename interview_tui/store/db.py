"""Opening the database: checks before touching the file, then pragmas and migrations.

The database object is deferred (``SqliteDatabase(None)``) and bound to a file at
start-up by ``open_database``; nothing is opened at import time.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import OperationalError, SqliteDatabase

from interview_tui.store.errors import DatabaseLockedError, NewerSchemaError, StoreError
from interview_tui.store.migrations import SCHEMA_VERSION, migrate

__all__ = [
    "SCHEMA_VERSION",
    "DatabaseLockedError",
    "NewerSchemaError",
    "StoreError",
    "close_database",
    "database",
    "open_database",
    "schema_version",
]

BUSY_TIMEOUT_MS = 5000

database = SqliteDatabase(None)


def schema_version(path: Path) -> int:
    """The schema version stored in ``path``, read without changing the file."""
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot open database {path}: {exc}") from exc
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.OperationalError as exc:
        # A lock is not corruption: do not tell the user to move the file aside.
        if _is_locked(exc):
            raise _locked_error(path) from exc
        raise StoreError(f"Cannot read database {path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path} is not a readable interview-tui database ({exc}). "
            "Move it aside or point --data-dir elsewhere."
        ) from exc
    finally:
        conn.close()


def _is_locked(exc: Exception) -> bool:
    message = str(exc).lower()
    return "locked" in message or "busy" in message


def _locked_error(path: Path) -> DatabaseLockedError:
    return DatabaseLockedError(
        f"{path} is locked by another process; close other interview-tui windows and try again."
    )


def open_database(path: Path) -> SqliteDatabase:
    """Bind the shared database to ``path``, creating or migrating it as needed."""
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
    close_database()
    database.init(
        str(path),
        timeout=BUSY_TIMEOUT_MS / 1000,
        pragmas={
            "journal_mode": "wal",
            "foreign_keys": 1,
            "busy_timeout": BUSY_TIMEOUT_MS,
            "synchronous": "normal",
        },
    )
    try:
        database.connect(reuse_if_open=True)
        migrate(database)
    except OperationalError as exc:
        close_database()
        if _is_locked(exc):
            raise _locked_error(path) from exc
        raise StoreError(f"Cannot open database {path}: {exc}") from exc
    return database


def close_database() -> None:
    if not database.deferred and not database.is_closed():
        database.close()
