"""Where notifications appear: never over a form's buttons or the answer editor's meter."""

from __future__ import annotations

from collections.abc import Callable

from textual.geometry import Region
from textual.widgets import Button
from textual.widgets._toast import Toast

from interview_tui.app import InterviewApp
from interview_tui.screens.interview import InterviewScreen
from interview_tui.screens.profile_form import ProfileForm
from interview_tui.services.interview import SessionSetup
from interview_tui.store.models import JobApplication
from tests.fakes.pilot import settle


def toast_regions(app: InterviewApp) -> list[Region]:
    return [toast.region for toast in app.screen.query(Toast)]


async def test_a_form_notification_leaves_save_and_cancel_visible(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await app.push_screen(ProfileForm())
        await settle(pilot)
        await pilot.press("ctrl+s")  # no name: "Not saved"
        await settle(pilot)
        regions = toast_regions(app)
        assert regions, "the refusal was not shown"
        for button in app.screen.query(Button):
            assert all(not region.overlaps(button.region) for region in regions), button.id


async def test_an_interview_notification_leaves_the_meter_visible(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app()
    demo = JobApplication.get(JobApplication.is_demo == True).id  # noqa: E712
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = InterviewScreen(setup=SessionSetup(application_id=demo))
        await app.push_screen(screen)
        await settle(pilot)
        await pilot.press("ctrl+s")  # empty answer: refused with a warning
        await settle(pilot)
        regions = toast_regions(app)
        assert regions, "the refusal was not shown"
        meter = screen.query_one("#meter").region
        assert all(not region.overlaps(meter) for region in regions)
