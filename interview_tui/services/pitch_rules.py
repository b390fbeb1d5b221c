"""The rules of the intro pitch both coaches share: length and timing, the structure
score, which parts of the template an attempt covers, and what its tone shows.

Structure is scored from length alone, so it means the same whoever wrote the feedback:
100-150 words is 10, 151-200 is 7, more is 5. Below 100 the pitch is too thin to land in
60-90 seconds: 80-99 words is 8, 60-79 is 6, 40-59 is 4, fewer is 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview_tui.services.coach.answer_signals import (
    AnswerSignals,
    analyze_answer,
    find_quantities,
    split_sentences,
)
from interview_tui.services.resume_outline import Role
from interview_tui.services.text import (
    AnswerRejected,
    clean_answer,
    format_duration,
    speaking_seconds,
    word_count,
)

PITCH_QUESTION = "Tell me about yourself."
MIN_PITCH_WORDS = 20
TARGET_WORDS = (100, 150)
TIMER_SECONDS = 90

# Describing oneself now ("I'm a ...", "I work as ..."); "I'm excited" is not a role.
_CURRENT = re.compile(
    r"\b(?:i'm an?|i am an?|i'm the|i am the|i work (?:as|at|for|on)|i'm currently|"
    r"i am currently|currently i|i've been (?:at|working)|now i)\b",
    re.I,
)
_PREVIOUS = re.compile(
    r"\b(?:before that|before this|before joining|previously|prior to|earlier in my career|"
    r"i started|started my career|my previous|my last (?:role|job)|i spent|i began)\b",
    re.I,
)
_WHY = re.compile(
    r"\b(?:this role|this position|this job|this team|the role|why i'm|excited|drawn to|"
    r"interested in|appeals to me|that's why|which is why|attracts me|love to bring)\b",
    re.I,
)
_LOOKING = re.compile(
    r"\b(?:looking for|looking to|next step|i want to|i'd like to|i would like to|hoping to|"
    r"my goal|i'm keen|i am keen|i'd love to|i would love to)\b",
    re.I,
)
NEGATIVE = re.compile(
    r"\b(?:hate|hated|boring|bored|toxic|terrible|awful|bad manager|got fired|was fired|"
    r"desperate|just need a job|micromanag\w*)\b",
    re.I,
)
APOLOGY = re.compile(
    r"\b(?:sorry|i'm not good at|not very interesting|nothing special|not much to say|"
    r"i'm just a|i am just a|bear with me)\b",
    re.I,
)
_NUMBER_TOKEN = re.compile(r"\d[\d,.]*\d|\d")
# Verbs that state what came of the work (an achievement), not just an activity.
_RESULT_VERB = re.compile(
    r"\b(?:reduced|cut|grew|launched|shipped|delivered|improved|increased|saved|halved|"
    r"doubled|tripled|lifted|automated|trained|mentored|modell?ed|won|raised|eliminated)\b",
    re.I,
)
_ACTION_VERB = re.compile(r"\b(?:led|built|designed|created|rebuilt|migrated|ran|wrote)\b", re.I)
_CLAUSE = re.compile(r",\s+and\s+|;\s+|(?<=[.!?])\s+")


class PitchRejected(AnswerRejected):
    """A pitch attempt that cannot be scored; the message says why."""


def clean_pitch(text: str) -> str:
    """The attempt as it will be stored, or ``PitchRejected`` with a clear message."""
    try:
        cleaned = clean_answer(text)
    except AnswerRejected as exc:
        raise PitchRejected(str(exc).replace("answer", "pitch")) from None
    words = word_count(cleaned)
    if words < MIN_PITCH_WORDS:
        raise PitchRejected(
            f"Your pitch is {words} word{'s' if words != 1 else ''}; feedback needs at least "
            f"{MIN_PITCH_WORDS}. Type the whole pitch (aim for 100-150 words, about a minute "
            "spoken), then submit again. Your text is still in the editor."
        )
    return cleaned


def structure_score(words: int) -> int:
    """The structure score for a pitch of ``words`` words (see the module docstring)."""
    if 100 <= words <= 150:
        return 10
    if 150 < words <= 200:
        return 7
    if words > 200:
        return 5
    if words >= 80:
        return 8
    if words >= 60:
        return 6
    return 4 if words >= 40 else 2


def timing_line(text: str, spoken_seconds: float | None = None) -> str:
    """Words, the estimate at 140 wpm, and the clock time if it was said aloud."""
    words = word_count(text)
    line = f"{words} words · ~{format_duration(speaking_seconds(text))} at 140 wpm"
    if spoken_seconds is not None:
        line += f" · said aloud in {format_duration(spoken_seconds)}"
    return line


def numbers_in(text: str) -> set[str]:
    """The numeric tokens of ``text`` ("1,200" -> "1200"), for matching against the resume."""
    return {t.replace(",", "").rstrip(".") for t in _NUMBER_TOKEN.findall(text)}


def resume_numbers(text: str, resume_text: str) -> tuple[list[str], list[str]]:
    """The quantities in ``text`` found in the resume, and those that are not."""
    known = numbers_in(resume_text)
    backed, unbacked = [], []
    for q in find_quantities(text):
        tokens = numbers_in(q)
        if not tokens:
            backed.append(q)  # "doubled", "three teams": not a figure to check
        elif tokens <= known:
            backed.append(q)
        else:
            unbacked.append(q)
    return backed, unbacked


def _figure(quantity: str) -> bool:
    """A figure with digits that is not a year ("4 million", "22%", not "2021", "six years")."""
    digits = re.sub(r"\D", "", quantity)
    return bool(digits) and not re.fullmatch(r"(?:19|20)\d\d", digits)


def _mentions(sentence: str, name: str) -> bool:
    return bool(name) and re.search(rf"\b{re.escape(name)}\b", sentence, re.I) is not None


def parts_of(sentence: str, roles: list[Role], company: str) -> list[str]:
    """Every template part one sentence tells, the one it leads with first."""
    current = roles[0] if roles else None
    previous = roles[1] if len(roles) > 1 else None
    found = []
    if _LOOKING.search(sentence):
        found.append("looking_for")
    if _mentions(sentence, company) or _WHY.search(sentence):
        found.append("why_this_role")
    if _PREVIOUS.search(sentence) or (previous and _mentions(sentence, previous.employer)):
        found.append("previous_role")
    if _CURRENT.search(sentence) or (current and _mentions(sentence, current.employer)):
        found.append("current_role")
    return found


def sentence_part(sentence: str, roles: list[Role], company: str) -> str | None:
    """The template part one sentence tells, or None."""
    found = parts_of(sentence, roles, company)
    return found[0] if found else None


@dataclass(frozen=True)
class PitchReading:
    """What the rules read in one attempt."""

    words: int
    seconds: float
    signals: AnswerSignals
    sentence_parts: tuple[tuple[str, str | None], ...]
    parts: tuple[str, ...]  # template parts covered, in template order
    resume_quantities: tuple[str, ...]
    unbacked_quantities: tuple[str, ...]
    negative: tuple[str, ...]
    apologies: tuple[str, ...]


def read_pitch(
    text: str, roles: list[Role], *, company: str, job_description: str, resume_text: str
) -> PitchReading:
    signals = analyze_answer(text, PITCH_QUESTION, job_description, resume_text)
    sentences = split_sentences(text)
    tagged = tuple((s, sentence_part(s, roles, company)) for s in sentences)
    found = {part for s in sentences for part in parts_of(s, roles, company)}
    backed, unbacked = resume_numbers(text, resume_text)
    backed.sort(key=lambda q: not re.search(r"\d", q))  # figures before "three teams"
    # The current role's impact: a figure from the resume, outside the previous role's story.
    if any(_figure(q) for s in sentences if "previous_role" not in parts_of(s, roles, company)
           for q in resume_numbers(s, resume_text)[0]):
        found.add("impact_number")
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    achieved = [c for c in clauses if _RESULT_VERB.search(c) or _ACTION_VERB.search(c)
                or any(_figure(q) for q in find_quantities(c))]
    earlier = [s for s in sentences if "previous_role" in parts_of(s, roles, company)]
    if len(achieved) >= 2 or any(
        _RESULT_VERB.search(s) or any(_figure(q) for q in find_quantities(s)) for s in earlier
    ):
        found.add("achievement")
    order = ("current_role", "impact_number", "previous_role", "achievement", "why_this_role",
             "looking_for")
    return PitchReading(
        words=word_count(text),
        seconds=speaking_seconds(text),
        signals=signals,
        sentence_parts=tagged,
        parts=tuple(p for p in order if p in found),
        resume_quantities=tuple(backed),
        unbacked_quantities=tuple(unbacked),
        negative=tuple(m.group(0).lower() for m in NEGATIVE.finditer(text)),
        apologies=tuple(m.group(0).lower() for m in APOLOGY.finditer(text)),
    )


PART_WEIGHTS = {
    "current_role": 2.0,
    "impact_number": 2.0,
    "previous_role": 1.5,
    "achievement": 1.5,
    "why_this_role": 2.0,
    "looking_for": 0.5,
}


def content_score(r: PitchReading) -> int:
    """Parts covered (weighted), plus specifics from the resume and the job description."""
    raw = sum(PART_WEIGHTS[p] for p in r.parts)
    raw += 0.5 if len(r.signals.resume_facts) >= 2 else 0.0
    raw += 0.5 if r.signals.jd_relevance >= 0.25 else 0.0
    raw -= 1.0 if r.unbacked_quantities else 0.0
    return max(1, min(10, round(raw)))


def tone_score(r: PitchReading) -> int:
    """Confident and positive: filler, hedges, negativity and apology cost points."""
    s = r.signals
    raw = 10.0
    raw -= min(4.0, 0.5 * len(s.fillers))
    raw -= min(3.0, 0.75 * len(s.hedges))
    raw -= min(4.0, 2.0 * len(r.negative))
    raw -= min(3.0, 1.5 * len(r.apologies))
    if s.we_count > 2 and s.ownership_ratio < 0.5:
        raw -= 1.0
    return max(1, min(10, round(raw)))
