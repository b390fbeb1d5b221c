"""The offline coach's judgement of one answer: a score by the rubric of its kind.

``judge_answer`` reads the answer's evidence against the rubric of the question's kind
(``rubrics``), then applies what a careful interviewer would: an answer in another
language, one that restates the question or drifts to another topic is not credited
for its structure; repeated text counts once; filler and hedging cost a little; beyond
about three minutes spoken each extra sentence costs; too little said caps the score.
Strengths and gaps are the same marks read from both sides, so they never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from interview_tui.services.coach.answer_evidence import _LABEL, Evidence, Sentence, gather_evidence
from interview_tui.services.coach.answer_signals import _HEDGES, scope_counts
from interview_tui.services.coach.lexicon import (
    BLAME,
    BUZZWORDS,
    GENERIC,
    TECH_COMPONENTS,
    TOPICS,
    UNBASED,
)
from interview_tui.services.coach.offline_marks import Context, Mark, quote
from interview_tui.services.coach.offline_marks_self import read_marks, red_flag
from interview_tui.services.coach.question_bank import kind_of
from interview_tui.services.coach.rubrics import RUBRICS, Criterion
from interview_tui.services.coach.schemas import Level
from interview_tui.services.text import WORDS_PER_MINUTE, format_duration

LONG_WORDS = 3 * WORDS_PER_MINUTE  # about three minutes spoken: beyond it, points are lost
_SHORT_CAPS = {  # (content words below, score cap), per kind
    "behavioural": ((20, 2), (40, 4), (60, 6), (80, 8)),
    "technical": ((20, 2), (40, 4), (60, 6), (80, 8)),
    "weakness": ((20, 2), (35, 4), (55, 6), (75, 8)),
    "motivation": ((15, 2), (30, 4), (45, 6), (65, 8)),
    "overview": ((15, 2), (30, 4), (45, 6), (65, 8)),
    "logistics": ((5, 2), (10, 5), (18, 8)),
}


@dataclass(frozen=True)
class Finding:
    """A strength or a gap, tied to the criterion (or the check) it comes from."""

    key: str
    text: str
    weight: float = 0.0  # points it costs: the biggest gap is raised first
    coaching: str = ""
    follow: str = ""
    hard: str = ""
    short: str = ""  # fits "Next, ..."
    summary: str = ""  # fits "... in 3 of 5 answers"


@dataclass(frozen=True)
class Judgement:
    """The verdict on an answer, with everything the coach says about it."""

    score: int
    level: Level
    kind: str
    marks: dict[str, Mark]
    strengths: list[Finding]
    gaps: list[Finding]
    notes: list[str] = field(default_factory=list)  # language, drift, restated, repeated...
    evidence: Evidence | None = None

    @property
    def gate(self) -> str:
        """Why the answer could not be credited at all ("" when it could)."""
        return next((n for n in self.notes if n in ("language", "restated", "off_topic")), "")


def _cap_for(kind: str, content: int) -> float:
    for below, cap in _SHORT_CAPS[kind]:
        if content < below:
            return float(cap)
    return 10.0


def _restates(ev: Evidence) -> bool:
    """Whether the answer says little beyond the question's own words."""
    stems = frozenset().union(*(s.stems for s in ev.sentences)) if ev.sentences else frozenset()
    echoed = len(stems & ev.question_stems) / max(len(stems), 1)
    return bool(ev.question_stems) and len(ev.specific) < 4 and ev.question_overlap >= 0.3 \
        and echoed >= 0.5


def _off_topic(kind: str, ev: Evidence, marks: dict[str, Mark]) -> bool:
    """Well-formed or not, an answer about something else earns nothing for its shape."""
    if kind == "logistics" or ev.content_words < 25 or len(ev.specific) < 8:
        return False  # too little said to call it another topic: it is judged as thin
    tech = len(frozenset().union(*(s.stems for s in ev.sentences)) & TECH_COMPONENTS)
    if ev.work_words + tech < 2 and ev.question_overlap < 0.15:
        return True  # bread, holidays, football: not working life
    if kind == "technical":
        # Steps acting on the field's own things are an approach whatever the field: a
        # design answer with no software words is not off a technical question.
        approach = marks["approach"].level if "approach" in marks else 0.0
        return ev.question_overlap < 0.1 and tech < 2 and approach < 1.0
    named = [t for t in ev.topics_asked if (TOPICS[t][0] & ev.question_stems) - GENERIC]
    if kind == "behavioural" and "relevance" in marks and named:
        # Only a question that names its topic can be answered off it: "a project you're
        # proud of" can be answered in words the question never used. A question about
        # dealing with people is on topic when the story has those people in it, whatever
        # words it uses ("I sit with him ten minutes at lunch").
        # A topic named only by a word any story uses ("changed") names nothing.
        if set(named) & _INTERPERSONAL and _OTHER_PEOPLE.search(ev.text):
            return False
        return marks["relevance"].level <= 0.25 and ev.question_overlap < 0.1
    return False


_INTERPERSONAL = frozenset(["conflict", "feedback", "communication", "stakeholder", "helping",
                            "leadership"])
_OTHER_PEOPLE = re.compile(
    r"\b(?:he|she|him|her|his|hers|they|them|their|colleagues?|teammates?|manager|boss|"
    r"client|customer|patient|student|pupil|parents?|director|lead)\b", re.I)


def _metric_salad(ev: Evidence) -> Sentence | None:
    """A result sentence with two or more unbaselined percentages or multipliers, none of
    them an anchored outcome: the shape of invented numbers."""
    for x in ev.sentences:
        if not x.cues["result"] or re.search(r"\bfrom\b.+\bto\b", x.text):
            continue
        unbased = UNBASED.findall(x.text)
        if len(unbased) >= 2 and not set(x.quantities) & set(ev.outcome_numbers):
            return x
    return None


def _first(ev: Evidence, test: Callable[[Sentence], object]) -> int:
    return next((n for n, s in enumerate(ev.sentences) if test(s)), -1)


def _order_bonus(kind: str, ev: Evidence) -> float:
    """Up to half a point for the order an interviewer can follow: context before actions
    before the result; requirements first in a design; the current role first."""
    from interview_tui.services.coach.offline_marks_self import _NOW, _WEAK

    if kind == "behavioural":
        setting = _first(ev, lambda s: s.cues["situation"] > 0 or s.cues["task"] > 0)
        act = _first(ev, lambda s: s.i_action)
        results = [n for n, s in enumerate(ev.sentences) if s.cues["result"] > 0]
        ok = 0 <= setting <= max(act, 0) and act >= 0 and results and results[-1] >= act
        return 0.5 if ok else 0.0
    if kind == "technical":
        from interview_tui.services.coach.lexicon import REQUIREMENT_CUES

        return 0.4 if 0 <= _first(ev, lambda s: bool(REQUIREMENT_CUES.search(s.text))) <= 1 else 0
    if kind == "overview":
        return 0.4 if 0 <= _first(ev, lambda s: bool(_NOW.search(s.text))) <= 1 else 0.0
    if kind == "weakness":
        return 0.4 if 0 <= _first(ev, lambda s: bool(_WEAK.search(s.text))) <= 1 else 0.0
    return 0.0


def _criterion_findings(
    rubric: tuple[Criterion, ...], marks: dict[str, Mark]
) -> tuple[list[Finding], list[Finding]]:
    strengths, gaps = [], []
    for c in rubric:
        m = marks[c.key]
        if m.band == 2:
            text = c.strength.format(quote=m.quote) if m.quote else c.strength.split(" (“")[0] + "."
            strengths.append(Finding(c.key, text.replace("..", "."), summary=c.name))
        else:
            template = c.gap if m.band == 0 else c.partial
            text = template.format(quote=m.quote) if "{quote}" in template else template
            lost = c.weight * 9 * (2 - m.level) / 2
            gaps.append(Finding(c.key, text, lost, c.coaching, c.follow, c.hard,
                                _short(template), f"{c.name}: weak"))
    return strengths, gaps


def _short(text: str) -> str:
    # "No outcome: finish with what changed ..." -> "finish with what changed ..."
    tail = text.split(": ", 1)[-1].rstrip(".")
    return tail[:1].lower() + tail[1:]


_CHECK_FOLLOW = {
    "language": "Could you give me that answer in English?",
    "restated": "Can you give me one specific example, from start to finish?",
    "off_topic": "That's about something else. Can you answer the question I asked, with one "
                 "example?",
    "generic": "Can you make that concrete: which system, which people, what numbers?",
    "too_long": "In two sentences: what did you do, and what changed?",
    "blame": "What part of it was yours to change?",
}
_CHECK_SUMMARY = {
    "generic": "Generic answers", "repeated": "Repeated text", "too_long": "Answers too long",
    "blame": "Blaming others", "language": "Answers not in English",
    "restated": "Restating the question", "off_topic": "Answers off the question",
    "brief": "Answers too brief",
}


def _brief(words: int, substantive: int, cap: int) -> Finding:
    """The gap when too little was said for the rubric's marks to count in full. It
    explains the score; a missing part, when there is one, still leads the coaching and
    the follow-ups (a light weight, and no follow-up question of its own)."""
    if substantive < 0.6 * words:
        text = (f"Too little of it is specific: {substantive} of its {words} words say "
                f"something concrete, which holds the score at {cap}/10.")
    else:
        text = (f"Brief: at {words} words the score stops at {cap}/10; say more about "
                "each part the question needs.")
    return _check("brief", text, 0.5,
                  "Give each part a sentence or two more: what was at stake, what you did "
                  "step by step, and what changed.", "say more about each part")


def _check(key: str, text: str, weight: float, coaching: str, short: str) -> Finding:
    follow = _CHECK_FOLLOW.get(key, "")
    return Finding(key, text, weight, coaching, follow, follow, short,
                   _CHECK_SUMMARY.get(key, short.capitalize()))


def judge_answer(
    question: str,
    answers: list[str] | str,
    *,
    kind: str | None = None,
    company: str = "",
    job_description: str = "",
    difficulty: str = "medium",
    target_level: str = "L4",
) -> Judgement:
    """Score ``answers`` (the main answer and any follow-up answers) to ``question``."""
    text = answers if isinstance(answers, str) else "\n".join(answers)
    kind = kind or kind_of(question)
    rubric = RUBRICS[kind]
    ev = gather_evidence(text, question)
    marks = read_marks(kind, ev, Context(question, company, job_description))
    total = sum(c.weight for c in rubric)
    coverage = sum(c.weight * marks[c.key].level / 2 for c in rubric) / total
    raw = 1.0 + 9.0 * coverage
    strengths, gaps = _criterion_findings(rubric, marks)
    notes: list[str] = []
    minutes = format_duration(ev.words * 60 / WORDS_PER_MINUTE)

    # Specifics: a tidy answer made of words that could describe anything earns less.
    density = len(ev.specific) / max(ev.content_words, 1)
    if kind != "logistics" and (len(ev.specific) < 8 or density < 0.3):
        factor = min(0.5 + 0.07 * len(ev.specific), 0.45 + 1.85 * density, 1.0)
        raw = 1.0 + (raw - 1.0) * factor
        if len(ev.specific) < 8 and ev.content_words >= 20:
            gaps.append(_check("generic", "Generic: few concrete details anyone could check.",
                               1.5, "Name the system, the people, the numbers: details an "
                               "interviewer could ask about.", "add concrete details"))
    labelled = sum(bool(_LABEL.match(x.text)) for x in ev.sentences) >= 3
    if not labelled:
        raw += _order_bonus(kind, ev)  # a filled-in STAR template earns no extra for order
    penalty = 0.0
    salad = _metric_salad(ev)
    if salad is not None and kind != "technical":
        penalty += 1.5
        if "outcome" in marks and marks["outcome"].band < 2:
            raw -= 9.0 * 0.25 * marks["outcome"].level / 2  # a made-up result earns nothing
        gaps.append(_check("unbased", f"Numbers with no baseline or link to what you did "
                           f"(“{quote(salad, UNBASED)}”) read as invented: say what you "
                           "measured, from what to what.", 1.5,
                           "Give each number its baseline and say how you measured it.",
                           "say what you measured, from what to what"))
    bolted = ev.extra.get("bolted_on")  # a tuple of Sentence (extra holds objects)
    if isinstance(bolted, tuple) and bolted and salad is None and kind != "technical":
        gaps.append(_check("unbased", f"“{quote(bolted[0], UNBASED)}” isn't tied to anything "
                           "else you said, so it counts for nothing: connect the result to what "
                           "you did and how you measured it.", 1.0,
                           "Give each number its baseline and say how you measured it.",
                           "tie the result to what you did"))
    buzz = {m.group(0).lower() for m in BUZZWORDS.finditer(" ".join(x.text for x in ev.sentences))}
    if len(buzz) >= 3 and kind != "logistics":
        penalty += min(2.0, 0.5 * (len(buzz) - 2))
        gaps.append(_check("buzzwords", f"Buzzwords ({', '.join(sorted(buzz)[:3])}) stand in "
                           "for what you did: name the actual steps and things.",
                           min(2.0, 0.5 * (len(buzz) - 2)) + 0.2,
                           "Replace each buzzword with the concrete thing it stands for.",
                           "swap buzzwords for concrete steps"))
    if ev.repeated_share > 0.15:
        penalty += min(3.0, 6.0 * ev.repeated_share)
        notes.append("repeated")
        gaps.append(_check("repeated", f"{round(100 * ev.repeated_share)}% of the answer repeats "
                           "itself; repeated text earns nothing.", 2.0,
                           "Say each point once.", "say each point once"))
    if ev.words > LONG_WORDS:
        penalty += (ev.words - LONG_WORDS) / 70.0
        notes.append("too_long")
        gaps.append(_check("too_long", f"Too long: about {minutes} spoken. Keep it under three "
                           "minutes; lead with the point.", 1.0 + (ev.words - LONG_WORDS) / 70.0,
                           "Keep answers to two or three minutes; cut background first.",
                           "tighten it to two minutes"))
    rate = 100.0 * (ev.filler_count + ev.hedge_count) / max(ev.words, 1)
    if rate > 3.0:
        penalty += min(2.0, 0.25 * (rate - 3.0))
        unique = list({w.lower(): w for w in reversed(ev.fillers)}.values())[::-1]
        top = ", ".join(f"'{w}'" for w in unique[:3])
        hedge = next((h for h in ev.fillers if _HEDGES.fullmatch(h)), "")
        challenge = (f"You said '{hedge}'. How sure are you, and what evidence did you have?"
                     if hedge else "")
        gaps.append(Finding("filler", f"Filler and hedging ({top}) undercut what you did: "
                            "state it plainly.", min(1.6, 0.25 * (rate - 3.0) + 0.3),
                            "Drop 'I think', 'maybe' and 'um' about your own work; pause instead.",
                            "", challenge, "state it plainly, without filler",
                            "Filler and hedging"))
    flag = red_flag(ev) if kind not in ("motivation", "logistics") else None
    blame = next((s for s in ev.sentences if BLAME.search(s.text)), None)
    if kind == "motivation" and marks["red_flags"].level == 0:
        penalty += 1.5
    elif flag is not None and kind in ("weakness", "overview"):
        penalty += 1.0
    if blame is not None and kind in ("weakness", "behavioural"):
        penalty += 1.0
        gaps.append(_check("blame", "Blames others: own your part, whatever others did.", 1.0,
                           "Say what was yours to change, even when others also got it wrong.",
                           "own your part"))
    raw += {"easy": 0.3, "hard": -0.3}.get(difficulty, 0.0)
    # Too little said caps the score; filler, repeats, length and red flags cost on top.
    # Words in sentences with something specific to say: padding doesn't lift the cap.
    substantive = sum(x.words for x in ev.sentences if len(x.specific) >= 2) - ev.filler_count
    cap = _cap_for(kind, substantive)
    if raw > cap:  # the cap decides the score: say so, or the verdict contradicts the rubric
        gaps.append(_brief(ev.words, max(substantive, 0), int(cap)))
    raw = min(raw, cap) - penalty

    if ev.language != "English" and ev.sentences:
        notes.insert(0, "language")
        raw = 1.0
        strengths = []
        gaps = [_check("language", f"This answer is in {ev.language}; the interview is in "
                       "English, so it could not be assessed. Answer in English.", 9.0,
                       "Answer in the language of the interview.", "answer in English")]
    elif _restates(ev):
        notes.insert(0, "restated")
        raw = min(raw, 1.5)
        strengths = []
        gaps = [_check("restated", "This restates the question without answering it.", 8.0,
                       "Answer with something the question didn't already say.",
                       "answer with a real example")] + [g for g in gaps if g.key != "generic"]
    elif _off_topic(kind, ev, marks):
        notes.insert(0, "off_topic")
        raw = min(raw, 2.5)
        strengths = []
        gaps = [_check("off_topic", "This doesn't answer the question asked: it is about "
                       "something else, so its structure earns nothing.", 7.0,
                       "Check the question's key words before you start, and answer those.",
                       "answer the question that was asked")] + [
            g for g in gaps if g.key not in ("relevance", "generic")]
    score = max(1, min(10, round(raw)))
    l5a, l5b = scope_counts(text)
    level: Level = "L5B" if score >= 8 and (l5b >= 2 or (l5b >= 1 and l5a >= 3)) else (
        "L5A" if score >= 6 and (l5a >= 2 or l5b >= 1) else "L4")
    gaps.sort(key=lambda g: -g.weight)
    return Judgement(score, level, kind, marks, strengths, gaps, notes, ev)
