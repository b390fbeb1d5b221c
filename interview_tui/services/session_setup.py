"""What a new mock interview is set up with. Kept apart from the interview service so the
setup screen loads without pydantic and the coach (a key pressed at the first frame
would otherwise wait for the warm-up thread's imports; bench/startup.py)."""

from __future__ import annotations

from dataclasses import dataclass

from interview_tui.services.catalog import DIFFICULTIES, PERSONAS, STAGES
from interview_tui.services.session_machine import DEFAULT_QUESTIONS, validate_question_count


@dataclass(frozen=True)
class SessionSetup:
    application_id: int
    stage: str = "recruiter_screen"
    difficulty: str = "medium"
    persona: str = "neutral"
    question_count: int = DEFAULT_QUESTIONS
    hide_scores: bool = False

    def validate(self) -> None:
        for value, allowed, name in (
            (self.stage, STAGES, "stage"),
            (self.difficulty, DIFFICULTIES, "difficulty"),
            (self.persona, PERSONAS, "persona"),
        ):
            if value not in allowed:
                raise ValueError(f"Unknown {name} {value!r}; choose one of {', '.join(allowed)}.")
        validate_question_count(self.question_count)
