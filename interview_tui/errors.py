"""Turning any exception the app can meet into one clear sentence for the user."""

from __future__ import annotations


def user_message(error: BaseException) -> str:
    # Imported here: the app imports this module before its first frame, and errors are rare.
    from interview_tui.services.coach.base import CoachError
    from interview_tui.services.session_machine import IllegalTransition
    from interview_tui.services.text import AnswerRejected
    from interview_tui.store.db import StoreError, database
    from interview_tui.store.errors import describe

    if isinstance(error, CoachError):
        return error.message
    if isinstance(error, AnswerRejected | StoreError | IllegalTransition | ValueError):
        return str(error)
    # A lock, a read-only file, a damaged page or a full disk, said as such.
    about_the_file = describe(error, database.database or "the database")
    if about_the_file is not None:
        return str(about_the_file)
    if isinstance(error, OSError):
        return f"{error.strerror or error}: {getattr(error, 'filename', '') or ''}".strip(": ")
    return f"Unexpected error: {error}" if str(error) else f"Unexpected error: {type(error).__name__}"
