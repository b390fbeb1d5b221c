"""What a coach returns: pydantic models shared by every coach backend.

These models double as the structured-output schemas sent to Claude, so each field
carries a description the model can follow.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Level = Literal["L4", "L5A", "L5B"]
Readiness = Literal["Ready", "Almost Ready", "Needs Practice"]


class GeneratedQuestion(BaseModel):
    """A main interview question."""

    text: str = Field(description="The question exactly as the interviewer asks it.")
    competency: str = Field(description="The competency the question probes.")
    guidance: str = Field(
        default="",
        description="Short STAR guidance for the candidate: what a strong answer covers.",
    )


class ResponseAnalysis(BaseModel):
    """Analysis of one response (the main answer or a follow-up answer)."""

    score: int = Field(ge=1, le=10, description="1-10 quality of this response.")
    level: Level = Field(description="Seniority the response demonstrates: L4, L5A or L5B.")
    strengths: list[str] = Field(default_factory=list, description="What worked, specific.")
    gaps: list[str] = Field(default_factory=list, description="What is missing, specific.")
    follow_up_questions: list[str] = Field(
        default_factory=list,
        description="2-3 follow-up questions targeting the biggest gaps, most important first.",
    )
    brief_feedback: str = Field(description="One or two sentences shown right after the answer.")


class QuestionFeedback(BaseModel):
    """Full feedback on a finished question (main answer plus follow-ups)."""

    score: int = Field(ge=1, le=10, description="1-10 for the question as a whole.")
    level: Level
    assessment: str = Field(description="Two or three sentences on the whole exchange.")
    what_landed: list[str] = Field(default_factory=list)
    what_didnt: list[str] = Field(default_factory=list)
    coaching: list[str] = Field(
        default_factory=list, description="Specific, actionable advice for next time."
    )
    revised_answer: str = Field(
        description="A stronger answer built ONLY from facts the candidate gave or the resume holds."
    )


class SessionFeedback(BaseModel):
    """Summary of a whole mock interview."""

    assessment: str
    strengths: list[str] = Field(default_factory=list)
    areas_to_improve: list[str] = Field(default_factory=list)
    coaching_priorities: list[str] = Field(default_factory=list)
    next_steps: list[str] = Field(default_factory=list)
