"""``snapshot_app``: the real app, set up so that its screenshots are the same on every run.

Registered through ``pytest_plugins`` in tests/conftest.py. What it pins down:

- the clock (``interview_tui.clock.freeze``), before the demo profile or any data exists;
- the local time zone (UTC), since dates are shown with ``astimezone()``;
- the answer editor's clock: ``answer_box`` measures time spent with ``time.monotonic``,
  which here stands still (only that module's view of it: asyncio needs the real one);
- cursor blink (off) and animations (``animation_level = "none"``);
- the theme (Textual's default, whatever the developer chose) and colour (NO_COLOR unset).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import TYPE_CHECKING

import pytest
from textual.widgets import Input, TextArea

from interview_tui.clock import freeze
from interview_tui.screens.widgets import answer_box
from tests.fakes.snapshot_data import TODAY

if TYPE_CHECKING:
    from interview_tui.app import InterviewApp

THEME = "textual-dark"
MONOTONIC = 1_000.0  # any fixed value: only differences of it are shown


@pytest.fixture
def snapshot_app(
    make_app: Callable[..., InterviewApp], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., InterviewApp]]:
    """A factory for the app on a fresh database, frozen for snapshots."""
    freeze(TODAY)
    old_tz = os.environ.get("TZ")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(answer_box, "time", SimpleNamespace(monotonic=lambda: MONOTONIC))
    # Plain class attributes in place of the reactives: the blink timers never start.
    monkeypatch.setattr(TextArea, "cursor_blink", False)
    monkeypatch.setattr(Input, "cursor_blink", False)

    def factory(**kwargs: object) -> InterviewApp:
        kwargs.setdefault("theme", THEME)
        app = make_app(**kwargs)
        app.animation_level = "none"
        return app

    yield factory
    freeze(None)
    # Put the zone back now, so tzset sees it (monkeypatch restores the variable later).
    if old_tz is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old_tz
    time.tzset()
