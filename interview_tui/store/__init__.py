"""Persistence: Peewee models over one SQLite file per user. No textual here."""

from interview_tui.store.db import (
    SCHEMA_VERSION,
    DamagedDatabaseError,
    DatabaseLockedError,
    NewerSchemaError,
    ReadOnlyDatabaseError,
    StoreError,
    close_database,
    database,
    database_errors,
    integrity_problems,
    open_database,
    schema_version,
    write_access_problem,
)

__all__ = [
    "SCHEMA_VERSION",
    "DamagedDatabaseError",
    "DatabaseLockedError",
    "NewerSchemaError",
    "ReadOnlyDatabaseError",
    "StoreError",
    "close_database",
    "database",
    "database_errors",
    "integrity_problems",
    "open_database",
    "schema_version",
    "write_access_problem",
]
