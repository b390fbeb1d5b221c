"""The debrief and the thank-you email by keyboard, with the offline coach and on the
fake Messages API: a transcript imported from a file, typed answers on a scheduled
interview, bad input that keeps every word, and the email copied and saved."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea

from interview_tui.clock import now
from interview_tui.screens.debrief import DebriefScreen
from interview_tui.screens.debrief_report import DebriefReportScreen
from interview_tui.screens.pitch_attempt import PitchAttemptScreen
from interview_tui.screens.thank_you import ThankYouScreen
from interview_tui.screens.widgets.document_field import DocumentField
from interview_tui.services.coach.claude import ClaudeCoach
from interview_tui.services.debrief_models import Debrief, DebriefInput, ThankYouDocument
from interview_tui.services.profiles import ensure_demo_profile
from interview_tui.store.models import Document, Interview
from tests.fakes.anthropic_server import overloaded
from tests.fakes.pilot import settle

TRANSCRIPT = """\
Priya: Thanks for joining, Alex. Tell me about yourself?
Alex: Um, so I'm a senior engineer at Parcelwise, I guess I do backend stuff, you know.
Priya: Tell me about a time you improved reliability?
Alex: At Parcelwise our webhook pipeline was losing events. I designed an idempotent pipeline
with retries and deduplication keys. As a result we handled 4 million events a day with zero
lost events over 18 months.
Priya: How do you handle disagreements?
Alex: I think we usually just talk it out, maybe.
"""


@pytest.fixture(params=["offline", "claude"])
def coach(request, fake_anthropic):
    if request.param == "offline":
        return None
    return ClaudeCoach("claude-sonnet-5-5", api_key="sk-ant-test", base_url=fake_anthropic.base_url,
                       max_retries=0)


def shown(pilot: Pilot) -> str:
    return " ".join(" ".join(str(s.render()) for s in pilot.app.screen.query(Static)
                             if s.display).split())


async def open_debrief(pilot: Pilot, interview_id: int | None = None) -> DebriefScreen:
    await settle(pilot)
    pilot.app.open_debrief(ensure_demo_profile().id, interview_id)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DebriefScreen)
    return screen


async def test_a_transcript_file_to_debrief_to_email_copied_and_saved(make_app, coach, tmp_path):
    path = tmp_path / "priya.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    app = make_app(coach)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_debrief(pilot)
        field = screen.query_one(DocumentField)
        field.query_one("#doc-path", Input).value = str(path)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert field.text.startswith("Priya: Thanks for joining")
        screen.query_one("#stage", Select).value = "hiring_manager"
        await pilot.press("ctrl+s")
        await settle(pilot)
        report = app.screen
        assert isinstance(report, DebriefReportScreen) and report.doc is not None
        text = shown(pilot)
        for label in ("By dimension", "Content", "Clarity", "Delivery", "Tone", "Structure",
                      "Confidence", "What you should have said", "Action items",
                      "For the next stage"):
            assert label in text, label
        debrief = report.doc.content(Debrief)
        assert debrief.input.stage == "hiring_manager" and debrief.input.transcript
        assert Interview.get_by_id(report.doc.interview_id).stage == "hiring_manager"

        await pilot.press("e")
        await settle(pilot)
        email_screen = app.screen
        assert isinstance(email_screen, ThankYouScreen) and email_screen.email is not None
        email = email_screen.email.content(ThankYouDocument)
        assert "Subject:" in shown(pilot) and "Dear Priya Shah," in shown(pilot)
        await pilot.press("c")
        assert app.clipboard == email.text
        await pilot.press("s")
        await settle(pilot)
        saved = Path(email_screen.saved_to or "")
        assert saved.read_text(encoding="utf-8") == email.text
        assert str(saved) in shown(pilot)
        assert saved.parent == app.settings.data_dir / "exports"


async def test_typed_answers_on_a_scheduled_interview(make_app, coach, fake_anthropic):
    app = make_app(coach)
    async with app.run_test(size=(120, 40)) as pilot:
        demo = ensure_demo_profile()
        interview = Interview.create(application=demo, stage="technical", interviewer_name="Sam",
                                     scheduled_at=now() - timedelta(days=2))
        screen = await open_debrief(pilot, interview.id)
        assert screen.query_one("#interview", Select).value == interview.id
        screen.query_one("#feeling", Input).value = "5"
        screen.query_one("#questions", TextArea).load_text("Design a rate limiter\nWhy us?")
        screen.query_one("#went_badly", TextArea).load_text("I rambled on the design question")
        screen.query_one("#went_well", TextArea).load_text("Good rapport")
        await pilot.press("ctrl+s")
        await settle(pilot)
        report = app.screen
        assert isinstance(report, DebriefReportScreen)
        assert report.doc.interview_id == interview.id
        assert report.doc.content(Debrief).input.feeling == 5
        if coach is None:  # the offline coach answers the questions the notes name
            assert "Design a rate limiter" in shown(pilot)
        else:
            prompt = fake_anthropic.requests[-1]["messages"][0]["content"]
            assert "Design a rate limiter" in prompt and "Overall feeling: 5/10" in prompt
        weak = await app.workspace.debrief.weak_spots(demo.id)
        assert weak


async def test_bad_input_keeps_every_word(make_app, tmp_path):
    binary = tmp_path / "recording.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_debrief(pilot)
        field = screen.query_one(DocumentField)
        field.load_text(TRANSCRIPT)
        field.query_one("#doc-path", Input).value = str(binary)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert any("binary" in n.message for n in app._notifications)
        assert field.text == TRANSCRIPT
        tomorrow = (now() + timedelta(days=2)).date().isoformat()  # past any time zone
        screen.query_one("#date", Input).value = tomorrow
        screen.query_one("#went_badly", TextArea).load_text("Nerves")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert any("in the future" in n.message for n in app._notifications)
        assert app.focused is screen.query_one("#date", Input)
        assert field.text == TRANSCRIPT
        assert screen.query_one("#went_badly", TextArea).text == "Nerves"

        screen.query_one("#date", Input).value = datetime(2026, 1, 5).date().isoformat()
        screen.query_one("#feeling", Input).value = "eleven"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.query_one("#feeling", Input).value == "eleven"

        screen.query_one("#feeling", Input).value = ""
        huge = "word " * 50_000
        field.load_text(huge)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and field.text == huge
        assert any("50,000 words" in n.message for n in app._notifications)
        assert Document.select().count() == 0


async def test_the_typed_draft_survives_leaving_the_screen(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_debrief(pilot)
        screen.query_one("#went_badly", TextArea).load_text("I blanked on the salary question")
        screen._keep_draft()  # what the typing pause does
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        again = await open_debrief(pilot)
        assert again.query_one("#went_badly", TextArea).text == "I blanked on the salary question"


async def test_the_application_page_opens_the_pitch_trainer_and_a_debrief(make_app):
    from textual.widgets import OptionList

    from interview_tui.screens.application import ApplicationScreen
    from interview_tui.screens.pitch import PitchScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        demo = ensure_demo_profile()
        interview = Interview.create(application=demo, stage="technical", interviewer_name="Sam",
                                     scheduled_at=now() - timedelta(days=3))
        app.push_screen(ApplicationScreen(demo.id))
        await settle(pilot)
        page = app.screen
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, PitchScreen) and app.screen.application_id == demo.id
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is page
        await pilot.press("b")  # the highlighted interview is the one debriefed
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DebriefScreen) and form.interview_id == interview.id
        form.query_one("#went_badly", TextArea).load_text("I rambled on the design question")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DebriefReportScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is page
        documents = page.query_one("#documents", OptionList)
        ids = [documents.get_option_at_index(i).id for i in range(documents.option_count)]
        debrief = Document.get(Document.kind == "debrief")
        documents.focus()
        documents.highlighted = ids.index(f"d-{debrief.id}")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefReportScreen) and app.screen.debrief_id == debrief.id


async def test_a_coach_error_on_writing_again_keeps_what_is_shown(make_app, fake_anthropic):
    """The report, the email and a pitch attempt share one way of writing again
    (screens/coach_written.py): an error keeps what is shown and offers r and o."""
    app = make_app(ClaudeCoach("claude-sonnet-5-5", api_key="sk-ant-test",
                               base_url=fake_anthropic.base_url, max_retries=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ws, demo = app.workspace, ensure_demo_profile()
        doc = await ws.debrief.write(demo.id, DebriefInput(
            stage="hiring_manager", date="2025-03-12", transcript=TRANSCRIPT, feeling=6))
        attempt = await ws.pitch.submit(demo.id, " ".join(["I build reliable backend systems."]
                                                           * 8))
        screens = [(DebriefReportScreen(doc.id), lambda s: s.doc),
                   (ThankYouScreen(doc.id), lambda s: s.email),
                   (PitchAttemptScreen(attempt.id), lambda s: s.attempt)]
        for screen, current in screens:
            app.push_screen(screen)
            await settle(pilot)
            before = current(screen)
            assert before is not None
            app._notifications.clear()
            fake_anthropic.enqueue(overloaded())
            await pilot.press("r")
            await settle(pilot)
            errors = [n.message for n in app._notifications if n.severity == "error"]
            assert len(errors) == 1 and "Press r to try again, or o for the offline coach" in errors[0]
            assert current(screen) is before and str(screen.status.render()) == ""
            await pilot.press("o")
            await settle(pilot)
            after = current(screen)
            assert after is not before and after.author == "offline"
            await pilot.press("escape")
            await settle(pilot)
