"""By keyboard, against a fake Messages API that refuses every request: the banner
offers only what works, and the user gets through the session."""

from __future__ import annotations

from collections.abc import Callable

from interview_tui.app import InterviewApp
from interview_tui.screens.offline_choice import OfflineChoice
from interview_tui.screens.summary import SummaryScreen
from interview_tui.services.coach.claude import ClaudeCoach
from interview_tui.services.interview import SessionSetup
from interview_tui.services.session_machine import State
from interview_tui.store.models import CoachCall, MockSession, Response
from tests.fakes.answers import STRONG
from tests.fakes.anthropic_server import FakeAnthropic, refusal
from tests.fakes.pilot import settle
from tests.screens.test_interview_screen import answer, demo_id, open_interview, text_of

SIZE = (100, 30)


def claude(fake: FakeAnthropic) -> ClaudeCoach:
    return ClaudeCoach("claude-test", api_key="k", base_url=fake.base_url, max_retries=0)


async def refused_answer(pilot, fake: FakeAnthropic):
    screen = await open_interview(pilot, SessionSetup(application_id=demo_id(), question_count=1))
    fake.enqueue(*[refusal()] * 200)
    await answer(pilot, screen, STRONG)
    return screen


async def test_a_refusal_offers_offline_and_skip_but_not_retry(
    make_app: Callable[..., InterviewApp], fake_anthropic: FakeAnthropic
) -> None:
    app = make_app(coach=claude(fake_anthropic))
    async with app.run_test(size=SIZE) as pilot:
        screen = await refused_answer(pilot, fake_anthropic)
        banner = text_of(screen.query_one("#banner"))
        assert "declined" in banner and "ctrl+r" not in banner
        assert "ctrl+o to continue with the offline coach" in banner
        assert "ctrl+x to go on without the analysis of your answer" in banner
        assert [r.text for r in Response.select()] == [STRONG]  # nothing lost
        await pilot.press("ctrl+r")  # not offered, so it does nothing
        await settle(pilot)
        assert len(fake_anthropic.requests) == 2  # question + the one refused analysis

        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, OfflineChoice)
        await pilot.press("r")  # the rest of the session
        await settle(pilot)
        view = screen.view
        assert view is not None and view.backend == "offline"
        assert view.questions[0].exchanges[0].analysis is not None  # written offline
        assert not screen.query_one("#banner").display
        if view.state is State.AWAITING_ANSWER:  # the offline interviewer followed up
            await pilot.press("ctrl+k")
            await settle(pilot)
            view = screen.view
        assert view is not None and view.state is State.QUESTION_REVIEW
        assert view.questions[0].feedback is not None
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert MockSession.get().state == "completed"


async def test_skipping_what_keeps_failing_reaches_the_summary(
    make_app: Callable[..., InterviewApp], fake_anthropic: FakeAnthropic
) -> None:
    app = make_app(coach=claude(fake_anthropic))
    async with app.run_test(size=SIZE) as pilot:
        screen = await refused_answer(pilot, fake_anthropic)
        await pilot.press("ctrl+x")  # without the analysis: the feedback is refused next
        await settle(pilot)
        assert "without this question's feedback" in text_of(screen.query_one("#banner"))
        await pilot.press("ctrl+x")
        await settle(pilot)
        assert not screen.query_one("#banner").display
        await pilot.press("ctrl+e")  # the summary is refused too
        await settle(pilot)
        assert "without the summary" in text_of(screen.query_one("#banner"))
        await pilot.press("ctrl+x")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        summary = "\n".join(text_of(w) for w in app.screen.query("Static"))
        assert "not scored" in summary and "could not write" in summary
        assert {c.error_kind for c in CoachCall.select() if c.purpose != "question"} == {"refusal"}
