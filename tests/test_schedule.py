"""Scheduled interviews: add, edit, list in date order, delete; bad input refused clearly."""

from __future__ import annotations

from datetime import datetime

import pytest

from interview_tui.services.schedule import (
    ScheduleError,
    delete_interview,
    get_interview,
    list_interviews,
    parse_when,
    save_interview,
)
from interview_tui.store.models import Document, Interview


def test_add_edit_list_delete(demo_application):
    app_id = demo_application.id
    late = save_interview(app_id, {"stage": "technical", "when": "2026-12-10 09:30",
                                   "format": "On site", "interviewer_name": "Priya Shah"})
    early = save_interview(app_id, {"stage": "Recruiter screen", "when": "2026-12-03"})
    undated = save_interview(app_id, {"stage": "hiring manager"})
    assert [i.id for i in list_interviews(app_id)] == [early.id, late.id, undated.id]
    assert late.format == "onsite" and late.scheduled_at == datetime(2026, 12, 10, 9, 30)
    assert early.stage == "recruiter_screen" and undated.stage == "hiring_manager"
    assert "Technical" in late.title and "with Priya Shah" in late.title
    assert early.as_form()["when"] == "2026-12-03"

    edited = save_interview(app_id, {**late.as_form(), "notes": "Asked about consumer lag."},
                            late.id)
    assert edited.id == late.id and get_interview(late.id).notes == "Asked about consumer lag."
    assert edited.interviewer_name == "Priya Shah"

    assert delete_interview(undated.id) is True
    assert delete_interview(undated.id) is False
    assert Interview.select().count() == 2


@pytest.mark.parametrize(
    ("values", "starts"),
    [
        ({"stage": "technical", "when": "next tuesday"}, "Date 'next tuesday' is not a date"),
        ({"stage": "technical", "when": "2026-13-40"}, "Date '2026-13-40'"),
        ({"stage": "onsite loop"}, "Stage 'onsite loop' is not one I know"),
        ({"stage": ""}, "Stage is required"),
        ({"stage": "technical", "format": "carrier pigeon"}, "Format 'carrier pigeon'"),
        ({"stage": "technical", "interviewer_name": "x" * 500}, "Interviewer is 500 characters"),
    ],
)
def test_bad_input_is_refused_with_the_field_named_first(demo_application, values, starts):
    with pytest.raises(ScheduleError) as err:
        save_interview(demo_application.id, values)
    assert str(err.value).startswith(starts)
    assert Interview.select().count() == 0


def test_unknown_application_and_interview(demo_application):
    with pytest.raises(ScheduleError, match="application no longer exists"):
        save_interview(demo_application.id + 99, {"stage": "technical"})
    with pytest.raises(ScheduleError, match="interview no longer exists"):
        save_interview(demo_application.id, {"stage": "technical"}, 12345)


def test_parse_when_accepts_the_usual_forms():
    assert parse_when("  ") is None
    assert parse_when("2026-12-03T14:30") == datetime(2026, 12, 3, 14, 30)
    assert parse_when("2026-12-03   14:30") == datetime(2026, 12, 3, 14, 30)


def test_deleting_an_interview_deletes_its_prep(demo_application):
    interview = save_interview(demo_application.id, {"stage": "technical"})
    Document.create(kind="interview_prep", application=demo_application.id,
                    interview=interview.id, version=1, payload={}, author="offline")
    delete_interview(interview.id)
    assert Document.select().count() == 0
