"""Small formatting rules shared by the screens (labels, scores, dates)."""

from __future__ import annotations

from datetime import UTC, datetime

from interview_tui.services.catalog import DIFFICULTIES, PERSONAS, STAGES

COMPETENCY_LABELS = {
    "culture_fit": "Culture fit",
    "technical_basics": "Technical basics",
    "problem_solving": "Problem solving",
    "ambiguity_tolerance": "Ambiguity tolerance",
    "stakeholder_management": "Stakeholder management",
    "technical_depth": "Technical depth",
    "system_design": "System design",
    "coding_practices": "Coding practices",
    "architecture_tradeoffs": "Architecture trade-offs",
    "technical_communication": "Technical communication",
}


# Rich colours for the names ``score_style`` gives (the app.tcss classes, for Rich text).
SCORE_COLORS = {"score-good": "green", "score-mid": "yellow", "score-low": "red", "muted": "dim"}


def stage_label(stage: str) -> str:
    return STAGES.get(stage, stage)


def difficulty_label(difficulty: str) -> str:
    return DIFFICULTIES.get(difficulty, difficulty)


def persona_label(persona: str) -> str:
    return PERSONAS.get(persona, persona)


def competency_label(competency: str) -> str:
    return COMPETENCY_LABELS.get(competency, competency.replace("_", " ").capitalize())


def score_style(score: float | None) -> str:
    """A CSS class / Rich style name for a 1-10 score (see app.tcss)."""
    if score is None:
        return "muted"
    if score >= 8:
        return "score-good"
    return "score-mid" if score >= 6 else "score-low"


def score_markup(score: float | None, *, hidden: bool = False) -> str:
    """Rich markup for a score, e.g. '[green]7.5[/]/10'; '—' when hidden or missing."""
    if hidden:
        return "[dim]hidden[/]"
    if score is None:
        return "[dim]—[/]"
    color = SCORE_COLORS[score_style(score)]
    # Session scores are means (floats, one decimal); question scores are whole numbers.
    text = f"{score:.1f}" if isinstance(score, float) else str(score)
    return f"[b {color}]{text}[/]/10"


def local_time(value: datetime | None) -> str:
    """A stored naive-UTC time shown in the user's local zone."""
    if value is None:
        return "—"
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
