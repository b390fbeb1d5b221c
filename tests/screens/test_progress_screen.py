"""The progress and drill screens in Pilot, on known data and on 10,000 sessions."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import OptionList, Static

from interview_tui.screens.drill import DrillScreen
from interview_tui.screens.history import HistoryScreen
from interview_tui.screens.interview import InterviewScreen
from interview_tui.screens.progress import ProgressScreen
from interview_tui.services.progress import ProgressReport
from interview_tui.store.models import JobApplication, MockSession
from tests.fakes.bulk_sessions import populate_sessions
from tests.fakes.pilot import settle
from tests.fakes.progress_data import Scored, add_scored_session

T0 = datetime(2026, 3, 2, 9, 0)


def _known() -> None:
    app = JobApplication.select().first()
    add_scored_session(app, T0, [Scored("communication", 5, 60), Scored("motivation", 6, 90)])
    add_scored_session(app, T0 + timedelta(days=1), [Scored("system_design", 8, 120),
                                                       Scored("debugging", 4, 30)],
                       stage="technical")


async def test_progress_shows_the_figures_and_filters(make_app) -> None:
    app = make_app()
    _known()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen) and screen.report is not None
        assert screen.report.complete
        headline = str(screen.query_one("#headline", Static).render())
        assert "First session 5.5, latest 6.0, +0.5" in headline
        assert "weakest: Debugging (4.0)" in headline
        await pilot.press("s")  # recruiter screen only
        await settle(pilot)
        assert screen.report.filter.stage == "recruiter_screen"
        assert screen.report.sessions == 1 and screen.report.first_score == 5.5


async def test_the_session_figures_come_before_the_question_figures(make_app, monkeypatch) -> None:
    app = make_app()
    _known()
    shown: list[tuple[bool, int]] = []
    original = ProgressScreen._show

    def record(self: ProgressScreen, report: ProgressReport) -> None:
        shown.append((report.complete, len(report.competencies)))
        original(self, report)

    monkeypatch.setattr(ProgressScreen, "_show", record)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
    assert shown == [(False, 0), (True, 4)]


async def test_the_plan_key_starts_a_drill_on_the_weakest(make_app) -> None:
    app = make_app()
    _known()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        view = app.screen.view
        assert view is not None and view.mode == "drill" and view.focus == "debugging"
        assert view.questions[0].competency == "debugging"
        assert view.questions[0].difficulty == "easy"  # the average is below 5


async def test_the_plan_redoes_the_lowest_question(make_app) -> None:
    app = make_app()
    _known()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        view = app.screen.view
        assert view is not None and view.mode == "redo"
        assert view.pending_prompt == "Question 2 on debugging?"


async def test_home_says_which_unfinished_session_is_a_redo(make_app) -> None:
    from interview_tui.screens.home import HomeScreen

    app = make_app()
    _known()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("r")  # a redo, left unanswered
        await settle(pilot)
        app.switch_screen(HomeScreen())
        await settle(pilot)
        actions = app.screen.query_one("#actions", OptionList)
        labels = [str(actions.get_option_at_index(i).prompt) for i in range(actions.option_count)]
    resume = [label for label in labels if "Resume:" in label]
    assert len(resume) == 1 and "Technical · Redo · " in resume[0]


async def test_drill_screen_starts_a_category_drill(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        options = app.screen.query_one(OptionList)
        assert options.highlighted == 1  # the first category
        await pilot.press("f", "t", "enter")  # hard, adaptive
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
    session = MockSession.get()
    assert (session.mode, session.focus, session.difficulty, session.adaptive) == (
        "drill", "behavioural", "hard", True)


async def test_history_and_progress_open_on_10000_sessions(make_app) -> None:
    app = make_app()
    populate_sessions(10_000)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen._complete and len(app.screen._rows) == 10_000
        await pilot.press("escape", "g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen) and screen.report is not None
        assert screen.report.sessions == 8750
        assert len(screen.report.trend) <= 120  # aggregated in SQL, never a row per session
        assert screen.report.plan


async def test_redo_from_the_review_shows_attempts_side_by_side(make_app) -> None:
    from interview_tui.screens.review import ReviewScreen
    from interview_tui.screens.summary import SummaryScreen
    from interview_tui.screens.widgets.attempts import AttemptsPanel, attempts_line
    from tests.fakes.answers import STRONG

    app = make_app()
    _known()
    first = MockSession.select().order_by(MockSession.id).first()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ReviewScreen(first.id))
        await settle(pilot)
        await pilot.press("a")  # from the top: the lowest-scored question (5, question 1)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.view is not None
        assert screen.view.mode == "redo"
        assert screen.view.pending_prompt == "Question 1 on communication?"
        screen.editor.text = STRONG[0]
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        panel = app.screen.query_one(AttemptsPanel)
        assert panel.display
        assert [(a.mode, a.score is not None) for a in panel.attempts] == [
            ("interview", True), ("redo", True)]
        assert attempts_line(panel.attempts).startswith("2 attempts: 5 → ")
        # The footer and help say where escape goes.
        assert app.screen.active_bindings["escape"].binding.description == "Back"
        await pilot.press("escape")  # a redo goes back to where it started
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert len(app.screen.query(AttemptsPanel)) == 1


async def test_export_from_the_progress_screen(make_app) -> None:
    app = make_app()
    _known()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
    folder = app.settings.data_dir / "exports"
    written = sorted(p.suffix for p in folder.iterdir())
    assert written == [".html", ".md"]
    md = next(folder.glob("*.md")).read_text(encoding="utf-8")
    assert "first session 5.5, latest 6.0, +0.5" in md


async def test_home_shows_last_sessions_weakest_area_and_next_interview(make_app) -> None:
    from interview_tui.clock import now
    from interview_tui.store.models import Interview

    app = make_app()
    _known()
    application = JobApplication.select().first()
    Interview.create(application=application, stage="technical",
                     scheduled_at=now() + timedelta(days=3))
    Interview.create(application=application, stage="hiring_manager",
                     scheduled_at=now() - timedelta(days=3))  # past: not the next one
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#glance", Static).render())
    lines = text.splitlines()
    assert lines[0].startswith("Next interview: Northwind Freight") and "Technical" in lines[0]
    assert lines[1] == "Last sessions:"
    assert "Technical · 6.0 (Almost Ready)" in lines[2]  # newest first
    assert "Recruiter screen · 5.5 (Needs Practice)" in lines[3]
    assert lines[4].startswith("Weakest area: Debugging (4.0 over 1 question)")


def test_the_redo_key_follows_the_summarys_advice() -> None:
    from dataclasses import replace

    from interview_tui.screens.summary import redo_target
    from interview_tui.services.coach.base import InterviewContext
    from interview_tui.services.coach.schemas import QuestionFeedback, SessionFeedback
    from interview_tui.services.session_machine import Progress, State
    from interview_tui.services.session_view import ExchangeView, QuestionView, SessionView
    from tests.fakes.snapshot_data import TODAY  # any fixed time

    def question(number: int, score: int) -> QuestionView:
        exchange = ExchangeView(1, "q", "a", TODAY, 30.0, None, None)
        feedback = QuestionFeedback(score=score, level="L4", assessment="", revised_answer="")
        return QuestionView(number, f"Q{number}", "communication", "", (exchange,), feedback)

    ctx = InterviewContext("hiring_manager", "medium", "neutral", "Acme", "SRE", "", "", "Sam",
                           "", "L4")
    base = SessionView(
        id=1, progress=Progress(State.COMPLETED, 3, 3, 1), context=ctx,
        application_id=1, hide_scores=False, backend="offline", started_at=TODAY,
        completed_at=TODAY, overall_score=6.0, readiness="Almost Ready", session_feedback=None,
        questions=(question(1, 7), question(2, 4), question(3, 4)),
    )
    def target(view: SessionView) -> int | None:
        found = redo_target(view)
        return found.number if found else None

    assert target(base) == 2  # the lowest, the earliest of equals
    advised = replace(base, session_feedback=SessionFeedback(
        assessment="", next_steps=["Redo question 3 (communication) out loud, then again."]))
    assert target(advised) == 3
    unknown = replace(base, session_feedback=SessionFeedback(
        assessment="", next_steps=["Redo question 9 tomorrow."]))
    assert target(unknown) == 2
