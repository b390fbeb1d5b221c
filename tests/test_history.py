"""The history service: listing, filters, search, delete and the score trend.

The helpers at the top write sessions straight into the database; the history screen's
tests reuse them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from interview_tui.services.history import (
    FINISHED,
    UNFINISHED,
    delete_session,
    how_far,
    list_sessions,
    score_trend,
    unfinished_sessions,
)
from interview_tui.services.session_machine import State, readiness
from interview_tui.services.session_view import load_session_view
from interview_tui.store.db import database
from interview_tui.store.models import (
    Analysis,
    AnswerDraft,
    CoachCall,
    JobApplication,
    MockSession,
    Question,
    QuestionFeedbackRow,
    Response,
)

T0 = datetime(2025, 3, 1, 9, 0)


def add_application(application: JobApplication, company: str, role: str) -> JobApplication:
    return JobApplication.create(candidate=application.candidate_id, company=company, role=role)


def add_session(
    application: JobApplication,
    *,
    started_at: datetime,
    score: float | None = None,
    state: str | None = None,
    stage: str = "hiring_manager",
    difficulty: str = "medium",
    persona: str = "neutral",
    questions: int = 0,
    question_count: int = 5,
    hide_scores: bool = False,
) -> MockSession:
    """A session row; completed with ``score`` unless ``state`` says otherwise."""
    state = state or ("completed" if score is not None else "awaiting_answer")
    session = MockSession.create(
        application=application,
        stage=stage,
        difficulty=difficulty,
        persona=persona,
        question_count=question_count,
        target_level="L5A",
        hide_scores=hide_scores,
        state=state,
        started_at=started_at,
        completed_at=started_at + timedelta(minutes=30) if state == "completed" else None,
        overall_score=score,
        readiness=readiness(score) if score is not None else None,
    )
    for n in range(1, questions + 1):
        Question.create(session=session, number=n, text=f"Question {n}?", competency="leadership",
                        difficulty=difficulty, asked_at=started_at)
    return session


def add_full_session(
    application: JobApplication,
    *,
    started_at: datetime = T0,
    tag: str = "S",
    questions: int = 2,
    finished: bool = True,
    hide_scores: bool = False,
) -> MockSession:
    """A session whose every question, answer, follow-up and feedback text is unique and
    searchable: ``{tag}`` + a part name. Two responses per question (answer + follow-up)."""
    session = add_session(
        application,
        started_at=started_at,
        score=7.5 if finished else None,
        state="completed" if finished else "question_review",
        question_count=questions if finished else questions + 1,
        hide_scores=hide_scores,
    )
    if finished:
        session.session_feedback = {
            "assessment": f"{tag} overall assessment",
            "strengths": [f"{tag} session strength"],
            "areas_to_improve": [f"{tag} area to improve"],
            "coaching_priorities": [f"{tag} coaching priority"],
            "next_steps": [f"{tag} next step"],
        }
        session.save()
    for n in range(1, questions + 1):
        q = Question.create(session=session, number=n, text=f"{tag} question {n} text?",
                            competency="leadership", difficulty="medium",
                            guidance=f"{tag} guidance {n}")
        follow_up = f"{tag} follow-up {n} prompt?"
        main = Response.create(question=q, number=1, prompt=q.text, text=f"{tag} answer {n} main",
                               submitted_at=started_at, seconds_spent=60.0)
        Analysis.create(response=main, score=6, level="L5A", strengths=[f"{tag} strength {n}"],
                        gaps=[f"{tag} gap {n}"], follow_up_questions=[follow_up],
                        brief_feedback=f"{tag} brief {n} main", asked_follow_up=follow_up)
        second = Response.create(question=q, number=2, prompt=follow_up,
                                 text=f"{tag} answer {n} follow-up", submitted_at=started_at,
                                 seconds_spent=40.0)
        Analysis.create(response=second, score=8, level="L5A", strengths=[], gaps=[],
                        follow_up_questions=[], brief_feedback=f"{tag} brief {n} follow-up")
        QuestionFeedbackRow.create(
            question=q, score=7, level="L5A", assessment=f"{tag} assessment {n}",
            what_landed=[f"{tag} landed {n}"], what_didnt=[f"{tag} didnt {n}"],
            coaching=[f"{tag} coaching {n}"], revised_answer=f"{tag} revised answer {n}",
        )
    AnswerDraft.create(session=session, question_number=questions, response_number=3,
                       text=f"{tag} draft")
    CoachCall.create(session=session, purpose="question", backend="offline", model="offline")
    return session


def _insert_many(model: type, rows: list[dict]) -> None:
    """Plain executemany: peewee's insert_many spends seconds building SQL for 50,000 rows."""
    columns = list(rows[0])
    names = ", ".join(model._meta.fields[c].column_name for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {model._meta.table_name} ({names}) VALUES ({marks})"
    fields = [model._meta.fields[c] for c in columns]
    database.connection().executemany(
        sql, [[f.db_value(row[c]) for f, c in zip(fields, columns, strict=True)] for row in rows]
    )


def seed_many(application: JobApplication, count: int, *, questions: int = 5) -> None:
    """``count`` sessions in bulk (every tenth unfinished), with ``questions`` each."""
    companies = [
        add_application(application, f"Company {i}", f"Role {i}").id for i in range(20)
    ]
    stages = ["recruiter_screen", "hiring_manager", "technical"]
    with database.atomic():
        rows = []
        for i in range(count):
            score = None if i % 10 == 0 else round(4 + (i % 60) / 10, 1)
            rows.append({
                "application": companies[i % len(companies)],
                "stage": stages[i % 3],
                "difficulty": "medium",
                "persona": "neutral",
                "question_count": questions,
                "target_level": "L5A",
                "hide_scores": False,
                "state": "completed" if score is not None else "awaiting_answer",
                "backend": "offline",
                "started_at": T0 + timedelta(minutes=i),
                "overall_score": score,
                "readiness": readiness(score) if score is not None else None,
            })
        _insert_many(MockSession, rows)
        ids = [s.id for s in MockSession.select(MockSession.id)]
        _insert_many(Question, [
            {"session": sid, "number": n, "text": f"Q{n}", "competency": "leadership",
             "difficulty": "medium", "guidance": "", "asked_at": T0}
            for sid in ids
            for n in range(1, questions + 1)
        ])


@pytest.fixture
def three_sessions(demo_application):
    acme = add_application(demo_application, "Acme Robotics", "Platform Engineer")
    globex = add_application(demo_application, "Globex", "Staff Engineer")
    old = add_session(acme, started_at=T0, score=5.0, stage="recruiter_screen", questions=5)
    mid = add_session(globex, started_at=T0 + timedelta(days=1), score=8.5, stage="technical",
                      difficulty="hard", questions=5)
    new = add_session(acme, started_at=T0 + timedelta(days=2), stage="technical", questions=2)
    return old, mid, new


def test_lists_newest_first_with_counts(three_sessions):
    old, mid, new = three_sessions
    rows = list_sessions()
    assert [r.id for r in rows] == [new.id, mid.id, old.id]
    first = rows[0]
    assert (first.company, first.role) == ("Acme Robotics", "Platform Engineer")
    assert first.questions_asked == 2 and first.question_count == 5
    assert not first.is_finished and first.state_label == "Unfinished"
    assert rows[1].overall_score == 8.5 and rows[1].readiness == "Ready"
    assert rows[1].is_finished and rows[1].stage_label == "Technical"


def test_filters_by_stage_and_status(three_sessions):
    old, mid, new = three_sessions
    assert [r.id for r in list_sessions(stage="technical")] == [new.id, mid.id]
    assert [r.id for r in list_sessions(state=UNFINISHED)] == [new.id]
    assert [r.id for r in unfinished_sessions()] == [new.id]
    assert [r.id for r in list_sessions(state=FINISHED)] == [mid.id, old.id]
    assert [r.id for r in list_sessions(state="completed", stage="recruiter_screen")] == [old.id]
    assert list_sessions(state=UNFINISHED, stage="recruiter_screen") == []


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("acme", ["new", "old"]),
        ("ACME platform", ["new", "old"]),  # every word must match some field
        ("globex", ["mid"]),
        ("staff", ["mid"]),
        ("recruiter screen", ["old"]),  # the stage's label, not only its stored value
        ("hiring", []),
        ("hard", ["mid"]),
        ("ready", ["mid"]),
        ("needs practice", ["old"]),
        ("unfinished", ["new"]),
        ("ended early", []),
        ("acme globex", []),
        ("100%", []),  # LIKE wildcards are taken literally
        ("   ", ["new", "mid", "old"]),
    ],
)
def test_search(three_sessions, search, expected):
    ids = {name: s.id for name, s in zip(("old", "mid", "new"), three_sessions, strict=True)}
    rows = list_sessions(search=search)
    assert [r.id for r in rows] == [ids[name] for name in expected]
    # The in-memory rule agrees with the query.
    assert all(r.matches(search) for r in rows)


def test_search_combines_with_filters(three_sessions):
    old, _, new = three_sessions
    assert [r.id for r in list_sessions(search="acme", state=FINISHED)] == [old.id]
    assert [r.id for r in list_sessions(search="acme", stage="technical")] == [new.id]


def test_delete_cascades_to_every_row(demo_application):
    keep = add_full_session(demo_application, tag="K", started_at=T0)
    gone = add_full_session(demo_application, tag="G", started_at=T0 + timedelta(hours=1))
    before = {m: m.select().count() for m in (Question, Response, Analysis, QuestionFeedbackRow,
                                             AnswerDraft)}

    assert delete_session(gone.id) is True

    assert MockSession.get_or_none(MockSession.id == gone.id) is None
    for model, count in before.items():
        assert model.select().count() == count // 2, model.__name__
    assert Question.select().where(Question.session == gone.id).count() == 0
    # The coach-call log keeps its rows (for usage totals) but forgets the session.
    assert CoachCall.select().where(CoachCall.session.is_null()).count() == 1
    assert [r.id for r in list_sessions()] == [keep.id]
    assert load_session_view(keep.id).questions[1].exchanges[1].answer == "K answer 2 follow-up"
    assert delete_session(gone.id) is False


def test_score_trend_is_oldest_first_completed_only(three_sessions, demo_application):
    add_session(demo_application, started_at=T0 + timedelta(days=3), score=6.0)
    add_session(demo_application, started_at=T0 + timedelta(days=4), state="abandoned")
    rows = list_sessions()
    assert score_trend(rows) == [5.0, 8.5, 6.0]
    assert score_trend([]) == []


def test_ten_thousand_sessions_list_in_one_query(demo_application):
    seed_many(demo_application, 10_000)
    queries: list[str] = []
    original = database.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        queries.append(sql)
        return original(sql, params, *args, **kwargs)

    database.execute_sql = counting  # type: ignore[method-assign]
    try:
        rows = list_sessions()
        unfinished = list_sessions(state=UNFINISHED, search="company 1")
    finally:
        del database.execute_sql
    assert len(queries) == 2
    assert len(rows) == 10_000
    assert rows[0].started_at > rows[-1].started_at
    assert all(r.questions_asked == 5 for r in rows[:50])
    assert unfinished and all(not r.is_finished and "Company 1" in r.company for r in unfinished)
    assert len(score_trend(rows)) == 9_000


def test_overview_counts_without_loading_every_session(demo_application):
    from interview_tui.services.history import overview

    for day in range(5):
        add_session(demo_application, score=5.0 + day, started_at=T0 + timedelta(days=day))
    for day in range(4):
        add_session(demo_application, started_at=T0 + timedelta(days=10 + day))
    summary = overview()
    assert (summary.sessions, summary.completed) == (9, 5)
    assert summary.last_score == 9.0
    assert len(summary.unfinished) == 3
    assert summary.unfinished[0].started_at > summary.unfinished[-1].started_at


@pytest.mark.parametrize(
    ("state", "asked", "planned", "sentence", "short"),
    [
        ("created", 0, 5, "question 1 of 5 next", "Q1 of 5"),
        ("asking", 2, 5, "question 3 of 5 next", "Q3 of 5"),
        ("awaiting_answer", 2, 5, "on question 2 of 5, waiting for your answer", "Q2 of 5"),
        ("evaluating", 2, 2, "on question 2 of 2, your answer is waiting for feedback", "Q2 of 2"),
        ("question_review", 3, 5, "on question 3 of 5, its feedback is ready", "Q3 of 5"),
        ("question_review", 2, 2, "all 2 questions done, summary not written yet", "summary due"),
        ("summarizing", 2, 2, "all 2 questions done, summary not written yet", "summary due"),
        ("summarizing", 2, 5, "ended after question 2 of 5, summary not written yet",
         "summary due"),
    ],
)
def test_how_far_says_where_an_unfinished_session_stopped(
    state: str, asked: int, planned: int, sentence: str, short: str
) -> None:
    assert how_far(State(state), asked, planned) == sentence
    assert how_far(State(state), asked, planned, short=True) == short
    # Never the "2 of 2 questions answered" that reads as finished.
    assert "answered" not in sentence
