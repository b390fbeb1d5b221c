"""The product's vocabulary: stages, difficulties, personas, competencies, levels, and
the labels the screens show for them. Plain data; the session machine and every
feature read it from here."""

from __future__ import annotations

STAGES: dict[str, str] = {
    "recruiter_screen": "Recruiter screen",
    "hiring_manager": "Hiring manager",
    "technical": "Technical",
}
# Where a column is narrow.
SHORT_STAGES: dict[str, str] = {"recruiter_screen": "Recruiter", "hiring_manager": "Hiring mgr"}
# The kinds of question the offline coach judges by its own rubric (coach/rubrics.py).
KINDS: dict[str, str] = {
    "behavioural": "Behavioural (one past occasion)",
    "technical": "Technical or system design",
    "motivation": "Motivation and why here",
    "weakness": "Weakness or failure",
    "overview": "Role overview or tell me about yourself",
    "logistics": "Logistics (notice, salary, location)",
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

# What a session is: a full mock interview, a drill on one focus, or one question again.
SESSION_MODES: dict[str, str] = {
    "interview": "Mock interview",
    "drill": "Drill",
    "redo": "Redo",
}
# Drill categories: each is a stage and the competencies of that stage it rotates through
# (the offline bank is organised by stage and competency).
DRILL_CATEGORIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "behavioural": (
        "Behavioural",
        "hiring_manager",
        ("leadership", "stakeholder_management", "ambiguity_tolerance"),
    ),
    "technical": (
        "Technical",
        "technical",
        ("system_design", "debugging", "coding_practices", "architecture_tradeoffs"),
    ),
    "situational": (
        "Situational",
        "hiring_manager",
        ("problem_solving", "ambiguity_tolerance", "technical_depth"),
    ),
    "company_specific": ("Company-specific", "recruiter_screen", ("motivation", "culture_fit")),
}


def stage_of(competency: str) -> str | None:
    """The stage whose rotation holds ``competency`` (the first one, if several do)."""
    return next((s for s, pool in COMPETENCIES.items() if competency in pool), None)


def drill_plan(focus: str) -> tuple[str, tuple[str, ...]]:
    """(stage, competencies) a drill on ``focus`` (a category or a competency) asks about."""
    if focus in DRILL_CATEGORIES:
        _, category_stage, pool = DRILL_CATEGORIES[focus]
        return category_stage, pool
    stage = stage_of(focus)
    if stage is None:
        known = [*DRILL_CATEGORIES, *(c for pool in COMPETENCIES.values() for c in pool)]
        raise ValueError(f"Unknown drill focus {focus!r}; choose one of {', '.join(known)}.")
    return stage, (focus,)


def focus_label(focus: str) -> str:
    """A drill focus as the screens show it."""
    if focus in DRILL_CATEGORIES:
        return DRILL_CATEGORIES[focus][0]
    return competency_label(focus)
