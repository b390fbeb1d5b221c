"""PrepService on the real anthropic SDK against the fake Messages API: the request it
sends (cached prefix shared with the interview, weak spots and notes in the message),
streaming, errors and cancellation leaving the previous version in place."""

from __future__ import annotations

import asyncio
import json

import pytest

from interview_tui.services.coach.base import CoachError
from interview_tui.services.coach.claude import ClaudeCoach
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import CoachCall, Document
from tests.fakes.anthropic_server import server_error, slow
from tests.fakes.prep_data import NOTE_TOPIC, WEAK_GAP, two_rounds, weak_mock_session

KINDS = ("base_prep", "recruiter_prep", "hiring_manager_prep", "interview_prep")


@pytest.fixture
async def ws(fake_anthropic, demo_application):
    coach = ClaudeCoach("claude-sonnet-5-5", api_key="sk-ant-test", base_url=fake_anthropic.base_url,
                        timeout=5.0, max_retries=0)
    workspace = Workspace(coach)
    yield workspace
    await workspace.aclose()


def user_message(request: dict) -> str:
    return request["messages"][0]["content"]


async def test_each_kind_on_claude(ws, demo_application, fake_anthropic):
    weak_mock_session(demo_application.id)
    _first, second = two_rounds(demo_application.id)
    for kind in KINDS:
        shown: list[str] = []
        version = await ws.prep.generate(kind, demo_application.id, second, on_text=shown.append)
        assert version.author == "claude" and version.model == "claude-sonnet-5-5"
        assert shown, kind  # prose streamed into the view while written
        request = fake_anthropic.requests[-1]
        assert request["stream"] is True
        assert f"Task: {kind}." in user_message(request)
        assert request["output_config"]["format"]["type"] == "json_schema"
        md = ws.prep.markdown(version, "Northwind")
        assert "Written offline" not in md and "# " in md
    # The interview prep is sent the weak spot and the earlier round's notes.
    message = user_message(fake_anthropic.requests[-1])
    assert "Stakeholder management: averaged 4.0/10" in message and WEAK_GAP in message
    assert NOTE_TOPIC in message and "Technical" in message
    # Every call for the application carries the same cached system prefix.
    systems = {json.dumps(r["system"]) for r in fake_anthropic.requests}
    assert len(systems) == 1
    calls = list(CoachCall.select().where(CoachCall.application == demo_application.id))
    assert len(calls) == 4
    documents = {d.kind: d.id for d in Document.select()}
    assert {c.purpose: c.document_id for c in calls} == documents  # each call -> its version


async def test_coach_error_keeps_the_previous_version(ws, demo_application, fake_anthropic):
    first = await ws.prep.generate("recruiter_prep", demo_application.id)
    fake_anthropic.enqueue(server_error())
    with pytest.raises(CoachError) as err:
        await ws.prep.generate("recruiter_prep", demo_application.id)
    assert err.value.retryable
    assert [d.id for d in Document.select()] == [first.id]
    retried = await ws.prep.generate("recruiter_prep", demo_application.id)  # retry works
    assert retried.version == 2


async def test_cancelled_while_streaming_saves_nothing(ws, demo_application, fake_anthropic):
    fake_anthropic.enqueue(slow(30, mid_stream=True))
    arrived = asyncio.Event()
    task = asyncio.ensure_future(
        ws.prep.generate("base_prep", demo_application.id, on_text=lambda _t: arrived.set()))
    await asyncio.wait_for(arrived.wait(), 20)  # half the reply has streamed in
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert Document.select().count() == 0
