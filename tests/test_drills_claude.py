"""Drills and redo on the real anthropic SDK against the fake Messages API."""

from __future__ import annotations

import json

import pytest

from interview_tui.services.coach.claude import ClaudeCoach
from interview_tui.services.interview import SessionSetup
from interview_tui.services.session_machine import State
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import Response
from tests.fakes.answers import STRONG
from tests.fakes.drive import drive_to_end


@pytest.fixture
async def workspace(fake_anthropic, demo_application):
    coach = ClaudeCoach("claude-sonnet-5-5", api_key="sk-ant-test-drill", timeout=2.0,
                        base_url=fake_anthropic.base_url, max_retries=1)
    ws = Workspace(coach)
    yield ws
    await ws.aclose()


def _user_text(body: dict) -> str:
    return json.dumps(body["messages"])


async def test_a_drill_on_claude_asks_its_focus_without_follow_ups(
    workspace, demo_application, fake_anthropic
) -> None:
    setup = SessionSetup(application_id=demo_application.id, stage="technical",
                         question_count=2, mode="drill", focus="debugging")
    done = await drive_to_end(workspace.interview, await workspace.interview.start(setup))
    assert done.state is State.COMPLETED and done.mode == "drill"
    assert [q.competency for q in done.questions] == ["debugging", "debugging"]
    assert Response.select().count() == 2  # one answer a question: no follow-ups
    asks = [b for b in fake_anthropic.requests if "Task: question." in _user_text(b)]
    assert len(asks) == 2 and all("Competency: debugging" in _user_text(b) for b in asks)


async def test_a_redo_on_claude_needs_no_question_call(
    workspace, demo_application, fake_anthropic
) -> None:
    setup = SessionSetup(application_id=demo_application.id, stage="technical", question_count=1)
    first = await drive_to_end(workspace.interview, await workspace.interview.start(setup))
    before = len(fake_anthropic.requests)
    redo = await workspace.redo.start(first.questions[0].id)
    await workspace.interview.submit_answer(redo, STRONG[1], seconds_spent=40.0)
    done = await drive_to_end(workspace.interview, await workspace.interview.run_pending(redo))
    assert done.state is State.COMPLETED and done.questions[0].text == first.questions[0].text
    later = fake_anthropic.requests[before:]
    assert not any("Task: question." in _user_text(b) for b in later)
    assert any(first.questions[0].text in _user_text(b) for b in later)
    attempts = await workspace.redo.attempts(done.questions[0].id)
    assert [a.mode for a in attempts] == ["interview", "redo"]
    assert all(a.score is not None for a in attempts)
