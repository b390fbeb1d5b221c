"""Persistence: Peewee models over one SQLite file per user. No textual here."""

from interview_tui.store.db import (
    SCHEMA_VERSION,
    DatabaseLockedError,
    NewerSchemaError,
    StoreError,
    close_database,
    database,
    open_database,
    schema_version,
)

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
