"""What an answer gives an interviewer to go on, sentence by sentence.

The judge's rubrics read this, never the raw text, so every verdict has a sentence behind
it that can be quoted. The evidence is hard to fake: repeated sentences count once, STAR
labels ("Situation:") carry no weight, a number counts as an outcome only in a sentence
that says what changed and ties back to the rest of the story, and words that say
nothing in particular ("improved performance", "the challenge") are not specifics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from interview_tui.services.coach.answer_signals import (
    _FILLERS,
    _HEDGES,
    _HYPOTHETICAL,
    _STOP,
    STAR_PARTS,
    content_stems,
    find_quantities,
    split_sentences,
    star_cues,
    stem,
)
from interview_tui.services.coach.language import detect_language
from interview_tui.services.coach.lexicon import GENERIC, TOPICS, WORK
from interview_tui.services.text import word_count

_LABEL = re.compile(
    r"^\s*(?:\*\*)?(?:situation|task|action|actions|result|results|outcome|context|"
    r"background|star|s|t|a|r)(?:\*\*)?\s*[:\-–—)]\s*",
    re.I,
)
_WORD_SPLIT = re.compile(r"\W+")
_BRACKETED = re.compile(r"\[[^\]]*\]")
_I_ACTION = re.compile(
    r"\b(?:i|i've|i’ve)\s+(?:also\s+|then\s+|first\s+|personally\s+|myself\s+|quickly\s+|"
    r"eventually\s+|immediately\s+|have\s+|had\s+|finally\s+|just\s+)?"
    r"(?!needed|wanted|hoped|liked|loved|seemed|used|was|were|think|thought|guess|felt|"
    r"believed|meant|am|mean|realised|realized|noticed|wondered|assumed)([a-z]+ed|built|wrote|rewrote|led|ran|made|set|took|spoke|met|"
    r"drove|brought|chose|found|gave|began|broke|sent|taught|kept|held|split|cut|put|went|"
    r"did|sat|paid|dug|caught|won|sold|shipped|dealt|got|sought|fought|read|fixed|moved|"
    r"pushed|pulled|started|asked|told|said|began|became|learned|learnt|owned|stopped)\b",
    re.I,
)
_WE_ACTION = re.compile(
    r"\b(?:we|the team)\s+(?:also\s+|then\s+|first\s+|all\s+|just\s+)?([a-z]+ed|built|wrote|"
    r"rewrote|led|ran|made|set|took|drove|brought|chose|found|split|cut|shipped|did|got|fixed|"
    r"moved)\b",
    re.I,
)
_ACTOR = re.compile(r"\b(?:i|we|my|our|me|us|the team|i'm|i've|i’ve)\b", re.I)
_OUTCOME_UNIT = re.compile(
    r"%|percent|per cent|\bx\b|[$£€]|\bms\b|millisecond|second|minute|hour|day|week|month|"
    r"\bfrom\b.+\bto\b|\bzero\b|doubled|tripled|halved",
    re.I,
)
_PEOPLE = re.compile(
    r"^(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:junior|senior|new|other)?\s*"
    r"(?:juniors?|seniors?|engineers?|developers?|people|persons?|reports?|members?|hires?|"
    r"teammates?|colleagues?|interns?|teams?|stakeholders?)\b",
    re.I,
)
_REFLECTION = re.compile(
    r"\b(?:i learn(?:ed|t)|lesson|differently|next time|in hindsight|(?:i|we) should have|"
    r"since then|now i|i now|these days|taught me|would have)\b",
    re.I,
)


@dataclass(frozen=True)
class Sentence:
    """One distinct sentence of the answer and what it shows."""

    text: str  # exactly as in the answer
    index: int
    words: int
    stems: frozenset[str]
    specific: frozenset[str]  # stems that are neither generic nor the question's own
    cues: dict[str, float]
    i_action: bool
    we_action: bool
    actions: int  # past-tense steps in the sentence ("I split it, wrote the plan and ran it")
    hypothetical: bool
    quantities: tuple[str, ...]
    reflection: bool


@dataclass(frozen=True)
class Evidence:
    """Everything the rubrics judge an answer by."""

    text: str
    language: str
    words: int  # every word as spoken
    sentences: tuple[Sentence, ...]  # distinct sentences only
    repeated_share: float  # the share of the words that repeat earlier text
    filler_count: int
    hedge_count: int
    fillers: tuple[str, ...]
    question_stems: frozenset[str]
    specific: frozenset[str]  # the answer's specific stems
    topics_asked: tuple[str, ...]
    topics_hit: tuple[str, ...]
    question_overlap: float  # share of the question's content stems the answer uses
    work_words: int  # distinct workplace stems
    i_count: int
    we_count: int
    outcome_numbers: tuple[str, ...]  # numbers that measure a stated, anchored outcome
    loose_numbers: tuple[str, ...]  # numbers with no outcome or scope behind them
    scope_numbers: tuple[str, ...]  # sizes: people, traffic, money the candidate handled
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def content_words(self) -> int:
        """Words in distinct sentences, less filler and hedges."""
        return max(0, sum(s.words for s in self.sentences) - self.filler_count - self.hedge_count)

    def by_cue(self, part: str) -> list[Sentence]:
        """The sentences that read as STAR part ``part``."""
        return [s for s in self.sentences if s.cues.get(part, 0) > 0]


@lru_cache(maxsize=4096)
def _stems_of(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _norm(text: str) -> str:
    return _WORD_SPLIT.sub(" ", text).strip().lower()


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and len(a & b) >= 0.8 * max(len(a), len(b))


def _distinct_sentences(text: str) -> tuple[list[tuple[int, str]], int]:
    """(index, sentence) for sentences not repeating an earlier one, and repeated words."""
    kept: list[tuple[int, str]] = []
    seen_norm: set[str] = set()
    seen_stems: list[frozenset[str]] = []
    repeated = 0
    for i, raw in enumerate(split_sentences(text)):
        norm = _norm(raw)
        stems = _stems_of(raw)
        if not norm:
            continue
        if norm in seen_norm or (len(stems) >= 4 and any(_similar(stems, s) for s in seen_stems)):
            repeated += word_count(raw)
            continue
        seen_norm.add(norm)
        seen_stems.append(stems)
        kept.append((i, raw))
    return kept, repeated


_STEP = re.compile(
    r"(?:\b(?:i|we)\s+(?:also\s+|then\s+|first\s+|personally\s+|myself\s+)?|(?:,|\band|\bthen)"
    r"\s+(?:then\s+|also\s+)?)(?!needed|wanted|used|seemed)([a-z]+ed|built|wrote|rewrote|led|ran|"
    r"made|set|took|spoke|met|drove|brought|chose|found|gave|sent|taught|kept|held|split|cut|"
    r"put|shipped|got|fixed|moved|pushed|pulled|started|asked|told|began|dug|read|sat)\b",
    re.I,
)


# A terse answer drops the "I": "Built it alone over six weeks: cleaned the data, ...",
# "- Did: checked the commitments first; then booked 30 minutes with the CFO".
_IMPLIED_I = re.compile(
    r"(?:^|[:;]\s)\W*(?:then\s+|also\s+|first\s+|finally\s+)?(?!(?:based|used|needed|seemed|wanted|"
    r"surprised|delayed|frustrated|tired|interested|excited|supposed|called|named|located|"
    r"scheduled|planned|expected)\b)"
    r"(?:[a-z]+ed|built|wrote|rewrote|led|ran|made|set|took|spoke|met|drove|brought|chose|"
    r"found|gave|sent|taught|kept|held|split|cut|put|shipped|got|fixed|moved|pushed|pulled|"
    r"started|asked|told|began|sold|won|paid|sat|dug)"
    r"\s+(?:it|them|him|her|the|a|an|our|my|their|this|that|these|those|every|each|all|"
    r"with|up|out|down|off|over|\d|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\b",
    re.I,
)


# A story told in the present ("Last year ... I talk with him, I make for him ..."), as many
# speakers of English as a second language tell one: after a past anchor, "I" and a plain
# verb is a step, unless the sentence is a habit or a wish ("I always", "I would").
_PAST_ANCHOR = re.compile(
    r"\b(?:last (?:year|month|week|spring|summer|autumn|winter|quarter)|in (?:19|20)\d\d|"
    r"\d+ (?:years?|months?) ago|a few (?:years|months|weeks) ago|one (?:day|time)|once|"
    r"in my (?:last|previous|first) (?:job|company|role|year))\b", re.I)
_I_PRESENT = re.compile(
    r"\bi\s+(?:also\s+|then\s+|first\s+)?(?:talk|speak|make|sit|call|ask|tell|write|build|"
    r"send|check|meet|give|take|find|fix|change|add|move|start|stop|explain|show|prepare|"
    r"organise|organize|plan|test|run|put|bring|decide|create|design|train|teach|go|set|"
    r"contact|book|visit|propose|suggest|rewrite|split|buy|order|reroute|escalate)\b", re.I)


def _narrative_step(body: str, narrative: bool) -> bool:
    return narrative and bool(_I_PRESENT.search(body)) and not _HYPOTHETICAL.search(body)


def _implied_i(body: str) -> bool:
    return bool(_IMPLIED_I.search(body))


def _count_steps(body: str) -> int:
    if not (_I_ACTION.search(body) or _WE_ACTION.search(body) or _implied_i(body)):
        return 0
    clauses = re.split(r"[:;]\s+", body)  # "Built it: cleaned X, found Y" is three steps
    return len(_STEP.findall(body)) + sum(bool(_IMPLIED_I.match(c)) for c in clauses)


def _read_sentence(i: int, raw: str, question_stems: frozenset[str],
                   narrative: bool = False) -> Sentence:
    body = _LABEL.sub("", raw)  # "Result: ..." is judged by what follows the label
    told = _narrative_step(body, narrative)
    stems = _stems_of(body)
    cues = star_cues(body)
    return Sentence(
        text=raw.strip(),
        index=i,
        words=word_count(body),
        stems=stems,
        specific=frozenset(st for st in stems if st not in GENERIC and st not in question_stems),
        cues=cues,
        i_action=bool(_I_ACTION.search(body)) or _implied_i(body) or told,
        actions=_count_steps(body) or (len(_I_PRESENT.findall(body)) if told else 0),
        we_action=bool(_WE_ACTION.search(body)),
        hypothetical=bool(_HYPOTHETICAL.search(body)),
        quantities=tuple(find_quantities(body)),
        reflection=bool(_REFLECTION.search(body)),
    )


# A measured change: "fell from 900 ms to 180 ms", "cut by 35%", "down to 25 minutes".
_AMOUNT = r"(?:[$£€]\s?)?\d[\d,.]*\s?(?:k|m|bn|million|thousand)?"
_MEASURE_UNIT = (r"(?:%|percent\b|per cent\b|ms\b|milliseconds?|seconds?|minutes?|hours?|"
                 r"days?|weeks?|months?|pounds|euros|dollars)")
_CHANGE = re.compile(
    rf"\bfrom\s+{_AMOUNT}(?:\s?[a-z%]+)?(?:\s+\w+){{0,2}}\s+(?:to|down to|up to)\s+{_AMOUNT}"
    rf"|\b(?:fell|dropped|rose|grew|cut|reduced|increased|decreased|lowered|raised|shrank|"
    rf"climbed|went (?:up|down)|came down|saved)\b[^.;]{{0,40}}?"
    rf"\b(?:by|to|under|below)\s+(?:about\s+|around\s+|nearly\s+)?{_AMOUNT}\s?{_MEASURE_UNIT}",
    re.I,
)
_SALAD = re.compile(r"\d[\d.,]*\s?(?:%|percent\b|x\b)", re.I)


def measured_change(s: Sentence) -> bool:
    """Whether a sentence states a measured change (baselined, or one unit-bearing figure)."""
    return bool(_CHANGE.search(s.text)) and (
        "from" in s.text.lower() or len(_SALAD.findall(s.text)) <= 1)


def _after_action(s: Sentence, sentences: tuple[Sentence, ...]) -> bool:
    """Whether a concrete step the candidate (or their team) took comes before ``s``."""
    return any((o.i_action or o.we_action) and len(o.specific) >= 2 and o.index < s.index
               for o in sentences)


def _classify_numbers(
    sentences: tuple[Sentence, ...],
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    outcome: list[str] = []
    scope: list[str] = []
    loose: list[str] = []
    for s in sentences:
        if not s.quantities:
            continue
        others = frozenset().union(*(o.specific for o in sentences if o is not s))
        # An outcome ties back to the story: it shares a specific word with another sentence,
        # or it measures a change that follows a concrete step ("p95 fell from 900 ms to 180").
        anchored = bool(s.specific & others) or (
            measured_change(s) and _after_action(s, sentences))
        actor = bool(_ACTOR.search(s.text))
        for q in s.quantities:
            if _PEOPLE.match(q) or (actor and not s.cues["result"]):
                (scope if actor else loose).append(q)
            elif s.cues["result"] and anchored and _OUTCOME_UNIT.search(f"{q} {s.text}"):
                outcome.append(q)
            elif actor and anchored:
                scope.append(q)
            else:
                loose.append(q)
    return tuple(outcome), tuple(loose), tuple(scope)


def _topics(question: str, stems: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    asked_stems = frozenset(content_stems(question))
    asked = tuple(name for name, (raise_, _) in TOPICS.items() if raise_ & asked_stems)
    hit = tuple(name for name in asked if TOPICS[name][1] & stems)
    return asked, hit


_RESULT_VERBS = frozenset(
    ["improved", "increased", "reduced", "cut", "boosted", "grew", "raised", "lowered", "doubled", "tripled", "halved", "saved", "decreased", "dropped", "lifted", "drove", "delivered", "achieved"])


def _bolted_on(s: Sentence, sentences: tuple[Sentence, ...]) -> bool:
    if not (s.quantities and s.cues["result"]) or len(sentences) < 2:
        return False
    if any(v.lower() not in _RESULT_VERBS for v in _STEP.findall(s.text)):
        return False  # "I moved it off the monolith, which cut ...": an action with its result
    if measured_change(s) and _after_action(s, sentences):
        return False  # a measured change after the steps that made it
    others = frozenset().union(*(_loose(o.text) for o in sentences if o is not s))
    return not (_loose(s.text) & others)


_NOT_ANCHORS = frozenset(["result", "outcome", "end", "overall", "everyone", "people", "things", "thing", "lot"])


def _loose(text: str) -> frozenset[str]:
    """Every word of two letters or more ("CI", "minutes") but stop words and result verbs."""
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9'’-]+", text)}
    return frozenset(stem(w) for w in words - _STOP - _RESULT_VERBS - _NOT_ANCHORS)


def gather_evidence(answer: str, question: str) -> Evidence:
    """The evidence ``answer`` gives in reply to ``question``."""
    question_stems = frozenset(content_stems(question))
    answer = _BRACKETED.sub(" ", answer)  # a revision's placeholders claim nothing
    pairs, repeated = _distinct_sentences(answer)
    narrative = bool(_PAST_ANCHOR.search(answer))
    read = tuple(_read_sentence(i, raw, question_stems, narrative) for i, raw in pairs)
    # A result with numbers that shares nothing with the rest of the answer is a claim
    # bolted on ("As a result, we improved conversion by 40%"): it earns nothing.
    sentences = tuple(s for s in read if not _bolted_on(s, read))
    bolted = tuple(s for s in read if _bolted_on(s, read))
    words = word_count(answer)
    distinct_text = " ".join(s.text for s in sentences)
    # As written (an interviewer quoting "Um" quotes it with its capital).
    fillers = tuple(m.group(0).strip(" ,") for m in _FILLERS.finditer(distinct_text))
    hedges = tuple(m.group(0).strip(" ,") for m in _HEDGES.finditer(distinct_text))
    stems = frozenset().union(*(s.stems for s in sentences)) if sentences else frozenset()
    specific = frozenset().union(*(s.specific for s in sentences)) if sentences else frozenset()
    asked, hit = _topics(question, stems)
    outcome, loose, scope = _classify_numbers(sentences)
    i_count = len(re.findall(r"\b(?:i|i'm|i've|i’m|i’ve|me|my|myself)\b", distinct_text, re.I))
    we_count = len(re.findall(r"\b(?:we|we're|we've|us|our|ourselves)\b", distinct_text, re.I))
    return Evidence(
        text=answer,
        language=detect_language(answer),
        words=words,
        sentences=sentences,
        repeated_share=round(repeated / words, 3) if words else 0.0,
        filler_count=sum(len(f.split()) for f in fillers),
        hedge_count=sum(len(h.split()) for h in hedges),
        fillers=fillers + hedges,
        question_stems=question_stems,
        specific=specific,
        topics_asked=asked,
        topics_hit=hit,
        question_overlap=round(len(stems & question_stems) / len(question_stems), 3)
        if question_stems
        else 0.0,
        work_words=len(stems & WORK),
        i_count=i_count,
        we_count=we_count,
        outcome_numbers=outcome,
        loose_numbers=loose,
        scope_numbers=scope,
        extra={"bolted_on": bolted},
    )


def star_presence(ev: Evidence) -> dict[str, bool]:
    """Which STAR parts have at least one sentence of their own."""
    return {p: bool(ev.by_cue(p)) for p in STAR_PARTS}
