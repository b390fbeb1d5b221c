"""What the coaches return for a debrief after a real interview and for the thank-you
email: pydantic models that double as the structured-output schemas sent to Claude."""

from __future__ import annotations

from pydantic import BaseModel, Field

DIMENSIONS: dict[str, str] = {
    "content": "Content",
    "clarity": "Clarity",
    "delivery": "Delivery",
    "tone": "Tone",
    "structure": "Structure",
    "confidence": "Confidence",
}


class DimensionScore(BaseModel):
    score: int = Field(ge=1, le=10, description="1-10.")
    reason: str = Field(description="One line: why this score, citing the interview.")


class Dimensions(BaseModel):
    content: DimensionScore
    clarity: DimensionScore
    delivery: DimensionScore
    tone: DimensionScore
    structure: DimensionScore
    confidence: DimensionScore


class BetterAnswer(BaseModel):
    question: str = Field(description="A question the interviewer asked.")
    your_answer: str = Field(description="The candidate's weak answer, briefly, in their words.")
    stronger_answer: str = Field(
        description="A stronger answer built ONLY from the resume and what the candidate said; "
        "a missing fact is a bracketed placeholder."
    )


class DebriefReport(BaseModel):
    """The debrief of one real interview."""

    overall_score: int = Field(ge=1, le=10, description="1-10 for the interview as a whole.")
    summary: str = Field(description="Two or three sentences on how the interview went.")
    dimensions: Dimensions
    strengths: list[str] = Field(default_factory=list)
    opportunities: list[str] = Field(default_factory=list, description="Most important first.")
    should_have_said: list[BetterAnswer] = Field(
        default_factory=list, description="The weakest answers, with what to say instead."
    )
    coaching_points: list[str] = Field(default_factory=list)
    action_items: list[str] = Field(default_factory=list, description="Concrete, doable this week.")
    next_stage_adjustments: list[str] = Field(
        default_factory=list, description="What to change for the next interview stage."
    )


class DebriefInput(BaseModel):
    """What the candidate brought to the debrief: a transcript, typed answers, or both."""

    stage: str
    date: str  # ISO date of the interview (YYYY-MM-DD)
    interview_id: int | None = None
    interviewer_name: str = ""
    transcript: str = ""
    feeling: int | None = Field(default=None, ge=1, le=10)
    questions: str = ""  # one per line
    went_well: str = ""
    went_badly: str = ""
    learned: str = ""


class Debrief(BaseModel):
    """The stored document: the input it was written from and the report."""

    input: DebriefInput
    report: DebriefReport
    ungrounded: list[str] = Field(default_factory=list)  # claims in the stronger answers
    # The same, per "what you should have said" answer, in order.
    answer_flags: list[list[str]] = Field(default_factory=list)


class ThankYouEmail(BaseModel):
    """A short thank-you email to the interviewer."""

    subject: str = Field(description="The subject line.")
    moment: str = Field(
        description="Paragraph 1, two sentences: thanks, and one specific moment from the interview."
    )
    fit: str = Field(
        description="Paragraph 2, two sentences: one example from the resume that fits the role."
    )
    interest: str = Field(
        description="Paragraph 3, one or two sentences: continued interest and next steps."
    )


class ThankYouDocument(BaseModel):
    """The stored email: who it is to, the email, and its grounding check."""

    to: str
    signature: str
    email: ThankYouEmail
    ungrounded: list[str] = Field(default_factory=list)

    @property
    def body(self) -> str:
        greeting = f"Dear {self.to}," if self.to else "Hello,"
        paragraphs = [self.email.moment, self.email.fit, self.email.interest]
        sign = f"Best regards,\n{self.signature}" if self.signature else "Best regards,"
        return "\n\n".join([greeting, *(p.strip() for p in paragraphs if p.strip()), sign])

    @property
    def text(self) -> str:
        """Subject and body, as copied to the clipboard or saved to a file."""
        return f"Subject: {self.email.subject}\n\n{self.body}\n"
