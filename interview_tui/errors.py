"""Turning any exception the app can meet into one clear sentence for the user."""

from __future__ import annotations


def user_message(error: BaseException) -> str:
    # Imported here: the app imports this module before its first frame, and errors are rare.
    from interview_tui.services.coach.base import CoachError
    from interview_tui.services.session_machine import IllegalTransition
    from interview_tui.services.text import AnswerRejected
    from interview_tui.store.db import StoreError

    if isinstance(error, CoachError):
        return error.message
    if isinstance(error, AnswerRejected | StoreError | IllegalTransition | ValueError):
        return str(error)
    if isinstance(error, OSError):
        return f"{error.strerror or error}: {getattr(error, 'filename', '') or ''}".strip(": ")
    text = str(error) or type(error).__name__
    if "locked" in text.lower():
        return "The database is busy (another interview-tui may be writing). Try again in a moment."
    return f"Unexpected error: {text}"
