"""The scheduled-interview dialog: stage, format, date and time, interviewer, focus, and
the notes written after the interview."""

from __future__ import annotations

from typing import ClassVar

from interview_tui.screens.access import workspace
from interview_tui.screens.widgets.form_dialog import FormDialog, Values
from interview_tui.services.catalog import INTERVIEW_FORMATS, STAGES
from interview_tui.services.schedule import DATE_HINT


class InterviewForm(FormDialog):
    """Schedule an interview on an application, or edit one (``interview_id``)."""

    FIELDS: ClassVar = [
        ("stage", "Stage", " / ".join(STAGES.values())),
        ("format", "Format", " / ".join(INTERVIEW_FORMATS.values()) + " (optional)"),
        ("when", "Date", DATE_HINT),
        ("interviewer_name", "Interviewer", "their name (optional)"),
        ("interviewer_role", "Their role", "e.g. Engineering manager (optional)"),
        ("focus", "Focus", "what they said it will cover (optional)"),
    ]
    DOCUMENT: ClassVar = (
        "notes",
        "Notes",
        "After the interview: what they asked, what went well, what to work on. "
        "The next round's prep reads these.",
    )

    def __init__(self, application_id: int, interview_id: int | None = None) -> None:
        self.application_id = application_id
        self.interview_id = interview_id
        self.dialog_title = "Schedule an interview" if interview_id is None else "Edit interview"
        super().__init__()

    async def load_values(self) -> tuple[Values, str]:
        if self.interview_id is None:
            return {"stage": STAGES["recruiter_screen"]}, ""
        interview = await workspace(self).schedule.get(self.interview_id)
        values = interview.as_form()
        values["stage"] = STAGES.get(values["stage"], values["stage"])
        values["format"] = INTERVIEW_FORMATS.get(values["format"], values["format"])
        return values, ""

    async def save_values(self, values: Values) -> tuple[int, str]:
        saved = await workspace(self).schedule.save(
            self.application_id, values, self.interview_id
        )
        return saved.id, saved.title
