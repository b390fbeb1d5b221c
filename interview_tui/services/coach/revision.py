"""A revised answer built from the candidate's own sentences, in the shape its kind wants.

The revision keeps every action and result the candidate gave, drops filler, hedges,
repeats and sentences that hurt (running down an employer, money first, blaming
others), and reorders what is left: STAR for a story, requirements-approach-trade-offs-
failure for a design, why-here-experience-next for motivation, and so on. One short
bracketed placeholder marks the most important missing part, never a part that is there.
Nothing is added from outside the answer except, at most, one resume line about the
same work. The coach re-scores its revision, and falls back to a plainer one rather than
ever offer something that scores lower than what the candidate said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview_tui.services.coach.answer_evidence import _LABEL
from interview_tui.services.coach.answer_signals import (
    content_stems,
    is_vague,
    split_sentences,
    star_cues,
    star_part,
)
from interview_tui.services.coach.judge import judge_answer
from interview_tui.services.coach.lexicon import (
    BADMOUTH,
    BLAME,
    DESPERATE,
    GENERIC,
    HUMBLEBRAG,
    REQUIREMENT_CUES,
    TECH_COMPONENTS,
    TRADEOFF_CUES,
)
from interview_tui.services.coach.offline_marks_self import _FORWARD, _LINK, _NOW, _PROGRESS, _WEAK
from interview_tui.services.coach.question_bank import kind_of
from interview_tui.services.coach.rubrics import RUBRICS, SHAPES
from interview_tui.services.text import word_count

MAX_WORDS = 320  # a revision is something to say out loud in about two minutes
_PER_PART = {"actions": 8, "approach": 12, "response": 6, "impact": 4}

_STRIP_FILLERS = re.compile(
    r"(?:,\s*)?\b(?:um+|uh+|erm+|ah+|hmm+|basically|literally|so yeah|and stuff|or whatever|"
    r"(?:kind|sort) of(?= \w+ed\b| just\b| \w+ly\b))\b,?"
    r"|(?:,\s*)?\byou know(?=\s*[,.!?]|$),?|\bi mean,|(?:,\s*|^)like,",
    re.I,
)
_LEADING_HEDGE = re.compile(
    r"^(?:(?:so|and|well|yeah|okay|ok)\b[,\s]*)*"
    r"(?:(?:i think|i guess|i feel like|i suppose|honestly|actually|to be honest)\b[,\s]*)+",
    re.I,
)
_TRAILING_HEDGE = re.compile(r",?\s*\b(?:i think|i guess|i suppose|more or less)(?=[.!?]?$)",
                             re.I)
_META = re.compile(
    r"^(?:does that answer|that's (?:it|about it|all)|yeah|so yeah|i hope|"
    r"that's a (?:great|good) question|good question)",
    re.I,
)
_PLACEHOLDER = re.compile(r"\[[^\]]*\]")


@dataclass(frozen=True)
class Revision:
    """A revised answer and what went into it."""

    text: str
    placeholder: str = ""  # the one missing part it marks, if any
    resume_line: str = ""  # the resume line it used, if any


def strip_filler(sentence: str) -> str:
    """``sentence`` without filler words or an opening hedge; every fact left untouched."""
    s = _STRIP_FILLERS.sub(" ", sentence)
    s = _LEADING_HEDGE.sub("", s.strip())
    s = re.sub(r"\s+([,.;!?])", r"\1", s)
    s = re.sub(r"([,;])(?:\s*[,;])+", r"\1", s)
    s = re.sub(r"[,;]+([.!?])", r"\1", s)
    s = _TRAILING_HEDGE.sub("", s)
    s = re.sub(r"^[,;.\s]+", "", s)
    s = re.sub(r"\s{2,}", " ", s).strip()
    return s[:1].upper() + s[1:]


def _hurts(sentence: str, kind: str) -> bool:
    if BADMOUTH.search(sentence) or DESPERATE.search(sentence) or BLAME.search(sentence):
        return True
    return kind == "weakness" and bool(HUMBLEBRAG.search(sentence))


def own_sentences(answers: list[str], kind: str) -> list[str]:
    """The candidate's sentences worth keeping, cleaned, each once, in the order given."""
    kept: list[str] = []
    seen: list[frozenset[str]] = []
    story = kind in ("behavioural", "weakness")
    for answer in answers:
        for raw in split_sentences(answer):
            clean = strip_filler(_LABEL.sub("", raw))
            stems = frozenset(content_stems(clean))
            if word_count(clean) < 4 or clean.endswith("?") or _META.match(clean):
                continue
            if any(stems and len(stems & s) >= 0.8 * max(len(stems), len(s)) for s in seen):
                continue
            if _hurts(clean, kind) or (is_vague(clean, story) and kind != "logistics"):
                continue
            seen.append(stems)
            kept.append(clean if clean.endswith((".", "!", "?")) else f"{clean}.")
    return kept


def _part_of(sentence: str, kind: str, previous: str, index: int = 1, total: int = 3,
             acts_later: bool = False) -> str:
    """Which part of ``kind``'s shape ``sentence`` belongs to (``acts_later``: the candidate
    still tells a step of theirs after it)."""
    cues = star_cues(sentence)
    stems = content_stems(sentence)
    if kind == "behavioural":
        lesson = re.search(r"\b(?:lesson|since then|next time|in hindsight|differently)\b",
                           sentence, re.I)
        # "I called them and learned that onboarding was confusing" is a finding that the
        # steps after it answer, not the story's lesson.
        if lesson or (_LEARNT.search(sentence) and not acts_later) or _BELIEF.search(sentence):
            return "reflection"  # a lesson or a belief is never the story's outcome
        best = star_part(sentence, index, total) or ""
        if index == 0 and not (cues.get("task") or cues.get("result")):
            best = "situation"  # an opener sets the scene
        if best == "result" and previous in ("start", "occasion") and acts_later \
                and not _CONSEQUENCE.search(sentence):
            best = "situation"  # "Complaints doubled": a change before any step is the problem
        mapped = {"situation": "occasion", "task": "ownership", "action": "actions",
                  "result": "outcome"}.get(best)
        if mapped == "occasion" and index > 1 and previous != "start" and cues.get("action"):
            mapped = previous  # "At X I also did this" late in a story stays where it was told
        return mapped or previous
    if kind == "technical":
        # A design keeps the order it was reasoned in; only requirements move to the front.
        if REQUIREMENT_CUES.search(sentence) and not TRADEOFF_CUES.search(sentence) and len(
                stems & TECH_COMPONENTS) < 2 and previous in ("start", "requirements"):
            return "requirements"
        return "approach"
    if kind == "motivation":
        if _FORWARD.search(sentence):
            return "forward"
        if re.search(r"\b(?:i['’]?ve|i (?:built|led|ran|spent|worked|wrote|shipped|went|grew))\b",
                     sentence, re.I):
            return "experience"
        return "specific"
    if kind == "weakness":
        if _PROGRESS.search(sentence) and previous != "real":
            return "progress"
        if previous == "real" or (_WEAK.search(sentence) and previous not in ("response",)):
            return "real" if previous == "real" and _WEAK.search(sentence) else (
                "example" if previous == "real" else "real")
        return "response" if previous in ("example", "response") else previous
    if kind == "overview":
        if _LINK.search(sentence):
            return "relevance"
        if _NOW.search(sentence) and previous == "current":
            return "current"
        return "impact" if previous != "start" else ("current" if _NOW.search(sentence) else
                                                     "impact")
    if kind == "logistics":
        return "direct" if previous == "start" else "concrete"
    return previous


_LEARNT = re.compile(r"\b(?:i(?:['’]ve| have)?|we(?:['’]ve| have)?(?: all)?) learn(?:ed|t)\b|"
                     r"\btaught me\b|\bi realis|\bi realiz|\bgoing forward\b|\bfrom now on\b",
                     re.I)
# A belief or a general claim narrates no event, so it cannot be what changed.
_BELIEF = re.compile(
    r"\b(?:should always|at the end of the day|is something i|i (?:can|always|believe|think|"
    r"feel|care)\b|(?:is|are) (?:always |really |very )?(?:key|important|essential|everything)\b)",
    re.I)
# Words that make a sentence the consequence of the steps, wherever it was told.
_CONSEQUENCE = re.compile(
    r"\b(?:as a result|in the end|the result|ended up|which meant|this meant|that meant|"
    r"led to|by the end|afterwards|after that|since then|from then on|so far)\b", re.I)
# A sentence that opens by pointing back ("So I ...", "That's why", "After that") answers
# the one told just before it, which must stay in front of it.
_REFERS_BACK = re.compile(
    r"^(?:so|then|that['’]s why|this is why|because of (?:this|that)|after that|as a result|"
    r"in response|to fix (?:this|that|it)|this|that|it|they|he|she)\b", re.I)


def _acts(sentence: str) -> bool:
    return bool(star_cues(sentence).get("action"))


def _shape(sentences: list[str], kind: str) -> dict[str, list[str]]:
    shape = SHAPES[kind]
    parts: dict[str, list[str]] = {p: [] for p in shape}
    previous = "start"
    placed: list[str] = []
    for n, sentence in enumerate(sentences):
        acts_later = any(_acts(x) for x in sentences[n + 1:])
        part = _part_of(sentence, kind, previous, n, len(sentences), acts_later)
        if part not in parts:
            part = shape[0] if previous == "start" else previous
        if part not in parts:
            part = shape[0]
        parts[part].append(sentence)
        placed.append(part)
        previous = part
    order = list(parts)
    for n in range(1, len(sentences)):
        before, after = placed[n - 1], placed[n]
        if _REFERS_BACK.match(sentences[n]) and order.index(before) > order.index(after):
            # Move what it answers in front of it, in its part.
            parts[before].remove(sentences[n - 1])
            at = parts[after].index(sentences[n])
            parts[after].insert(at, sentences[n - 1])
            placed[n - 1] = after
    return parts


def _assemble(parts: dict[str, list[str]], kind: str, gap: str) -> str:
    pieces: list[str] = []
    placeholder = next((c.placeholder for c in RUBRICS[kind] if c.key == gap), "")
    # A missing part the shape has no slot for (a design's trade-offs) follows the approach.
    slot = gap if gap in parts else ("approach" if "approach" in parts else list(parts)[-1])
    for part, sentences in parts.items():
        pieces.extend(sentences[: _PER_PART.get(part, 3)])
        if part == slot and placeholder and (gap != part or not sentences):
            pieces.append(placeholder)
    return " ".join(pieces)


def _tighten(parts: dict[str, list[str]], limit: int) -> None:
    """Drop the emptiest sentences (fewest specific words) until the whole fits ``limit``
    words, never a part's only sentence."""
    while sum(word_count(s) for ss in parts.values() for s in ss) > limit:
        droppable = [(len(content_stems(s) - GENERIC), -i, p, s) for p, ss in parts.items()
                     if len(ss) > 1 for i, s in enumerate(ss)]
        if not droppable:
            break
        _, _, part, sentence = min(droppable)
        parts[part].remove(sentence)


_IRREGULAR_PAST = frozenset(
    ["built", "led", "ran", "wrote", "made", "cut", "drove", "set", "took", "grew", "won", "taught", "kept", "brought", "rewrote"])


def first_person(line: str) -> str:
    """A resume bullet as the candidate would say it ("Led X" -> "I led X.")."""
    first = line.split()[0].lower() if line.split() else ""
    text = f"I {line[0].lower()}{line[1:]}" if first.endswith("ed") or first in _IRREGULAR_PAST \
        else line
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _resume_line(resume: str, kept: list[str], question: str) -> str:
    """A resume line about the same work as the answer that adds to it, if any.

    It must share three specific words with what the candidate said (so it is about the
    same work) and not be mostly told already (so it adds something)."""
    told = content_stems(" ".join(kept)) - GENERIC
    best, best_shared = "", 2
    for raw in resume.splitlines():
        line = raw.strip(" -•*\t")
        first = line.split()[0].lower() if line.split() else ""
        if not (first.endswith("ed") or first in _IRREGULAR_PAST):
            continue  # only an achievement ("Led ...", "Cut ..."), never a heading
        stems = content_stems(line) - GENERIC
        shared = len(stems & told)
        if word_count(line) >= 5 and shared > best_shared and shared <= 0.6 * len(stems):
            best, best_shared = line, shared
    return best


def score_of(question: str, text: str, kind: str, **context: str) -> int:
    """The coach's own score for ``text`` (placeholders carry no weight)."""
    return judge_answer(question, _PLACEHOLDER.sub(" ", text), kind=kind, **context).score


def revise(
    question: str,
    answers: list[str] | str,
    *,
    kind: str | None = None,
    resume: str = "",
    company: str = "",
    job_description: str = "",
) -> Revision:
    """A stronger answer from the candidate's own material; never scored below the original."""
    answers = [answers] if isinstance(answers, str) else list(answers)
    kind = kind or kind_of(question)
    context = {"company": company, "job_description": job_description}
    first = judge_answer(question, _PLACEHOLDER.sub(" ", "\n".join(answers)), kind=kind,
                         **context)
    original = first.score
    if first.gate:
        # Off the question, a restatement, or another language: there is nothing to reorder,
        # and a placeholder would pretend otherwise. Offer the answer tidied, and say why.
        tidy = " ".join(strip_filler(s) for a in answers for s in split_sentences(a)
                        if not _hurts(s, kind))
        if tidy.strip() and score_of(question, tidy, kind, **context) >= original:
            return Revision(tidy)
        return Revision(" ".join(" ".join(a.split()) for a in answers))
    kept = own_sentences(answers, kind) or [
        strip_filler(s) for a in answers for s in split_sentences(a) if word_count(s) >= 3]
    line = _resume_line(resume, kept, question) if resume else ""
    parts = _shape(kept + ([first_person(line)] if line else []), kind)
    _tighten(parts, MAX_WORDS)
    draft = _assemble(parts, kind, "")
    judged = judge_answer(question, draft or " ", kind=kind, **context)
    missing = [c for c in RUBRICS[kind] if c.placeholder and judged.marks[c.key].band == 0
               and not (parts.get(c.key))]
    gap = max(missing, key=lambda c: c.weight).key if missing else ""
    text = _assemble(parts, kind, gap)
    if text.strip() and score_of(question, text, kind, **context) >= original:
        placeholder = next((c.placeholder for c in RUBRICS[kind] if c.key == gap), "")
        return Revision(text, placeholder, line)
    # Reordering cost points: offer the cleaned sentences in the candidate's order instead.
    plain = " ".join(own_sentences(answers, kind))
    if plain and score_of(question, plain, kind, **context) >= original:
        return Revision(plain)
    cleaned = " ".join(strip_filler(s) for a in answers for s in split_sentences(a))
    if cleaned and score_of(question, cleaned, kind, **context) >= original:
        return Revision(cleaned)
    return Revision(" ".join(" ".join(a.split()) for a in answers))
