"""The product's vocabulary: stages, difficulties, personas, competencies, levels, and
the labels the screens show for them. Plain data; the session machine and every
feature read it from here."""

from __future__ import annotations

STAGES: dict[str, str] = {
    "recruiter_screen": "Recruiter screen",
    "hiring_manager": "Hiring manager",
    "technical": "Technical",
}
DIFFICULTIES: dict[str, str] = {"easy": "Easy", "medium": "Medium", "hard": "Hard"}
PERSONAS: dict[str, str] = {
    "friendly": "Friendly",
    "neutral": "Neutral",
    "challenging": "Challenging",
}
# Competencies rotate per stage, one per main question (see session_machine.competency_for).
COMPETENCIES: dict[str, tuple[str, ...]] = {
    "recruiter_screen": (
        "communication",
        "motivation",
        "culture_fit",
        "technical_basics",
        "availability",
    ),
    "hiring_manager": (
        "leadership",
        "problem_solving",
        "ambiguity_tolerance",
        "stakeholder_management",
        "technical_depth",
    ),
    "technical": (
        "system_design",
        "debugging",
        "coding_practices",
        "architecture_tradeoffs",
        "technical_communication",
    ),
}
# What each seniority level means, for the screens and help.
LEVELS: dict[str, str] = {
    "L4": "solid individual contributor: owns well-scoped work end to end with some guidance",
    "L5A": "senior: owns ambiguous projects, influences peers, makes and explains trade-offs",
    "L5B": "strong senior: leads cross-team work, sets direction, shows measurable business "
    "impact and grows others",
}
INTERVIEW_FORMATS: dict[str, str] = {
    "video": "Video call",
    "phone": "Phone",
    "onsite": "On site",
    "take_home": "Take-home",
}


def competency_label(competency: str) -> str:
    """``ambiguity_tolerance`` -> ``Ambiguity tolerance``."""
    return competency.replace("_", " ").capitalize()


def stage_label(stage: str) -> str:
    return STAGES.get(stage, stage.replace("_", " ").capitalize())

# The types of a generated practice set, the stage its questions serve, and the question
# kind (coach.question_kinds) each is judged as when the text does not say otherwise.
PRACTICE_TYPES: dict[str, str] = {
    "behavioural": "Behavioural",
    "technical": "Technical",
    "company_specific": "Company-specific",
    "situational": "Situational",
}
PRACTICE_STAGES: dict[str, str] = {
    "behavioural": "hiring_manager",
    "technical": "technical",
    "company_specific": "recruiter_screen",
    "situational": "hiring_manager",
}
# Where a question in the bank came from.
QUESTION_SOURCES: dict[str, str] = {
    "shipped": "Shipped",
    "added": "Yours",
    "imported": "Imported",
    "generated": "Practice set",
}
