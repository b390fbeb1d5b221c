"""A session is never stuck: after any coach failure the user can retry, move this step
or the rest of the session to the offline coach, or skip what failed. Driven against a
fake Messages API that refuses every request."""

from __future__ import annotations

import pytest

from interview_tui.services.coach.base import CoachError
from interview_tui.services.coach.claude import ClaudeCoach
from interview_tui.services.interview import SessionSetup
from interview_tui.services.session_machine import IllegalTransition, State
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import Analysis, CoachCall, Response
from tests.fakes.answers import STRONG
from tests.fakes.anthropic_server import FakeAnthropic, refusal

ALWAYS = 200  # more refusals than any test makes requests


@pytest.fixture
async def service(fake_anthropic: FakeAnthropic, demo_application):
    coach = ClaudeCoach("claude-test", api_key="k", base_url=fake_anthropic.base_url,
                        timeout=2.0, max_retries=0)
    svc = Workspace(coach, prefetch=False).interview
    yield svc
    await svc.workspace.aclose()


async def answered_but_refused(service, fake_anthropic, app) -> int:
    """A one-question session whose answer is stored and whose analysis was refused."""
    view = await service.start(SessionSetup(app.id, stage="technical", question_count=1))
    await service.submit_answer(view.id, STRONG, seconds_spent=40)
    fake_anthropic.enqueue(*[refusal()] * ALWAYS)
    with pytest.raises(CoachError) as caught:
        await service.run_pending(view.id)
    assert caught.value.kind == "refusal" and not caught.value.retryable
    return view.id


def backends() -> list[tuple[str, str]]:
    return [(c.purpose, c.backend) for c in CoachCall.select().order_by(CoachCall.id)]


async def test_retrying_a_refusal_refuses_again_and_the_answer_stays(
    service, fake_anthropic, demo_application
) -> None:
    session = await answered_but_refused(service, fake_anthropic, demo_application)
    with pytest.raises(CoachError):
        await service.run_pending(session)
    view = await service.load(session)
    assert view.state is State.EVALUATING
    assert service.skippable(view) == "the analysis of your answer"
    assert [r.text for r in Response.select()] == [STRONG]


async def test_skipping_every_refused_step_reaches_a_completed_session(
    service, fake_anthropic, demo_application
) -> None:
    session = await answered_but_refused(service, fake_anthropic, demo_application)
    # Skip the analysis: the question goes to review, where its feedback is refused too.
    with pytest.raises(CoachError):
        await service.skip_failed(session)
    view = await service.load(session)
    assert view.state is State.QUESTION_REVIEW and Analysis.select().count() == 0
    # Skip the feedback: nothing is left to wait for in review.
    view = await service.skip_failed(session)
    assert view.state is State.QUESTION_REVIEW and view.questions[0].feedback_skipped
    # The summary is refused; skipping it completes the session without one.
    with pytest.raises(CoachError):
        await service.finish(session)
    view = await service.skip_failed(session)
    assert view.state is State.COMPLETED
    assert view.session_feedback is None and view.overall_score is None
    assert view.readiness == "Needs Practice"
    with pytest.raises(IllegalTransition):
        await service.skip_failed(session)


async def test_one_step_offline_then_back_to_claude(
    service, fake_anthropic, demo_application
) -> None:
    session = await answered_but_refused(service, fake_anthropic, demo_application)
    while fake_anthropic.pending:  # Claude answers again from here on
        fake_anthropic._queue.popleft()
    view = await service.run_pending(session, offline_once=True)
    assert ("analysis", "offline") in backends()
    if view.state is State.AWAITING_ANSWER:  # the offline interviewer followed up
        view = await service.move_on(session)
    assert view.state is State.QUESTION_REVIEW and view.questions[0].feedback is not None
    assert backends()[-1] == ("question_feedback", "claude")
    assert view.backend == "claude"


async def test_the_rest_of_the_session_offline(service, fake_anthropic, demo_application) -> None:
    session = await answered_but_refused(service, fake_anthropic, demo_application)
    view = await service.continue_offline(session)
    assert view.backend == "offline"
    if view.state is State.AWAITING_ANSWER:  # the offline interviewer followed up
        view = await service.move_on(session)
    assert view.state is State.QUESTION_REVIEW
    view = await service.finish(session)
    assert view.state is State.COMPLETED and view.session_feedback is not None
    assert [b for _, b in backends()[-3:]] == ["offline", "offline", "offline"]
