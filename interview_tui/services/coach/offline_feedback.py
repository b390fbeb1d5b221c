"""The offline coach's judgement in words: strengths, gaps, follow-ups and summaries.

Every text is derived from what ``answer_signals`` found in the candidate's answers; the
fixed wording lives in ``offline_phrases``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from interview_tui.services.coach.answer_signals import AnswerSignals, score_breakdown
from interview_tui.services.coach.base import InterviewContext, QuestionOutcome
from interview_tui.services.coach.offline_phrases import (
    BANDS,
    DEEPEN,
    GAPS,
    GENERIC,
    OVERRIDES,
    STRENGTH_SUMMARY,
)
from interview_tui.services.coach.schemas import SessionFeedback
from interview_tui.services.session_machine import DIFFICULTIES, STAGES
from interview_tui.services.text import format_duration

LEVEL_RANK = {"L4": 0, "L5A": 1, "L5B": 2}
_REFLECTION = re.compile(r"\b(?:learn|lesson|differently|next time|hindsight|should have)", re.I)


@dataclass(frozen=True)
class Strength:
    """Something the answer did well."""

    key: str
    text: str
    short: str  # fits "It worked because of ..."


@dataclass(frozen=True)
class Gap:
    """Something the answer lacks, with the follow-ups that probe it."""

    key: str
    weight: float  # roughly the points the gap costs: the biggest is raised first
    text: str
    follow: tuple[str, ...] = ()
    hard: tuple[str, ...] = ()

    @property
    def short(self) -> str:
        return GAPS[self.key].short

    @property
    def coaching(self) -> str:
        return GAPS[self.key].coaching


def norm(text: str) -> str:
    """Lower-cased words only, to compare prompts regardless of punctuation."""
    return re.sub(r"\W+", " ", text).strip().casefold()


def join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def strengths(s: AnswerSignals) -> list[Strength]:
    """What the answer did well, most important first, each naming what was found."""
    out: list[Strength] = []

    def add(key: str, text: str, short: str) -> None:
        out.append(Strength(key, text, short))

    story = s.question_kind != "scenario"
    if story and len(s.star_parts) == 4:
        add(
            "star", "Clear STAR structure: situation, task, action and result.", "a clear structure"
        )
    elif story and len(s.star_parts) == 3:
        add("structure", f"Good structure: {join(list(s.star_parts))}.", "good structure")
    elif not story and s.sequence_count >= 2:
        add("steps", "Walked through it in clear steps.", "clear steps")
    if s.result_quantified:
        numbers = ", ".join(list(dict.fromkeys(s.result_quantities))[:3])
        add("quantified", f"Quantified the outcome ({numbers}).", "a measurable result")
    elif s.quantities:
        numbers = ", ".join(list(dict.fromkeys(s.quantities))[:3])
        add("numbers", f"Used concrete numbers ({numbers}).", "concrete numbers")
    if story and s.i_count >= 3 and s.ownership_ratio >= 0.6:
        text = f"Clear ownership: {s.i_count} first-person statements against {s.we_count} 'we'."
        add("ownership", text, "clear ownership")
    if s.reasoning_count >= 2:
        add("reasoning", "Explained the reasoning behind your choices.", "sound reasoning")
    if s.resume_facts:
        fact = " ".join(s.resume_facts[0].split()[:9])
        add("resume", f"Drew on real experience from your resume (“{fact} …”).", "real experience")
    if len(s.jd_terms) >= 3:
        add(
            "role",
            f"Tied to what the role needs ({', '.join(s.jd_terms[:4])}).",
            "a link to the role",
        )
    if s.word_count >= 60 and s.filler_rate < 1.0:
        add("fluent", "Fluent: next to no filler or hedging.", "fluent delivery")
    if s.content_words >= 100 and s.speaking_seconds <= 180:
        spoken = format_duration(s.speaking_seconds)
        add("length", f"Good length: about {spoken} spoken.", "a good length")
    return out


def _ownership_text(s: AnswerSignals) -> str:
    if s.we_count > s.i_count:
        return (
            f"Mostly 'we' ({s.we_count} 'we' against {s.i_count} 'I'): say what you did yourself."
        )
    if not s.i_count:
        return "No first-person statements: say what you did yourself."
    return f"Your own part is thin: only {s.i_count} first-person statement(s)."


def gaps(s: AnswerSignals, ctx: InterviewContext, answers: list[str]) -> list[Gap]:
    """What the answer lacks, biggest first (weighted by roughly the points it costs)."""
    b = score_breakdown(s)
    out: list[Gap] = []

    def add(key: str, weight: float, text: str, hard: tuple[str, ...] = ()) -> None:
        out.append(Gap(key, weight, text, GAPS[key].follow, hard or GAPS[key].hard))

    story = s.question_kind != "scenario"
    star = 0.625 * {"behavioural": 1.0, "general": 0.6, "scenario": 0.3}[s.question_kind]
    push = 2.0 if ctx.persona == "challenging" else 1.0
    if s.content_words < 50:
        secs = round(s.speaking_seconds)
        text = (
            f"Very short: {s.word_count} words, about {secs} seconds. Aim for one to two minutes."
        )
        add("too_short", 4.0 if s.content_words < 30 else 3.0, text)
    if story and s.hypothetical_count:
        text = "You describe what you would or usually do, not one real occasion."
        add("hypothetical", 1.5 * b["hypothetical"] + 0.75, text)
    if story and not s.situation:
        add("situation", star, "The situation is missing: where, when, and what was at stake.")
    if story and not s.task:
        add("task", star, "Your own goal or responsibility isn't stated.")
    if story and not s.action:
        add("action", star + 0.5, "No concrete actions: what you actually did isn't described.")
    if story and not s.result:
        text = "No outcome: the story stops before saying how it ended."
        add("result", star + 2.0 * (1 - b["quantified"]), text)
    elif story and not s.result_quantified:
        text = "No measurable result: say what changed and by how much."
        add("quantified", 2.0 * (1 - b["quantified"]), text)
    elif not story and not s.quantities:
        add("sizing", 2.0, "No numbers: size the problem (traffic, data volume, latency).")
    if story and b["ownership"] < 0.6:
        add("ownership", 1.5 * (1 - b["ownership"]), _ownership_text(s))
    if b["reasoning"] < 0.34 and (ctx.difficulty != "easy" or not story):
        text = "Your reasoning isn't explained: why this approach and not another?"
        add("reasoning", 1.0 - b["reasoning"], text)
    # Word overlap misses synonyms, so only a loose story is told it drifts.
    if s.question_relevance < 0.15 and s.content_words >= 30 and len(s.star_parts) < 3:
        text = "The answer drifts from the question: address it head-on first."
        add("relevance", 0.9 * (1 - b["relevance"]), text)
    if s.filler_rate > 3.0:
        top = ", ".join(f"'{w}'" for w, _ in Counter(s.fillers + s.hedges).most_common(3))
        count = len(s.fillers) + len(s.hedges)
        add("filler", 2.0 * b["filler"] + 0.3, f"{count} filler words ({top}): pause instead.")
    if len(set(s.hedges)) >= 2:
        hedges = list(dict.fromkeys(s.hedges))
        quoted = ", ".join(f"'{h}'" for h in hedges[:3])
        challenge = f"You said '{hedges[0]}'. How sure are you, and what evidence did you have?"
        text = f"Hedging ({quoted}) undercuts what you did: state it plainly."
        add("hedging", min(1.5, 0.3 * len(s.hedges)) * push, text, (challenge,))
    if s.speaking_seconds > 180:
        spoken = format_duration(s.speaking_seconds)
        add("too_long", 1.0, f"Long: about {spoken} spoken. Cut background, lead with the result.")
    if story and ctx.job_description and s.jd_relevance < 0.25 and s.content_words >= 50:
        add("role", 0.5, "Little link to this role: connect the example to what the job asks.")
    if ctx.difficulty == "hard" and story and not _REFLECTION.search(" ".join(answers)):
        text = "No reflection: a hard question expects what you learned or would change."
        add("reflection", 0.5 * push, text)
    if ctx.target_level != "L4" and not (s.scope_l5a or s.scope_l5b) and s.content_words >= 50:
        text = f"No sign of {ctx.target_level} scope: who else was involved, how far it reached."
        add("scope", 0.5, text)
    order = list(GAPS)
    return sorted(out, key=lambda g: (-round(g.weight, 3), order.index(g.key)))


def follow_ups(
    gaps_: list[Gap], competency: str, persona: str, asked: set[str], wanted: int
) -> list[str]:
    """Up to ``wanted`` follow-ups: biggest gaps first, then competency probes; none in ``asked``."""
    candidates: list[str] = []
    for g in gaps_:
        # One question per gap: the persona's phrasing first, other phrasings as fallbacks.
        options = [*g.hard, *g.follow] if persona == "challenging" else list(g.follow)
        override = OVERRIDES.get(f"{g.key}/{competency}")
        if override and persona != "challenging":
            options.insert(0, override)
        candidates += [o for o in options if norm(o) not in asked][:1]
    candidates += [*DEEPEN.get(competency, ()), *GENERIC]
    chosen: list[str] = []
    for c in candidates:
        if norm(c) not in asked and c not in chosen and len(chosen) < wanted:
            chosen.append(c)
    return chosen


def band(score: int, persona: str) -> str:
    """The lead-in for a score in the persona's voice."""
    table = BANDS.get(persona, BANDS["neutral"])
    return table[0 if score <= 3 else 1 if score <= 5 else 2 if score <= 7 else 3]


def brief(
    score: int, persona: str, strengths_: list[Strength], gaps_: list[Gap], added: list[str]
) -> str:
    """One or two sentences shown right after an answer."""
    if added:
        first = f"That added {join(added[:2])}."
    elif score >= 6 and strengths_:
        link = "with" if score >= 8 else "though it has"
        first = f"{band(score, persona)}, {link} {join([s.short for s in strengths_[:2]])}."
    else:
        first = f"{band(score, persona)}."
    return first + (f" Next, {gaps_[0].short}." if gaps_ else " Keep answering in this shape.")


def assessment(
    score: int,
    level: str,
    target: str,
    competency: str,
    strengths_: list[Strength],
    gaps_: list[Gap],
) -> str:
    """Two or three sentences on a whole question."""
    word = (
        "strong" if score >= 8 else "solid" if score >= 6 else "partial" if score >= 4 else "thin"
    )
    label = competency.replace("_", " ")
    text = f"A {word} answer to this {label} question: {score}/10, reading as {level}"
    text += f" against the {target} target."
    if strengths_:
        lead = "It worked because of" if score >= 6 else "On the plus side:"
        text += f" {lead} {join([s.short for s in strengths_[:3]])}."
    if gaps_:
        text += f" The biggest gain now: {gaps_[0].short}"
        below = LEVEL_RANK.get(level, 0) < LEVEL_RANK.get(target, 0)
        text += f", and more scope to read as {target}." if below else "."
    return text


def _summary(gap: object) -> str:
    text = getattr(gap, "summary", "")
    return text or GAPS[getattr(gap, "key")].summary


def session_summary(
    ctx: InterviewContext,
    outcomes: list[QuestionOutcome],
    mean: float,
    ready: str,
    gap_counts: Counter[str],
    gap_by_key: dict[str, Gap],
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
        f"{names.get(k) or STRENGTH_SUMMARY.get(k, k)} in {c} of {n} answers."
        for k, c in strength_counts.most_common(4)
        if c * 2 >= n and (c >= 2 or n == 1)
    ]
    recurring = sorted(gap_counts, key=lambda k: (-gap_counts[k], -gap_by_key[k].weight, k))
    areas = [f"{_summary(gap_by_key[k])} in {gap_counts[k]} of {n} answers." for k in recurring[:4]]
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
