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
from interview_tui.services.coach.answer_signals import _RESULT, content_stems
from interview_tui.services.coach.lexicon import (
    BADMOUTH,
    BENEFITS,
    DESPERATE,
    EVASIVE,
    FAILURE_MODES,
    GENERIC,
    HUMBLEBRAG,
    NOT_FIRST,
    REQUIREMENT_CUES,
    TECH_COMPONENTS,
    TRADEOFF_CUES,
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
        clause = max(text.rfind(mark, 0, m.start()) for mark in (", ", "; ", ": ", " and "))
        start = clause + 2 if clause >= 0 and len(text[clause:m.start()].split()) <= 6 else m.start()
        text = text[start:].lstrip(" ,;:")
        if text.startswith("d "):
            text = text[2:]
    spans = list(re.finditer(r"\S+", text))
    if len(spans) <= words:
        return text.rstrip(" .")
    return text[: spans[words - 1].end()].rstrip(" ,;:.")


def _best(sentences: list[Sentence], key: Callable[[Sentence], float]) -> Sentence | None:
    scored = [s for s in sentences if key(s) > 0]
    return max(scored, key=key) if scored else None


def _concrete(s: Sentence) -> bool:
    return len(s.specific) >= 2


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
    if steps >= 3 or (mine and steps + len(ours) >= 3):
        return Mark("actions", 2.0, quote(max(mine, key=lambda x: (x.actions, -x.index)), _MINE))
    if mine or ours:
        return Mark("actions", 1.0, quote((mine or ours)[0], _MINE))
    return Mark("actions", 0.0)


def _result_sentences(ev: Evidence) -> list[Sentence]:
    return [x for x in ev.sentences if x.cues["result"] > 0 and not x.hypothetical]


def _outcome(ev: Evidence, ctx: Context) -> Mark:
    results = _result_sentences(ev)
    if not results:
        return Mark("outcome", 0.0)
    measured = [x for x in results if set(x.quantities) & set(ev.outcome_numbers)]
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
    r"\b(?:i'?d|i would|we'?d|we would|i'?ll|i will|i (?:use|pick|choose|store|put|keep|add|"
    r"make|start|check|look|compare|split|move|write|run)|let'?s|my (?:first|default)|"
    r"(?:is|are) (?:stored|kept|written|sent|cached)|lives? in|sits? in|goes (?:to|through)|"
    r"returns|reads? from|writes? to|falls? back|takes a|carries)\b",
    re.I,
)


def _approach(ev: Evidence, ctx: Context) -> Mark:
    decided = [x for x in ev.sentences if _DECIDES.search(x.text)]
    n, best = _count_in(replace(ev, sentences=tuple(decided)), TECH_COMPONENTS)
    n += min(2, len(ev.specific - TECH_COMPONENTS) // 6) if decided else 0  # domain detail
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
    level = 2.0 if n >= 4 else 1.5 if n >= 3 else 1.0 if n >= 1 else 0.0
    return Mark("failure", level, quote(best) if level else "")


def _numbers(ev: Evidence, ctx: Context) -> Mark:
    numbered = [x for x in ev.sentences if x.quantities]
    count = sum(len(x.quantities) for x in numbered)
    if count >= 2:
        return Mark("numbers", 2.0, quote(numbered[0]))
    return Mark("numbers", 1.0, quote(numbered[0])) if numbered else Mark("numbers", 0.0)


# --- motivation --------------------------------------------------------------------------
_FORWARD = re.compile(
    r"\b(?:i want to|i'?d (?:like|love) to|i would (?:like|love) to|i'?m looking (?:to|for)|"
    r"i hope to|excited (?:to|about|by)|next step|grow into|i'?m keen to|looking forward|"
    r"in this role|here i (?:could|can|would)|i could|i can bring|my goal is|i aim to|"
    r"i'?d bring|want to (?:work|build|learn|grow|own|lead))\b",
    re.I,
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+\b")


def _jd_terms(ev: Evidence, ctx: Context) -> set[str]:
    jd = content_stems(f"{ctx.job_description} {ctx.company}") - GENERIC
    return set(ev.specific & jd)


def _specific(ev: Evidence, ctx: Context) -> Mark:
    company = ctx.company.lower()
    names = [x for x in ev.sentences if _NAME.search(x.text)]
    named = bool(company and company in ev.text.lower()) or bool(names)
    jd = _jd_terms(ev, ctx)
    best = _best(list(ev.sentences), lambda x: len(x.specific) + 3 * bool(_NAME.search(x.text)))
    points = 2 * named + min(3, len(jd)) + min(4, len(ev.specific) // 4)
    level = 2.0 if points >= 6 else 1.5 if points >= 4 else 1.0 if points >= 2 else 0.0
    return Mark("specific", level, quote(best) if level else "")


def _experience(ev: Evidence, ctx: Context) -> Mark:
    done = [x for x in ev.sentences if (x.i_action or re.search(r"\bi'?ve\b", x.text, re.I))
            and _concrete(x)]
    if len(done) >= 2 or (done and (ev.outcome_numbers or ev.scope_numbers)):
        return Mark("experience", 2.0, quote(done[0]))
    return Mark("experience", 1.0, quote(done[0])) if done else Mark("experience", 0.0)


def _forward(ev: Evidence, ctx: Context) -> Mark:
    hits = [x for x in ev.sentences if _FORWARD.search(x.text)]
    concrete = [x for x in hits if _concrete(x)]
    if concrete:
        return Mark("forward", 2.0, quote(concrete[0]))
    return Mark("forward", 1.0, quote(hits[0])) if hits else Mark("forward", 0.0)


def red_flag(ev: Evidence, early_only: bool = True) -> Sentence | None:
    """A sentence that leads with money or perks, runs down an employer, or sounds desperate."""
    for x in ev.sentences:
        if BADMOUTH.search(x.text) or DESPERATE.search(x.text):
            return x
        money_first = BENEFITS.search(x.text) and not NOT_FIRST.search(x.text)
        if money_first and (x.index <= 1 or not early_only):
            return x
    return None


def _red_flags(ev: Evidence, ctx: Context) -> Mark:
    flag = red_flag(ev)
    return Mark("red_flags", 0.0, quote(flag)) if flag else Mark("red_flags", 2.0)


# --- weakness ----------------------------------------------------------------------------
_WEAK = re.compile(
    r"\b(?:my (?:biggest |main |real )?(?:weakness|mistake|failure)|i (?:struggle|struggled|tend "
    r"to|tended to|used to|wasn'?t|was not|found it hard|find it hard|made a mistake|was wrong|"
    r"failed|missed|underestimated|overestimated|should have|didn'?t|did not|avoided|avoid|"
    r"over-?committed|overcommit|took on too|rushed|assumed|ignored|forgot|skipped|shipped|"
    r"pushed)|i'?m not (?:great|good|comfortable|naturally)|(?:is|was) hard for me|"
    r"the mistake was|what went wrong|caused|broke|locked|without (?:checking|testing|asking)|"
    r"i'?d have|i would have|it was my|was mine|i owned (?:it|that|this|the call|the mistake)|"
    r"turned down|slipped through|backfired|made (?:it|things) worse|had hidden|"
    r"i was (?:slow|late|behind|comfortable|too)|didn'?t (?:check|test|ask))\b",
    re.I,
)
_PROGRESS = re.compile(
    r"\b(?:since then|now i|i now|these days|no longer|nowadays|haven'?t|fewer|stopped|"
    r"improved|better|last (?:review|quarter|cycle)|feedback (?:has|is|was)|my manager (?:said|"
    r"noticed)|went from|dropped|rated|promoted|on time|every time since)\b",
    re.I,
)


def _real(ev: Evidence, ctx: Context) -> Mark:
    brag = next((x for x in ev.sentences if HUMBLEBRAG.search(x.text)), None)
    weak = [x for x in ev.sentences if _WEAK.search(x.text)]
    if brag and not any(_concrete(x) for x in weak if x is not brag):
        return Mark("real", 0.0, quote(brag))
    concrete = [x for x in weak if _concrete(x)]
    if concrete:
        return Mark("real", 2.0, quote(concrete[0]))
    return Mark("real", 1.0, quote(weak[0])) if weak else Mark("real", 0.0)


def _example(ev: Evidence, ctx: Context) -> Mark:
    occasion = [x for x in ev.sentences if (_CONTEXT.search(x.text) or x.i_action or x.we_action)
                and _concrete(x) and not _PROGRESS.search(x.text)]
    effect = [x for x in ev.sentences if re.search(
        r"\b(?:which meant|as a result|cost|delayed|slipped|late|missed|broke|lost|angry|"
        r"frustrat\w*|had to|so the|outage|rework|escalat\w*|couldn'?t|wasn'?t able|affected|"
        r"worse|behind|waited|stopped)\b", x.text, re.I)]
    if occasion and effect:
        return Mark("example", 2.0, quote(effect[0]))
    if occasion or effect:
        return Mark("example", 1.0, quote((occasion or effect)[0]))
    return Mark("example", 0.0)


def _response(ev: Evidence, ctx: Context) -> Mark:
    first_weak = next((x.index for x in ev.sentences if _WEAK.search(x.text)), -1)
    steps = [x for x in ev.sentences if x.index > first_weak and _concrete(x) and (
        x.i_action or re.search(r"\b(?:now i|i now|i (?:ask|use|write|block|check|set|keep|"
                                r"share|book|plan|review|practise|practice|break))\b", x.text, re.I))]
    if len(steps) >= 2:
        return Mark("response", 2.0, quote(steps[0]))
    return Mark("response", 1.0, quote(steps[0])) if steps else Mark("response", 0.0)


def _progress(ev: Evidence, ctx: Context) -> Mark:
    hits = [x for x in ev.sentences if _PROGRESS.search(x.text) and x.index > 0]
    measured = [x for x in hits if x.quantities]
    if measured:
        return Mark("progress", 2.0, quote(measured[0]))
    concrete = [x for x in hits if _concrete(x)]
    if concrete:
        return Mark("progress", 1.5, quote(concrete[0]))
    return Mark("progress", 0.75, quote(hits[0])) if hits else Mark("progress", 0.0)


# --- overview ----------------------------------------------------------------------------
_NOW = re.compile(
    r"\b(?:i'?m (?:a|an|the|currently|now)|i am (?:a|an|the|currently)|i work (?:as|at|on|in)|"
    r"currently|right now|at the moment|these days|today i|my (?:current )?role|i'?ve been "
    r"(?:at|with|working)|i lead|i run|i own|i manage)\b",
    re.I,
)


def _current(ev: Evidence, ctx: Context) -> Mark:
    hits = [x for x in ev.sentences if _NOW.search(x.text)]
    concrete = [x for x in hits if _concrete(x)]
    if concrete:
        return Mark("current", 2.0, quote(concrete[0]))
    return Mark("current", 1.0, quote(hits[0])) if hits else Mark("current", 0.0)


def _impact(ev: Evidence, ctx: Context) -> Mark:
    done = [x for x in ev.sentences if (x.i_action or x.we_action) and _concrete(x)]
    measured = [x for x in done if set(x.quantities) & set(ev.outcome_numbers + ev.scope_numbers)]
    if measured:
        return Mark("impact", 2.0, quote(measured[0]))
    results = [x for x in done if x.cues["result"]]
    if results:
        return Mark("impact", 1.5, quote(results[0]))
    return Mark("impact", 1.0, quote(done[0])) if done else Mark("impact", 0.0)


_LINK = re.compile(
    r"\b(?:this (?:role|position|team|job)|your (?:team|company|product)|here|next step|"
    r"which is why|that'?s why|looking for|want to|excited|why i applied|brings me to)\b",
    re.I,
)


def _overview_relevance(ev: Evidence, ctx: Context) -> Mark:
    link = [x for x in ev.sentences if _LINK.search(x.text)]
    jd = _jd_terms(ev, ctx)
    if link and (len(jd) >= 2 or _concrete(link[0])):
        return Mark("relevance", 2.0, quote(link[0]))
    if link or len(jd) >= 2:
        return Mark("relevance", 1.0, quote(link[0]) if link else "")
    return Mark("relevance", 0.0)


def _length(ev: Evidence, ctx: Context) -> Mark:
    n = ev.content_words
    return Mark("length", 2.0 if 70 <= n <= 330 else 1.0 if 40 <= n <= 420 else 0.0)


# --- logistics ---------------------------------------------------------------------------
_DIRECT = re.compile(
    r"\b(?:yes|no|i can(?!'?t)|i could|i'?m (?:open|happy|available|fine|looking|interviewing|in)|"
    r"i am (?:open|happy|available)|my notice|i'?d (?:expect|be looking|need|prefer)|"
    r"i have|i'?m not|i would|weeks?|months?|days?|\d)\b",
    re.I,
)
_FLEX = re.compile(
    r"\b(?:flexib\w*|open to|negotiable|happy to|(?:can|could)(?:n'?t)? (?:move|adjust|shift|"
    r"start earlier|be sped up)|sped up|speed up|a few more days|if needed|willing|prefer|ideally|"
    r"fixed|non-negotiable|the most important|i'?d like to keep)\b",
    re.I,
)


def _direct(ev: Evidence, ctx: Context) -> Mark:
    hits = [x for x in ev.sentences if _DIRECT.search(x.text) and not EVASIVE.search(x.text)
            and not re.match(r"\W*(?:maybe|not sure|probably|it depends)\b", x.text, re.I)]
    if hits and hits[0].index <= min(ev.sentences[0].index + 1, ev.sentences[-1].index):
        return Mark("direct", 2.0, quote(hits[0]))
    return Mark("direct", 1.0, quote(hits[0])) if hits else Mark("direct", 0.0)


def _concrete_details(ev: Evidence, ctx: Context) -> Mark:
    numbered = [x for x in ev.sentences if x.quantities or re.search(r"\d", x.text)]
    if numbered:
        return Mark("concrete", 2.0, quote(numbered[0]))
    named = [x for x in ev.sentences if _concrete(x)]
    return Mark("concrete", 1.0, quote(named[0])) if named else Mark("concrete", 0.0)


def _flexibility(ev: Evidence, ctx: Context) -> Mark:
    hits = [x for x in ev.sentences if _FLEX.search(x.text)]
    return Mark("flexibility", 2.0, quote(hits[0])) if hits else Mark("flexibility", 0.0)


def _professional(ev: Evidence, ctx: Context) -> Mark:
    flag = next((x for x in ev.sentences if BADMOUTH.search(x.text) or DESPERATE.search(x.text)
                 or EVASIVE.search(x.text)), None)
    return Mark("professional", 0.0, quote(flag)) if flag else Mark("professional", 2.0)


READERS: dict[str, dict[str, Callable[[Evidence, Context], Mark]]] = {
    "behavioural": {"occasion": _occasion, "ownership": _ownership, "actions": _actions,
                    "outcome": _outcome, "reflection": _reflection, "relevance": _relevance},
    "technical": {"requirements": _requirements, "approach": _approach, "tradeoffs": _tradeoffs,
                  "failure": _failure, "numbers": _numbers},
    "motivation": {"specific": _specific, "experience": _experience, "forward": _forward,
                   "red_flags": _red_flags},
    "weakness": {"real": _real, "example": _example, "response": _response,
                 "progress": _progress},
    "overview": {"current": _current, "impact": _impact, "relevance": _overview_relevance,
                 "length": _length},
    "logistics": {"direct": _direct, "concrete": _concrete_details, "flexibility": _flexibility,
                  "professional": _professional},
}


def read_marks(kind: str, ev: Evidence, ctx: Context) -> dict[str, Mark]:
    """Every criterion of ``kind``'s rubric, marked against ``ev``."""
    return {key: reader(ev, ctx) for key, reader in READERS[kind].items()}
