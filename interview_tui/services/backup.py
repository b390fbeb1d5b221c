"""Backup and restore of a user's whole database.

A backup is a copy of the SQLite file made with SQLite's online backup API: every row of
every table, indexes and the schema version (``PRAGMA user_version``) exactly as they
are, taken consistently even while the app is running, and marked as ours with
``PRAGMA application_id``. Chosen over a JSON dump because nothing has to be kept in
step with the schema: an older backup is restored by running the same migrations a
database goes through, and a newer one is recognised by its version and refused.

Restore never half-imports: the backup is copied to a temporary file in the data
directory, migrated and checked there, and only then renamed over ``interview.db`` in
one atomic step. Until that step, a failure leaves the directory as it was; the database
it replaces is kept beside it as ``interview.db.before-restore-<time>``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from interview_tui.clock import now
from interview_tui.store.errors import StoreError
from interview_tui.store.migrations import SCHEMA_VERSION, migrate

APPLICATION_ID = 0x49545549  # "ITUI": marks a file as an interview-tui backup
SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every interview-tui database has had since schema version 1.
_CORE_TABLES = frozenset({"candidate", "job_application", "mock_session", "question", "response"})
# Rows that do not make a data directory "non-empty": the demo profile and preferences.
_NOT_USER_DATA = frozenset({"preference"})


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


class RestoreNeedsConfirmation(BackupError):
    """The data directory already holds data; restoring would replace it."""

    def __init__(self, message: str, counts: dict[str, int]) -> None:
        super().__init__(message)
        self.counts = counts


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    schema_version: int
    counts: dict[str, int]  # rows per table

    def summary(self) -> str:
        parts = []
        for table, noun in (("mock_session", "session"), ("job_application", "application"),
                            ("document", "document"), ("own_question", "own question")):
            if table in self.counts:
                n = self.counts[table]
                parts.append(f"{n:,} {noun}{'' if n == 1 else 's'}")
        return ", ".join(parts)


@dataclass(frozen=True)
class RestoreResult:
    backup: BackupInfo
    previous: Path | None  # where the replaced database was kept


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _user_data(conn: sqlite3.Connection, counts: dict[str, int]) -> dict[str, int]:
    """The tables holding the user's own data, with their row counts (demo rows aside)."""
    found = {t: n for t, n in counts.items() if n and t not in _NOT_USER_DATA}
    for table in ("candidate", "job_application"):
        if table in found:
            mine = conn.execute(f'SELECT count(*) FROM "{table}" WHERE NOT is_demo').fetchone()[0]
            if mine:
                found[table] = mine
            else:
                del found[table]
    return found


def backup_database(db_path: Path, target: Path, *, force: bool = False) -> BackupInfo:
    """Copy the database at ``db_path`` to ``target`` (atomically) and describe the copy."""
    db_path, target = Path(db_path), Path(target).expanduser()
    if not db_path.is_file():
        raise BackupError(f"There is no database to back up at {db_path}.")
    if target.exists() and target.resolve() == db_path.resolve():
        raise BackupError("The backup file cannot be the database itself.")
    if target.is_dir():
        raise BackupError(f"{target} is a directory; give a file name for the backup.")
    if target.exists() and not force:
        raise BackupError(f"{target} already exists; choose another name or pass --force.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        os.close(fd)
    except OSError as exc:
        raise BackupError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    temp = Path(temp_name)
    try:
        source = _connect(db_path)
        try:
            version = source.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise BackupError(
                    f"{db_path} uses schema version {version}, newer than this interview-tui "
                    f"({SCHEMA_VERSION}); back it up with the newer version."
                )
            copy = sqlite3.connect(temp)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
                copy.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                copy.commit()
                counts = _counts(copy)
            finally:
                copy.close()
        finally:
            source.close()
        os.replace(temp, target)
    except sqlite3.Error as exc:
        raise BackupError(f"Cannot back up {db_path}: {exc}.") from exc
    except OSError as exc:
        raise BackupError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    finally:
        temp.unlink(missing_ok=True)
    return BackupInfo(target, version, counts)


def _connect(path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(path, timeout=5)
    except sqlite3.Error as exc:
        raise BackupError(f"Cannot open {path}: {exc}.") from exc


def inspect_backup(path: Path) -> BackupInfo:
    """Check that ``path`` is an interview-tui backup this version can restore."""
    path = Path(path).expanduser()
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise BackupError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise BackupError(f"{path} is a directory, not a backup file.") from None
    except OSError as exc:
        raise BackupError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if header != SQLITE_HEADER:
        raise BackupError(f"{path} is not an interview-tui backup (it is not an SQLite file).")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"Cannot open {path}: {exc}.") from exc
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"{path} is damaged ({check}); it cannot be restored.")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        counts = _counts(conn)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is damaged ({exc}); it cannot be restored.") from exc
    finally:
        conn.close()
    # A plain copy of interview.db (application_id 0) is accepted when it has our tables.
    if app_id not in (0, APPLICATION_ID) or version == 0 or not set(counts) >= _CORE_TABLES:
        raise BackupError(
            f"{path} is an SQLite file but not an interview-tui backup; nothing was changed."
        )
    if version > SCHEMA_VERSION:
        raise BackupError(
            f"{path} was written by a newer interview-tui (schema version {version}; this one "
            f"knows {SCHEMA_VERSION}). Upgrade interview-tui to restore it; nothing was changed."
        )
    return BackupInfo(path, version, counts)


def existing_data(db_path: Path) -> dict[str, int]:
    """The user's data already in ``db_path`` (tables with rows); {} when there is none."""
    if not db_path.exists():
        return {}
    try:
        conn = sqlite3.connect(db_path, timeout=5)  # only reads (mode=ro needs a -shm file)
        try:
            return _user_data(conn, _counts(conn))
        finally:
            conn.close()
    except sqlite3.Error:
        return {"(unreadable database)": 1}  # replacing it still needs the user's yes


def restore_database(backup: Path, db_path: Path, *, replace: bool = False) -> RestoreResult:
    """Bring ``backup`` in as the database at ``db_path``; see the module docstring."""
    info = inspect_backup(backup)
    db_path = Path(db_path)
    present = existing_data(db_path)
    if present and not replace:
        raise RestoreNeedsConfirmation(
            f"{db_path.parent} already holds data; restoring replaces it.", present
        )
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(dir=db_path.parent, prefix=".restore-", suffix=".db")
        os.close(fd)
    except OSError as exc:
        raise BackupError(f"Cannot write to {db_path.parent}: {exc.strerror or exc}.") from exc
    temp = Path(temp_name)
    previous = None
    try:
        _prepare(info.path, temp)
        if db_path.exists():
            _release(db_path)
            previous = db_path.with_name(
                f"{db_path.name}.before-restore-{now().strftime('%Y%m%d-%H%M%S')}"
            )
            _keep(db_path, previous)
        os.replace(temp, db_path)  # the one step that changes what interview.db is
        for suffix in ("-wal", "-shm"):  # left only by a damaged database: keep them aside
            side = db_path.with_name(db_path.name + suffix)
            if side.exists() and previous is not None:
                os.replace(side, previous.with_name(previous.name + suffix))
    except OSError as exc:
        if previous is not None:
            previous.unlink(missing_ok=True)
        raise BackupError(f"Cannot restore into {db_path.parent}: {exc.strerror or exc}.") from exc
    except BaseException:
        if previous is not None:
            previous.unlink(missing_ok=True)
        raise
    finally:
        temp.unlink(missing_ok=True)
    return RestoreResult(info, previous)


def _prepare(backup: Path, temp: Path) -> None:
    """Copy ``backup`` to ``temp``, migrate it to this version's schema, check it."""
    try:
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        copy = sqlite3.connect(temp)
        try:
            source.backup(copy)
            copy.execute("PRAGMA application_id = 0")
            copy.commit()
        finally:
            copy.close()
            source.close()
        db = SqliteDatabase(str(temp), pragmas={"foreign_keys": 1})
        try:
            migrate(db)
            problems = db.execute_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise BackupError(
                    f"The backup has {len(problems)} rows that point at missing rows; "
                    "it was not restored."
                )
            db.execute_sql("PRAGMA journal_mode = DELETE")
        finally:
            db.close()
    except (sqlite3.Error, StoreError) as exc:
        raise BackupError(f"The backup could not be restored ({exc}); nothing was changed.") from exc


def _release(db_path: Path) -> None:
    """Fold the live database's write-ahead log into it, refusing while it is in use.

    Leaving WAL mode needs the only connection to the file, so this fails (and nothing is
    replaced) while an interview-tui window has the database open."""
    conn = sqlite3.connect(db_path, timeout=1)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise BackupError(
                f"{db_path} is in use (close every interview-tui window first); "
                "nothing was changed."
            ) from exc
    except sqlite3.DatabaseError:
        pass  # a damaged database has no log to fold in; the user chose to replace it
    finally:
        conn.close()


def _keep(db_path: Path, aside: Path) -> None:
    """Keep the database about to be replaced beside it (a hard link, else a copy)."""
    try:
        os.link(db_path, aside)
    except OSError:
        with contextlib.suppress(OSError):
            aside.unlink()
        shutil.copy2(db_path, aside)
