"""Cross-session variety: the questions an application heard in its recent sessions."""

from __future__ import annotations

from interview_tui.services.question_history import recent_question_texts
from interview_tui.store.models import JobApplication, MockSession, Question


def _session(app: JobApplication, texts: list[str]) -> MockSession:
    s = MockSession.create(application=app, stage="technical", difficulty="medium",
                           persona="neutral", target_level="L4", state="completed",
                           question_count=5)
    for n, text in enumerate(texts, start=1):
        Question.create(session=s, number=n, text=text, competency="debugging",
                        difficulty="medium")
    return s


def test_the_last_five_sessions_newest_first(demo_application: JobApplication) -> None:
    sessions = [_session(demo_application, [f"q{n}a", f"q{n}b"]) for n in range(7)]
    texts = recent_question_texts(demo_application.id)
    assert texts == [f"q{n}{x}" for n in (6, 5, 4, 3, 2) for x in "ab"]
    assert recent_question_texts(demo_application.id, 2, excluding_session=sessions[6].id) == [
        "q5a", "q5b", "q4a", "q4b"]
