"""One source of 'now', so tests and snapshots can freeze time."""

from __future__ import annotations

from datetime import UTC, datetime

_frozen: datetime | None = None


def now() -> datetime:
    """The current time as a naive UTC datetime (how the store keeps times)."""
    if _frozen is not None:
        return _frozen
    return datetime.now(UTC).replace(tzinfo=None)


def freeze(at: datetime | None) -> None:
    """Freeze ``now()`` at ``at`` (naive UTC); ``None`` unfreezes."""
    global _frozen
    _frozen = at
