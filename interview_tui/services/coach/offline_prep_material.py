"""The candidate's material as the offline prep writers use it: resume bullets under
their job, the job description's requirement lines and distinctive terms, bullets ranked
against those terms, a bullet split into STAR parts, and the resume's dates.

Everything here only selects and splits the candidate's own text; nothing is invented.
A STAR part a bullet does not hold becomes a visible ``[placeholder]``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from interview_tui.services.coach.answer_signals import (
    STAR_PARTS,
    content_stems,
    find_quantities,
    job_terms,
    star_cues,
)

_BULLET = re.compile(r"^\s*(?:[-•*▪◦‣–]|\d+[.)])\s+")
_YEARS = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|—|to)\s*((?:19|20)\d\d|present|now|current|today)\b",
                    re.I)
# Where a bullet's clauses part: "...; p95 fell", "... by adding ...", "..., cutting ...".
_CLAUSE = re.compile(
    r";\s+|\s+[—–]\s+|,\s+(?=which\b|so\b|cutting\b|reducing\b|saving\b|raising\b|bringing\b)"
    r"|\s+(?=by (?:\w+ing)\b)|\s+(?=so that\b)|\s+(?=with (?:zero|no)\b)"
    r"|\s+(?=that (?:cut|reduced|increased|improved|saved|halved|doubled|lowered|raised)\b)"
    r"|\s+(?=(?:that|which) \w+s\b[^.;]*\d)|\s+(?=from \S+(?: \w+)? to \d)",
    re.I,
)
PLACEHOLDERS = {
    "situation": "[Situation: the context and what was at stake, in your own words]",
    "task": "[Task: what you were responsible for]",
    "action": "[Action: what you did yourself]",
    "result": "[Result: the outcome, with a number if you have one]",
}


@dataclass(frozen=True)
class Bullet:
    text: str
    job: str  # the job header line above it ("Senior Software Engineer, Parcelwise, 2021-present")


def resume_bullets(resume: str) -> list[Bullet]:
    """The resume's achievement lines with the job they sit under, in resume order.

    Bullet-marked lines count; without any, sentence-like lines of six words or more do.
    """
    lines = [ln.rstrip() for ln in resume.splitlines()]
    marked = any(_BULLET.match(ln) for ln in lines)
    found: list[Bullet] = []
    job = ""
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if _BULLET.match(line):
            found.append(Bullet(_BULLET.sub("", line).strip(), job))
        elif _YEARS.search(text):
            job = text
        elif not marked and len(text.split()) >= 6 and not text.isupper():
            found.append(Bullet(text, job))
    return [b for b in found if len(b.text.split()) >= 4]


def requirement_lines(job_description: str) -> list[str]:
    """The job description's bullet lines (what the job asks for), or its sentences."""
    lines = [ln for ln in job_description.splitlines() if _BULLET.match(ln)]
    if lines:
        return [_BULLET.sub("", ln).strip() for ln in lines if ln.strip()]
    sentences = re.split(r"(?<=[.!?])\s+|\n+", job_description)
    return [s.strip() for s in sentences if len(s.split()) >= 4]


def overlap(text: str, terms: set[str]) -> list[str]:
    """The words of ``text`` whose stems are in ``terms``, in order, without repeats."""
    seen: set[str] = set()
    words = []
    for word in re.findall(r"[A-Za-z][A-Za-z+#.'-]*[A-Za-z+#]|[A-Za-z]", text):
        stems = content_stems(word)
        if stems and stems <= terms and word.lower() not in seen:
            seen.add(word.lower())
            words.append(word)
    return words


def ranked_bullets(bullets: list[Bullet], against: str) -> list[tuple[Bullet, list[str]]]:
    """Bullets by how many of ``against``'s distinctive terms they share (ties: resume order)."""
    terms = job_terms(against)
    scored = [(b, overlap(b.text, terms)) for b in bullets]
    order = sorted(range(len(scored)), key=lambda i: (-len(scored[i][1]), i))
    return [scored[i] for i in order]


def best_bullet(bullets: list[Bullet], text: str, skip: set[str] | None = None) -> Bullet | None:
    """The bullet sharing most content words with ``text`` (not one in ``skip``)."""
    want = job_terms(text)
    best, best_score = None, 0
    for bullet in bullets:
        if skip and bullet.text in skip:
            continue
        score = len(content_stems(bullet.text) & want)
        if score > best_score:
            best, best_score = bullet, score
    return best


def key_terms(text: str, count: int) -> list[str]:
    """``text``'s distinctive words as written, names (Kafka, PostgreSQL) first, then by use."""
    words = overlap(text, job_terms(text))
    lowered = text.lower()
    words.sort(key=lambda w: (not w[:1].isupper(), -lowered.count(w.lower())))
    return words[:count]


def clause_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text``'s clauses start and end (separators left out)."""
    spans, start = [], 0
    for sep in _CLAUSE.finditer(text):
        spans.append((start, sep.start()))
        start = sep.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip(" ,.;")]


def clauses(text: str) -> list[str]:
    return [text[a:b].strip(" ,.;") for a, b in clause_spans(text.strip())]


def star_parts(bullet: Bullet) -> dict[str, str]:
    """The bullet's clauses sorted into STAR parts; a part it does not hold is a placeholder.

    The job it sits under is context the resume does state, so it opens the situation.
    """
    found: dict[str, list[str]] = {part: [] for part in STAR_PARTS}
    text = bullet.text.strip()
    spans = clause_spans(text)
    kinds = [_part_of(text[a:b].strip(" ,.;"), i) for i, (a, b) in enumerate(spans)]
    if len(spans) > 1 and "action" not in kinds and kinds[0] == "result":
        kinds[0] = "action"  # "Shipped X — Y rose": the lead verb is what was done
    i = 0
    while i < len(spans):  # neighbouring clauses of one part stay one run of the bullet
        j = i
        while j + 1 < len(spans) and kinds[j + 1] == kinds[i]:
            j += 1
        found[kinds[i]].append(text[spans[i][0]:spans[j][1]].strip(" ,.;"))
        i = j + 1
    parts = {part: "; ".join(texts) for part, texts in found.items()}
    if not parts["situation"] and bullet.job:
        parts["situation"] = f"As {bullet.job}: {PLACEHOLDERS['situation']}"
    return {part: (text or PLACEHOLDERS[part]) for part, text in parts.items()}


def _part_of(clause: str, index: int) -> str:
    """A resume clause's STAR part: a result verb or cue first, then an action verb.

    A later clause opening with a gerund (", cutting ...") is the consequence: a result.
    """
    first = clause.split()[0]
    if star_cues(first)["result"] or (index > 0 and first.lower().endswith("ing")):
        return "result"
    cues = star_cues(clause)
    if star_cues(f"I {first}")["action"] and not cues["result"]:
        return "action"
    if cues["result"] or find_quantities(clause):
        return "result"
    best = max(STAR_PARTS, key=lambda p: (cues[p], -STAR_PARTS.index(p)))
    return best if cues[best] else "action"


@dataclass(frozen=True)
class Tenure:
    job: str
    start: int
    end: int | None  # None: to the present


def tenures(resume: str) -> list[Tenure]:
    """The job lines with year ranges, most recent first."""
    found = []
    for line in resume.splitlines():
        m = _YEARS.search(line)
        if m:
            end = None if not m.group(2)[0].isdigit() else int(m.group(2))
            found.append(Tenure(line.strip(), int(m.group(1)), end))
    found.sort(key=lambda t: (t.end is None, t.end or 0, t.start), reverse=True)
    return found


def year_gaps(jobs: list[Tenure]) -> list[tuple[int, int]]:
    """Gaps of more than a year between one job's end and the next one's start."""
    gaps = []
    chronological = sorted(jobs, key=lambda t: t.start)
    for earlier, later in itertools.pairwise(chronological):
        if earlier.end is not None and later.start - earlier.end > 1:
            gaps.append((earlier.end, later.start))
    return gaps


def short_stints(jobs: list[Tenure], this_year: int) -> list[Tenure]:
    """Jobs held for a year or less (by their years)."""
    return [t for t in jobs if ((t.end or this_year) - t.start) <= 1 and t.end is not None]


def mentions(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(w)}", lowered) for w in words)
