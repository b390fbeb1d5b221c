"""The four prep documents as pydantic models.

Each kind has two models: the *draft* a coach writes (the task's output schema, nothing
the coach cannot know), and the stored document, which adds what the prep service
knows for certain: the date it was written, whether the offline coach wrote it, what
input was missing, the sections the user edited, and the claims grounding flagged.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Written(BaseModel):
    """What the prep service adds to every draft before it becomes a version."""

    written_on: str = ""  # ISO date the coach wrote it
    offline: bool = False  # written by the offline coach
    missing: list[str] = Field(default_factory=list)  # e.g. "no resume"
    edited_sections: dict[str, str] = Field(default_factory=dict)  # section -> Markdown
    ungrounded: dict[str, list[str]] = Field(default_factory=dict)  # section -> claims
    job_description: str = ""  # a copy, for the base prep's marked JD


# ----- pieces -------------------------------------------------------------------------


class TalkingPoint(BaseModel):
    point: str = Field(description="What to say, in one sentence")
    achievement: str = Field(description="The real resume achievement it rests on, quoted")


class RedFlag(BaseModel):
    flag: str = Field(description="A concern the recruiter may have: a gap, job hopping, overqualification")
    mitigation: str = Field(description="How to address it honestly")


class QuestionToAsk(BaseModel):
    question: str
    reason: str = Field(description="Why this question is worth asking")


class Strength(BaseModel):
    strength: str
    requirement: str = Field(description="The job requirement it answers")
    evidence: str = Field(description="The resume line that shows it")


class Gap(BaseModel):
    gap: str
    workaround: str = Field(description="A credible way to address the gap")


class StarExample(BaseModel):
    competency: str
    situation: str
    task: str
    action: str
    result: str


class StarAnswer(BaseModel):
    situation: str
    task: str
    action: str
    result: str


class ScreeningSignal(BaseModel):
    signal: str = Field(description="A phrase copied exactly from the job description")
    why: str = Field(description="Why a screener looks for it")


class CallbackDriver(BaseModel):
    driver: str
    evidence: str = Field(description="The resume line behind it")


class Narrative(BaseModel):
    opening: str
    core: str
    forward_hook: str


class CompanyBrief(BaseModel):
    overview: str
    products: str
    culture_values: str
    interview_process: str
    talking_points: list[str]
    questions: list[str]
    to_research: list[str] = Field(description="What the candidate should verify or look up")


class Roadmap(BaseModel):
    foundation_review: list[str]
    active_practice: list[str]
    polish_integration: list[str]
    final_confidence_check: list[str]


class PredictedQuestion(BaseModel):
    question: str
    why: str = Field(description="Why this question is likely in this round")
    answer: StarAnswer


class InterviewerQuestion(BaseModel):
    question: str
    rationale: str


class ResumeDefense(BaseModel):
    bullet: str = Field(description="The resume line, quoted")
    risk: str = Field(description="What the interviewer may probe or doubt")
    defense: str


class DeepDive(BaseModel):
    topic: str
    review: list[str] = Field(description="What to review before the interview")
    likely_probe: str


# ----- the drafts (task outputs) ----------------------------------------------------------


class RecruiterPrepDraft(BaseModel):
    overview: str = Field(description="2-3 sentences on what the recruiter wants to learn")
    talking_points: list[TalkingPoint] = Field(description="4-6, each tied to a resume achievement")
    red_flags: list[RedFlag] = Field(description="2-3 flags with mitigations")
    likely_questions: list[str] = Field(description="5-7 likely questions")
    questions_to_ask: list[QuestionToAsk] = Field(description="3-4 questions with reasons")
    compensation_strategy: str
    timeline_strategy: str


class HiringManagerPrepDraft(BaseModel):
    overview: str
    strengths: list[Strength] = Field(description="3-4 strengths tied to the job's requirements")
    gaps: list[Gap] = Field(description="2-3 gaps with credible workarounds")
    star_examples: list[StarExample] = Field(description="3-4, drawn only from the resume")
    likely_questions: list[str] = Field(description="5-7 likely questions")
    questions_to_ask: list[QuestionToAsk] = Field(description="4-5 questions with reasons")
    closing_strategy: str


class BasePrepDraft(BaseModel):
    screening_signals: list[ScreeningSignal] = Field(description="4-8 key screening signals")
    callback_drivers: list[CallbackDriver] = Field(description="1-3 primary callback drivers")
    narrative: Narrative
    company_brief: CompanyBrief


class InterviewPrepDraft(BaseModel):
    targets: list[str] = Field(
        description="The weak spots this prep targets (from mock sessions and earlier rounds)"
    )
    roadmap: Roadmap
    predicted_questions: list[PredictedQuestion] = Field(description="3-5, with STAR answers")
    questions_for_interviewer: list[InterviewerQuestion] = Field(description="Exactly 5")
    resume_defense: list[ResumeDefense] = Field(description="The high-risk resume bullets")
    technical_deep_dives: list[DeepDive] = Field(
        description="Only for a technical stage; empty otherwise"
    )


# ----- the stored documents ---------------------------------------------------------------


class RecruiterPrep(RecruiterPrepDraft, Written):
    pass


class HiringManagerPrep(HiringManagerPrepDraft, Written):
    pass


class BasePrep(BasePrepDraft, Written):
    pass


class InterviewPrep(InterviewPrepDraft, Written):
    pass
