"""Which questions an application has heard lately, so the next session can avoid them."""

from __future__ import annotations

from interview_tui.store.models import MockSession, Question

RECENT_SESSIONS = 5  # no bank question repeats within this many sessions of one application


def recent_question_texts(
    application_id: int, sessions: int = RECENT_SESSIONS, *, excluding_session: int | None = None
) -> list[str]:
    """The texts of the questions asked in the application's last ``sessions`` sessions,
    newest session first (``excluding_session``, usually the one being run, left out)."""
    recent = MockSession.select(MockSession.id).where(MockSession.application == application_id)
    if excluding_session is not None:
        recent = recent.where(MockSession.id != excluding_session)
    recent = recent.order_by(MockSession.started_at.desc(), MockSession.id.desc()).limit(sessions)
    ids = [s.id for s in recent]
    order = {sid: n for n, sid in enumerate(ids)}
    questions = Question.select(Question.session, Question.number, Question.text).where(
        Question.session.in_(ids)
    )
    ranked = sorted(questions, key=lambda q: (order[q.session_id], q.number))
    return [q.text for q in ranked]
