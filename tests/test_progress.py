"""The progress figures on known data: every number checked exactly."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from interview_tui.clock import freeze
from interview_tui.services.progress import (
    ProgressFilter,
    build_report,
    glance,
    score_trend,
)
from interview_tui.store.models import Interview, JobApplication
from tests.fakes.progress_data import Scored, add_scored_session

T0 = datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def known(demo_application: JobApplication) -> tuple[int, int]:
    """Four sessions over two applications (see the expected figures in each test)."""
    app1 = demo_application
    app2 = JobApplication.create(candidate=app1.candidate_id, company="Acme", role="SRE")
    add_scored_session(app1, T0, [Scored("communication", 5, 60), Scored("motivation", 6, 90, 30)])
    add_scored_session(app1, T0 + timedelta(days=1), [Scored("system_design", 8, 120),
                                                        Scored("debugging", 4, None)],
                       stage="technical")
    add_scored_session(app2, T0 + timedelta(days=2), [Scored("communication", 9, 45),
                                                        Scored("communication", 7, 75)],
                       mode="drill", focus="communication")
    # Abandoned: no session score, but its question's feedback counts.
    add_scored_session(app1, T0 + timedelta(days=3), [Scored("communication", 3, 30)],
                       state="abandoned")
    return app1.id, app2.id


def test_the_whole_report_on_known_data(known: tuple[int, int]) -> None:
    r = build_report(ProgressFilter())
    assert r.sessions == 3
    assert r.by_mode == {"interview": 2, "drill": 1}
    assert (r.first_score, r.latest_score, r.improvement) == (5.5, 8.0, 2.5)
    assert r.mean_score == 6.5
    assert [(p.sessions, p.mean, p.readiness) for p in r.trend] == [
        (1, 5.5, "Needs Practice"), (1, 6.0, "Almost Ready"), (1, 8.0, "Ready")]
    assert r.readiness_counts == (1, 1, 1)
    assert [(c.competency, c.questions, c.mean, c.best, c.worst) for c in r.competencies] == [
        ("system_design", 1, 8.0, 8, 8),
        ("communication", 4, 6.0, 9, 3),  # ties with motivation: more questions first
        ("motivation", 1, 6.0, 6, 6),
        ("debugging", 1, 4.0, 4, 4),
    ]
    assert r.strongest is not None and r.strongest.competency == "system_design"
    assert r.weakest is not None and r.weakest.competency == "debugging"
    assert r.questions == 7
    # 60, 90+30, 120, 45, 75, 30 (the debugging answer has no time): 450 / 6.
    assert (r.avg_seconds, r.timed_questions) == (75.0, 6)


def test_filter_by_application(known: tuple[int, int]) -> None:
    app1, app2 = known
    r = build_report(ProgressFilter(application_id=app1))
    assert (r.sessions, r.first_score, r.latest_score, r.improvement) == (2, 5.5, 6.0, 0.5)
    comm = next(c for c in r.competencies if c.competency == "communication")
    assert (comm.questions, comm.mean) == (2, 4.0)  # 5 and the abandoned session's 3
    other = build_report(ProgressFilter(application_id=app2))
    assert (other.sessions, other.first_score, other.improvement) == (1, 8.0, 0.0)
    assert other.weakest is None  # one competency: nothing to compare


def test_filter_by_stage(known: tuple[int, int]) -> None:
    r = build_report(ProgressFilter(stage="recruiter_screen"))
    assert (r.sessions, r.first_score, r.latest_score) == (2, 5.5, 8.0)
    assert [(c.competency, c.mean) for c in r.competencies] == [
        ("communication", 6.0), ("motivation", 6.0)]
    tech = build_report(ProgressFilter(stage="technical"))
    assert (tech.sessions, tech.mean_score, tech.avg_seconds) == (1, 6.0, 120.0)


def test_the_chart_buckets_runs_of_sessions_in_sql(known: tuple[int, int]) -> None:
    # Three sessions in two buckets: (rn - 1) * 2 // 3 puts the first two together.
    points = score_trend(ProgressFilter(), points=2)
    assert [(p.sessions, p.mean, p.ready, p.almost, p.needs) for p in points] == [
        (2, 5.75, 0, 1, 1), (1, 8.0, 1, 0, 0)]
    assert points[0].first_at == T0 and points[0].last_at == T0 + timedelta(days=1)


def test_an_empty_database_has_no_figures(demo_application: JobApplication) -> None:
    r = build_report(ProgressFilter())
    assert (r.sessions, r.first_score, r.improvement, r.mean_score) == (0, None, None, None)
    assert r.trend == [] and r.competencies == [] and r.plan == []
    assert (r.avg_seconds, r.timed_questions) == (None, 0)


def test_the_practice_plan_starts_from_the_weakest(known: tuple[int, int]) -> None:
    plan = build_report(ProgressFilter()).plan
    assert [(i.competency, i.stage, i.difficulty) for i in plan] == [
        ("debugging", "technical", "easy"),
        ("motivation", "recruiter_screen", "medium"),
        ("communication", "recruiter_screen", "medium"),
    ]
    first = plan[0]
    assert first.why.startswith("Debugging averages 4.0 over 1 question (your weakest")
    assert first.redo is not None and first.redo.score == 4
    assert first.redo.text == "Question 2 on debugging?"
    assert len(first.questions) == 2 and all(q.endswith("?") or q for q in first.questions)
    assert plan[2].redo is not None and plan[2].redo.score == 3  # the lowest of four


def test_competencies_at_ready_get_no_plan(demo_application: JobApplication) -> None:
    add_scored_session(demo_application, T0, [Scored("communication", 9), Scored("motivation", 8)])
    assert build_report(ProgressFilter()).plan == []


def test_glance_has_the_weakest_area_and_the_next_interview(known: tuple[int, int]) -> None:
    app1, app2 = known
    freeze(T0 + timedelta(days=10))
    try:
        Interview.create(application=app1, stage="technical", scheduled_at=T0 + timedelta(days=9))
        Interview.create(application=app2, stage="hiring_manager",
                         scheduled_at=T0 + timedelta(days=14))
        Interview.create(application=app1, stage="technical", scheduled_at=T0 + timedelta(days=12))
        Interview.create(application=app1, stage="recruiter_screen", scheduled_at=None)
        g = glance()
    finally:
        freeze(None)
    assert g.weakest is not None and g.weakest.competency == "debugging"
    assert g.next_interview is not None
    assert (g.next_interview.scheduled_at, g.next_interview.stage) == (
        T0 + timedelta(days=12), "technical")


def test_glance_without_interviews(demo_application: JobApplication) -> None:
    g = glance()
    assert g.weakest is None and g.next_interview is None
