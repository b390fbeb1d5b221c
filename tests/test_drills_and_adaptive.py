"""Drills, adaptive difficulty and redo on the real interview service and SQLite."""

from __future__ import annotations

import pytest

from interview_tui.services.interview import SessionSetup
from interview_tui.services.progress import ProgressFilter, build_report
from interview_tui.services.redo import session_attempts
from interview_tui.services.session_machine import State, adaptive_difficulty
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import MockSession, Question, Response
from tests.fakes.answers import STRONG
from tests.fakes.drive import drive_to_end
from tests.fakes.scripted_coach import ScriptedScores


@pytest.mark.parametrize(
    ("current", "scores", "expected"),
    [
        ("medium", [], "medium"),
        ("medium", [9], "medium"),  # one high score is not a streak
        ("medium", [8, 8], "hard"),
        ("medium", [4, 4], "easy"),
        ("medium", [4, 3, 5], "medium"),  # 3 then 5: not two below 5
        ("hard", [8, 8, 6], "hard"),  # no new streak: it stays where it was
        ("easy", [4, 9, 8], "hard"),
        ("hard", [9, 4, 2], "easy"),
        ("medium", [8, None], "medium"),  # an unscored question breaks the streak
        ("medium", [7, 8], "medium"),
        ("medium", [5, 4], "medium"),  # 5 is not below 5
    ],
)
def test_adaptive_rule(current: str, scores: list[int | None], expected: str) -> None:
    assert adaptive_difficulty(current, scores) == expected


def _workspace(coach) -> Workspace:
    return Workspace(coach, prefetch=True)


async def test_adaptive_session_changes_difficulty_and_says_so(demo_application) -> None:
    coach = ScriptedScores([9, 8, 8, 3, 4, 6])
    ws = _workspace(coach)
    try:
        setup = SessionSetup(application_id=demo_application.id, stage="hiring_manager",
                             question_count=6, adaptive=True)
        done = await drive_to_end(ws.interview, await ws.interview.start(setup))
    finally:
        ws.close()
    assert done.state is State.COMPLETED
    assert [q.difficulty for q in done.questions] == [
        "medium", "medium", "hard", "hard", "hard", "easy"]
    # The coach was asked each question at that difficulty (prefetch waited for the score).
    assert coach.asked_at == {1: "medium", 2: "medium", 3: "hard", 4: "hard", 5: "hard", 6: "easy"}
    assert done.difficulty_changes == [(3, "medium", "hard"), (6, "hard", "easy")]
    assert done.difficulty_note == (
        "Adaptive difficulty: started medium; hard from question 3 (after two scores of 8 or "
        "more); easy from question 6 (after two scores below 5).")
    stored = [q.difficulty for q in Question.select().order_by(Question.number)]
    assert stored == ["medium", "medium", "hard", "hard", "hard", "easy"]


async def test_without_the_option_difficulty_never_moves(demo_application) -> None:
    ws = _workspace(ScriptedScores([9, 9, 9]))
    try:
        setup = SessionSetup(application_id=demo_application.id, question_count=3)
        done = await drive_to_end(ws.interview, await ws.interview.start(setup))
    finally:
        ws.close()
    assert [q.difficulty for q in done.questions] == ["medium"] * 3
    assert done.difficulty_changes == [] and done.difficulty_note is None


async def test_a_drill_loops_on_its_focus_without_follow_ups(demo_application) -> None:
    ws = _workspace(ScriptedScores([3, 3, 3, 3]))  # low scores would draw follow-ups
    try:
        setup = SessionSetup(application_id=demo_application.id, stage="hiring_manager",
                             question_count=4, mode="drill", focus="behavioural")
        done = await drive_to_end(ws.interview, await ws.interview.start(setup))
    finally:
        ws.close()
    assert done.mode == "drill" and done.state is State.COMPLETED
    assert [q.competency for q in done.questions] == [
        "leadership", "stakeholder_management", "ambiguity_tolerance", "leadership"]
    assert all(len(q.exchanges) == 1 for q in done.questions)
    assert len({q.text for q in done.questions}) == 4
    report = build_report(ProgressFilter())
    assert report.by_mode == {"drill": 1} and report.sessions == 1
    assert report.first_score == 3.0


async def test_a_competency_drill_asks_only_that_competency(demo_application) -> None:
    ws = _workspace(ScriptedScores([7, 7, 7]))
    try:
        setup = SessionSetup(application_id=demo_application.id, stage="technical",
                             question_count=3, mode="drill", focus="debugging")
        done = await drive_to_end(ws.interview, await ws.interview.start(setup))
    finally:
        ws.close()
    assert [q.competency for q in done.questions] == ["debugging"] * 3


def test_a_drill_needs_a_focus_of_its_stage(demo_application) -> None:
    with pytest.raises(ValueError, match="focus"):
        SessionSetup(application_id=1, stage="technical", mode="drill",
                     focus="leadership").validate()
    with pytest.raises(ValueError, match="focus"):
        SessionSetup(application_id=1, mode="drill").validate()
    with pytest.raises(ValueError, match="Unknown drill focus"):
        SessionSetup(application_id=1, mode="drill", focus="juggling").validate()


async def test_redo_asks_the_same_question_and_keeps_attempts(demo_application) -> None:
    coach = ScriptedScores([4, 6, 5])
    ws = _workspace(coach)
    try:
        setup = SessionSetup(application_id=demo_application.id, stage="hiring_manager",
                             question_count=3)
        first = await drive_to_end(ws.interview, await ws.interview.start(setup))
        original = first.questions[1]
        calls_before = len(coach.asked_at)

        redo_id = await ws.redo.start(original.id)
        view = await ws.interview.load(redo_id)
        assert view.state is State.AWAITING_ANSWER and view.mode == "redo"
        assert view.pending_prompt == original.text
        assert view.questions[0].redo_of == original.id
        coach.scores = [9]
        await ws.interview.submit_answer(redo_id, STRONG[0], seconds_spent=50.0)
        done = await drive_to_end(ws.interview, await ws.interview.run_pending(redo_id))
        assert done.state is State.COMPLETED and done.overall_score == 9.0
        assert len(coach.asked_at) == calls_before  # no coach call to ask it again

        # A redo of the redo is another attempt at the same original question.
        second = await ws.redo.start(done.questions[0].id)
        chained = (await ws.interview.load(second)).questions[0]
        assert chained.redo_of == original.id
        attempts = await ws.redo.attempts(chained.id)  # by any question of the chain
    finally:
        ws.close()
    assert [(a.mode, a.score) for a in attempts][:2] == [("interview", 6), ("redo", 9)]
    assert attempts[2].score is None and attempts[2].answer == ""
    assert attempts[1].answer == STRONG[0]
    assert [a.question_id for a in attempts] == [original.id, done.questions[0].id, chained.id]
    assert MockSession.select().where(MockSession.mode == "redo").count() == 2
    by_number = session_attempts(first.id)
    assert list(by_number) == [2] and [a.score for a in by_number[2]] == [6, 9, None]
    assert session_attempts(done.id) == {1: by_number[2]}
    assert Response.select().count() >= 4


async def test_a_redo_asks_the_question_without_the_first_askings_lead_in(
        demo_application) -> None:
    ws = _workspace(ScriptedScores([5, 5]))
    try:
        setup = SessionSetup(application_id=demo_application.id, stage="hiring_manager",
                             question_count=1)
        first = await drive_to_end(ws.interview, await ws.interview.start(setup))
        original = first.questions[0]
        asked = "How do you handle disagreements with a senior colleague?"

        def reword() -> None:  # as a coach would have asked it, mid-interview
            Question.update(text=f"Thanks, that's helpful. Moving on. {asked}").where(
                Question.id == original.id).execute()

        await ws.runner.run(reword)
        redo_id = await ws.redo.start(original.id)
        view = await ws.interview.load(redo_id)
    finally:
        ws.close()
    assert view.pending_prompt == asked
