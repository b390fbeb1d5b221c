"""The candidate-profile dialog: name, headline and resume (pasted or imported)."""

from __future__ import annotations

from typing import ClassVar

from interview_tui.screens.access import workspace
from interview_tui.screens.widgets.form_dialog import FormDialog, Values


class ProfileForm(FormDialog):
    """Edit your profile. While the demo profile is in use, saving creates your own one
    instead, so the demo application keeps its demo resume."""

    dialog_title = "Your profile"
    FIELDS: ClassVar = [
        ("name", "Name", "your name"),
        ("headline", "Headline", "e.g. Backend engineer, 6 years in payments (optional)"),
    ]
    DOCUMENT: ClassVar = (
        "resume",
        "Resume",
        "Paste your resume here. The interviewer asks about it and checks feedback against it.",
    )

    def __init__(self) -> None:
        super().__init__()
        self.candidate_id: int | None = None
        self.saved_name = ""  # the name saved, once saved

    async def load_values(self) -> tuple[Values, str]:
        candidate = await workspace(self).profiles.current_candidate()
        if candidate is None or candidate.is_demo:
            return {}, (
                "You are using the demo profile (Alex Rivera). Saving creates your own "
                "profile; the demo application keeps the demo resume."
            )
        self.candidate_id = candidate.id
        return {
            "name": candidate.name,
            "headline": candidate.headline,
            "resume": candidate.resume_text,
        }, ""

    async def save_values(self, values: Values) -> tuple[int, str]:
        saved = await workspace(self).profiles.save_candidate(
            values["name"],
            values["resume"],
            headline=values["headline"],
            candidate_id=self.candidate_id,
        )
        self.saved_name = saved.name
        return saved.id, f"Profile of {saved.name}"
