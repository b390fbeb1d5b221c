"""The setup screen and its application/profile dialogs, driven by keyboard through Pilot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Static, TextArea

from interview_tui.app import InterviewApp
from interview_tui.screens.application_form import ApplicationForm
from interview_tui.screens.home import HomeScreen
from interview_tui.screens.profile_form import ProfileForm
from interview_tui.screens.profile_next import ProfileNext
from interview_tui.screens.setup import SetupScreen
from interview_tui.screens.widgets.choice_set import ChoiceSet
from interview_tui.screens.widgets.document_field import DocumentField
from interview_tui.screens.widgets.question_count import QuestionCount
from interview_tui.services.interview import SessionSetup
from interview_tui.services.profiles import save_application
from interview_tui.store.models import Candidate, JobApplication
from tests.fakes.pilot import settle

SIZE = (80, 24)


@dataclass
class Recorder:
    """What the app notified and which setups it was asked to start."""

    notes: list[tuple[str, str, str]]
    started: list[SessionSetup]

    def messages(self, severity: str | None = None) -> list[str]:
        return [f"{t}: {m}" for t, m, s in self.notes if severity is None or s == severity]


def record(app: InterviewApp) -> Recorder:
    recorder = Recorder([], [])
    original = app.notify

    def notify(message: str, *, title: str = "", severity: str = "information", **kw: Any) -> None:
        recorder.notes.append((title, message, severity))
        original(message, title=title, severity=severity, **kw)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    # Capture the setup instead of opening the interview screen.
    app.start_interview = recorder.started.append  # type: ignore[method-assign]
    return recorder




async def open_setup(pilot: Pilot) -> SetupScreen:
    await settle(pilot)
    screen = SetupScreen()
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))


def demo_id() -> int:
    return JobApplication.get(JobApplication.is_demo == True).id  # noqa: E712


# ----- first run and starting ---------------------------------------------------------


async def test_first_run_preselects_demo_and_enter_starts(make_app: Callable[..., InterviewApp]) -> None:
    app = make_app()
    recorder = record(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_setup(pilot)
        setup = screen.current_setup()
        assert setup is not None and setup.application_id == demo_id()
        # The demo is labelled as such, and one key starts right away.
        options = screen.query_one("#applications", OptionList)
        assert "demo" in str(options.get_option_at_index(options.highlighted or 0).prompt)
        assert "Ready to go" in str(screen.query_one("#hint", Static).render())
        assert isinstance(app.focused, Button) and app.focused.id == "start"
        await pilot.press("enter")
        await settle(pilot)
    assert recorder.started == [SessionSetup(application_id=demo_id())]


async def test_start_passes_the_chosen_options(make_app: Callable[..., InterviewApp]) -> None:
    app = make_app()
    recorder = record(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_setup(pilot)
        screen.query_one("#stage", ChoiceSet).focus()
        await pilot.press("right", "right")  # recruiter screen -> hiring manager -> technical
        await pilot.press("down", "left")  # difficulty: medium -> easy
        await pilot.press("down", "left")  # persona: neutral -> friendly
        assert "Warm" in str(screen.query_one("#persona-description", Static).render())
        await pilot.press("down", "0")  # questions: 10
        assert screen.query_one(QuestionCount).value == 10
        await pilot.press("minus", "minus", "minus")  # 7
        await pilot.press("down", "space")  # hide scores
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert recorder.started == [
        SessionSetup(
            application_id=demo_id(),
            stage="technical",
            difficulty="easy",
            persona="friendly",
            question_count=7,
            hide_scores=True,
        )
    ]


async def test_start_without_an_application_explains(make_app: Callable[..., InterviewApp]) -> None:
    app = make_app()
    JobApplication.delete().execute()
    recorder = record(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_setup(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert recorder.started == []
    assert any("Choose a job application" in m for m in recorder.messages("warning"))


async def test_choices_are_remembered_between_runs(make_app: Callable[..., InterviewApp]) -> None:
    app = make_app()
    other = save_application(
        Candidate.get(Candidate.is_demo == True),  # noqa: E712
        company="Acme Robotics",
        role="Platform Engineer",
    )
    recorder = record(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_setup(pilot)
        screen.query_one("#applications", OptionList).focus()
        await pilot.press("down")  # the demo is listed first, then Acme
        screen.query_one("#stage", ChoiceSet).focus()
        await pilot.press("left")  # wraps round to technical
        await pilot.press("down", "right")  # hard
        await pilot.press("down", "right")  # challenging
        await pilot.press("down", "3", "down", "enter")  # 3 questions, hide scores
        await pilot.press("ctrl+s")
        await settle(pilot)
    chosen = SessionSetup(
        application_id=other.id,
        stage="technical",
        difficulty="hard",
        persona="challenging",
        question_count=3,
        hide_scores=True,
    )
    assert recorder.started == [chosen]

    again = make_app()
    record(again)
    async with again.run_test(size=SIZE) as pilot:
        screen = await open_setup(pilot)
        assert screen.current_setup() == chosen
        # Not the demo any more, so no "press Enter to start the demo" banner.
        assert "Ready to go" not in str(screen.query_one("#hint", Static).render())
        assert "sceptical" in str(screen.query_one("#persona-description", Static).render())


async def test_escape_goes_back(make_app: Callable[..., InterviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_setup(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


# ----- applications -------------------------------------------------------------------


async def test_new_application_by_keyboard_is_saved_and_selected(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app()
    recorder = record(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_setup(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationForm)
        await type_text(pilot, "Acme Robotics")
        await pilot.press("tab")
        await type_text(pilot, "Staff Engineer")
        await pilot.press("tab")
        await type_text(pilot, "Dana Lee")
        await pilot.press("tab", "tab")  # past the file path, into the job description
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, "Own robots")
        await pilot.press("enter")
        await type_text(pilot, "On call")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        saved = JobApplication.get(JobApplication.company == "Acme Robotics")
        assert saved.role == "Staff Engineer"
        assert saved.interviewer_name == "Dana Lee"
        assert saved.job_description == "Own robots\nOn call"
        assert not saved.is_demo
        setup = screen.current_setup()
        assert setup is not None and setup.application_id == saved.id
    assert any("Acme Robotics" in m for m in recorder.messages())


async def test_application_without_company_stays_open(make_app: Callable[..., InterviewApp]) -> None:
    app = make_app()
    recorder = record(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_setup(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("tab")
        await type_text(pilot, "Engineer")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationForm)
        assert app.screen.query_one("#role", Input).value == "Engineer"
        assert isinstance(app.focused, Input) and app.focused.id == "company"
    assert any("Company is required" in m for m in recorder.messages("error"))
    assert JobApplication.select().count() == 1


async def test_editing_the_demo_saves_a_copy(make_app: Callable[..., InterviewApp]) -> None:
    app = make_app()
    record(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_setup(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationForm)
        assert form.query_one("#company", Input).value == "Northwind Freight"
        assert "Kafka" in form.query_one(DocumentField).text
        await pilot.press("end", *["backspace"] * len("Northwind Freight"))
        await type_text(pilot, "Southwind")
        await pilot.press("ctrl+s")
        await settle(pilot)
        copy = JobApplication.get(JobApplication.company == "Southwind")
        assert not copy.is_demo and "Kafka" in copy.job_description
        assert JobApplication.get_by_id(demo_id()).company == "Northwind Freight"
        setup = screen.current_setup()
        assert setup is not None and setup.application_id == copy.id


async def test_editing_an_application_updates_it(make_app: Callable[..., InterviewApp]) -> None:
    app = make_app()
    mine = save_application(
        Candidate.get(Candidate.is_demo == True),  # noqa: E712
        company="Acme",
        role="Engineer",
        job_description="Build things.",
    )
    record(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_setup(pilot)
        screen.query_one("#applications", OptionList).focus()
        await pilot.press("down", "e")  # Acme is listed after the demo
        await settle(pilot)
        assert isinstance(app.screen, ApplicationForm)
        await pilot.press("tab", "end")
        await type_text(pilot, " II")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
    assert JobApplication.get_by_id(mine.id).role == "Engineer II"
    assert JobApplication.select().count() == 2


async def test_escape_with_changes_asks_before_discarding(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app()
    recorder = record(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_setup(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Acme")
        await pilot.press("escape")
        assert isinstance(app.screen, ApplicationForm)
        assert any("unsaved" in m.lower() for m in recorder.messages("warning"))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
    assert JobApplication.select().count() == 1


# ----- the profile and resume import --------------------------------------------------


async def open_profile(pilot: Pilot) -> ProfileForm:
    await open_setup(pilot)
    await pilot.press("p")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, ProfileForm)
    return form


async def import_path(pilot: Pilot, form: ProfileForm, path: str) -> None:
    """Type ``path`` (relative to the working directory) and import it with ctrl+o."""
    form.query_one("#doc-path", Input).focus()
    await type_text(pilot, path)
    await pilot.press("ctrl+o")
    await settle(pilot)


async def test_resume_imported_from_txt_and_saved(
    make_app: Callable[..., InterviewApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    resume = tmp_path / "resume.txt"
    resume.write_text("Sam Park\nData engineer\n\nBuilt pipelines for 40 teams.\n", "utf-8")
    app = make_app()
    recorder = record(app)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_profile(pilot)
        # The demo profile is in use, so the form starts empty and says so.
        assert form.query_one("#name", Input).value == ""
        assert "demo" in str(form.query_one("#note", Static).render())
        await type_text(pilot, "Sam Park")
        await import_path(pilot, form, resume.name)
        assert form.query_one(DocumentField).text == (
            "Sam Park\nData engineer\n\nBuilt pipelines for 40 teams."
        )
        assert any("resume.txt" in m for m in recorder.messages("information"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProfileNext)  # what next, for the new profile
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
    mine = Candidate.get(Candidate.is_demo == False)  # noqa: E712
    assert mine.name == "Sam Park"
    assert "Built pipelines for 40 teams." in mine.resume_text
    assert Candidate.get(Candidate.is_demo == True).name == "Alex Rivera"  # noqa: E712


async def test_resume_with_invalid_utf8_imports_with_a_warning(
    make_app: Callable[..., InterviewApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    resume = tmp_path / "damaged.txt"
    resume.write_bytes("Café lead, Zürich\n".encode() + b"Shipped \xff\xfe twice\n")
    app = make_app()
    recorder = record(app)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_profile(pilot)
        await import_path(pilot, form, resume.name)
        text = form.query_one(DocumentField).text
        assert text.startswith("Café lead, Zürich") and "\ufffd" in text
        warnings = recorder.messages("warning")
        assert any("damaged.txt" in m and "undecodable" in m for m in warnings)
        assert "undecodable" in str(form.query_one("#doc-warnings", Static).render())


async def test_missing_resume_file_keeps_typed_text(
    make_app: Callable[..., InterviewApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    recorder = record(app)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_profile(pilot)
        form.query_one(DocumentField).text_area.focus()
        await type_text(pilot, "My own words")
        await import_path(pilot, form, "nowhere.pdf")
        assert form.query_one(DocumentField).text == "My own words"
        assert isinstance(app.screen, ProfileForm)
    errors = recorder.messages("error")
    assert any("nowhere.pdf" in m and "no such file" in m.lower() for m in errors), errors


async def test_import_without_a_path_says_what_to_do(make_app: Callable[..., InterviewApp]) -> None:
    app = make_app()
    recorder = record(app)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_profile(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "doc-path"
        assert form.query_one(DocumentField).text == ""
    assert any(".docx" in m for m in recorder.messages("warning"))


# ----- your own profile and the demo ---------------------------------------------------


async def save_first_profile(pilot: Pilot, name: str) -> ProfileNext:
    await open_profile(pilot)
    await type_text(pilot, name)
    await pilot.press("ctrl+s")
    await settle(pilot)
    offer = pilot.app.screen
    assert isinstance(offer, ProfileNext)
    return offer


def hint_of(screen: SetupScreen) -> str:
    return " ".join(str(screen.query_one("#hint", Static).render()).split())


def candidate_of(screen: SetupScreen) -> str:
    return str(screen.query_one("#candidate", Static).render())


async def test_a_first_profile_offers_the_demo_job_with_it(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app()
    recorder = record(app)
    async with app.run_test(size=SIZE) as pilot:
        await save_first_profile(pilot, "Sam Park")
        await pilot.press("d")  # the demo's job, with my profile
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        setup = screen.current_setup()
        assert setup is not None and setup.application_id != demo_id()
        assert candidate_of(screen).startswith("Sam Park")
        assert "demo profile" not in candidate_of(screen)
        assert "Ready to go" not in hint_of(screen)
        await pilot.press("ctrl+s")
        await settle(pilot)
    mine = JobApplication.get_by_id(recorder.started[0].application_id)
    demo = JobApplication.get_by_id(demo_id())
    assert mine.candidate.name == "Sam Park" and not mine.is_demo
    assert (mine.company, mine.role, mine.job_description) == (
        demo.company, demo.role, demo.job_description)
    assert demo.candidate.is_demo  # the demo stays as shipped


async def test_a_first_profile_offers_an_application_of_its_own(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await save_first_profile(pilot, "Sam Park")
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationForm) and form.application_id is None
        assert "Candidate: Sam Park" in str(form.query_one("#note", Static).render())


async def test_setup_says_when_a_session_would_use_the_demo_profile(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await save_first_profile(pilot, "Sam Park")
        await pilot.press("escape")  # not now
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        assert screen.current_setup() == SessionSetup(application_id=demo_id())
        assert "(demo profile)" in candidate_of(screen)
        hint = hint_of(screen)
        assert "uses the demo profile (Alex Rivera), not yours" in hint
        assert "press c to practise this job as Sam Park" in hint
        assert "c" in screen.active_bindings
        await pilot.press("c")
        await settle(pilot)
        copy = screen.current_setup()
        assert copy is not None and copy.application_id != demo_id()
        assert "not yours" not in hint_of(screen)
        # On your own application there is nothing to switch; on the demo, asking
        # again selects the copy made before instead of making another.
        assert screen.check_action("use_my_profile", ()) is False
        screen.query_one("#applications", OptionList).focus()
        await pilot.press("home")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert screen.current_setup() == copy
    assert JobApplication.select().count() == 2


async def test_editing_your_own_profile_again_offers_nothing(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await save_first_profile(pilot, "Sam Park")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProfileForm)
        await pilot.press("end")
        await type_text(pilot, " Jr")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
    assert Candidate.get(Candidate.is_demo == False).name == "Sam Park Jr"  # noqa: E712
