"""The job-application dialog: company, role, interviewer and the job description."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from interview_tui.screens.access import workspace
from interview_tui.screens.widgets.form_dialog import FormDialog, Values
from interview_tui.services.profiles import ProfileError

if TYPE_CHECKING:
    from interview_tui.store.models import Candidate, JobApplication


class ApplicationForm(FormDialog):
    """Create or edit a job application; ``copy=True`` saves an edited copy as new."""

    FIELDS: ClassVar = [
        ("company", "Company", "e.g. Northwind Freight"),
        ("role", "Role", "e.g. Senior Backend Engineer"),
        ("interviewer", "Interviewer", "their name, if you know it (optional)"),
    ]
    DOCUMENT: ClassVar = (
        "job_description",
        "Job description",
        "Paste the job description here. The interviewer uses it to pick questions.",
    )

    def __init__(self, application_id: int | None = None, *, copy: bool = False) -> None:
        self.application_id = application_id
        self.copy = copy
        if application_id is None:
            self.dialog_title = "New job application"
        elif copy:
            self.dialog_title = "New job application (starting from the demo)"
        else:
            self.dialog_title = "Edit job application"
        super().__init__()

    async def load_values(self) -> tuple[Values, str]:
        if self.application_id is None:
            candidate = await workspace(self).profiles.current_candidate()
            if candidate is None:
                return {}, "No profile yet: press p on the setup screen to add yours."
            if candidate.is_demo:
                return {}, (f"Candidate: {candidate.name} (demo) · "
                            "your own profile: p on the setup screen")
            return {}, f"Candidate: {candidate.name}"
        application = await self._application()
        values = {
            "company": application.company,
            "role": application.role,
            "interviewer": application.interviewer_name,
            "job_description": application.job_description,
        }
        if self.copy:
            return values, "The demo stays as it is; saving creates a new application."
        return values, ""

    async def _application(self) -> JobApplication:
        for application in await workspace(self).profiles.list_applications():
            if application.id == self.application_id:
                return application
        raise ProfileError("That application no longer exists.")

    async def save_values(self, values: Values) -> tuple[int, str]:
        profiles = workspace(self).profiles
        candidate: Candidate | None
        if self.application_id is not None and not self.copy:
            candidate = (await self._application()).candidate
            application_id: int | None = self.application_id
        else:
            candidate = await profiles.current_candidate()
            application_id = None
            if candidate is None:
                raise ProfileError("Set up your profile first (press p on the setup screen).")
        saved = await profiles.save_application(
            candidate,
            company=values["company"],
            role=values["role"],
            interviewer_name=values["interviewer"],
            job_description=values["job_description"],
            application_id=application_id,
        )
        return saved.id, f"{saved.company} · {saved.role}"
