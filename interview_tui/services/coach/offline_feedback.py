"""The offline coach's session summary, and the small text helpers its writers share.

The judgement of each answer lives in ``judge`` and its wording in ``judge_feedback``;
this module adds up the questions of a session.
"""

from __future__ import annotations

import re
from collections import Counter

from interview_tui.services.catalog import DIFFICULTIES, STAGES
from interview_tui.services.coach.base import InterviewContext, QuestionOutcome
from interview_tui.services.coach.judge import Finding
from interview_tui.services.coach.schemas import SessionFeedback

LEVEL_RANK = {"L4": 0, "L5A": 1, "L5B": 2}


def norm(text: str) -> str:
    """Lower-cased words only, to compare prompts regardless of punctuation."""
    return re.sub(r"\W+", " ", text).strip().casefold()


def join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def session_summary(
    ctx: InterviewContext,
    outcomes: list[QuestionOutcome],
    mean: float,
    ready: str,
    gap_counts: Counter[str],
    gap_by_key: dict[str, Finding],
    strength_counts: Counter[str],
    strength_names: dict[str, str] | None = None,
) -> SessionFeedback:
    """Session feedback from the outcomes and the gaps and strengths counted across them."""
    names = strength_names or {}
    n = len(outcomes)
    label = {o.number: o.competency.replace("_", " ") for o in outcomes}
    ranked = sorted(outcomes, key=lambda o: (-o.score, o.number))
    levels = Counter(o.level for o in outcomes)
    # The typical level; a tie goes to the lower one, as an interviewer would read it.
    level = max(levels, key=lambda lv: (levels[lv], -LEVEL_RANK.get(lv, 0)))
    text = f"{n} question{'s' if n > 1 else ''} answered, averaging {mean}/10: {ready}."
    shown = ", ".join(
        f"{lv} ×{c}" for lv, c in sorted(levels.items(), key=lambda i: -LEVEL_RANK[i[0]])
    )
    text += f" Levels shown: {shown}, against the {ctx.target_level} target."
    best, worst = ranked[0], ranked[-1]
    if best.score != worst.score:
        text += f" Strongest on {label[best.number]} ({best.score}/10),"
        text += f" weakest on {label[worst.number]} ({worst.score}/10)."

    def on(o: QuestionOutcome) -> str:
        return f"{label[o.number].capitalize()}: {o.score}/10 on question {o.number}."

    strong = [on(o) for o in ranked[:2] if o.score >= 7]
    # A strength counts as a habit when it shows in at least half the answers (and twice).
    strong += [
        f"{names.get(k, k)} in {c} of {n} answers."
        for k, c in strength_counts.most_common(4)
        if c * 2 >= n and (c >= 2 or n == 1)
    ]
    recurring = sorted(gap_counts, key=lambda k: (-gap_counts[k], -gap_by_key[k].weight, k))
    areas = [f"{gap_by_key[k].summary} in {gap_counts[k]} of {n} answers." for k in recurring[:4]]
    areas += [on(o) for o in reversed(ranked) if o.score < 6][:2]
    priorities = [gap_by_key[k].coaching for k in recurring[:3]]
    steps = []
    if worst.score < 8:
        steps.append(
            f"Redo question {worst.number} ({label[worst.number]}) out loud from its revised "
            "answer, then again without notes."
        )
    if {"quantified", "result", "outcome"} & set(recurring[:3]):
        steps.append(
            "Before the next session, note the measurable result of each project on your "
            "resume, and bring one into every answer."
        )
    if LEVEL_RANK.get(level, 0) < LEVEL_RANK.get(ctx.target_level, 0):
        steps.append(
            f"Prepare two stories that show {ctx.target_level} scope: what you led or decided, "
            "and who beyond your team it affected."
        )
    difficulty = DIFFICULTIES.get(ctx.difficulty, ctx.difficulty).lower()
    if ready == "Ready":
        harder = {"easy": "medium", "medium": "hard"}.get(ctx.difficulty)
        steps.append(
            f"Step up: try {harder} difficulty."
            if harder
            else "Step up: try a challenging interviewer."
        )
    elif ready == "Almost Ready":
        stage = STAGES.get(ctx.stage, ctx.stage).lower()
        steps.append(
            f"Run another {stage} session at {difficulty} difficulty; aim for 8+ on each question."
        )
    else:
        steps.append(
            "Practise at easy difficulty with a friendly interviewer until answers reach 6+."
        )
    return SessionFeedback(
        assessment=text,
        strengths=strong,
        areas_to_improve=areas,
        coaching_priorities=priorities,
        next_steps=steps,
    )
