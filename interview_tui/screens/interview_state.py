"""What the interview screen says and which of its keys work, in each session state.

Plain Python, no Textual: the screen asks these functions and renders the answers, so
the rules read in one place and can be tested without running the app.
"""

from __future__ import annotations

from dataclasses import dataclass

from interview_tui.services.catalog import focus_label
from interview_tui.services.session_machine import MAX_FOLLOW_UPS, State
from interview_tui.services.session_view import SessionView

# States in which the coach still has work to do before the user can act.
COACH_STATES = frozenset({State.CREATED, State.ASKING, State.EVALUATING, State.SUMMARIZING})

# What the coach is doing in each state, shown while it works.
ACTIVITY = {
    State.CREATED: "The interviewer is getting ready…",
    State.ASKING: "The interviewer is thinking of a question…",
    State.EVALUATING: "The interviewer is thinking about your answer…",
    State.QUESTION_REVIEW: "The coach is writing your feedback…",
    State.SUMMARIZING: "The coach is writing your summary…",
}


@dataclass(frozen=True)
class Problem:
    """What stopped the coach, and which ways on will work from here."""

    title: str  # "The coach failed", "Stopped" ...
    message: str
    retry: bool = True  # trying the same call again may help
    retry_words: str = "to retry"
    offline: bool = False  # the step can be done by the offline coach instead
    skip: str | None = None  # what skipping would leave out ("the analysis of your answer")
    note: bool = False  # shown as a note (the user stopped it), not as an error


def needs_coach(view: SessionView) -> bool:
    """Whether a stored session has coach work left before the user can act (a resumed
    session may have stopped mid-question or before its feedback was written)."""
    current = view.current_question
    return view.state in COACH_STATES or (
        view.state is State.QUESTION_REVIEW and current is not None and current.feedback is None
    )


def progress_line(view: SessionView) -> str:
    """'Question 3 of 5 · Follow-up 2 of 3' (the follow-up part only on a follow-up)."""
    p = view.progress
    if view.state is State.COMPLETED:
        return f"Completed · {p.total_questions} questions"
    line = f"Question {max(p.question_number, 1)} of {p.total_questions}"
    if view.mode == "drill" and view.focus:
        line = f"Drill · {focus_label(view.focus)} · {line}"
    elif view.mode == "redo":
        line = "Redo · the same question again"
    # While awaiting an answer the pending response is number r+1; while it is being
    # evaluated, number r.
    response = p.response_number + 1 if view.state is State.AWAITING_ANSWER else p.response_number
    if view.state in {State.AWAITING_ANSWER, State.EVALUATING} and response > 1:
        line += f" · Follow-up {response - 1} of {MAX_FOLLOW_UPS}"
    elif view.state is State.QUESTION_REVIEW:
        line += " · Feedback"
    elif view.state is State.ABANDONED:
        line += " · Ended"
    return line


def awaiting_answer(view: SessionView | None, *, busy: bool, leaving: bool) -> bool:
    """The user can type and send an answer: the coach is idle and the screen stays."""
    return view is not None and view.state is State.AWAITING_ANSWER and not busy and not leaving


def reviewing(view: SessionView | None, *, busy: bool) -> bool:
    """The current question's feedback is shown and the user chooses how to go on."""
    if view is None or busy or view.state is not State.QUESTION_REVIEW:
        return False
    current = view.current_question
    return current is not None and (current.feedback is not None or current.feedback_skipped)


def allowed_actions(
    view: SessionView | None, *, busy: bool, leaving: bool, problem: Problem | None
) -> dict[str, bool]:
    """Which of the screen's actions work now, by action name.

    ``busy``: the coach is working; ``leaving``: the screen is closing; ``problem``: a
    failure or a stop is shown, with the ways on that will work.
    """
    awaiting = awaiting_answer(view, busy=busy, leaving=leaving)
    review = reviewing(view, busy=busy)
    last = view is not None and view.progress.is_last_question
    on_follow_up = awaiting and view is not None and view.progress.response_number >= 1
    return {
        "submit": awaiting,
        "toggle_timer": awaiting,
        "redo": review,
        "select_all": awaiting,
        "clear_answer": awaiting,
        "skip_follow_ups": on_follow_up,
        "next_question": review and not last,
        "last_question": review and last,
        "finish": review and last,
        "end_session": awaiting or (review and not last),
        "retry": not busy and problem is not None and problem.retry,
        "offline": not busy and problem is not None and problem.offline,
        "skip_failed": not busy and problem is not None and problem.skip is not None,
        "cancel": busy,
        "back": not busy,
    }
