"""The application page and prep documents by keyboard through Pilot on the real app,
with the offline coach and with Claude on the fake Messages API: create an application,
schedule an interview, write each of the four documents, view, edit a section,
regenerate, open the previous version, export to Markdown."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, OptionList, Static, TextArea

from interview_tui.screens.application import ApplicationScreen
from interview_tui.screens.applications import ApplicationsScreen
from interview_tui.screens.confirm import ConfirmDialog
from interview_tui.screens.home import HomeScreen
from interview_tui.screens.interview_form import InterviewForm
from interview_tui.screens.prep_dialogs import ExportDialog, SectionEditor, VersionPicker
from interview_tui.screens.prep_document import DocumentScreen
from interview_tui.services.coach.claude import ClaudeCoach
from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.store.models import Document, Interview, JobApplication
from tests.fakes.anthropic_server import server_error, slow
from tests.fakes.pilot import settle

SIZE = (120, 40)


@pytest.fixture(params=["offline", "claude"])
def coach(request, fake_anthropic):
    if request.param == "offline":
        return OfflineCoach(seed=1)
    return ClaudeCoach("claude-sonnet-5-5", api_key="sk-ant-test",
                       base_url=fake_anthropic.base_url, max_retries=0)


def text_of(pilot: Pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def fill(pilot: Pilot, values: dict[str, str]) -> None:
    for key, value in values.items():
        pilot.app.screen.query_one(f"#{key}", Input).value = value
    await pilot.press("ctrl+s")
    await settle(pilot)


async def open_page(pilot: Pilot) -> ApplicationScreen:
    await settle(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ApplicationsScreen)
    await pilot.press("n")  # a new application
    await settle(pilot)
    await fill(pilot, {"company": "Globex", "role": "Platform Engineer"})
    await settle(pilot)
    page = pilot.app.screen
    assert isinstance(page, ApplicationScreen)
    assert "Globex · Platform Engineer" in text_of(pilot, "#title")
    assert "No job description" in text_of(pilot, "#missing")
    return page


async def schedule(pilot: Pilot, values: dict[str, str]) -> None:
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, InterviewForm)
    await fill(pilot, values)


async def document(pilot: Pilot, key: str) -> DocumentScreen:
    await pilot.press(key)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DocumentScreen)
    assert screen.shown is not None and not screen.writing
    return screen


def shown_markdown(screen: DocumentScreen) -> str:
    return screen.query_one("#doc", Markdown).source


async def test_the_whole_prep_flow(make_app, coach, tmp_path):
    app = make_app(coach=coach)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot)
        app_id = page.application_id

        # A bad date is refused and the form stays open; then it saves.
        await schedule(pilot, {"stage": "technical", "when": "next tuesday"})
        assert isinstance(app.screen, InterviewForm) and Interview.select().count() == 0
        await fill(pilot, {"when": "2026-12-08 15:00", "interviewer_name": "Priya Shah"})
        assert app.screen is page
        interviews = page.query_one("#interviews", OptionList)
        assert "Technical · Tue 08 Dec 2026 15:00 · with Priya Shah" in str(
            interviews.get_option_at_index(0).prompt)

        written = {}
        for key, kind in (("1", "base_prep"), ("2", "recruiter_prep"),
                          ("3", "hiring_manager_prep"), ("4", "interview_prep")):
            screen = await document(pilot, key)
            assert screen.kind == kind and screen.shown.version == 1
            markdown = shown_markdown(screen)
            assert markdown.startswith("# ") and "Missing:** no job description" in markdown
            written[kind] = screen.shown
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is page
        assert Document.select().count() == 4
        assert Document.get(Document.kind == "interview_prep").interview_id is not None
        options = page.query_one("#documents", OptionList)
        assert options.option_count == 4 and "not written yet" not in str(
            [options.get_option_at_index(i).prompt for i in range(4)])

        # Edit a section of the recruiter prep: a new version marked edited.
        screen = await document(pilot, "2")
        sections = screen.query_one("#sections", OptionList)
        sections.highlighted = 0  # Interview overview
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SectionEditor)
        app.screen.query_one(TextArea).text = "My own overview of the recruiter's goals."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.shown.version == 2 and screen.shown.edited
        assert "My own overview of the recruiter's goals." in shown_markdown(screen)
        assert "Interview overview (edited)" in shown_markdown(screen)

        # Regenerate asks first; no leaves everything as it was, yes writes version 3.
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert screen.shown.version == 2
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert screen.shown.version == 3 and not screen.shown.edited
        assert "My own overview" not in shown_markdown(screen)

        # Open the first version: it is still there as it was written.
        await pilot.press("v")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, VersionPicker)
        picker.query_one(OptionList).highlighted = 2
        await pilot.press("enter")
        await settle(pilot)
        assert screen.shown.version == 1
        assert screen.shown.payload == written["recruiter_prep"].payload
        assert "Version 1 of 3" in text_of(pilot, "#status")

        # Export it: the path is shown and the file holds the document.
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")
        await settle(pilot)
        exported = screen.exported
        assert exported is not None and exported.parent == app.settings.data_dir / "exports"
        assert str(exported) in text_of(pilot, "#status")
        # Exported again (unchanged, left alone): its line replaces the first, not under it.
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        status = text_of(pilot, "#status")
        assert "already holds this export" in status and "Exported to" not in status
        text = exported.read_text(encoding="utf-8")
        assert text.startswith("# Recruiter screen prep: Globex · Platform Engineer")
        assert "Version 1," in text
        assert JobApplication.get_by_id(app_id).company == "Globex"


async def test_palette_command_opens_applications(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Applications" in commands
        app.action_applications()
        await settle(pilot)
        assert isinstance(app.screen, ApplicationsScreen)
        await pilot.press("enter")  # the demo application
        await settle(pilot)
        assert isinstance(app.screen, ApplicationScreen)
        page_commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert {"Schedule (s)", "Base prep (1)"} <= set(page_commands)
        page_commands["Base prep (1)"].callback()
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen) and app.screen.shown is not None
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Export (x)", "Versions (v)", "Edit section (e)"} <= titles


async def test_escape_stops_claude_and_saves_nothing(make_app, fake_anthropic):
    coach = ClaudeCoach("claude-sonnet-5-5", api_key="sk-ant-test",
                        base_url=fake_anthropic.base_url, max_retries=0)
    fake_anthropic.enqueue(slow(30, mid_stream=True))
    app = make_app(coach=coach)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app_id = JobApplication.get().id
        screen = DocumentScreen(app_id, "base_prep")
        await app.push_screen(screen)
        stream = screen.query_one("#stream", Static)
        for _ in range(1000):  # until part of the reply has streamed into the view
            shown = str(stream.render()).strip()
            if screen.writing and shown and "The coach is writing" not in shown:
                break
            await pilot.pause(0.01)
        assert screen.writing and str(stream.render()).strip()
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.writing and app.screen is screen
        assert Document.select().count() == 0


async def test_coach_error_keeps_the_version_and_offers_retry(make_app, fake_anthropic):
    coach = ClaudeCoach("claude-sonnet-5-5", api_key="sk-ant-test",
                        base_url=fake_anthropic.base_url, max_retries=0)
    app = make_app(coach=coach)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app_id = JobApplication.get().id
        screen = DocumentScreen(app_id, "hiring_manager_prep")
        await app.push_screen(screen)
        await settle(pilot)
        assert screen.shown is not None and screen.shown.version == 1
        before = shown_markdown(screen)
        fake_anthropic.enqueue(server_error())
        await pilot.press("g", "y")
        await settle(pilot)
        assert screen.has_class("-failed") and "Press r to try again" in text_of(pilot, "#error")
        assert screen.shown.version == 1 and shown_markdown(screen) == before
        assert Document.select().count() == 1
        await pilot.press("r")
        await settle(pilot)
        assert screen.shown.version == 2 and not screen.has_class("-failed")


async def test_a_refused_edit_keeps_what_was_typed(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = DocumentScreen(JobApplication.get().id, "recruiter_prep")
        await app.push_screen(screen)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        too_long = "x" * 20_001
        app.screen.query_one(TextArea).text = too_long
        await pilot.press("ctrl+s")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, SectionEditor) and editor.query_one(TextArea).text == too_long
        assert Document.select().count() == 1  # nothing saved
        editor.query_one(TextArea).text = "Shorter."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.shown.version == 2


async def test_saving_an_unchanged_section_adds_no_version(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = DocumentScreen(JobApplication.get().id, "recruiter_prep")
        await app.push_screen(screen)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SectionEditor)
        await pilot.press("ctrl+s")  # saved as it was opened
        await settle(pilot)
        assert app.screen is screen and screen.shown.version == 1 and not screen.shown.edited
        assert Document.select().count() == 1


async def test_ctrl_l_clears_the_section_editor_on_the_second_press(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = DocumentScreen(JobApplication.get().id, "recruiter_prep")
        await app.push_screen(screen)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        box = app.screen.query_one(TextArea)
        before = box.text
        assert before
        await pilot.press("ctrl+l")  # the first press only warns
        await settle(pilot)
        assert box.text == before
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert box.text == ""
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert box.text == before
