"""Ordered schema migrations. Version N is reached by running MIGRATIONS[N-1]."""

from __future__ import annotations

from collections.abc import Callable

from peewee import SqliteDatabase

from interview_tui.store import models
from interview_tui.store.db import SCHEMA_VERSION, NewerSchemaError


def _v1_initial(db: SqliteDatabase) -> None:
    db.create_tables(models.ALL_MODELS)


MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [_v1_initial]
assert len(MIGRATIONS) == SCHEMA_VERSION, "SCHEMA_VERSION must equal the number of migrations"


def current_version(db: SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def migrate(db: SqliteDatabase) -> int:
    """Bring ``db`` up to ``SCHEMA_VERSION``; each step and its version bump in one transaction."""
    version = current_version(db)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"Database schema version {version} is newer than this interview-tui "
            f"({SCHEMA_VERSION}); the file was not changed."
        )
    for target in range(version + 1, SCHEMA_VERSION + 1):
        # IMMEDIATE: one process migrates at a time (two windows, or two SSH sessions of
        # one user, starting together); the other waits, then finds the step done.
        with db.atomic(lock_type="IMMEDIATE"):
            if current_version(db) >= target:
                continue
            MIGRATIONS[target - 1](db)
            db.execute_sql(f"PRAGMA user_version = {target}")
    return SCHEMA_VERSION
