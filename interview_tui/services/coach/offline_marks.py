"""Marks: each rubric criterion read against an answer's evidence, with its quote.

A mark is a level from 0 to 2 and the sentence that earned it. Levels are fractional
where an interviewer would give part credit (a concrete outcome with no number: 1.5).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from interview_tui.services.coach.answer_evidence import _I_ACTION as _MINE
from interview_tui.services.coach.answer_evidence import _REFLECTION as _LESSON
from interview_tui.services.coach.answer_evidence import Evidence, Sentence
from interview_tui.services.coach.answer_signals import _RESULT, stem
from interview_tui.services.coach.lexicon import (
    FAILURE_MODES,
    REQUIREMENT_CUES,
    RISK_CUES,
    TECH_COMPONENTS,
    TRADEOFF_CUES,
    WORK,
)


@dataclass(frozen=True)
class Mark:
    """How well one criterion is met, and the answer's own words behind it."""

    key: str
    level: float  # 0 missing .. 2 clearly there
    quote: str = ""  # a phrase of the answer, exactly as written

    @property
    def band(self) -> int:
        """0, 1 or 2: the anchor the level reads as."""
        return 0 if self.level < 0.75 else 1 if self.level < 1.75 else 2


@dataclass(frozen=True)
class Context:
    """What the marks may compare the answer with."""

    question: str
    company: str = ""
    job_description: str = ""


def quote(sentence: Sentence | None, at: re.Pattern[str] | None = None, words: int = 12) -> str:
    """Up to ``words`` words of a sentence, exactly as written (a real substring), from the
    clause where ``at`` matches when it does, so the quote shows what earned the mark."""
    if sentence is None:
        return ""
    text = sentence.text
    m = at.search(text) if at is not None else None
    if m is not None and m.start() > 0:
        clause, mark = max((text.rfind(mark, 0, m.start()), mark) for mark in (", ", "; ", ": ", " and "))
        near = clause >= 0 and len(text[clause:m.start()].split()) <= 6
        text = text[clause + len(mark) if near else m.start():].lstrip(" ,;:")
    spans = list(re.finditer(r"\S+", text))
    if len(spans) <= words:
        return text.rstrip(" .")
    return text[: spans[words - 1].end()].rstrip(" ,;:.")


def _best(sentences: list[Sentence], key: Callable[[Sentence], float]) -> Sentence | None:
    scored = [s for s in sentences if key(s) > 0]
    return max(scored, key=key) if scored else None


def _concrete(s: Sentence) -> bool:
    return len(s.specific) >= 2


_NAME_INSIDE = re.compile(r"(?<=[a-z,;:] )[A-Z][\w-]+")
_EVERYDAY = WORK | TECH_COMPONENTS | FAILURE_MODES


def checkable(s: Sentence) -> bool:
    """Whether a sentence holds a detail an interviewer could ask about: a number, a name,
    or a word beyond the everyday vocabulary of work ("analysed the code, optimised the
    queries, added caching" holds none)."""
    if s.quantities or _NAME_INSIDE.search(s.text):
        return True
    for word in re.findall(r"[a-z][a-z'-]+", s.text.lower()):
        if len(word) > 3 and not word.endswith(("ed", "ing", "ly")) and stem(word) in (
                s.specific - _EVERYDAY):
            return True
    return False


# --- behavioural -------------------------------------------------------------------------
_CONTEXT = re.compile(
    r"\b(?:at (?:my )?(?:[A-Z]\w+|last|previous|current|old)|last (?:year|quarter|month|spring|"
    r"summer|autumn|winter)|in (?:19|20)\d\d|when i was|i joined|i was (?:on|working|the)|"
    r"a few (?:years|months|weeks) ago|back in|our (?:team|service|system|product|platform)|"
    r"we had|there was|there were)",
    re.I,
)
_TASK = re.compile(
    r"\b(?:my (?:goal|job|task|role|responsibility|remit|brief) was|i was (?:responsible|asked|"
    r"tasked|in charge|accountable|brought in|given)|i needed to|i had to|i owned|i took "
    r"(?:ownership|the lead|on)|i volunteered|i offered|i decided to|i stepped in)\b",
    re.I,
)


def _occasion(ev: Evidence, ctx: Context) -> Mark:
    s = ev.sentences
    past = [x for x in s if x.i_action or x.we_action]
    hyp = sum(x.hypothetical for x in s) / max(len(s), 1)
    context = [x for x in s if _CONTEXT.search(x.text) and _concrete(x)]
    if not past:
        return Mark("occasion", 0.0)
    if context and hyp < 0.34:
        return Mark("occasion", 2.0, quote(context[0]))
    return Mark("occasion", 1.0, quote(past[0]))


def _ownership(ev: Evidence, ctx: Context) -> Mark:
    mine = [x for x in ev.sentences if x.i_action or _TASK.search(x.text)]
    task = next((x for x in ev.sentences if _TASK.search(x.text)), None)
    if (task or len(mine) >= 2) and ev.i_count >= 0.7 * ev.we_count and len(mine) >= 2:
        return Mark("ownership", 2.0, quote(task, _TASK) if task else quote(mine[0], _MINE))
    if mine:
        return Mark("ownership", 1.0, quote(mine[0], _MINE))
    return Mark("ownership", 0.0)


def _actions(ev: Evidence, ctx: Context) -> Mark:
    mine = [x for x in ev.sentences if x.i_action and _concrete(x)]
    ours = [x for x in ev.sentences if x.we_action and _concrete(x)]
    steps = sum(max(1, x.actions) for x in mine)
    if (steps >= 3 or (mine and steps + len(ours) >= 3)) and any(map(checkable, mine + ours)):
        return Mark("actions", 2.0, quote(max(mine, key=lambda x: (x.actions, -x.index)), _MINE))
    if mine or ours:
        return Mark("actions", 1.0, quote((mine or ours)[0], _MINE))
    return Mark("actions", 0.0)


# Outcomes told without a result verb: "none of his changes caused an incident since".
_AFTERWARDS = re.compile(
    r"\b(?:none of|no (?:more|further|new)|never (?:again|had)|went on to|by the end|"
    r"over the next|within (?:a|an|one|two|three|four|six|\d+) (?:days?|weeks?|months?)|"
    r"afterwards|after that|from then on|since then|(?:caused|had|saw) (?:no|zero)|"
    r"(?:was|were|got) (?:adopted|approved|accepted|promoted))\b",
    re.I,
)


_PAST = re.compile(r"\b(?:[a-z]{3,}ed|was|were|had|went|ran|kept|got|came|took|made|"
                   r"became|began|grew|fell|rose|left|stayed|won|lost|paid|sold|saw|said|"
                   r"told|gave|found|felt|held|brought|showed)\b", re.I)
_NONE_LEFT = re.compile(r"\b(?:none of|zero|no (?:more|further) \w+|never again)\b", re.I)


def _result_sentences(ev: Evidence) -> list[Sentence]:
    found = [x for x in ev.sentences if (x.cues["result"] > 0 or _AFTERWARDS.search(x.text))
             and not x.hypothetical]
    # A story's closing sentence, told after the steps and not a step itself, is where it
    # says what happened, with or without a result word ("He recovered and went home").
    last = ev.sentences[-1] if len(ev.sentences) >= 3 else None
    if last is not None and last not in found and not last.hypothetical and _concrete(last) \
            and not last.i_action and any(x.i_action and _concrete(x) for x in ev.sentences[:-1]) \
            and _PAST.search(last.text):
        found.append(last)
    return found


def _outcome(ev: Evidence, ctx: Context) -> Mark:
    results = _result_sentences(ev)
    if not results:
        return Mark("outcome", 0.0)
    measured = [x for x in results if set(x.quantities) & set(ev.outcome_numbers)
                or (_NONE_LEFT.search(x.text) and _concrete(x))]
    if measured:
        return Mark("outcome", 2.0, quote(measured[0], _RESULT))
    others = [frozenset().union(*(o.specific for o in ev.sentences if o is not x)) for x in results]
    concrete = [x for x, o in zip(results, others, strict=True) if len(x.specific & o) >= 1
                and _concrete(x)]
    if concrete:
        return Mark("outcome", 1.0, quote(concrete[0], _RESULT))  # there, but unmeasured
    return Mark("outcome", 0.6, quote(results[0], _RESULT))


def _reflection(ev: Evidence, ctx: Context) -> Mark:
    lessons = [x for x in ev.sentences if x.reflection]
    if any(_concrete(x) for x in lessons):
        return Mark("reflection", 2.0, quote(next(x for x in lessons if _concrete(x)), _LESSON))
    return Mark("reflection", 1.0, quote(lessons[0], _LESSON)) if lessons else Mark(
        "reflection", 0.0)


def _relevance(ev: Evidence, ctx: Context) -> Mark:
    if ev.topics_asked:
        share = len(ev.topics_hit) / len(ev.topics_asked)
        if share >= 0.5:
            return Mark("relevance", 2.0)
        if share > 0 or ev.question_overlap >= 0.3:
            return Mark("relevance", 1.25)
        return Mark("relevance", 0.5 if ev.question_overlap >= 0.15 else 0.0)
    if ev.question_overlap >= 0.2:
        return Mark("relevance", 2.0)
    return Mark("relevance", 1.0 if ev.question_overlap >= 0.08 else 0.25)


# --- technical ---------------------------------------------------------------------------
def _count_in(ev: Evidence, vocabulary: frozenset[str]) -> tuple[int, Sentence | None]:
    found = frozenset().union(*(x.stems & vocabulary for x in ev.sentences)) if ev.sentences else set()
    best = _best(list(ev.sentences), lambda x: len(x.stems & vocabulary))
    return len(found), best


def _requirements(ev: Evidence, ctx: Context) -> Mark:
    hits = [x for x in ev.sentences if REQUIREMENT_CUES.search(x.text)]
    cues = {m.group(0).lower() for x in hits for m in REQUIREMENT_CUES.finditer(x.text)}
    if len(cues) >= 2:
        return Mark("requirements", 2.0, quote(hits[0]))
    return Mark("requirements", 1.0, quote(hits[0])) if hits else Mark("requirements", 0.0)


# A design is what the candidate would build: components named in a decision count, a
# list of terms ("token bucket, leaky bucket, sliding window...") does not.
_DECIDES = re.compile(
    r"\b(?:i['’]?d|i would|we['’]?d|we would|i['’]?ll|i will|i (?:use|pick|choose|store|put|keep|add|"
    r"make|start|check|look|compare|split|move|write|run)|let['’]?s|my (?:first|default)|"
    r"(?:is|are) (?:stored|kept|written|sent|cached)|lives? in|sits? in|goes (?:to|through)|"
    r"returns|reads? from|writes? to|falls? back|takes a|carries)\b"
    # An imperative step, as a bullet or a clause: "- Run an A/B test", "Check row counts".
    r"|(?:^|[:;]\s|\s-\s)\W*(?:first\s+|then\s+)?(?:use|run|log|check|add|keep|start|compare|"
    r"watch|measure|split|store|put|build|test|decide|agree|break|send|fix|look|count|seed|"
    r"lock|give|take|drop|impute|report|review|audit|remove|track|set|monitor|alert|write|"
    r"read|call|ask|plan|sample|train|validate|deploy|roll|re-plan|replan|backfill|cap|"
    r"limit|cache|retry|queue|shard|index|batch)\b",
    re.I,
)


def _approach(ev: Evidence, ctx: Context) -> Mark:
    decided = [x for x in ev.sentences if _DECIDES.search(x.text)]
    n, best = _count_in(replace(ev, sentences=tuple(decided)), TECH_COMPONENTS)
    # Domain detail: the specific things the steps act on, in whatever field.
    detail = frozenset().union(*(x.specific for x in decided)) - TECH_COMPONENTS if decided \
        else frozenset()
    n += min(4, len(detail) // 6)
    level = 2.0 if n >= 6 else 1.5 if n >= 4 else 1.0 if n >= 2 else 0.0
    return Mark("approach", level, quote(best) if level else "")


def _tradeoffs(ev: Evidence, ctx: Context) -> Mark:
    hits = [x for x in ev.sentences if TRADEOFF_CUES.search(x.text)]
    cues = sum(len(TRADEOFF_CUES.findall(x.text)) for x in hits)
    if cues >= 2:
        return Mark("tradeoffs", 2.0 if cues >= 3 or len(hits) >= 2 else 1.5, quote(hits[0]))
    return Mark("tradeoffs", 1.0, quote(hits[0])) if hits else Mark("tradeoffs", 0.0)


def _failure(ev: Evidence, ctx: Context) -> Mark:
    n, best = _count_in(ev, FAILURE_MODES)
    # Risks named in plain words count in any field ("the main risks are a late payer").
    risky = [x for x in ev.sentences if RISK_CUES.search(x.text)]
    n += len({m.group(0).lower() for x in risky for m in RISK_CUES.finditer(x.text)})
    best = risky[0] if risky else best
    level = 2.0 if n >= 4 else 1.5 if n >= 3 else 1.0 if n >= 1 else 0.0
    return Mark("failure", level, quote(best) if level else "")


def _numbers(ev: Evidence, ctx: Context) -> Mark:
    numbered = [x for x in ev.sentences if x.quantities]
    count = sum(len(x.quantities) for x in numbered)
    if count >= 2:
        return Mark("numbers", 2.0, quote(numbered[0]))
    return Mark("numbers", 1.0, quote(numbered[0])) if numbered else Mark("numbers", 0.0)


STORY_READERS: dict[str, dict[str, Callable[[Evidence, Context], Mark]]] = {
    "behavioural": {"occasion": _occasion, "ownership": _ownership, "actions": _actions,
                    "outcome": _outcome, "reflection": _reflection, "relevance": _relevance},
    "technical": {"requirements": _requirements, "approach": _approach, "tradeoffs": _tradeoffs,
                  "failure": _failure, "numbers": _numbers},
}
