"""Many realistic mock sessions, inserted in bulk (for the export benchmark and tests).

Each session has five bank questions, a main answer to each (a follow-up and its answer
on every other question), an analysis per answer, feedback per question with a revised
answer, and a session summary; one session in five is left unfinished mid-question.
Everything is deterministic in the session's index. 10,000 sessions take ~20 s to make.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from interview_tui.clock import now
from interview_tui.services.catalog import COMPETENCIES
from interview_tui.services.coach.question_bank import BankQuestion, questions_for
from interview_tui.services.profiles import ensure_demo_profile
from interview_tui.store.db import database
from interview_tui.store.models import (
    Analysis,
    MockSession,
    Question,
    QuestionFeedbackRow,
    Response,
)
from tests.fakes.answers import FOLLOW_UP, STRONG, VAGUE

STAGES = ("recruiter_screen", "hiring_manager", "technical")
BATCH = 100  # sessions per round of inserts
_SUMMARY = {
    "assessment": "Solid specifics on delivery; ownership and results need sharper numbers.",
    "strengths": ["Concrete migration story with before and after latency"],
    "areas_to_improve": ["Say what you did, not what the team did", "Close with a result"],
    "coaching_priorities": ["Lead with the outcome"],
    "next_steps": ["Redo question 2 with one number for the result"],
}


def _readiness(score: float) -> str:
    return "Ready" if score >= 8 else "Almost Ready" if score >= 6 else "Needs Practice"


def populate_sessions(count: int, *, application_id: int | None = None) -> int:
    """Add ``count`` sessions with all their rows to the open database; returns the
    application they belong to (the demo one unless ``application_id`` is given)."""
    app_id = application_id or ensure_demo_profile().id
    start = now() - timedelta(hours=count)
    banks = {stage: questions_for(stage) for stage in STAGES}
    with database.atomic():
        for base in range(0, count, BATCH):
            _batch(app_id, start, banks, range(base, min(base + BATCH, count)))
    return app_id


def _batch(
    app_id: int, start: datetime, banks: dict[str, list[BankQuestion]], indexes: range
) -> None:
    sessions = []
    for i in indexes:
        done = i % 5 != 4
        score = round(4 + (i * 37 % 60) / 10, 1)
        sessions.append({
            "application": app_id, "stage": STAGES[i % 3],
            "difficulty": ("easy", "medium", "hard")[i % 3], "persona": "neutral",
            "question_count": 5, "target_level": "L5A", "backend": "offline",
            "state": "completed" if done else "awaiting_answer",
            "started_at": start + timedelta(hours=i),
            "completed_at": start + timedelta(hours=i, minutes=25) if done else None,
            "overall_score": score if done else None,
            "readiness": _readiness(score) if done else None,
            "session_feedback": _SUMMARY if done else None,
        })
    last = MockSession.insert_many(sessions).execute()
    session_ids = range(last - len(sessions) + 1, last + 1)  # SQLite returns the last rowid
    questions, waiting = [], []  # waiting: the unanswered question of an unfinished session
    for i, sid in zip(indexes, session_ids, strict=True):
        stage = STAGES[i % 3]
        asked = 5 if i % 5 != 4 else 3
        for n in range(1, asked + 1):
            waiting.append(asked == 3 and n == 3)
            q = banks[stage][(i * 7 + n * 3) % len(banks[stage])]
            questions.append({"session": sid, "number": n, "text": q.text,
                              "competency": COMPETENCIES[stage][n - 1],
                              "difficulty": q.difficulty, "guidance": q.guidance})
    last_q = Question.insert_many(questions).execute()
    question_ids = range(last_q - len(questions) + 1, last_q + 1)
    responses, unanswered = [], set()
    for row, qid, open_ in zip(questions, question_ids, waiting, strict=True):
        if open_:
            unanswered.add(qid)
            continue
        strong = (row["session"] + row["number"]) % 2 == 0
        responses.append({"question": qid, "number": 1, "prompt": row["text"],
                          "text": STRONG if strong else VAGUE, "seconds_spent": 95.0})
        if not strong:
            responses.append({"question": qid, "number": 2, "prompt": "What did you do, exactly?",
                              "text": FOLLOW_UP, "seconds_spent": 40.0})
    last_r = Response.insert_many(responses).execute()
    response_ids = range(last_r - len(responses) + 1, last_r + 1)
    Analysis.insert_many([
        {"response": rid, "score": 8 if r["text"] is STRONG else 4 if r["number"] == 1 else 7,
         "level": "L5A", "strengths": ["Specific numbers"], "gaps": ["Your own part"],
         "follow_up_questions": ["What did you do, exactly?"],
         "brief_feedback": "Good detail; say what you did.",
         "asked_follow_up": "What did you do, exactly?" if r["number"] == 1 and r["text"] is VAGUE
         else None}
        for rid, r in zip(response_ids, responses, strict=True)
    ]).execute()
    QuestionFeedbackRow.insert_many([
        {"question": qid, "score": 7, "level": "L5A",
         "assessment": "Clear situation and result; the action was the team's, not yours.",
         "what_landed": ["Latency from 900 ms to 180 ms"], "what_didnt": ["Whose decision?"],
         "coaching": ["Name the decision you made"], "revised_answer": STRONG, "ungrounded": []}
        for qid in question_ids if qid not in unanswered
    ]).execute()
