"""The setup screen's part about your own profile: editing it, and once the first one
is saved, an application for it (the demo application keeps the demo profile)."""

from __future__ import annotations

from textual import work
from textual.screen import Screen
from textual.widgets import OptionList

from interview_tui.screens.access import workspace
from interview_tui.services.setup_choices import ApplicationRow


class ProfileActions(Screen[None]):
    """Profile keys of ``SetupScreen``, which provides the rows, the selection and
    loading."""

    _rows: list[ApplicationRow]
    _has_own_profile: bool
    _profile_id: int | None

    def _selected_row(self) -> ApplicationRow | None:
        raise NotImplementedError

    def load(self, select_id: int | None = None) -> object:
        raise NotImplementedError

    def action_new_application(self) -> None:
        raise NotImplementedError

    def action_edit_profile(self) -> None:
        from interview_tui.screens.profile_form import ProfileForm

        first_own = not self._has_own_profile
        form = ProfileForm()

        def saved(candidate_id: int | None) -> None:
            if candidate_id is None:
                return
            self.load()
            if first_own:
                self._offer_first_application(candidate_id, form.saved_name)

        self.app.push_screen(form, saved)

    def _offer_first_application(self, candidate_id: int, name: str) -> None:
        """The demo keeps the demo profile: offer an application for the new profile."""
        from interview_tui.screens.profile_next import ProfileNext

        demo = next((row for row in self._rows if row.is_demo), None)

        def chosen(choice: str | None) -> None:
            if choice == "new":
                self.action_new_application()
            elif choice == "demo" and demo is not None:
                self._copy_for_me(demo.id, candidate_id)

        job = f"{demo.company} · {demo.role}" if demo else "the demo job"
        self.app.push_screen(ProfileNext(name, job), chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "use_my_profile":
            selected = self._selected_row()
            return bool(selected and selected.candidate_is_demo and self._profile_id)
        return True

    def action_use_my_profile(self) -> None:
        selected = self._selected_row()
        if selected is None or not selected.candidate_is_demo or self._profile_id is None:
            return
        self._copy_for_me(selected.id, self._profile_id)

    @work(group="setup-copy", exit_on_error=False)
    async def _copy_for_me(self, application_id: int, candidate_id: int) -> None:
        """The demo's job as a new application of yours, selected (the demo stays)."""
        copy = await workspace(self).profiles.copy_application(application_id, candidate_id)
        self.load(copy.id)  # selected, with your name beside "Candidate"
        self.query_one("#applications", OptionList).focus()
