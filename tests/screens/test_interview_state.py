"""The interview screen's rules: what it says and which keys work in each state."""

from __future__ import annotations

from datetime import datetime

from interview_tui.screens.interview_state import (
    Problem,
    allowed_actions,
    awaiting_answer,
    needs_coach,
    progress_line,
    reviewing,
)
from interview_tui.services.coach.base import InterviewContext
from interview_tui.services.coach.schemas import QuestionFeedback
from interview_tui.services.session_machine import Progress, State
from interview_tui.services.session_view import QuestionView, SessionView

CONTEXT = InterviewContext(
    stage="technical", difficulty="medium", persona="neutral", company="Acme", role="Engineer",
    job_description="", interviewer_name="", candidate_name="Sam", resume_text="",
    target_level="L4", question_count=3,
)


def view(state: State, question: int = 1, responses: int = 0, *, feedback: bool = True) -> SessionView:
    questions = tuple(
        QuestionView(
            number=n, text=f"Q{n}", competency="technical_depth", guidance="", exchanges=(),
            feedback=QuestionFeedback.model_construct(score=7) if feedback else None,
        )
        for n in range(1, question + 1)
    )
    return SessionView(
        id=1, progress=Progress(state, 3, question, responses), context=CONTEXT,
        application_id=1, hide_scores=False, backend="offline", started_at=datetime(2025, 1, 1),
        completed_at=None, overall_score=None, readiness=None, session_feedback=None,
        questions=questions,
    )


def allowed(v: SessionView | None, *, busy: bool = False, leaving: bool = False,
            problem: bool | Problem = False) -> set[str]:
    shown = Problem("The coach failed", "x") if problem is True else problem or None
    rules = allowed_actions(v, busy=busy, leaving=leaving, problem=shown)
    assert all(type(ok) is bool for ok in rules.values())
    return {action for action, ok in rules.items() if ok}


def test_progress_line() -> None:
    assert progress_line(view(State.AWAITING_ANSWER, 2, 0)) == "Question 2 of 3"
    assert progress_line(view(State.AWAITING_ANSWER, 2, 1)) == "Question 2 of 3 · Follow-up 1 of 3"
    assert progress_line(view(State.EVALUATING, 2, 1)) == "Question 2 of 3"
    assert progress_line(view(State.EVALUATING, 2, 2)) == "Question 2 of 3 · Follow-up 1 of 3"
    assert progress_line(view(State.QUESTION_REVIEW, 1, 1)) == "Question 1 of 3 · Feedback"
    assert progress_line(view(State.ABANDONED, 1)) == "Question 1 of 3 · Ended"
    assert progress_line(view(State.ASKING, 0)) == "Question 1 of 3"
    assert progress_line(view(State.COMPLETED, 3)) == "Completed · 3 questions"


def test_needs_coach() -> None:
    assert needs_coach(view(State.ASKING, 1))
    assert needs_coach(view(State.EVALUATING, 1, 1))
    assert needs_coach(view(State.QUESTION_REVIEW, 1, 1, feedback=False))
    assert not needs_coach(view(State.QUESTION_REVIEW, 1, 1))
    assert not needs_coach(view(State.AWAITING_ANSWER, 1))
    assert not needs_coach(view(State.COMPLETED, 3))


def test_answering() -> None:
    first = view(State.AWAITING_ANSWER, 1, 0)
    assert awaiting_answer(first, busy=False, leaving=False)
    assert not awaiting_answer(first, busy=True, leaving=False)
    assert not awaiting_answer(first, busy=False, leaving=True)
    assert allowed(first) == {
        "submit", "toggle_timer", "select_all", "clear_answer", "end_session", "back"
    }
    assert "skip_follow_ups" in allowed(view(State.AWAITING_ANSWER, 1, 1))
    assert allowed(first, leaving=True) == {"back"}


def test_reviewing() -> None:
    middle = view(State.QUESTION_REVIEW, 1, 1)
    last = view(State.QUESTION_REVIEW, 3, 1)
    assert reviewing(middle, busy=False)
    assert not reviewing(middle, busy=True)
    assert not reviewing(view(State.QUESTION_REVIEW, 1, 1, feedback=False), busy=False)
    # With the feedback shown, the question can be answered again (a redo session).
    assert allowed(middle) == {"next_question", "end_session", "redo", "back"}
    assert allowed(last) == {"last_question", "finish", "redo", "back"}


def test_busy_and_problems() -> None:
    assert allowed(None) == {"back"}
    assert allowed(view(State.ASKING, 1), busy=True) == {"cancel"}
    assert allowed(view(State.ASKING, 1), busy=True, problem=True) == {"cancel"}
    assert allowed(view(State.ASKING, 1), problem=True) == {"retry", "back"}
    refused = Problem("The coach failed", "declined", retry=False, offline=True,
                      skip="the analysis of your answer")
    assert allowed(view(State.EVALUATING, 1, 1), problem=refused) == {
        "offline", "skip_failed", "back"}
