"""The coach-call log: one row per coach call, written with the call.

Each row is attributed explicitly to what the call was for (an application, a mock
session, a document); it never holds prompt text, answers or keys.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from peewee import fn

from interview_tui.services.db_runner import DbRunner
from interview_tui.store.models import CoachCall

if TYPE_CHECKING:  # the coach's types: pydantic stays off the path to the first frame
    from interview_tui.services.coach.base import CallRecord, CallSink


@dataclass(frozen=True)
class About:
    """What a coach call was for."""

    application_id: int | None = None
    session_id: int | None = None
    document_id: int | None = None


class CallLog:
    def __init__(self, runner: DbRunner) -> None:
        self._runner = runner

    def sink(self, about: About) -> CallSink:
        """A sink for one call: queues its row on the database thread, in order."""
        def sink(record: CallRecord) -> None:
            self._runner.submit(_write, about, record)

        return sink

    async def tokens_since(self, since: datetime) -> int:
        """Tokens billed since ``since`` (input, output and cache), for budgets."""
        return await self._runner.run(tokens_since, since)


def _write(about: About, record: CallRecord) -> None:
    CoachCall.create(
        session=about.session_id,
        application=about.application_id,
        document=about.document_id,
        **asdict(record),
    )


def tokens_since(since: datetime) -> int:
    total = (
        CoachCall.select(
            fn.COALESCE(
                fn.SUM(
                    CoachCall.input_tokens
                    + CoachCall.output_tokens
                    + CoachCall.cache_read_tokens
                    + CoachCall.cache_write_tokens
                ),
                0,
            )
        )
        .where(CoachCall.created_at >= since)
        .scalar()
    )
    return int(total or 0)
