"""What a practice-set generator returns (also the structured-output schema for Claude)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class PracticeQuestion(BaseModel):
    text: str = Field(description="The question exactly as an interviewer would ask it.")
    competency: str = Field(description="One of the competencies listed in the request.")
    difficulty: Literal["easy", "medium", "hard"]
    guidance: str = Field(
        description="STAR guidance (behavioural, situational) or evaluation criteria "
        "(technical, company-specific): what a strong answer covers."
    )
    follow_ups: list[str] = Field(
        default_factory=list, description="Two or three follow-ups an interviewer is likely to ask."
    )
    example_answer: str = Field(
        description="A first-person example answer built ONLY from facts in the candidate's "
        "resume; bracketed prompts such as [Result: ...] where the resume has nothing."
    )


class PracticeSet(BaseModel):
    questions: list[PracticeQuestion] = Field(description="Exactly the number asked for.")
    note: str = Field(default="", description="Anything the candidate should know about the set.")
