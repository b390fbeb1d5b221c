"""Holding the app's frames for the first moments of a coach step.

A turn changes the interview screen several times before its result is there: the
editor gives way to the coach's status, the sent answer joins the conversation, the
status changes its words, and then the result replaces it all. Painting each of those
states costs a layout and a paint (5-15 ms apiece on a slow machine), and on the event
loop that time comes before the result can be drawn. ``FrameHold`` keeps Textual from
writing frames until the step's result is applied, until the step waits on a coach over
the network (the screen then paints its status while the model works), or until
``HOLD_SECONDS`` have passed, whichever comes first. The offline coach answers within a
frame or two, so its result replaces the editor without a spinner flashing in between;
a step that takes longer shows its status after that short pause, shorter than what a
user perceives as a delay.
"""

from __future__ import annotations

import asyncio
from contextlib import AbstractContextManager

from textual.app import App

HOLD_SECONDS = 0.1


class FrameHold:
    """One hold at a time; ``release`` is safe to call whenever (and more than once)."""

    def __init__(self, app: App[object], seconds: float = HOLD_SECONDS) -> None:
        self._app = app
        self._seconds = seconds
        self._batch: AbstractContextManager[None] | None = None
        self._timer: asyncio.TimerHandle | None = None

    def start(self) -> None:
        """Hold frames from now; a hold already running keeps its own deadline."""
        if self._batch is not None:
            return
        batch = self._app.batch_update()
        batch.__enter__()
        self._batch = batch
        # A loop timer, not a widget's: it fires even if the screen is gone meanwhile.
        self._timer = asyncio.get_running_loop().call_later(self._seconds, self.release)

    def release(self) -> None:
        """Let frames through again; the next one shows everything changed meanwhile."""
        batch, self._batch = self._batch, None
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if batch is not None:
            batch.__exit__(None, None, None)
