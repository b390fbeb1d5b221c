"""A user's coach tokens today, read from their own coach-call log.

The app writes one ``coach_call`` row per Claude call (input, output and cache tokens,
``created_at`` in naive UTC). The server only ever reads that file, read-only, with plain
sqlite3: it never opens a user's database through the app's store, so it cannot migrate or
lock it. The day is the UTC day, the same clock the log uses.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

_SUM = (
    "SELECT COALESCE(SUM(input_tokens + output_tokens + cache_read_tokens"
    " + cache_write_tokens), 0) FROM coach_call WHERE created_at >= ?"
)


def tokens_today(db_path: Path, *, now: datetime | None = None) -> int:
    """Tokens the user's coach calls used since 00:00 UTC today; 0 with no log yet."""
    db_path = Path(db_path)
    if not db_path.exists():
        return 0
    today = (now or datetime.now(UTC)).strftime("%Y-%m-%d")
    try:
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error as exc:
        log.warning("budget: cannot open %s: %s", db_path, exc)
        return 0
    try:
        return int(conn.execute(_SUM, (today,)).fetchone()[0])
    except sqlite3.OperationalError as exc:  # no coach_call table yet, or a locked file
        if "no such table" not in str(exc):
            log.warning("budget: cannot read %s: %s", db_path, exc)
        return 0
    finally:
        conn.close()

