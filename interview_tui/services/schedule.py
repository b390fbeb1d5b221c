"""Scheduled interviews: the real rounds on an application's calendar (not mock sessions).

Each has a stage, a format, a date and time, the interviewer's name and role, the focus,
and notes written after it. Input is checked here and refused with a message that names
the field first ("Date ..."), so the form can put the cursor there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from interview_tui.services.catalog import INTERVIEW_FORMATS, STAGES, stage_label
from interview_tui.services.db_runner import DbRunner
from interview_tui.services.profiles import MAX_DOCUMENT_CHARS, ProfileError, _clean
from interview_tui.store.db import database
from interview_tui.store.models import Interview, JobApplication

DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d")
DATE_HINT = "year-month-day and an optional 24-hour time, e.g. 2026-12-03 14:30"


class ScheduleError(ProfileError):
    """Interview input that cannot be saved; the message names the field first."""


@dataclass(frozen=True)
class ScheduledInterview:
    id: int
    application_id: int
    stage: str
    format: str
    scheduled_at: datetime | None
    interviewer_name: str
    interviewer_role: str
    focus: str
    notes: str

    @property
    def when(self) -> str:
        if self.scheduled_at is None:
            return "date not set"
        if self.scheduled_at.hour == 0 and self.scheduled_at.minute == 0:
            return self.scheduled_at.strftime("%a %d %b %Y")
        return self.scheduled_at.strftime("%a %d %b %Y %H:%M")

    @property
    def title(self) -> str:
        """``Technical · Thu 03 Dec 2026 14:30 · with Priya Shah``."""
        parts = [stage_label(self.stage), self.when]
        if self.interviewer_name:
            parts.append(f"with {self.interviewer_name}")
        return " · ".join(parts)

    def as_form(self) -> dict[str, str]:
        """The values the interview form shows."""
        return {
            "stage": self.stage,
            "format": self.format,
            "when": "" if self.scheduled_at is None else format_when(self.scheduled_at),
            "interviewer_name": self.interviewer_name,
            "interviewer_role": self.interviewer_role,
            "focus": self.focus,
            "notes": self.notes,
        }


def format_when(moment: datetime) -> str:
    if moment.hour == 0 and moment.minute == 0:
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%d %H:%M")


def parse_when(text: str) -> datetime | None:
    """A date (and time) typed by the user; empty means not scheduled yet."""
    value = " ".join(text.split())
    if not value:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise ScheduleError(f"Date {value!r} is not a date I can read: use {DATE_HINT}.")


def _choice(value: str, choices: dict[str, str], field: str, *, required: bool) -> str:
    text = " ".join(value.split()).lower()
    if not text:
        if required:
            raise ScheduleError(f"{field} is required: one of {', '.join(choices.values())}.")
        return ""
    for key, label in choices.items():
        if text in (key, key.replace("_", " "), label.lower()):
            return key
    raise ScheduleError(
        f"{field} {value.strip()!r} is not one I know: use one of {', '.join(choices.values())}."
    )


def _row(row: Interview) -> ScheduledInterview:
    return ScheduledInterview(
        id=row.id,
        application_id=row.application_id,
        stage=row.stage,
        format=row.format,
        scheduled_at=row.scheduled_at,
        interviewer_name=row.interviewer_name,
        interviewer_role=row.interviewer_role,
        focus=row.focus,
        notes=row.notes,
    )


def _values(
    *, stage: str, format: str, when: str, interviewer_name: str, interviewer_role: str,
    focus: str, notes: str,
) -> dict[str, object]:
    try:
        texts = {
            "interviewer_name": _clean(interviewer_name, "Interviewer"),
            "interviewer_role": _clean(interviewer_role, "Their role"),
            "focus": _clean(focus, "Focus", limit=1000),
            "notes": _clean(notes, "Notes", limit=MAX_DOCUMENT_CHARS),
        }
    except ProfileError as exc:
        raise ScheduleError(str(exc)) from None
    return {
        "stage": _choice(stage, STAGES, "Stage", required=True),
        "format": _choice(format, INTERVIEW_FORMATS, "Format", required=False),
        "scheduled_at": parse_when(when),
        **texts,
    }


def list_interviews(application_id: int) -> list[ScheduledInterview]:
    """An application's interviews, in date order (undated ones last)."""
    rows = Interview.select().where(Interview.application == application_id)
    found = [_row(r) for r in rows]
    found.sort(key=lambda i: (i.scheduled_at is None, i.scheduled_at or datetime.min, i.id))
    return found


def get_interview(interview_id: int) -> ScheduledInterview:
    row = Interview.get_or_none(Interview.id == interview_id)
    if row is None:
        raise ScheduleError("That interview no longer exists.")
    return _row(row)


def save_interview(
    application_id: int, values: dict[str, str], interview_id: int | None = None
) -> ScheduledInterview:
    """Add an interview (``interview_id`` None) or change one; refuses bad input."""
    clean = _values(**{k: values.get(k, "") for k in _FIELDS})
    with database.atomic("IMMEDIATE"):
        if not JobApplication.select().where(JobApplication.id == application_id).exists():
            raise ScheduleError("That application no longer exists.")
        if interview_id is None:
            return _row(Interview.create(application=application_id, **clean))
        updated = (
            Interview.update(**clean)
            .where((Interview.id == interview_id) & (Interview.application == application_id))
            .execute()
        )
        if not updated:
            raise ScheduleError("That interview no longer exists.")
        return _row(Interview.get_by_id(interview_id))


def delete_interview(interview_id: int) -> bool:
    """Delete an interview and its prep documents; False if it was already gone."""
    return bool(Interview.delete().where(Interview.id == interview_id).execute())


_FIELDS = ("stage", "format", "when", "interviewer_name", "interviewer_role", "focus", "notes")


class ScheduleService:
    """Scheduled interviews, on the workspace's database thread."""

    def __init__(self, runner: DbRunner) -> None:
        self._runner = runner

    async def list(self, application_id: int) -> list[ScheduledInterview]:
        return await self._runner.run(list_interviews, application_id)

    async def get(self, interview_id: int) -> ScheduledInterview:
        return await self._runner.run(get_interview, interview_id)

    async def save(
        self, application_id: int, values: dict[str, str], interview_id: int | None = None
    ) -> ScheduledInterview:
        return await self._runner.run(save_interview, application_id, values, interview_id)

    async def delete(self, interview_id: int) -> bool:
        return await self._runner.run(delete_interview, interview_id)
