"""The interview service keeps each session's view in memory and refreshes it per
transition: every view it returns must equal the session read afresh from the rows."""

from __future__ import annotations

import pytest

from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.interview import SessionSetup
from interview_tui.services.session_machine import IllegalTransition, State
from interview_tui.services.session_view import (
    load_session_view,
    stored_fingerprint,
    view_fingerprint,
)
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import Analysis
from tests.fakes.answers import answer_for


@pytest.fixture
async def workspaces(demo_application):
    made = [Workspace(OfflineCoach(seed=1)), Workspace(OfflineCoach(seed=1))]
    yield made
    for ws in made:
        ws.close()


async def test_every_view_of_a_whole_session_equals_a_fresh_read(workspaces, demo_application):
    service = workspaces[0].interview
    fresh = lambda view: workspaces[0].runner.call(load_session_view, view.id)  # noqa: E731
    view = await service.start(SessionSetup(demo_application.id, stage="hiring_manager"))
    seen_states = set()
    for _ in range(200):  # bounded
        assert view == fresh(view), view.state
        seen_states.add(view.state)
        p = view.progress
        if view.state is State.AWAITING_ANSWER:
            stored = await service.submit_answer(
                view.id, answer_for(p.question_number, p.response_number + 1), seconds_spent=9.0
            )
            assert stored == fresh(stored)
            view = await service.run_pending(view.id, stored=stored)
        elif view.state is State.QUESTION_REVIEW:
            step = service.finish if p.is_last_question else service.next_question
            view = await step(view.id)
        else:
            break
    assert view.state is State.COMPLETED and view == fresh(view)
    assert {State.AWAITING_ANSWER, State.QUESTION_REVIEW} <= seen_states
    stored = workspaces[0].runner.call(stored_fingerprint, view.id)
    assert stored == view_fingerprint(view)
    assert Analysis.select().count() == view_fingerprint(view)[3]


async def test_a_view_kept_in_memory_is_not_trusted_after_another_writer(
    workspaces, demo_application
):
    # Two processes on one data directory (two windows): the second one's kept view
    # goes stale when the first answers, and its next transition must see that.
    first, second = (ws.interview for ws in workspaces)
    view = await first.start(SessionSetup(demo_application.id))
    await second.load(view.id)  # the second keeps this view (awaiting an answer)
    await first.submit_answer(view.id, answer_for(1, 1), seconds_spent=5.0)
    with pytest.raises(IllegalTransition):
        await second.submit_answer(view.id, answer_for(1, 1), seconds_spent=5.0)
    done = await second.run_pending(view.id)  # it analyses the answer the first stored
    assert done == workspaces[1].runner.call(load_session_view, view.id)
    assert len(done.questions[0].exchanges) == 1
