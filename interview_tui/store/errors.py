"""Why a database cannot be used. Each message names the file and says what to do."""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be used; the message says which file and why."""


class NewerSchemaError(StoreError):
    """The file was written by a newer interview-tui; it is left untouched."""


class DatabaseLockedError(StoreError):
    """Another process holds the database longer than the busy timeout."""
