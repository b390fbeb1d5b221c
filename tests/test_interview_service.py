"""The interview service end to end on the offline coach and on real SQLite files."""

from __future__ import annotations

import pytest

from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.interview import SessionSetup
from interview_tui.services.session_machine import IllegalTransition, State
from interview_tui.services.text import MAX_ANSWER_CHARS, AnswerRejected
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import (
    Analysis,
    AnswerDraft,
    CoachCall,
    MockSession,
    Question,
    QuestionFeedbackRow,
    Response,
)
from tests.fakes.answers import STRONG, VAGUE
from tests.fakes.drive import drive_to_end


@pytest.fixture
async def service(demo_application):
    svc = Workspace(OfflineCoach(seed=1)).interview
    yield svc
    svc.workspace.close()


def setup_for(app, **kw) -> SessionSetup:
    return SessionSetup(application_id=app.id, **{"stage": "hiring_manager", **kw})


async def test_whole_session_persists_every_row(service, demo_application):
    view = await service.start(setup_for(demo_application))
    assert view.state is State.AWAITING_ANSWER
    assert view.pending_prompt == view.questions[0].text

    done = await drive_to_end(service, view)

    assert done.state is State.COMPLETED
    assert done.overall_score is not None and done.readiness
    assert done.session_feedback is not None and done.session_feedback.assessment
    session = MockSession.get_by_id(done.id)
    assert session.completed_at is not None
    assert Question.select().where(Question.session == session).count() == 5
    responses = list(Response.select().join(Question).where(Question.session == session))
    assert len(responses) >= 5
    assert any(r.number > 1 for r in responses), "the vague answers should draw follow-ups"
    assert all(r.number <= 4 for r in responses)
    assert Analysis.select().count() == len(responses)
    assert QuestionFeedbackRow.select().count() == 5
    texts = [q.text for q in done.questions]
    assert len(set(texts)) == 5, "no question repeats within a session"
    calls = {c.purpose: 0 for c in CoachCall.select()}
    for c in CoachCall.select().where(CoachCall.session == session):
        calls[c.purpose] += 1
    assert calls["question"] == 5
    assert calls["analysis"] == len(responses)
    assert calls["question_feedback"] == 5
    assert calls["session_feedback"] == 1
    assert service.prefetch_stats.hits == 4


async def test_follow_ups_are_capped_at_three(demo_application):
    service = Workspace(OfflineCoach(seed=2)).interview
    view = await service.start(setup_for(demo_application, persona="challenging", question_count=1))
    for _ in range(4):
        assert view.state is State.AWAITING_ANSWER
        await service.submit_answer(view.id, VAGUE)
        view = await service.run_pending(view.id)
    assert view.state is State.QUESTION_REVIEW
    assert len(view.questions[0].exchanges) == 4
    assert view.questions[0].feedback is not None
    service.workspace.close()


async def test_move_on_skips_remaining_follow_ups(service, demo_application):
    view = await service.start(setup_for(demo_application, persona="challenging"))
    await service.submit_answer(view.id, VAGUE)
    view = await service.run_pending(view.id)
    assert view.state is State.AWAITING_ANSWER and view.progress.response_number == 1
    view = await service.move_on(view.id)
    assert view.state is State.QUESTION_REVIEW
    assert view.current_question.feedback is not None


async def test_finish_early_summarises_answered_questions(service, demo_application):
    view = await service.start(setup_for(demo_application, persona="friendly"))
    await service.submit_answer(view.id, STRONG)
    view = await service.run_pending(view.id)
    while view.state is State.AWAITING_ANSWER:
        view = await service.move_on(view.id)
    view = await service.finish(view.id)
    assert view.state is State.COMPLETED
    assert view.overall_score == view.questions[0].feedback.score


@pytest.mark.parametrize(
    "text, fragment",
    [("", "empty"), ("   \n\t ", "empty"), ("x" * 200_000, f"{MAX_ANSWER_CHARS:,}")],
)
async def test_bad_answers_are_refused_and_nothing_changes(service, demo_application, text, fragment):
    view = await service.start(setup_for(demo_application))
    with pytest.raises(AnswerRejected, match=fragment):
        await service.submit_answer(view.id, text)
    again = await service.load(view.id)
    assert again.state is State.AWAITING_ANSWER
    assert Response.select().count() == 0


async def test_control_characters_are_stripped_unicode_kept(service, demo_application):
    view = await service.start(setup_for(demo_application))
    await service.submit_answer(view.id, "I led it\x00\x1b[31m — 改善 🚀 résumé\x07")
    stored = Response.get().text
    assert stored == "I led it[31m — 改善 🚀 résumé"


async def test_answer_is_stored_before_analysis(service, demo_application):
    view = await service.start(setup_for(demo_application))
    view = await service.submit_answer(view.id, STRONG, seconds_spent=42.5)
    assert view.state is State.EVALUATING
    response = Response.get()
    assert response.text == STRONG and response.seconds_spent == 42.5
    assert Analysis.select().count() == 0
    view = await service.run_pending(view.id)
    assert Analysis.select().count() == 1


async def test_illegal_calls_raise_and_leave_state(service, demo_application):
    view = await service.start(setup_for(demo_application))
    with pytest.raises(IllegalTransition, match="awaiting_answer"):
        await service.next_question(view.id)
    assert (await service.load(view.id)).state is State.AWAITING_ANSWER


async def test_drafts_are_saved_restored_and_cleared(service, demo_application):
    view = await service.start(setup_for(demo_application))
    await service.save_draft(view.id, "half an ans\x00wer", 12.0)
    await service.save_draft(view.id, "half an answer, longer", 15.0)
    again = await service.load(view.id)
    assert again.draft_text == "half an answer, longer" and again.draft_seconds == 15.0
    await service.submit_answer(view.id, STRONG)
    assert AnswerDraft.select().count() == 0


async def test_abandon_ends_the_session(service, demo_application):
    view = await service.start(setup_for(demo_application))
    view = await service.abandon(view.id)
    assert view.state is State.ABANDONED
    with pytest.raises(IllegalTransition):
        await service.abandon(view.id)


async def test_setup_is_validated(service, demo_application):
    with pytest.raises(ValueError, match="stage"):
        await service.start(setup_for(demo_application, stage="panel"))
    with pytest.raises(ValueError, match="1 to 10"):
        await service.start(setup_for(demo_application, question_count=11))


async def test_hide_scores_is_stored(service, demo_application):
    view = await service.start(setup_for(demo_application, hide_scores=True))
    assert view.hide_scores is True
    assert view.context.target_level == "L5A"


async def test_end_early_from_an_unanswered_question(service, demo_application):
    view = await service.start(setup_for(demo_application, persona="friendly"))
    await service.submit_answer(view.id, STRONG)
    view = await service.run_pending(view.id)
    while view.state is State.AWAITING_ANSWER:
        view = await service.move_on(view.id)
    view = await service.next_question(view.id)
    await service.save_draft(view.id, "unsent words")
    view = await service.finish(view.id)
    assert view.state is State.COMPLETED
    assert len(view.questions) == 2 and not view.questions[1].exchanges
    assert view.overall_score == view.questions[0].feedback.score
    assert AnswerDraft.select().count() == 0


async def test_nothing_answered_cannot_be_summarised(service, demo_application):
    view = await service.start(setup_for(demo_application))
    with pytest.raises(IllegalTransition, match="nothing has been answered"):
        await service.finish(view.id)


async def test_a_question_reads_its_history_and_own_questions_in_one_database_trip(
    service, demo_application
):
    from interview_tui.services.question_import import check_question
    from interview_tui.services.question_library import add_questions

    first = await drive_to_end(service, await service.start(setup_for(demo_application)))
    add_questions([check_question("Tell me about a time you pushed back on a deadline.",
                                  stage="hiring_manager")], source="added")
    view = await service.start(setup_for(demo_application))
    runner = service.workspace.runner
    real, trips = runner.run, []

    async def counted(fn, *args):
        trips.append(fn)
        return await real(fn, *args)

    runner.run = counted
    try:
        task = await service._question_task(view, 2)
    finally:
        runner.run = real
    assert len(trips) == 1
    request = task.data
    assert set(request.recent) == {q.text for q in first.questions}  # the earlier session's
    assert [q.text for q in request.own] == ["Tell me about a time you pushed back on a deadline."]
