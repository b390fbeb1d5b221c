"""Drive a whole mock session through the interview service, as a user would."""

from __future__ import annotations

from interview_tui.services.interview import InterviewService
from interview_tui.services.session_machine import State
from interview_tui.services.session_view import SessionView
from tests.fakes.answers import answer_for


async def drive_to_end(service: InterviewService, view: SessionView) -> SessionView:
    """Answer every prompt and move through every question until the summary is written."""
    for _ in range(200):  # bounded: 10 questions x 4 responses is far below this
        p = view.progress
        if view.state is State.AWAITING_ANSWER:
            text = answer_for(p.question_number, p.response_number + 1)
            await service.submit_answer(view.id, text, seconds_spent=30.0)
            view = await service.run_pending(view.id)
        elif view.state is State.QUESTION_REVIEW:
            if p.is_last_question:
                view = await service.finish(view.id)
            else:
                view = await service.next_question(view.id)
        elif view.state is State.COMPLETED:
            return view
        else:
            view = await service.run_pending(view.id)
    raise AssertionError(f"session did not complete; stuck in {view.state}")
