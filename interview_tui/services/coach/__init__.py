"""Coaches: Claude (anthropic SDK) and the offline coach, behind one protocol."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview_tui.services.coach.base import Coach, CoachError, CoachInfo

if TYPE_CHECKING:
    from interview_tui.config import Settings

__all__ = ["Coach", "CoachError", "CoachInfo", "make_coach"]


def make_coach(settings: Settings) -> Coach:
    """Claude when a key is set (and not --offline), the offline coach otherwise."""
    if settings.coach_backend == "claude":
        from interview_tui.services.coach.claude import ClaudeCoach

        return ClaudeCoach(
            settings.model,
            timeout=settings.coach_timeout_seconds,
            max_retries=settings.coach_max_retries,
        )
    from interview_tui.services.coach.offline import OfflineCoach

    return OfflineCoach()
