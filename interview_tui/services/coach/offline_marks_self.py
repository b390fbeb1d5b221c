"""Marks for the questions about the candidate: motivation, weakness, overview, logistics.

Stories and technical answers are marked in ``offline_marks``; ``read_marks`` reads any
kind's rubric.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from interview_tui.services.coach.answer_evidence import Evidence, Sentence
from interview_tui.services.coach.answer_signals import content_stems
from interview_tui.services.coach.lexicon import (
    BADMOUTH,
    BENEFITS,
    DESPERATE,
    EVASIVE,
    GENERIC,
    HUMBLEBRAG,
    NOT_FIRST,
)
from interview_tui.services.coach.offline_marks import (
    _CONTEXT,
    STORY_READERS,
    Context,
    Mark,
    _best,
    _concrete,
    quote,
)

# --- motivation --------------------------------------------------------------------------
_FORWARD = re.compile(
    r"\b(?:i want to|i['’]?d (?:like|love) to|i would (?:like|love) to|i['’]?m looking (?:to|for)|"
    r"i hope to|excited (?:to|about|by)|next step|grow into|i['’]?m keen to|looking forward|"
    r"in this role|here i (?:could|can|would)|i could|i can bring|my goal is|i aim to|"
    r"i['’]?d bring|want to (?:work|build|learn|grow|own|lead))\b",
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
    done = [x for x in ev.sentences if (x.i_action or re.search(r"\bi['’]?ve\b", x.text, re.I))
            and _concrete(x)]
    if len(done) >= 2 or (done and (ev.outcome_numbers or ev.scope_numbers)):
        return Mark("experience", 2.0, quote(done[0]))
    return Mark("experience", 1.0, quote(done[0])) if done else Mark("experience", 0.0)


def _by_cue(key: str, ev: Evidence, cue: re.Pattern[str]) -> Mark:
    """2 when a sentence with ``cue`` says something specific, 1 when only the cue is there."""
    hits = [x for x in ev.sentences if cue.search(x.text)]
    concrete = [x for x in hits if _concrete(x)]
    if concrete:
        return Mark(key, 2.0, quote(concrete[0], cue))
    return Mark(key, 1.0, quote(hits[0], cue)) if hits else Mark(key, 0.0)


def _forward(ev: Evidence, ctx: Context) -> Mark:
    return _by_cue("forward", ev, _FORWARD)


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
    r"to|tended to|used to|wasn['’]?t|was not|found it hard|find it hard|made a mistake|was wrong|"
    r"failed|missed|underestimated|overestimated|should have|didn['’]?t|did not|avoided|avoid|"
    r"over-?committed|overcommit|took on too|rushed|assumed|ignored|forgot|skipped|shipped|"
    r"pushed)|i['’]?m not (?:great|good|comfortable|naturally)|(?:is|was) hard for me|"
    r"the mistake was|what went wrong|caused|broke|locked|without (?:checking|testing|asking)|"
    r"i['’]?d have|i would have|it was my|was mine|i owned (?:it|that|this|the call|the mistake)|"
    r"turned down|slipped through|backfired|made (?:it|things) worse|had hidden|"
    r"i was (?:slow|late|behind|comfortable|too)|didn['’]?t (?:check|test|ask))\b",
    re.I,
)
_PROGRESS = re.compile(
    r"\b(?:since then|now i|i now|these days|no longer|nowadays|haven['’]?t|fewer|stopped|"
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
        r"frustrat\w*|had to|so the|outage|rework|escalat\w*|couldn['’]?t|wasn['’]?t able|affected|"
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
# "I'm a team player" is a trait, not a current role.
_TRAIT = (r"(?!\s(?:\w+\s)?(?:(?:team )?player|worker|learner|person|communicator|thinker|"
          r"problem[- ]solver|perfectionist|self-starter|fit)\b)")
_NOW = re.compile(
    rf"\b(?:i['’]?m (?:a|an|the|currently|now){_TRAIT}|i am (?:a|an|the|currently){_TRAIT}|"
    r"i work (?:as|at|on|in)|"
    r"currently|right now|at the moment|these days|today i|my (?:current )?role|i['’]?ve been "
    r"(?:at|with|working)|i lead|i run|i own|i manage)\b",
    re.I,
)


def _current(ev: Evidence, ctx: Context) -> Mark:
    return _by_cue("current", ev, _NOW)


_TENURE = re.compile(r"^(?:\d+|[a-z]+)(?:\+| or \w+)? (?:years?|months?)$", re.I)


def _impact(ev: Evidence, ctx: Context) -> Mark:
    done = [x for x in ev.sentences if (x.i_action or x.we_action) and _concrete(x)]
    # Years in a job are tenure, not impact: "ten years in finance" measures nothing done.
    sized = {q for q in ev.outcome_numbers + ev.scope_numbers if not _TENURE.match(q)}
    # A measured result counts in whoever's grammar it comes ("the highlight was moving
    # tracking to three services, which cut p95 from 900 to 180 ms").
    measured = [x for x in ev.sentences if _concrete(x) and set(x.quantities) & sized]
    if measured:
        return Mark("impact", 2.0, quote(measured[0]))
    results = [x for x in done if x.cues["result"]]
    if results:
        return Mark("impact", 1.5, quote(results[0]))
    return Mark("impact", 1.0, quote(done[0])) if done else Mark("impact", 0.0)


_LINK = re.compile(
    r"\b(?:this (?:role|position|team|job)|your (?:team|company|product)|here|next step|"
    r"which is why|that['’]?s why|looking for|want to|excited|why i applied|brings me to)\b",
    re.I,
)


# Words any "what next" sentence uses: a link made only of them names nothing about the role.
_LINK_FILLER = content_stems("looking look next new challenge challenges opportunity step role "
                             "position job career move")


def _names_something(link: Sentence) -> bool:
    """Whether a linking sentence says what about the role fits, beyond "my next challenge"."""
    return len(link.specific - _LINK_FILLER) >= 2


def _overview_relevance(ev: Evidence, ctx: Context) -> Mark:
    link = [x for x in ev.sentences if _LINK.search(x.text)]
    jd = _jd_terms(ev, ctx)
    if link and (len(jd) >= 2 or _names_something(link[0])):
        return Mark("relevance", 2.0, quote(link[0]))
    if link or len(jd) >= 2:
        return Mark("relevance", 1.0, quote(link[0]) if link else "")
    return Mark("relevance", 0.0)


def _length(ev: Evidence, ctx: Context) -> Mark:
    n = ev.content_words
    return Mark("length", 2.0 if 70 <= n <= 330 else 1.0 if 40 <= n <= 420 else 0.0)


# --- logistics ---------------------------------------------------------------------------
_DIRECT = re.compile(
    r"\b(?:yes|no|i can(?!['’]?t)|i could|i['’]?m (?:open|happy|available|fine|looking|interviewing|in)|"
    r"i am (?:open|happy|available)|my notice|i['’]?d (?:expect|be looking|need|prefer)|"
    r"i have|i['’]?m not|i would|weeks?|months?|days?|\d)\b",
    re.I,
)
_FLEX = re.compile(
    r"\b(?:flexib\w*|open to|negotiable|happy to|(?:can|could)(?:n['’]?t)? (?:move|adjust|shift|"
    r"start earlier|be sped up)|sped up|speed up|a few more days|if needed|willing|prefer|ideally|"
    r"fixed|non-negotiable|the most important|i['’]?d like to keep|(?:fine|happy|ok|okay|"
    r"comfortable) with|the only thing i can['’]?t|i['’]?d rather|would consider|depending on|"
    r"i can['’]?t (?:do|move|travel|work|start))\b",
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
    **STORY_READERS,
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
