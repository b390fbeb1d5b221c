"""A data directory with many realistic sessions, written fast (bulk inserts, one
transaction): five questions each from the shipped bank, a main answer and sometimes a
follow-up with times, their analyses and feedback; interviews, drills and redos; about
one in eight unfinished or ended early. Scores drift upwards over time, as practice does.

Used by the scale Pilot test and bench/progress_scale.py.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from interview_tui.clock import now
from interview_tui.services.catalog import COMPETENCIES
from interview_tui.services.coach.question_bank import questions_for
from interview_tui.services.profiles import ensure_demo_profile
from interview_tui.services.session_machine import readiness, session_score
from interview_tui.store import close_database, database, open_database

STAGES = tuple(COMPETENCIES)
ANSWER = ("In my last role I owned the {c} work for our checkout service: I set up the plan, "
          "talked to the three teams involved and we shipped it in six weeks, cutting errors "
          "by {n}%. What I would do differently is involve support earlier.")


def _score(i: int, q: int, count: int) -> int:
    """A deterministic score that improves from about 4-7 to 6-9 across the sessions."""
    base = 4 + (3 * i) // max(count, 1)
    return max(1, min(10, base + (i * 7 + q * 3) % 4))


def populate(count: int) -> None:
    """Add ``count`` sessions (with every row a finished question has) to the open database."""
    app_id = ensure_demo_profile().id
    start = now() - timedelta(minutes=30 * count)
    conn = database.connection()
    sid0 = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM mock_session").fetchone()[0]) + 1
    qid0 = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM question").fetchone()[0]) + 1
    rid0 = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM response").fetchone()[0]) + 1
    bank = {(s, c): [q.text for q in questions_for(s, c)] for s in STAGES for c in COMPETENCIES[s]}
    sessions, questions, responses, analyses, feedback = [], [], [], [], []
    qid, rid = qid0, rid0
    for i in range(count):
        sid = sid0 + i
        stage = STAGES[i % 3]
        mode = "drill" if i % 10 == 4 else "redo" if i % 33 == 7 else "interview"
        state = "abandoned" if i % 16 == 5 else "awaiting_answer" if i % 16 == 11 else "completed"
        at = start + timedelta(minutes=30 * i)
        n_questions = 1 if mode == "redo" else 5
        pool = COMPETENCIES[stage]
        scores = []
        for number in range(1, n_questions + 1):
            competency = pool[0] if mode == "drill" else pool[(number - 1 + i) % len(pool)]
            texts = bank[(stage, competency)]
            score = _score(i, number, count)
            scores.append(score)
            questions.append((qid, sid, number, texts[(i + number) % len(texts)], competency,
                              "medium", "", at + timedelta(minutes=number)))
            answers = 2 if score < 6 and mode != "drill" else 1
            for rnum in range(1, answers + 1):
                text = ANSWER.format(c=competency.replace("_", " "), n=10 + (i + rnum) % 40)
                responses.append((rid, qid, rnum, "Tell me more.", text, at, 60.0 + (i + qid) % 120))
                analyses.append((rid, score, "L5A", "[]", "[]", "[]", "Solid; add a number.", at))
                rid += 1
            feedback.append((qid, score, "L5A", "Clear and specific.", "[]", "[]", "[]", "", "[]", at))
            qid += 1
        overall = session_score(scores) if state == "completed" else None
        sessions.append((sid, app_id, stage, "medium", "neutral", n_questions, "L5A", 0, state,
                         "offline", at, at + timedelta(minutes=25) if overall else None, overall,
                         readiness(overall) if overall is not None else None, None, mode,
                         pool[0] if mode == "drill" else None, 0))
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
            "follow_up_questions, brief_feedback, created_at) VALUES (?,?,?,?,?,?,?,?)", analyses)
        conn.executemany(
            "INSERT INTO question_feedback (question_id, score, level, assessment, what_landed, "
            "what_didnt, coaching, revised_answer, ungrounded, created_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)", feedback)


def make_data_dir(path: Path, count: int) -> Path:
    """A data directory at ``path`` whose database holds ``count`` sessions; the database
    is closed again afterwards."""
    open_database(path / "interview.db")
    try:
        populate(count)
    finally:
        close_database()
    return path
