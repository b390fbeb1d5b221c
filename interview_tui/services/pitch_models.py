"""What the coaches return for the intro pitch ("tell me about yourself"): pydantic
models that double as the structured-output schemas sent to Claude."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

# The parts of a 60-90 second intro pitch, in the order it tells them.
PitchPart = Literal[
    "current_role", "impact_number", "previous_role", "achievement", "why_this_role", "looking_for"
]
PART_LABELS: dict[str, str] = {
    "current_role": "Current role",
    "impact_number": "Impact with a number",
    "previous_role": "Previous role",
    "achievement": "Relevant achievement",
    "why_this_role": "Why this role",
    "looking_for": "What you're looking for (optional)",
}


class PitchTemplate(BaseModel):
    """A 100-150 word intro pitch built from the resume and the job description."""

    pitch: str = Field(
        description="The pitch, 100-150 words, first person, in this order: current role and "
        "its impact with a number taken from the resume; previous role and one achievement "
        "relevant to this job; why this role; optionally what the candidate is looking for. "
        "Only facts from the resume; a missing fact is a bracketed placeholder."
    )
    delivery_note: str = Field(
        description="Two or three sentences of coaching on saying it aloud in 60-90 seconds."
    )


class PitchFeedback(BaseModel):
    """Feedback on one spoken or typed attempt at the pitch."""

    content_score: int = Field(ge=1, le=10, description="1-10: the template parts covered, "
                               "specific and relevant to the job, with a number from the resume.")
    tone_score: int = Field(ge=1, le=10, description="1-10: confident, warm, first person; "
                            "no filler, hedging or apology.")
    parts_covered: list[PitchPart] = Field(
        default_factory=list, description="The template parts this attempt covers."
    )
    strengths: list[str] = Field(default_factory=list, description="What worked, specific.")
    opportunities: list[str] = Field(
        default_factory=list, description="What to change, most important first, specific."
    )
    revised_pitch: str = Field(
        description="The pitch rewritten in 100-150 words using ONLY facts from the resume and "
        "the attempt; a missing fact is a bracketed placeholder."
    )
    coaching_note: str = Field(description="One or two sentences on delivery for the next try.")


class PitchTemplateDocument(PitchTemplate):
    """The stored template: the coach's template and its grounding check."""

    ungrounded: list[str] = Field(default_factory=list)
