"""Many realistic mock sessions, written fast with bulk inserts (benchmarks, scale tests).

``add_sessions(count)`` gives the open database ``count`` sessions shaped like real use:
five questions each, one to four responses a question (the main answer and follow-ups)
with an answer of ~150 words, an analysis for every response, full feedback for every
finished question, and a summary for every completed session. Three sessions in four
are completed with a score; the rest stop awaiting an answer. At 10,000 sessions the
database is ~300 MB, as a heavy user's would be. Deterministic: the same count gives
the same rows.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

CHUNK = 2000  # rows per INSERT statement

_SENTENCES = (
    "At Parcelwise the shipment-tracking service was a monolith and p95 latency had reached 900 ms.",
    "I was asked to lead the migration and split it into three Go services over one quarter.",
    "I wrote the rollout plan, agreed the order of the cut-over with billing and ran shadow traffic.",
    "When the comparison showed a timezone bug in the delivery estimates I paused the rollout.",
    "Support tickets about tracking dropped by 40% and nobody was paged during the move.",
    "My colleague wanted to shard the database and I thought we should partition first.",
    "I wrote a one-page comparison with the numbers and we agreed to try partitioning for a quarter.",
    "It held up to three times the traffic, so we never needed the shards at all.",
    "Honestly I think the team kind of made things better overall, and people liked it.",
    "I deleted about sixty alerts nobody acted on and added SLO burn-rate pages instead.",
    "Pages per week went from 35 to 9 within two months and the rota stayed fully staffed.",
    "The trade-off was storage and some latency against never losing an event.",
)
_STAGES = ("recruiter_screen", "hiring_manager", "technical")
_COMPETENCIES = ("ownership", "impact", "collaboration", "technical_depth", "communication")


def _text(seed: int, sentences: int) -> str:
    return " ".join(_SENTENCES[(seed * 7 + k * 5) % len(_SENTENCES)] for k in range(sentences))


def _score(seed: int) -> int:
    return 3 + seed * 37 % 7


def add_sessions(count: int, application_id: int | None = None) -> int:
    """Add ``count`` realistic sessions to the open database (the demo application's, unless
    ``application_id`` is given); returns the application id."""
    from interview_tui.clock import now
    from interview_tui.services.profiles import ensure_demo_profile
    from interview_tui.services.session_machine import readiness
    from interview_tui.store import database
    from interview_tui.store.models import (
        Analysis,
        MockSession,
        Question,
        QuestionFeedbackRow,
        Response,
    )

    app_id = application_id or ensure_demo_profile().id
    start = now() - timedelta(days=count)
    answers = [_text(i, 9) for i in range(24)]  # ~150 words each
    revised = [_text(i + 3, 10) for i in range(12)]
    with database.atomic():
        for base in range(0, count, CHUNK // 10):
            ids = range(base, min(base + CHUNK // 10, count))
            sessions = []
            for i in ids:
                done = i % 4 != 3
                scores = [_score(i + n) for n in range(5)]
                score = round(sum(scores) / 5, 1) if done else None
                sessions.append({
                    "application": app_id, "stage": _STAGES[i % 3],
                    "difficulty": ("easy", "medium", "hard")[i % 3 - 1],
                    "persona": ("friendly", "neutral", "challenging")[i % 3 - 2],
                    "question_count": 5, "target_level": "L5A",
                    "state": "completed" if done else "awaiting_answer", "backend": "offline",
                    "started_at": start + timedelta(days=i),
                    "completed_at": start + timedelta(days=i, minutes=35) if done else None,
                    "overall_score": score,
                    "readiness": readiness(score) if score is not None else None,
                    "session_feedback": {
                        "assessment": _text(i, 3), "strengths": [_SENTENCES[i % 12]] * 2,
                        "areas_to_improve": [_SENTENCES[(i + 4) % 12]] * 2,
                        "coaching_priorities": [_SENTENCES[(i + 6) % 12]] * 3,
                        "next_steps": [_SENTENCES[(i + 8) % 12]] * 2,
                    } if done else None,
                })
            last = MockSession.insert_many(sessions).execute()
            session_ids = list(range(last - len(sessions) + 1, last + 1))  # SQLite: last rowid
            questions, shape = [], []
            for sid, i in zip(session_ids, ids, strict=True):
                asked = 5 if i % 4 != 3 else 1 + i % 5
                for n in range(1, asked + 1):
                    questions.append({
                        "session": sid, "number": n, "text": _SENTENCES[(i + n) % 12],
                        "competency": _COMPETENCIES[n - 1], "difficulty": "medium",
                        "guidance": _text(n, 2),
                    })
                    finished = i % 4 != 3 or n < asked
                    # An unfinished question awaits a follow-up: at most three answers so far.
                    shape.append((i + n, 1 + (i + n) % (4 if finished else 3), finished))
            qids = _insert(Question, questions)
            responses, analyses, feedback = [], [], []
            for qid, (seed, count_r, finished) in zip(qids, shape, strict=True):
                for r in range(1, count_r + 1):
                    responses.append({
                        "question": qid, "number": r, "prompt": _SENTENCES[(seed + r) % 12],
                        "text": answers[(seed + r) % len(answers)], "seconds_spent": 60.0 + r,
                    })
                if finished:
                    feedback.append({
                        "question": qid, "score": _score(seed), "level": "L5A",
                        "assessment": _text(seed, 3), "what_landed": [_SENTENCES[seed % 12]] * 2,
                        "what_didnt": [_SENTENCES[(seed + 3) % 12]] * 2,
                        "coaching": [_SENTENCES[(seed + 5) % 12]] * 3,
                        "revised_answer": revised[seed % len(revised)], "ungrounded": [],
                    })
            rids = _insert(Response, responses)
            for rid, row in zip(rids, responses, strict=True):
                seed = rid
                analyses.append({
                    "response": rid, "score": _score(seed), "level": "L5A",
                    "strengths": [_SENTENCES[seed % 12], _SENTENCES[(seed + 1) % 12]],
                    "gaps": [_SENTENCES[(seed + 2) % 12], _SENTENCES[(seed + 3) % 12]],
                    "follow_up_questions": [_SENTENCES[(seed + 4) % 12]] * 2,
                    "brief_feedback": _text(seed, 2),
                    "asked_follow_up": row["prompt"] if row["number"] < 4 else None,
                })
            _insert(Analysis, analyses)
            _insert(QuestionFeedbackRow, feedback)
    return app_id


def _insert(model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` in chunks; their new ids, in order."""
    ids: list[int] = []
    for k in range(0, len(rows), CHUNK):
        part = rows[k : k + CHUNK]
        last = model.insert_many(part).execute()
        ids.extend(range(last - len(part) + 1, last + 1))
    return ids
