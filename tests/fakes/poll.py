"""Waiting on another process's state: one poll loop with a deadline for the fakes."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
INTERVAL = 0.05  # seconds between looks; the deadline, not this, bounds the wait


def poll(probe: Callable[[], T | None], timeout: float, failure: Callable[[], str]) -> T:
    """``probe()``'s first result that is not None, looked at until ``timeout`` seconds
    have passed; then an AssertionError saying ``failure()`` (built only when it fails)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = probe()
        if found is not None:
            return found
        time.sleep(INTERVAL)
    raise AssertionError(failure())
