"""The history and review screens, driven by keyboard through Pilot on the real app."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.widgets import Collapsible, DataTable, Input, Static

from interview_tui import clock
from interview_tui.app import InterviewApp
from interview_tui.screens.confirm import ConfirmDialog
from interview_tui.screens.history import PAGE, SEARCH_DELAY, HistoryScreen
from interview_tui.screens.review import ReviewScreen
from interview_tui.screens.widgets.score_trend import ScoreTrend
from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.history import list_sessions, score_trend
from interview_tui.services.interview import SessionSetup
from interview_tui.services.profiles import ensure_demo_profile
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import (
    Analysis,
    JobApplication,
    MockSession,
    Question,
    QuestionFeedbackRow,
    Response,
)
from tests.fakes.drive import drive_to_end
from tests.fakes.pilot import settle
from tests.test_history import T0, add_application, add_full_session, add_session, seed_many

SIZE = (120, 40)
SMALL = (80, 24)




async def open_history(pilot: Pilot) -> HistoryScreen:
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def table_rows(screen: HistoryScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [
        " | ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)
    ]


def screen_text(screen) -> str:
    """Every Static's text on the screen, whitespace-normalised."""
    parts = []
    for static in screen.query(Static):
        visual = static.visual
        parts.append(getattr(visual, "plain", None) or str(static.content))
    return " ".join(" ".join(parts).split())


def squash(text: str) -> str:
    return " ".join(text.split())


def sample(application: JobApplication) -> dict[str, MockSession]:
    acme = add_application(application, "Acme Robotics", "Platform Engineer")
    globex = add_application(application, "Globex", "Staff Engineer")
    return {
        "acme_done": add_session(acme, started_at=T0, score=5.0, stage="recruiter_screen",
                                 questions=5),
        "globex_done": add_session(globex, started_at=T0 + timedelta(days=1), score=8.5,
                                   stage="technical", difficulty="hard", questions=5),
        "acme_open": add_session(acme, started_at=T0 + timedelta(days=2), stage="technical",
                                 questions=2),
    }


async def test_history_lists_sessions_newest_first(make_app):
    app: InterviewApp = make_app()
    sample(ensure_demo_profile())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        rows = table_rows(screen)
        assert len(rows) == 3
        assert "Acme Robotics · Platform Engineer" in rows[0]
        assert "Unfinished · Q2 of 5" in rows[0]
        assert "Globex · Staff Engineer" in rows[1]
        assert "8.5" in rows[1] and "Ready" in rows[1] and "Hard" in rows[1]
        assert "Technical" in rows[1]
        assert "5.0" in rows[2] and "Needs Practice" in rows[2]
        assert "Recruiter screen" in rows[2]
        trend = screen.query_one(ScoreTrend)
        assert trend._scores == [5.0, 8.5]  # oldest first, completed only
        chart = str(trend.render())
        assert "2 completed" in chart and "min 5.0" in chart and "last 8.5" in chart
        assert "3 sessions" in screen_text(screen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)


async def test_history_fits_80_by_24(make_app):
    app: InterviewApp = make_app()
    sample(ensure_demo_profile())
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_history(pilot)
        rows = table_rows(screen)
        assert "Acme Ro… · Platform…ngineer" in rows[0] and "Open · Q2 of 5" in rows[0]
        table = screen.query_one(DataTable)
        assert table.virtual_size.width <= table.size.width  # no sideways scrolling


@pytest.mark.parametrize("size", [SMALL, SIZE], ids=["80x24", "120x40"])
async def test_history_columns_fit_the_terminal_and_keep_rows_apart(make_app, size):
    """Two roles at one company never look the same, this year's rows keep their time,
    and the columns use the whole width without scrolling sideways."""
    app: InterviewApp = make_app()
    demo = ensure_demo_profile()
    started = clock.now().replace(hour=12, minute=34, second=0, microsecond=0)
    for role in ("Senior Backend Engineer", "Senior Backend Engineer, Payments Platform"):
        add_session(add_application(demo, "Northwind Freight", role), started_at=started,
                    score=7.0, questions=5)
    async with app.run_test(size=size) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one(DataTable)
        who = [str(table.get_row_at(i)[1]) for i in range(2)]
        assert who[0] != who[1]
        assert all(who_text.startswith("Northw") for who_text in who)
        local = started.replace(tzinfo=UTC).astimezone().strftime("%H:%M")
        assert all(local in str(table.get_row_at(i)[0]) for i in range(2))
        used = sum(c.get_render_width(table) for c in table.columns.values())
        assert used <= table.size.width
        assert table.size.width - used <= 2  # nothing left empty but the scrollbar's room


async def test_search_filters_as_you_type(make_app):
    app: InterviewApp = make_app()
    sample(ensure_demo_profile())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("slash")
        assert screen.query_one("#search", Input).has_focus
        await pilot.press(*"globex")
        await pilot.pause(SEARCH_DELAY + 0.2)
        await settle(pilot)
        rows = table_rows(screen)
        assert len(rows) == 1 and "Globex" in rows[0]
        # Escape leaves the search box without leaving the screen; the filter stays.
        await pilot.press("escape")
        assert app.screen is screen and screen.query_one(DataTable).has_focus
        assert len(table_rows(screen)) == 1
        # A search that matches nothing says so.
        await pilot.press("slash", *" zzz", "enter")
        await settle(pilot)
        assert table_rows(screen) == []
        assert "No session matches" in screen_text(screen)


async def test_filters_by_status_and_stage(make_app):
    app: InterviewApp = make_app()
    sample(ensure_demo_profile())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("f")  # unfinished only
        await settle(pilot)
        rows = table_rows(screen)
        assert len(rows) == 1 and "Unfinished" in rows[0]
        assert "unfinished" in screen_text(screen)
        await pilot.press("f")  # finished only
        await settle(pilot)
        assert len(table_rows(screen)) == 2
        await pilot.press("f", "s")  # all; recruiter screen
        await settle(pilot)
        rows = table_rows(screen)
        assert len(rows) == 1 and "Recruiter screen" in rows[0]
        await pilot.press("s", "s")  # technical
        await settle(pilot)
        assert len(table_rows(screen)) == 2


async def test_empty_history_says_how_to_start(make_app):
    app: InterviewApp = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_history(pilot)
        assert "No mock interviews yet" in screen_text(screen)
        assert not screen.query_one(DataTable).display
        await pilot.press("enter", "d", "r")  # nothing to act on: nothing happens
        assert app.screen is screen


async def test_enter_opens_review_with_everything_from_the_database(make_app):
    app: InterviewApp = make_app()
    application = ensure_demo_profile()
    service = Workspace(OfflineCoach(seed=1)).interview
    try:
        view = await service.start(SessionSetup(application_id=application.id,
                                                stage="hiring_manager", question_count=3))
        done = await drive_to_end(service, view)
    finally:
        service.workspace.close()
    session = MockSession.get_by_id(done.id)
    questions = list(Question.select().where(Question.session == session))
    responses = list(Response.select().join(Question).where(Question.session == session))
    analyses = list(Analysis.select().join(Response).join(Question)
                    .where(Question.session == session))
    feedback = list(QuestionFeedbackRow.select().join(Question)
                    .where(Question.session == session))
    assert any(r.number > 1 for r in responses), "the drive should include a follow-up"

    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("enter")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        text = screen_text(review)
        assert "Northwind Freight · Senior Backend Engineer" in text
        assert "Hiring manager · Medium · Neutral interviewer" in text
        assert "offline coach" in text
        assert f"{session.overall_score:.1f}/10" in text and session.readiness in text
        expected = [q.text for q in questions]
        expected += [r.text for r in responses] + [r.prompt for r in responses]
        expected += [a.brief_feedback for a in analyses]
        for fb in feedback:
            expected += [fb.assessment, fb.revised_answer, *fb.what_landed, *fb.what_didnt,
                         *fb.coaching]
        summary = session.session_feedback
        expected += [summary["assessment"], *summary["strengths"], *summary["areas_to_improve"],
                     *summary["coaching_priorities"], *summary["next_steps"]]
        missing = [t for t in expected if t.strip() and squash(t) not in text]
        assert not missing
        # Every question is open for reading; the jump keys move between them.
        sections = [c for c in review.query(Collapsible) if (c.id or "").startswith("question-")]
        assert len(sections) == 3 and not any(s.collapsed for s in sections)
        await pilot.press("n", "n")
        assert sections[1] in review.focused.ancestors_with_self
        await pilot.press("p")
        assert sections[0] in review.focused.ancestors_with_self
        await pilot.press("e")
        assert all(s.collapsed for s in sections)
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_review_hides_scores_only_while_a_hidden_session_runs(make_app):
    app: InterviewApp = make_app()
    application = ensure_demo_profile()
    running = add_full_session(application, tag="Run", finished=False, hide_scores=True,
                               started_at=T0 + timedelta(days=1))
    add_full_session(application, tag="Over", finished=True, hide_scores=True, started_at=T0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app.screen)
        assert "Run answer 2 follow-up" in text and "Run revised answer 1" in text
        assert "/10" not in text and "Unfinished" in text
        # Resume from the review: back to history, then the live interview.
        opened: list[int] = []
        app.open_interview = opened.append  # type: ignore[method-assign]
        await pilot.press("r")
        assert opened == [running.id] and app.screen is screen
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        text = screen_text(app.screen)
        assert "Over assessment 2" in text and "Over next step" in text
        assert "7.5/10" in text and "7/10" in text


async def test_resume_key_opens_the_interview(make_app):
    app: InterviewApp = make_app()
    sessions = sample(ensure_demo_profile())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        opened: list[int] = []
        app.open_interview = opened.append  # type: ignore[method-assign]
        await pilot.press("down", "r")  # a finished session: nothing to resume
        assert opened == []
        await pilot.press("up", "r")
        assert opened == [sessions["acme_open"].id]
        assert app.screen is screen


async def test_delete_asks_then_removes_the_session_and_its_rows(make_app):
    app: InterviewApp = make_app()
    application = ensure_demo_profile()
    keep = add_full_session(application, tag="Keep", started_at=T0)
    gone = add_full_session(application, tag="Gone", started_at=T0 + timedelta(hours=1))
    events: list[str] = []
    seen: list[Message] = []

    def record(message: Message) -> None:
        # What happened, in order; each message once (the hook sees it at every node it
        # bubbles through).
        if not isinstance(message, HistoryScreen.Deleted | Notify):
            return
        if any(message is earlier for earlier in seen):
            return
        seen.append(message)
        if isinstance(message, HistoryScreen.Deleted):
            events.append(f"deleted {message.session_id}")
        else:
            events.append(f"notified {message.notification.message}")

    async with app.run_test(size=SIZE, message_hook=record) as pilot:
        screen = await open_history(pilot)
        assert len(table_rows(screen)) == 2
        # Cancel keeps everything.
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and len(table_rows(screen)) == 2
        assert MockSession.get_or_none(MockSession.id == gone.id) is not None
        # Enter on the dialog's focused button is the safe choice.
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert MockSession.get_or_none(MockSession.id == gone.id) is not None
        assert events == []
        # Confirm deletes the session and every row under it.
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert events == [f"deleted {gone.id}",
                          "notified Deleted the session for Northwind Freight · Senior "
                          "Backend Engineer."]
        assert app.screen is screen
        rows = table_rows(screen)
        assert len(rows) == 1 and "Gone" not in " ".join(rows)
        assert screen._rows[0].id == keep.id and screen._selected_id() == keep.id
        assert MockSession.get_or_none(MockSession.id == gone.id) is None
        assert Question.select().where(Question.session == gone.id).count() == 0
        assert Response.select().join(Question).where(Question.session == gone.id).count() == 0
        assert Question.select().where(Question.session == keep.id).count() == 2
        assert screen.query_one(ScoreTrend)._scores == [7.5]
        assert "1 session" in screen_text(screen)


async def test_a_list_read_before_a_delete_committed_does_not_bring_the_row_back(make_app):
    # The race itself, made certain: the reload that the dialog's closing starts may read
    # the list before the delete commits and deliver it after the delete was handled.
    app: InterviewApp = make_app()
    application = ensure_demo_profile()
    keep = add_full_session(application, tag="Keep", started_at=T0)
    gone = add_full_session(application, tag="Gone", started_at=T0 + timedelta(hours=1))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("d")
        await settle(pilot)
        with_gone = list_sessions()  # what that reload read
        assert gone.id in {r.id for r in with_gone}
        before = screen._generation
        await pilot.press("y")
        await settle(pilot)
        assert [r.id for r in screen._rows] == [keep.id]
        # The reload the dialog's closing started (generation before + 1) delivers last.
        stale = HistoryScreen.Loaded(before + 1, screen._loaded_query, with_gone,
                                     score_trend(with_gone))
        screen.post_message(stale)
        await settle(pilot)
        assert [r.id for r in screen._rows] == [keep.id]
        assert len(table_rows(screen)) == 1 and "1 session" in screen_text(screen)
        assert screen._generation == before + 2  # it lost because the delete reloaded


async def test_ten_thousand_sessions_load_a_page_at_a_time(make_app):
    app: InterviewApp = make_app()
    seed_many(ensure_demo_profile(), 10_000, questions=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == PAGE
        assert f"{PAGE} of 10,000 sessions" in screen_text(screen)
        assert len(screen.query_one(ScoreTrend)._scores) == 9_000
        await pilot.press("end")  # the last loaded row: the next page follows
        await pilot.pause()
        assert table.row_count == 2 * PAGE
        # Searching narrows the list in one query.
        await pilot.press("slash", *"role 17", "enter")
        await settle(pilot)
        assert "500 sessions" in screen_text(screen)
        assert all("Company 17 · Role 17" in row for row in table_rows(screen))


async def test_a_long_history_shows_its_first_page_before_reading_the_rest(make_app):
    app: InterviewApp = make_app()
    seed_many(ensure_demo_profile(), 3 * PAGE, questions=1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        order: list[tuple[int, bool]] = []
        held: list[HistoryScreen.Loaded] = []

        class Held(HistoryScreen):
            """Keeps the full list back until the test lets it through, so the first page
            is a state to look at, not a frame to catch."""

            hold = True

            def post_message(self, message: Message) -> bool:
                if isinstance(message, HistoryScreen.Loaded):
                    if self.hold and message.complete:
                        held.append(message)
                        return True
                    order.append((len(message.rows), message.complete))
                return super().post_message(message)

        screen = Held()
        await app.push_screen(screen)
        await settle(pilot)  # the worker is done: first page delivered, the rest held
        assert order == [(PAGE, False)] and len(held) == 1
        assert screen.query_one(DataTable).row_count == PAGE
        assert f"{PAGE} newest sessions · counting the rest" in screen_text(screen)

        screen.hold = False
        screen.post_message(held.pop())
        await settle(pilot)
        assert order == [(PAGE, False), (3 * PAGE, True)]
        assert screen.query_one(DataTable).row_count == PAGE  # not rebuilt by the rest
        assert f"{PAGE} of {3 * PAGE} sessions" in screen_text(screen)
        # Back from a review of a session far down, the cursor is still on it.
        await pilot.press("end")
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        row = screen._selected()
        assert row is not None and screen.query_one(DataTable).cursor_row > PAGE
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert screen._selected() == row


async def test_an_abandoned_session_shows_its_scores_and_cannot_resume(make_app):
    app: InterviewApp = make_app()
    session = add_full_session(ensure_demo_profile(), tag="Quit", finished=False,
                               hide_scores=True)
    session.state = "abandoned"
    session.save()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_history(pilot)
        assert "Ended early" in table_rows(screen)[0]
        opened: list[int] = []
        app.open_interview = opened.append  # type: ignore[method-assign]
        await pilot.press("r", "enter")
        await settle(pilot)
        text = screen_text(app.screen)
        assert "Ended early" in text and "7/10" in text  # the session is over
        await pilot.press("r")
        assert opened == [] and isinstance(app.screen, ReviewScreen)


async def test_an_unfinished_review_says_how_far_it_got_out_of_the_plan(make_app):
    """Every planned question answered but no summary yet: not "2 of 2 answered"."""
    app: InterviewApp = make_app()
    add_session(ensure_demo_profile(), started_at=T0, state="summarizing", questions=2,
                question_count=2)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_history(pilot)
        assert "Summary due" in table_rows(screen)[0]
        await pilot.press("enter")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        verdict = squash(str(review.query_one("#verdict", Static).render()))
        assert "Unfinished · all 2 questions done, summary not written yet" in verdict
        assert "answered" not in verdict


async def test_review_of_a_session_ended_early_says_how_many_were_answered(make_app):
    from interview_tui.services.session_machine import State

    app: InterviewApp = make_app()
    application = ensure_demo_profile()
    service = Workspace(OfflineCoach(seed=1)).interview
    try:
        view = await service.start(SessionSetup(application_id=application.id,
                                                stage="hiring_manager", question_count=3))
        while view.state is not State.QUESTION_REVIEW:  # question 1 and its follow-ups
            if view.state is State.AWAITING_ANSWER:
                await service.submit_answer(view.id, "I led the migration at Parcelwise.",
                                            seconds_spent=30.0)
            view = await service.run_pending(view.id)
        view = await service.finish(view.id)  # ctrl+e after the first question
    finally:
        service.workspace.close()
    assert view.state is State.COMPLETED
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ReviewScreen(view.id))
        await settle(pilot)
        verdict = str(app.screen.query_one("#verdict", Static).render())
    assert "1 of 3 questions" in verdict
