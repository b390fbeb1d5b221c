"""A destructive key acts on its second press within a few seconds; the first only warns.

One rule for every screen that has such a key (clearing an answer or a pitch, ending a
session early, leaving an answer half-written), so a stray key never loses text.
"""

from __future__ import annotations

import time

from textual.widget import Widget

CONFIRM_SECONDS = 4.0  # a second press within this confirms


class PressTwice:
    """Remembers, per action, until when a second press confirms it."""

    def __init__(self, owner: Widget) -> None:
        self._owner = owner
        self._armed: dict[str, float] = {}  # action -> deadline for the confirming press

    def confirmed(self, action: str, warning: str) -> bool:
        """True on a second press within ``CONFIRM_SECONDS``; the first press shows
        ``warning`` and returns False."""
        deadline = self._armed.pop(action, 0.0)
        if time.monotonic() < deadline:
            return True
        self._armed[action] = time.monotonic() + CONFIRM_SECONDS
        # Shown only while a second press still confirms: no stale "press again" after.
        self._owner.notify(warning, title="Press again to confirm", severity="warning",
                           timeout=CONFIRM_SECONDS)
        return False
