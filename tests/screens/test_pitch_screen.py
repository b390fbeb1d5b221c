"""The pitch trainer by keyboard, with the offline coach and on the fake Messages API:
the template, an attempt with feedback, the attempts table, reopening an attempt, the
90-second clock, and a one-word pitch that is refused without losing the text."""

from __future__ import annotations

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from interview_tui.screens.application_picker import ApplicationPicker
from interview_tui.screens.pitch import PitchScreen
from interview_tui.screens.pitch_attempt import PitchAttemptScreen
from interview_tui.screens.widgets.press_twice import CONFIRM_SECONDS
from interview_tui.services.coach.claude import ClaudeCoach
from interview_tui.services.pitch_rules import structure_score
from interview_tui.services.profiles import ensure_demo_profile, save_application
from interview_tui.services.text import word_count
from interview_tui.store.models import Candidate, PitchAttempt
from tests.fakes.pilot import settle

ATTEMPT = (
    "I'm a senior software engineer at Parcelwise, where I led the migration of our "
    "shipment-tracking service to three Go services, and p95 latency fell from 900 ms to 180 ms. "
    "Before that I was at Tillpoint, where I reduced failed card settlements by 22%. Northwind "
    "Freight appeals to me because of its event platform."
)


@pytest.fixture(params=["offline", "claude"])
def coach(request, fake_anthropic):
    if request.param == "offline":
        return None  # make_app's offline coach
    return ClaudeCoach("claude-sonnet-5-5", api_key="sk-ant-test", base_url=fake_anthropic.base_url,
                       max_retries=0)


def shown(pilot: Pilot) -> str:
    return " ".join(" ".join(str(s.render()) for s in pilot.app.screen.query(Static)
                             if s.display).split())


async def type_pitch(pilot: Pilot, text: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, PitchScreen)
    assert pilot.app.focused is screen.box.editor
    await pilot.press("ctrl+l")  # empty or a stored attempt: one press clears
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    assert screen.box.text == text


async def test_template_attempt_feedback_and_the_attempts_table(make_app, coach):
    app = make_app(coach)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_pitch(ensure_demo_profile().id)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PitchScreen)
        assert screen.template is not None and screen.template.pitch  # written on first open
        await pilot.press("f2")
        await settle(pilot)
        assert screen.template.pitch[:40] in shown(pilot)
        await pilot.press("f3")
        await type_pitch(pilot, ATTEMPT)
        await pilot.press("ctrl+s")
        await settle(pilot)
        first = screen.shown
        assert first is not None and first.number == 1 and first.feedback is not None
        expected = structure_score(word_count(ATTEMPT))
        assert first.structure_score == expected == 4  # under 60 words: the rule below 100
        text = shown(pilot)
        assert "Content" in text and "Revised pitch" in text and "Structure 4/10" in text
        assert screen.box.text == ATTEMPT  # kept in the editor to work from

        # A second attempt, said aloud against the clock first.
        await pilot.press("ctrl+t")
        assert "left" in str(screen.query_one("#timer", Static).render())
        await pilot.press("ctrl+t")
        await type_pitch(pilot, ATTEMPT + " I want to lead the reliability work there.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.shown.number == 2 and screen.shown.spoken_seconds is not None

        await pilot.press("f4")
        await settle(pilot)
        table = screen.query_one("#attempts", DataTable)
        assert table.row_count == 2
        newest = table.get_row_at(0)
        assert str(newest[0]) == "2" and str(newest[5]) == str(screen.shown.content_score)
        assert str(table.get_row_at(1)[6]) == "4"  # attempt 1's structure, side by side
        await pilot.press("down", "enter")  # reopen attempt 1
        await settle(pilot)
        assert isinstance(app.screen, PitchAttemptScreen) and app.screen.attempt.number == 1
        assert "Revised pitch" in shown(pilot)
        await pilot.press("p")  # practise from it
        await settle(pilot)
        assert app.screen is screen and screen.box.text == ATTEMPT


async def test_a_one_word_pitch_is_refused_and_the_text_stays(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_pitch(ensure_demo_profile().id)
        await settle(pilot)
        screen = app.screen
        await type_pitch(pilot, "Hello")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.box.text == "Hello"
        assert PitchAttempt.select().count() == 0
        assert any("1 word" in n.message for n in app._notifications)


async def test_clearing_the_editor_asks_first_and_can_be_undone(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_pitch(ensure_demo_profile().id)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PitchScreen)
        await type_pitch(pilot, "Half a pitch about Parcelwise")
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert screen.box.text == "Half a pitch about Parcelwise"  # the first press only warns
        warning = next(n for n in app._notifications if "Press ctrl+l again" in n.message)
        # The warning lasts exactly as long as a second press still clears, no longer.
        assert warning.timeout == CONFIRM_SECONDS
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert screen.box.text == ""
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert screen.box.text == "Half a pitch about Parcelwise"


async def test_the_palette_asks_which_application_when_there_are_two(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        demo = ensure_demo_profile()
        other = save_application(Candidate.get_by_id(demo.candidate_id), company="Globex",
                                 role="Staff Engineer")
        app.for_application("Intro pitch for which application?", app.open_pitch)
        await settle(pilot)
        assert isinstance(app.screen, ApplicationPicker)
        await pilot.press("enter")  # the newest application comes first
        await settle(pilot)
        assert isinstance(app.screen, PitchScreen) and app.screen.application_id == other.id


async def test_the_editor_draft_comes_back_after_leaving(make_app):
    from interview_tui.screens.widgets.answer_box import AnswerBox

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        demo = ensure_demo_profile()
        app.open_pitch(demo.id)
        await settle(pilot)
        await type_pitch(pilot, "Half a pitch about Parcelwise")
        box = app.screen.query_one(AnswerBox)
        box.post_message(AnswerBox.Paused(box.text, 3.0))  # what a pause in typing sends
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        app.open_pitch(demo.id)
        await settle(pilot)
        assert app.screen.query_one(AnswerBox).text == "Half a pitch about Parcelwise"
