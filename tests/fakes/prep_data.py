"""Rows a prep test needs: a finished mock question with a low score, an earlier round."""

from __future__ import annotations

from interview_tui.services.schedule import save_interview
from interview_tui.store.models import MockSession, Question, QuestionFeedbackRow, Response

WEAK_GAP = "No measurable result for the stakeholder conflict"
NOTE_TOPIC = "They pushed hard on Kafka consumer lag during backfills."


def weak_mock_session(application_id: int, competency: str = "stakeholder_management",
                      score: int = 4, answer: str = "I talked to the finance team a lot.") -> None:
    """A completed mock session on the application whose one question scored ``score``."""
    session = MockSession.create(application=application_id, stage="hiring_manager",
                                 difficulty="medium", persona="neutral", question_count=1,
                                 target_level="L5A", state="completed")
    question = Question.create(session=session, number=1, competency=competency,
                               difficulty="medium", text="Tell me about a stakeholder conflict.")
    Response.create(question=question, number=1, prompt=question.text, text=answer)
    QuestionFeedbackRow.create(question=question, score=score, level="L4", assessment="",
                               what_didnt=[WEAK_GAP])


def two_rounds(application_id: int) -> tuple[int, int]:
    """A recruiter screen with notes written after it, and a later technical round."""
    first = save_interview(application_id, {"stage": "recruiter_screen",
                                            "when": "2026-12-01 10:00", "notes": NOTE_TOPIC})
    second = save_interview(application_id, {"stage": "technical", "when": "2026-12-08 15:00",
                                             "interviewer_role": "Staff engineer"})
    return first.id, second.id
