"""The setup screen's data: applications to choose from and the remembered choices."""

from __future__ import annotations

from pathlib import Path

from interview_tui.services.interview import SessionSetup
from interview_tui.services.preferences import set_preference
from interview_tui.services.profiles import save_application
from interview_tui.services.session_machine import DEFAULT_QUESTIONS, MAX_QUESTIONS
from interview_tui.services.setup_choices import (
    JD_PREVIEW_CHARS,
    PREF_APPLICATION,
    PREF_PERSONA,
    PREF_QUESTIONS,
    PREF_STAGE,
    Choices,
    load_choices,
    load_setup_data,
    save_choices,
)
from interview_tui.store.models import JobApplication


def test_nothing_remembered_gives_the_defaults(db_path: Path) -> None:
    assert load_choices() == Choices()
    assert Choices().question_count == DEFAULT_QUESTIONS


def test_saved_choices_come_back(db_path: Path) -> None:
    save_choices(SessionSetup(application_id=7, stage="technical", difficulty="hard",
                              persona="challenging", question_count=3, hide_scores=True))
    assert load_choices() == Choices(application_id=7, stage="technical", difficulty="hard",
                                     persona="challenging", question_count=3, hide_scores=True)


def test_stale_or_broken_values_fall_back(db_path: Path) -> None:
    set_preference(PREF_APPLICATION, "not a number")
    set_preference(PREF_STAGE, "board_interview")
    set_preference(PREF_PERSONA, "")
    set_preference(PREF_QUESTIONS, "99")
    choices = load_choices()
    assert choices.application_id is None
    assert choices.stage == Choices.stage
    assert choices.persona == Choices.persona
    assert choices.question_count == MAX_QUESTIONS
    set_preference(PREF_QUESTIONS, "many")
    assert load_choices().question_count == DEFAULT_QUESTIONS


def test_setup_data_lists_the_demo_first(demo_application: JobApplication) -> None:
    save_application(demo_application.candidate, company="Acme", role="Engineer",
                     job_description="x" * (JD_PREVIEW_CHARS + 50))
    data = load_setup_data()
    assert [row.company for row in data.applications] == [demo_application.company, "Acme"]
    assert data.applications[0].is_demo
    assert len(data.applications[1].job_description) == JD_PREVIEW_CHARS
    assert data.first_run
    assert not data.has_own_profile
