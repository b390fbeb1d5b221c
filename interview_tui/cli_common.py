"""What the command-line commands share: opening the store, messages, exit codes."""

from __future__ import annotations

import sys

from interview_tui.config import Settings

OK, PARTIAL, BAD_INPUT = 0, 1, 2


def fail(message: str, code: int = BAD_INPUT) -> int:
    """Print ``message`` to stderr as interview-tui's and return ``code``."""
    print(f"interview-tui: {message}", file=sys.stderr)
    return code


def open_store(settings: Settings) -> str | None:
    """Open (creating or migrating) the user's database; the reason when it cannot be."""
    from interview_tui.store import StoreError, open_database

    try:
        open_database(settings.db_path)
    except StoreError as exc:
        return str(exc)
    return None


def close_store() -> None:
    from interview_tui.store import close_database

    close_database()
