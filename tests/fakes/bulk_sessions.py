"""Many realistic mock sessions, written fast: the one bulk generator for the benchmarks
(bench/scale.py, bench/progress_scale.py, bench/export_scale.py) and the tests.

Each session asks questions from the shipped bank, rotating through its stage's
competencies (a drill stays on one). A question has a main answer (a specific one when it
scores 6 or more, a vague one otherwise) and, below 6 outside drills, a follow-up and
its answer; every answer has its analysis, every finished question its feedback with a
revised answer, every completed session its summary, score and readiness. About one
session in ten is a drill, one in 33 a one-question redo, one in 16 abandoned after two
questions and one in 16 unfinished with its third question waiting for an answer.
Scores drift upwards over time, as practice does. Everything is deterministic in the
session's index; rows go in with bulk inserts in one transaction (10,000 sessions in a
few seconds), after whatever the database already holds.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from interview_tui.clock import now
from interview_tui.services.catalog import COMPETENCIES
from interview_tui.services.coach.question_bank import questions_for
from interview_tui.services.profiles import ensure_demo_profile
from interview_tui.services.session_machine import readiness, session_score
from interview_tui.store import close_database, database, open_database
from tests.fakes.answers import FOLLOW_UP, STRONG, VAGUE

STAGES = tuple(COMPETENCIES)
DIFFICULTIES = ("easy", "medium", "hard")
PROBE = "What did you do, exactly?"
SUMMARY = json.dumps({
    "assessment": "Solid specifics on delivery; ownership and results need sharper numbers.",
    "strengths": ["Concrete migration story with before and after latency"],
    "areas_to_improve": ["Say what you did, not what the team did", "Close with a result"],
    "coaching_priorities": ["Lead with the outcome"],
    "next_steps": ["Redo question 2 with one number for the result"],
})
_STRENGTHS = json.dumps(["Specific numbers"])
_GAPS = json.dumps(["Your own part"])
_PROBES = json.dumps([PROBE])
_LANDED = json.dumps(["Latency from 900 ms to 180 ms"])
_MISSED = json.dumps(["Whose decision?"])
_COACHING = json.dumps(["Name the decision you made"])


def _score(i: int, q: int, count: int) -> int:
    """A deterministic score that improves from about 4-7 to 6-9 across the sessions."""
    base = 4 + (3 * i) // max(count, 1)
    return max(1, min(10, base + (i * 7 + q * 3) % 4))


def _next_ids(*tables: str) -> list[int]:
    conn = database.connection()
    return [conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {t}").fetchone()[0] + 1
            for t in tables]


def populate_sessions(count: int, *, application_id: int | None = None) -> int:
    """Add ``count`` sessions with all their rows to the open database; returns the
    application they belong to (the demo one unless ``application_id`` is given)."""
    app_id = application_id or ensure_demo_profile().id
    start = now() - timedelta(minutes=30 * count)
    sid0, qid, rid = _next_ids("mock_session", "question", "response")
    bank = {(s, c): questions_for(s, c) for s in STAGES for c in COMPETENCIES[s]}
    sessions, questions, responses, analyses, feedback = [], [], [], [], []
    for i in range(count):
        sid, stage, difficulty = sid0 + i, STAGES[i % 3], DIFFICULTIES[(i // 3) % 3]
        mode = "drill" if i % 10 == 4 else "redo" if i % 33 == 7 else "interview"
        state = "abandoned" if i % 16 == 5 else "awaiting_answer" if i % 16 == 11 else "completed"
        total = 1 if mode == "redo" else 5
        asked = {"abandoned": min(2, total), "awaiting_answer": min(3, total)}.get(state, total)
        at = start + timedelta(minutes=30 * i)
        pool = COMPETENCIES[stage]
        scores = []
        for number in range(1, asked + 1):
            competency = pool[0] if mode == "drill" else pool[(number - 1 + i) % len(pool)]
            texts = bank[(stage, competency)]
            q = texts[(i + number) % len(texts)]
            asked_at = at + timedelta(minutes=4 * number)
            questions.append((qid, sid, number, q.text, competency, difficulty, q.guidance,
                              asked_at))
            waiting = state == "awaiting_answer" and number == asked
            if not waiting:
                score = _score(i, number, count)
                scores.append(score)
                follow = score < 6 and mode != "drill"
                main = STRONG if score >= 6 else VAGUE
                answers = [(q.text, main, 60.0 + (i + number) % 120, score)]
                if follow:
                    answers.append((PROBE, FOLLOW_UP, 30.0 + (i + number) % 40,
                                    min(10, score + 2)))
                for rnum, (prompt, text, seconds, mark) in enumerate(answers, start=1):
                    responses.append((rid, qid, rnum, prompt, text, asked_at, seconds))
                    analyses.append((rid, mark, "L5A", _STRENGTHS, _GAPS, _PROBES,
                                     "Good detail; say what you did.",
                                     PROBE if follow and rnum == 1 else None, asked_at))
                    rid += 1
                feedback.append((qid, score, "L5A",
                                 "Clear situation and result; the action was the team's, "
                                 "not yours.", _LANDED, _MISSED, _COACHING, STRONG, "[]",
                                 asked_at + timedelta(minutes=3)))
            qid += 1
        overall = session_score(scores) if state == "completed" else None
        sessions.append((
            sid, app_id, stage, difficulty, "neutral", total, "L5A", 0, state, "offline", at,
            at + timedelta(minutes=25) if overall is not None else None, overall,
            readiness(overall) if overall is not None else None,
            SUMMARY if overall is not None else None, mode,
            pool[0] if mode == "drill" else None, 0,
        ))
    conn = database.connection()
    with database.atomic():
        conn.executemany(
            "INSERT INTO mock_session (id, application_id, stage, difficulty, persona, "
            "question_count, target_level, hide_scores, state, backend, started_at, completed_at, "
            "overall_score, readiness, session_feedback, mode, focus, adaptive) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", sessions)
        conn.executemany(
            "INSERT INTO question (id, session_id, number, text, competency, difficulty, guidance, "
            "asked_at) VALUES (?,?,?,?,?,?,?,?)", questions)
        conn.executemany(
            "INSERT INTO response (id, question_id, number, prompt, text, submitted_at, "
            "seconds_spent) VALUES (?,?,?,?,?,?,?)", responses)
        conn.executemany(
            "INSERT INTO analysis (response_id, score, level, strengths, gaps, "
            "follow_up_questions, brief_feedback, asked_follow_up, created_at) "
            "VALUES (?,?,?,?,?,?,?,?,?)", analyses)
        conn.executemany(
            "INSERT INTO question_feedback (question_id, score, level, assessment, what_landed, "
            "what_didnt, coaching, revised_answer, ungrounded, created_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)", feedback)
    return app_id


def make_data_dir(path: Path, count: int) -> Path:
    """A data directory at ``path`` whose database holds ``count`` sessions; the database
    is closed again afterwards."""
    open_database(path / "interview.db")
    try:
        populate_sessions(count)
    finally:
        close_database()
    return path
