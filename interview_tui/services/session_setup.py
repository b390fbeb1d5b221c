"""What a new mock interview is set up with. Kept apart from the interview service so the
setup screen loads without pydantic and the coach (a key pressed at the first frame
would otherwise wait for the warm-up thread's imports; bench/startup.py)."""

from __future__ import annotations

from dataclasses import dataclass

from interview_tui.services.catalog import DIFFICULTIES, PERSONAS, STAGES, drill_plan
from interview_tui.services.session_machine import DEFAULT_QUESTIONS, validate_question_count


@dataclass(frozen=True)
class SessionSetup:
    application_id: int
    stage: str = "recruiter_screen"
    difficulty: str = "medium"
    persona: str = "neutral"
    question_count: int = DEFAULT_QUESTIONS
    hide_scores: bool = False
    mode: str = "interview"  # or "drill" (a redo starts from services.redo)
    focus: str | None = None  # a drill's competency or category
    adaptive: bool = False  # difficulty follows the scores (session_machine.adaptive_difficulty)

    def validate(self) -> None:
        if self.mode == "drill":
            if self.focus is None or drill_plan(self.focus)[0] != self.stage:
                raise ValueError("A drill needs a focus of its stage (catalog.drill_plan).")
        elif self.mode != "interview":
            raise ValueError(f"Unknown session mode {self.mode!r}.")
        for value, allowed, name in (
            (self.stage, STAGES, "stage"),
            (self.difficulty, DIFFICULTIES, "difficulty"),
            (self.persona, PERSONAS, "persona"),
        ):
            if value not in allowed:
                raise ValueError(f"Unknown {name} {value!r}; choose one of {', '.join(allowed)}.")
        validate_question_count(self.question_count)
