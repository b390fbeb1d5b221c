"""The offline debrief's scores: six dimensions from the transcript's answers (each answer
judged by the mock interview's judge, its signals read as the mock interview reads them) and from what the candidate typed
(how it felt, what went well and badly), each with a one-line reason."""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import fmean

from interview_tui.services.coach.answer_signals import AnswerSignals, analyze_answer
from interview_tui.services.coach.judge import Judgement, judge_answer
from interview_tui.services.debrief_models import DebriefInput, DimensionScore
from interview_tui.services.transcript import QA

# Words in "what went badly" (or well) that speak to a dimension.
_CUES: dict[str, re.Pattern[str]] = {
    "content": re.compile(r"\b(?:vague|no numbers?|no metrics?|no examples?|didn'?t know|"
                          r"couldn'?t answer|blank(?:ed)?|examples?|numbers?|metrics|"
                          r"details?|specific)\b", re.I),
    "clarity": re.compile(r"\b(?:rambl\w*|unclear|confus\w*|waffl\w*|lost my train|clear|"
                          r"clear(?:ly)?|concise|to the point|jargon)\b", re.I),
    "delivery": re.compile(r"\b(?:too long|too short|rush\w*|fast|slow|pace|stumbl\w*|um+s?|"
                           r"filler|spoke|speaking|voice|over time|ran (?:long|over)|"
                           r"out of time)\b", re.I),
    "tone": re.compile(r"\b(?:defensive|argu\w*|negative|flat|monoton\w*|rapport|warm|friendly|"
                       r"enthusias\w*|energy)\b", re.I),
    "structure": re.compile(r"\b(?:star|structure\w*|order|jumped around|all over the place|"
                            r"rambl\w*|organi[sz]ed)\b", re.I),
    "confidence": re.compile(r"\b(?:nervous|anxious|unsure|doubt\w*|confident|confidence|"
                             r"calm|froze|panic\w*|hesita\w*|blank(?:ed)?|hedg\w*)\b", re.I),
}


MIN_JUDGED_WORDS = 60  # below this, the transcript's answers say little about delivery


@dataclass(frozen=True)
class ScoredAnswer:
    qa: QA
    signals: AnswerSignals
    judgement: Judgement

    @property
    def score(self) -> int:
        return self.judgement.score


def score_answers(pairs: list[QA], job_description: str, resume_text: str,
                  target_level: str, company: str = "") -> list[ScoredAnswer]:
    """Each answer judged as the mock interview judges one (by its question's kind)."""
    out = []
    for qa in pairs:
        signals = analyze_answer(qa.answer, qa.question, job_description, resume_text)
        judged = judge_answer(qa.question, qa.answer, company=company,
                              job_description=job_description, target_level=target_level)
        out.append(ScoredAnswer(qa, signals, judged))
    return out


def lines(text: str) -> list[str]:
    """The non-empty lines (or sentences, for one long line) of a typed response."""
    found = [ln.strip(" -•*\t") for ln in text.splitlines() if ln.strip(" -•*\t")]
    if len(found) == 1 and len(found[0]) > 160:
        found = [s.strip() for s in re.split(r"(?<=[.!?])\s+", found[0]) if s.strip()]
    return found


def _typed_delta(dimension: str, data: DebriefInput) -> tuple[float, str]:
    """(points, reason) from the typed notes for one dimension."""
    cue = _CUES[dimension]
    bad = next((ln for ln in lines(data.went_badly) if cue.search(ln)), "")
    good = next((ln for ln in lines(data.went_well) if cue.search(ln)), "")
    if bad and good:
        return -1.0, f'mixed: you noted "{good}" but also "{bad}"'
    if bad:
        return -2.5, f'you noted "{bad}"'
    if good:
        return 1.5, f'you noted "{good}"'
    return 0.0, ""


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _transcript_score(dimension: str, answers: list[ScoredAnswer],
                      overall: AnswerSignals) -> tuple[float, str]:
    s = overall
    if dimension == "content":
        quantified = sum(1 for a in answers if a.signals.quantities)
        mean = fmean(a.score for a in answers)
        return mean, (f"answers averaged {mean:.1f}/10 on the mock-interview rubric; "
                      f"{quantified} of {len(answers)} gave a number")
    if dimension == "clarity":
        raw = 9.0 - min(4.0, s.filler_rate / 2) - min(3.0, 100 * s.vague_count / max(s.word_count, 1) / 2)
        return raw, (f"{_n(len(s.fillers), 'filler word')} and {_n(s.vague_count, 'vague word')} "
                     f"in {s.word_count} words")
    if dimension == "delivery":
        good = sum(1 for a in answers if 60 <= a.signals.word_count <= 320)
        share = good / len(answers)
        raw = 4.0 + 5.0 * share - min(2.0, s.filler_rate / 4)
        return raw, f"{good} of {len(answers)} answers ran a speakable 30 seconds to 2 minutes"
    if dimension == "tone":
        raw = 9.0 - min(3.0, 0.5 * len(s.hedges)) - min(2.0, 0.5 * s.hypothetical_count)
        return raw, (f"{_n(len(s.hedges), 'hedge')} and "
                     f"{_n(s.hypothetical_count, 'would-style answer')}")
    if dimension == "structure":
        stories = [a for a in answers if a.signals.question_kind != "scenario"] or answers
        share = fmean(len(a.signals.star_parts) / 4 for a in stories)
        return 2.0 + 8.0 * share, f"answers covered {share:.0%} of situation, task, action, result"
    own = s.ownership_ratio if s.i_count + s.we_count else 0.5
    raw = 5.0 + 4.0 * own - min(3.0, 0.5 * len(s.hedges))
    return raw, f'"I" in {own:.0%} of I/we mentions, {_n(len(s.hedges), "hedge")}'


def dimension_scores(data: DebriefInput, answers: list[ScoredAnswer]) -> dict[str, DimensionScore]:
    """Six dimension scores: from the transcript when it has answers, else from the feeling
    (1-10, neutral 6), adjusted by what the typed notes say about each dimension."""
    overall = analyze_answer("\n".join(a.qa.answer for a in answers)) if answers else None
    feeling = data.feeling
    out: dict[str, DimensionScore] = {}
    for dimension in _CUES:
        reasons = []
        if overall is not None:
            base, why = _transcript_score(dimension, answers, overall)
            if overall.word_count < MIN_JUDGED_WORDS and base > 5.0:
                # A few words show no filler or hedging, but they show no skill either.
                base = 5.0
                why += f"; too little said ({overall.word_count} words) to judge more"
            reasons.append(why)
        else:
            base = 6.0 if feeling is None else 6.0 + (feeling - 6) * (0.8 if dimension == "confidence" else 0.4)
            reasons.append(f"you rated the interview {feeling}/10" if feeling else
                           "from your notes (no transcript)")
        delta, why = _typed_delta(dimension, data)
        if why:
            reasons.append(why)
        score = max(1, min(10, round(base + delta)))
        reason = "; ".join(reasons)
        out[dimension] = DimensionScore(score=score, reason=f"{reason[:1].upper()}{reason[1:]}.")
    return out
