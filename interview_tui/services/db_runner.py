"""The one thread that touches a user's SQLite file.

Every read and write of the workspace goes through ``DbRunner``: writes never contend
with each other, and the event loop (the UI) never waits on SQLite. Work is done in the
order it was handed in, so a call-log row submitted before a transition is written
before it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from interview_tui.store.db import database

log = logging.getLogger(__name__)
T = TypeVar("T")


class DbRunner:
    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="interview-db")
        self._closed = False

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on the database thread and wait for its result."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, *args))

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """``run`` for code that is not on the event loop (scripts, the CLI, tests)."""
        return self._executor.submit(fn, *args).result()

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Queue ``fn(*args)`` without waiting; a failure is logged, never raised."""
        future = self._executor.submit(fn, *args)
        future.add_done_callback(_log_failure)
        return future

    def close(self) -> None:
        """Finish the queued work, close this thread's connection, stop the thread."""
        if self._closed:
            return
        self._closed = True
        self._executor.submit(_close_connection)
        self._executor.shutdown(wait=True)


def _close_connection() -> None:
    if not database.deferred and not database.is_closed():
        database.close()


def _log_failure(future: Future[Any]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.error("database work failed", exc_info=future.exception())
