"""The interview service on the real anthropic SDK against the fake Messages API."""

from __future__ import annotations

import pytest

from interview_tui.config import load_settings
from interview_tui.services.coach import make_coach
from interview_tui.services.coach.base import CoachError
from interview_tui.services.coach.claude import ClaudeCoach
from interview_tui.services.interview import SessionSetup
from interview_tui.services.session_machine import State
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import Analysis, CoachCall, Question, QuestionFeedbackRow, Response
from tests.fakes.answers import STRONG
from tests.fakes.anthropic_server import (
    dropped,
    max_tokens,
    not_json,
    overloaded,
    rate_limited,
    refusal,
    server_error,
    slow,
    wrong_shape,
)
from tests.fakes.drive import drive_to_end

API_KEY = "sk-ant-test-DO-NOT-LEAK-123"


@pytest.fixture
async def service(fake_anthropic, demo_application):
    coach = ClaudeCoach(
        "claude-sonnet-5-5",
        api_key=API_KEY,
        base_url=fake_anthropic.base_url,
        timeout=1.0,
        max_retries=1,
    )
    svc = Workspace(coach).interview
    yield svc
    await svc.workspace.aclose()


def setup_for(app, **kw) -> SessionSetup:
    return SessionSetup(application_id=app.id, stage="technical", **kw)


async def test_whole_session_on_claude(service, demo_application, fake_anthropic, db_path):
    view = await service.start(setup_for(demo_application))
    done = await drive_to_end(service, view)

    assert done.state is State.COMPLETED and done.session_feedback is not None
    assert Question.select().count() == 5
    responses = Response.select().count()
    assert responses >= 5 and Analysis.select().count() == responses
    assert QuestionFeedbackRow.select().count() == 5
    calls = list(CoachCall.select().order_by(CoachCall.id))
    assert len(calls) == len(fake_anthropic.requests)
    assert all(c.backend == "claude" and c.model == "claude-sonnet-5-5" for c in calls)
    assert all(c.error_kind is None and c.input_tokens > 0 for c in calls)
    # The stable context is cached: the four tasks share one output schema, so the first
    # call writes schema and system once and every later call reads them. The analyses
    # and the question's feedback also cache the question's exchanges, so a later call
    # writes only what came since (a new exchange, a score), a small part of what it reads.
    first, *later = calls
    assert first.cache_write_tokens > 0 and first.cache_read_tokens == 0
    assert all(c.cache_read_tokens >= first.cache_write_tokens for c in later)
    assert all(c.cache_write_tokens < first.cache_write_tokens / 3 for c in later)
    for c in later:
        if c.purpose in ("analysis", "question_feedback"):
            assert c.input_tokens < 30, c.purpose  # only the closing task line is not cached
    system = fake_anthropic.requests[0]["system"]
    assert system[-1]["cache_control"] == {"type": "ephemeral"}
    assert "Alex Rivera" in system[-1]["text"]
    # Later turns send only what is new: the resume is never in a user message.
    for body in fake_anthropic.requests:
        for message in body["messages"]:
            assert "Parcelwise (logistics SaaS)" not in str(message["content"])
    # The key never reaches the database.
    close_and_check_no_secret(db_path)


def close_and_check_no_secret(db_path) -> None:
    for path in db_path.parent.glob("interview.db*"):
        assert API_KEY.encode() not in path.read_bytes()


async def test_retryable_faults_recover_within_one_turn(service, demo_application, fake_anthropic):
    view = await service.start(setup_for(demo_application))
    await service.submit_answer(view.id, STRONG)
    fake_anthropic.enqueue(overloaded(retry_after_ms=1))  # the SDK retries once and succeeds
    view = await service.run_pending(view.id)
    assert Analysis.select().count() == 1
    assert view.state in {State.AWAITING_ANSWER, State.QUESTION_REVIEW}


@pytest.mark.parametrize(
    "faults, kind",
    [
        # retry-after-ms: 1 keeps the SDK's one retry short (its own backoff is 0.5 s+).
        ([rate_limited(retry_after_ms=1)] * 2, "rate_limited"),
        ([server_error(retry_after_ms=1)] * 2, "server_error"),
        ([overloaded(retry_after_ms=1)] * 2, "overloaded"),
        ([slow(3.0), slow(3.0)], "timeout"),
        ([dropped(), dropped()], "connection"),
        ([wrong_shape()], "invalid_output"),
        ([not_json()], "invalid_output"),
        ([refusal()], "refusal"),
        ([max_tokens()], "max_tokens"),
    ],
)
async def test_faults_end_in_typed_error_and_session_resumes(
    service, demo_application, fake_anthropic, faults, kind
):
    view = await service.start(setup_for(demo_application))
    await service.submit_answer(view.id, STRONG)
    fake_anthropic.enqueue(*faults)
    with pytest.raises(CoachError) as caught:
        await service.run_pending(view.id)
    if kind is not None:
        assert caught.value.kind == kind
    assert API_KEY not in caught.value.message
    # Consistent: the answer is stored, unanalysed, and the session waits to be resumed.
    stuck = await service.load(view.id)
    assert stuck.state is State.EVALUATING
    assert Response.select().count() == 1 and Analysis.select().count() == 0
    failed = CoachCall.select().where(CoachCall.error_kind.is_null(False))
    assert failed.count() >= 1
    # Resumable: the next attempt (the fake answers normally again) completes the turn.
    resumed = await service.resume(view.id)
    assert resumed.state in {State.AWAITING_ANSWER, State.QUESTION_REVIEW}
    assert Analysis.select().count() == 1


async def test_fault_while_asking_keeps_session_resumable(service, demo_application, fake_anthropic):
    fake_anthropic.enqueue(refusal())
    with pytest.raises(CoachError):
        await service.start(setup_for(demo_application))
    [session_id] = [row.id for row in service_sessions()]
    assert (await service.load(session_id)).state is State.ASKING
    view = await service.resume(session_id)
    assert view.state is State.AWAITING_ANSWER and view.pending_prompt


def service_sessions():
    from interview_tui.store.models import MockSession

    return MockSession.select()


async def test_base_url_from_environment(monkeypatch, fake_anthropic, demo_application, tmp_path):
    monkeypatch.setenv("ANTHROPIC_API_KEY", API_KEY)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_anthropic.base_url)
    settings = load_settings(data_dir=tmp_path)
    assert settings.coach_backend == "claude"
    coach = make_coach(settings)
    svc = Workspace(coach).interview
    try:
        view = await svc.start(setup_for(demo_application, question_count=1))
    finally:
        await svc.workspace.aclose()
    assert view.pending_prompt
    assert fake_anthropic.requests, "the SDK honoured ANTHROPIC_BASE_URL"
    assert API_KEY in " ".join(fake_anthropic.headers[0].values()), "the key is sent to the API"
