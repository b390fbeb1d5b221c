"""The whole product by keyboard: setup → 2 questions with follow-ups → summary →
history → review, then a restart finds it all again. Offline and on the fake Claude API."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from interview_tui.app import InterviewApp
from interview_tui.screens.history import HistoryScreen
from interview_tui.screens.home import HomeScreen
from interview_tui.screens.interview import InterviewScreen
from interview_tui.screens.review import ReviewScreen
from interview_tui.screens.setup import SetupScreen
from interview_tui.screens.summary import SummaryScreen
from interview_tui.screens.widgets.question_count import QuestionCount
from interview_tui.services.coach.claude import ClaudeCoach
from interview_tui.services.session_machine import State
from interview_tui.store.models import Analysis, MockSession, Response
from tests.fakes.answers import FOLLOW_UP, VAGUE
from tests.fakes.pilot import settle

SIZE = (80, 24)




def screen_text(pilot: Pilot) -> str:
    return "\n".join(str(s.render()) for s in pilot.app.screen.query(Static) if s.display)


async def type_answer(pilot: Pilot, text: str) -> None:
    editor = pilot.app.screen.query_one("#answer", TextArea)
    assert pilot.app.focused is editor
    first, rest = text.split(" ", 1)
    await pilot.press(*first, "space")  # typed by key...
    pilot.app.post_message(events.Paste(rest))  # ...and the rest pasted, as a terminal sends it
    await pilot.pause()
    assert editor.text == text
    await pilot.press("ctrl+s")
    await settle(pilot)


async def answer_question(pilot: Pilot, screen: InterviewScreen) -> None:
    """The main answer (vague, to draw a follow-up), one follow-up answer, then skip the rest."""
    await type_answer(pilot, VAGUE)
    if screen.view.state is State.AWAITING_ANSWER:
        assert "Follow-up 1 of 3" in str(screen.query_one("#progress", Static).render())
        await type_answer(pilot, FOLLOW_UP)
    while screen.view.state is State.AWAITING_ANSWER:
        await pilot.press("ctrl+k")
        await settle(pilot)
    assert screen.view.state is State.QUESTION_REVIEW
    feedback = screen.view.current_question.feedback
    shown = " ".join(screen_text(pilot).split())
    assert "A stronger answer" in shown
    assert " ".join(feedback.revised_answer.split())[:60] in shown


async def run_flow(app: InterviewApp) -> int:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await settle(pilot)
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        # From the Start button, up through the form to the question count: type 2.
        for _ in range(6):
            if isinstance(app.focused, QuestionCount):
                break
            await pilot.press("up")
        assert isinstance(app.focused, QuestionCount)
        await pilot.press("2")
        await pilot.press("ctrl+s")
        await settle(pilot)

        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert str(screen.query_one("#progress", Static).render()) == "Question 1 of 2"
        await answer_question(pilot, screen)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert str(screen.query_one("#progress", Static).render()) == "Question 2 of 2"
        await answer_question(pilot, screen)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert "Overall" in screen_text(pilot)
        session_id = screen.view.id

        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert_review_shows_everything(pilot, session_id)
    return session_id


def assert_review_shows_everything(pilot: Pilot, session_id: int) -> None:
    text = " ".join(screen_text(pilot).split())
    responses = list(Response.select())
    assert len(responses) >= 3, "two main answers and at least one follow-up"
    for response in responses:
        assert " ".join(response.prompt.split()) in text
        assert " ".join(response.text.split()) in text
    for analysis in Analysis.select():
        assert " ".join(analysis.brief_feedback.split()) in text
    session = MockSession.get_by_id(session_id)
    assert session.state == State.COMPLETED.value
    assert session.session_feedback["assessment"].split()[0] in text


async def reopen_and_review(app: InterviewApp, session_id: int) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert_review_shows_everything(pilot, session_id)


async def test_offline_flow_and_restart(make_app: Callable[..., InterviewApp]) -> None:
    session_id = await run_flow(make_app())
    await reopen_and_review(make_app(), session_id)


@pytest.fixture
def claude_coach(fake_anthropic):
    return ClaudeCoach(
        "claude-sonnet-5-5", api_key="sk-ant-test", base_url=fake_anthropic.base_url, max_retries=0
    )


async def test_claude_flow_and_restart(make_app, claude_coach, fake_anthropic) -> None:
    session_id = await run_flow(make_app(coach=claude_coach))
    assert fake_anthropic.requests, "the coach really talked to the (fake) API"
    assert all(r["system"][-1].get("cache_control") for r in fake_anthropic.requests)
    await reopen_and_review(make_app(), session_id)
