"""What a database failure means for the user, in one sentence that names the file.

SQLite reports a lock, a read-only file, a damaged page or a full disk as error codes;
``describe`` turns them (raw ``sqlite3`` errors or Peewee's wrappers) into ``StoreError``s
whose message says what happened and what to do. Anything else is not the file's fault and
is left to the caller.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StoreError(Exception):
    """The database cannot be used; the message says which file and why."""


class NewerSchemaError(StoreError):
    """The file was written by a newer interview-tui; it is left untouched."""


class DatabaseLockedError(StoreError):
    """Another process holds the database longer than the busy timeout."""


class ReadOnlyDatabaseError(StoreError):
    """The file or its directory cannot be written by this process."""


class DamagedDatabaseError(StoreError):
    """The file is not a database, or some of its pages are damaged."""


# Primary result codes (https://sqlite.org/rescode.html).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def locked(path: Path | str) -> DatabaseLockedError:
    return DatabaseLockedError(
        f"{path} is locked by another process; close other interview-tui windows and try again."
    )


def not_a_database(path: Path | str, why: object) -> DamagedDatabaseError:
    return DamagedDatabaseError(
        f"{path} is not a readable interview-tui database ({why}). "
        "Move it aside or point --data-dir elsewhere."
    )


def damaged(path: Path | str, why: object) -> DamagedDatabaseError:
    return DamagedDatabaseError(
        f"{path} is damaged ({why}). Copy it somewhere safe, then run "
        "`interview-tui doctor` to check it."
    )


def read_only(why: str) -> ReadOnlyDatabaseError:
    return ReadOnlyDatabaseError(f"{why} Make it writable or point --data-dir elsewhere.")


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error behind ``exc``: itself, Peewee's ``orig``, or its cause."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            return current
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return None


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    # Errors made without a code (older Pythons, hand-made in tests): go by SQLite's text.
    text = str(error).lower()
    for needle, primary in (("locked", _BUSY), ("readonly", _READONLY), ("read-only", _READONLY),
                            ("malformed", _CORRUPT), ("not a database", _NOTADB),
                            ("disk is full", _FULL), ("disk i/o", _IOERR),
                            ("unable to open", _CANTOPEN)):
        if needle in text:
            return primary
    return None


def describe(exc: BaseException, path: Path | str) -> StoreError | None:
    """The ``StoreError`` that says what ``exc`` means for the database at ``path``, or None
    when ``exc`` is not about the file (a constraint, a bug)."""
    if isinstance(exc, StoreError):
        return exc
    error = _sqlite_error(exc)
    if error is None:
        return None
    code = _primary_code(error)
    if code in (_BUSY, _LOCKED):
        return locked(path)
    if code == _READONLY:
        return read_only(f"{path} cannot be written ({error}).")
    if code == _CORRUPT:
        return damaged(path, error)
    if code == _NOTADB:
        return not_a_database(path, error)
    if code == _FULL:
        return StoreError(f"The disk holding {path} is full; free some space and try again.")
    if code == _IOERR:
        return StoreError(f"Cannot read or write {path} ({error}); check the disk and try again.")
    if code == _CANTOPEN:
        return StoreError(f"Cannot open database {path} ({error}); check that it and its "
                          "directory exist and this user may use them.")
    return None
