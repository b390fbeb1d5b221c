"""What the setup screen offers and remembers: the job applications to choose from and
the options used last time, kept in preferences.

No UI here: the screen reaches these through ``SetupService`` on the workspace.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interview_tui.services.catalog import DIFFICULTIES, PERSONAS, STAGES
from interview_tui.services.db_runner import DbRunner
from interview_tui.services.preferences import get_preference, set_preference
from interview_tui.services.profiles import current_candidate, has_any_session, list_applications
from interview_tui.services.session_machine import DEFAULT_QUESTIONS, MAX_QUESTIONS, MIN_QUESTIONS
from interview_tui.services.session_setup import SessionSetup

JD_PREVIEW_CHARS = 1500

PREF_APPLICATION = "setup.application_id"
PREF_STAGE = "setup.stage"
PREF_DIFFICULTY = "setup.difficulty"
PREF_PERSONA = "setup.persona"
PREF_QUESTIONS = "setup.question_count"
PREF_HIDE_SCORES = "setup.hide_scores"


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    company: str
    role: str
    interviewer: str
    is_demo: bool
    candidate: str
    candidate_headline: str
    candidate_is_demo: bool
    job_description: str = ""  # the start of it, for the preview


@dataclass(frozen=True)
class Choices:
    """The last options used, as remembered in preferences."""

    application_id: int | None = None
    stage: str = "recruiter_screen"
    difficulty: str = "medium"
    persona: str = "neutral"
    question_count: int = DEFAULT_QUESTIONS
    hide_scores: bool = False


@dataclass(frozen=True)
class SetupData:
    applications: list[ApplicationRow] = field(default_factory=list)
    choices: Choices = Choices()
    first_run: bool = False
    has_own_profile: bool = False
    profile_id: int | None = None  # your own profile, when you have one
    profile_name: str = ""


def _pick(value: str | None, allowed: dict[str, str], default: str) -> str:
    return value if value in allowed else default


def load_choices() -> Choices:
    """The remembered choices; anything missing or stale falls back to the default."""
    try:
        count = int(get_preference(PREF_QUESTIONS) or DEFAULT_QUESTIONS)
    except ValueError:
        count = DEFAULT_QUESTIONS
    try:
        application_id: int | None = int(get_preference(PREF_APPLICATION) or "")
    except ValueError:
        application_id = None
    return Choices(
        application_id=application_id,
        stage=_pick(get_preference(PREF_STAGE), STAGES, Choices.stage),
        difficulty=_pick(get_preference(PREF_DIFFICULTY), DIFFICULTIES, Choices.difficulty),
        persona=_pick(get_preference(PREF_PERSONA), PERSONAS, Choices.persona),
        question_count=min(max(count, MIN_QUESTIONS), MAX_QUESTIONS),
        hide_scores=get_preference(PREF_HIDE_SCORES) == "1",
    )


def save_choices(setup: SessionSetup) -> None:
    """Remember ``setup``'s options for the next time the setup screen opens."""
    set_preference(PREF_APPLICATION, str(setup.application_id))
    set_preference(PREF_STAGE, setup.stage)
    set_preference(PREF_DIFFICULTY, setup.difficulty)
    set_preference(PREF_PERSONA, setup.persona)
    set_preference(PREF_QUESTIONS, str(setup.question_count))
    set_preference(PREF_HIDE_SCORES, "1" if setup.hide_scores else "0")


def load_setup_data() -> SetupData:
    """Everything the setup screen shows, read in one go (call from a worker thread)."""
    rows = [
        ApplicationRow(
            id=a.id,
            company=a.company,
            role=a.role,
            interviewer=a.interviewer_name,
            is_demo=a.is_demo,
            candidate=a.candidate.name,
            candidate_headline=a.candidate.headline,
            candidate_is_demo=a.candidate.is_demo,
            job_description=a.job_description[:JD_PREVIEW_CHARS],
        )
        for a in list_applications()
    ]
    # Demo first: on a first run it is the obvious choice, later it stays easy to find.
    rows.sort(key=lambda row: not row.is_demo)
    profile = current_candidate()
    own = profile is not None and not profile.is_demo
    return SetupData(
        applications=rows,
        choices=load_choices(),
        first_run=not has_any_session(),
        has_own_profile=own,
        profile_id=profile.id if own and profile else None,
        profile_name=profile.name if own and profile else "",
    )


class SetupService:
    def __init__(self, runner: DbRunner) -> None:
        self._runner = runner

    async def load(self) -> SetupData:
        return await self._runner.run(load_setup_data)

    async def remember(self, setup: SessionSetup) -> None:
        await self._runner.run(save_choices, setup)
