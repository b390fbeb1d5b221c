"""The judgement in the coach's words: brief, assessment, follow-ups, resume matching.

Everything here is read off a ``Judgement``: its strengths and gaps come from the same
marks, so a line never praises what another line says is missing.
"""

from __future__ import annotations

import re

from interview_tui.services.claims import Claim, check_claims
from interview_tui.services.coach.answer_signals import content_stems
from interview_tui.services.coach.judge import Finding, Judgement
from interview_tui.services.coach.lexicon import GENERIC
from interview_tui.services.coach.offline_feedback import LEVEL_RANK, join, norm
from interview_tui.services.coach.offline_marks import quote
from interview_tui.services.coach.offline_phrases import BANDS, DEEPEN, OVERRIDES
from interview_tui.services.coach.offline_phrases import GENERIC as GENERIC_FOLLOW
from interview_tui.services.coach.question_kinds import kind_label

_OVERRIDE_KEYS = {"outcome": "quantified", "occasion": "situation"}
MAX_GAPS = 5  # more than this reads as a wall of criticism; the biggest come first


def band(score: int, persona: str) -> str:
    """The lead-in for a score in the persona's voice."""
    table = BANDS.get(persona, BANDS["neutral"])
    return table[0 if score <= 3 else 1 if score <= 5 else 2 if score <= 7 else 3]


# What a strength adds, as it fits "It shows ..." and "That added ...".
_NOUNS = {
    "occasion": "one real occasion", "ownership": "your own part", "actions": "concrete actions",
    "outcome": "a measured outcome", "reflection": "reflection", "relevance": "a direct answer",
    "requirements": "requirements first", "approach": "a concrete approach",
    "tradeoffs": "trade-offs", "failure": "failure modes", "numbers": "sizing numbers",
    "specific": "specific reasons", "experience": "your experience", "forward": "a view ahead",
    "red_flags": "a professional tone", "real": "a real weakness", "example": "its impact",
    "response": "what you did about it", "progress": "evidence of progress",
    "current": "your current role", "impact": "impact", "length": "a good length",
    "direct": "a direct answer", "concrete": "concrete details",
    "flexibility": "your flexibility", "professional": "a professional tone",
    "resume": "a link to your resume",
}
_JUDGED_AS = {
    "behavioural": "judged as a story from your past",
    "technical": "judged as a technical answer",
    "motivation": "judged on motivation",
    "weakness": "judged as a weakness or failure question",
    "overview": "judged as an overview of your background",
    "logistics": "judged as a practical question",
}


def strength_noun(f: Finding) -> str:
    """What the strength adds, as a noun phrase."""
    return _NOUNS.get(f.key) or f.summary[:1].lower() + f.summary[1:]


def _strength_short(f: Finding) -> str:
    return strength_noun(f)


def brief(j: Judgement, persona: str, added: list[str] | None = None) -> str:
    """One honest sentence shown right after an answer: what worked, then the next step."""
    if j.gate:
        return j.gaps[0].text  # said plainly: nothing else about the answer matters yet
    if added:
        first = f"That added {join(added[:2])}"
    elif j.strengths and j.score >= 5:
        first = f"{band(j.score, persona)}: {join([_strength_short(s) for s in j.strengths[:2]])}"
    else:
        first = band(j.score, persona)
    return first + (f"; next, {j.gaps[0].short}." if j.gaps else "; keep answering in this shape.")


def assessment(j: Judgement, target: str, competency: str) -> str:
    """Two or three sentences on a whole question."""
    word = "strong" if j.score >= 8 else "solid" if j.score >= 6 else "partial" if j.score >= 4 \
        else "thin"
    label = competency.replace("_", " ")
    judged = _JUDGED_AS.get(j.kind, kind_label(j.kind).lower())
    text = (f"A {word} answer to this {label} question, {judged}: "
            f"{j.score}/10, reading as {j.level} against the {target} target.")
    if j.strengths:
        text += f" It shows {join([_strength_short(s) for s in j.strengths[:3]])}."
    if j.gaps:
        text += f" The biggest gain now: {j.gaps[0].short}"
        below = LEVEL_RANK.get(j.level, 0) < LEVEL_RANK.get(target, 0)
        text += f", and more scope to read as {target}." if below else "."
    return text


def follow_ups(
    j: Judgement, competency: str, persona: str, asked: set[str], wanted: int
) -> list[str]:
    """Up to ``wanted`` follow-ups: biggest gaps first, then competency probes; none asked."""
    candidates: list[str] = []
    for g in j.gaps:
        options = [g.hard, g.follow] if persona == "challenging" else [g.follow]
        override = OVERRIDES.get(f"{_OVERRIDE_KEYS.get(g.key, g.key)}/{competency}")
        if override and persona != "challenging":
            options.insert(0, override)
        candidates += [o for o in options if o and norm(o) not in asked][:1]
    candidates += [*DEEPEN.get(competency, ()), *GENERIC_FOLLOW]
    chosen: list[str] = []
    for c in candidates:
        if norm(c) not in asked and c not in chosen and len(chosen) < wanted:
            chosen.append(c)
    return chosen


def unbacked_employers(answer: str, resume: str, job: str = "") -> list[Claim]:
    """Employers and products the answer names that neither the resume nor the job holds:
    known names anywhere, other names where an employer goes ("at X", "joined X")."""
    return [c for c in check_claims(answer, [resume, job]) if c.kind in ("employer", "title") or (
        c.kind == "name" and re.search(r"\b(?:at|for|joined|with|from)\s+$",
                                       answer[max(0, c.start - 10):c.start], re.I))]


def resume_findings(j: Judgement, answer: str, resume: str, job: str = "") -> tuple[
    list[Finding], list[Finding]
]:
    """A strength quoting the resume line the answer is about, and a gap for each employer
    or product the answer names that the resume doesn't hold."""
    if not resume.strip() or j.evidence is None or j.gate:
        return [], []
    names = unbacked_employers(answer, resume, job)
    unbacked = {c.text.lower() for c in names}
    strengths: list[Finding] = []
    best, best_shared, best_sentence = "", 2, None
    for raw in resume.splitlines():
        line = raw.strip(" -•*\t")
        stems = content_stems(line) - GENERIC
        for s in j.evidence.sentences:
            shared = len(stems & s.specific)
            if any(name in s.text.lower() for name in unbacked):
                continue  # a story from an employer the resume doesn't show is not this line
            if shared > best_shared and shared >= 0.4 * len(stems):
                best, best_shared, best_sentence = line, shared, s
    if best and best_sentence is not None:
        line_start = " ".join(best.split()[:10]).rstrip(",;:.")
        strengths.append(Finding("resume", f"Backed by your resume: “{quote(best_sentence)}” "
                                 f"is the work on the resume line “{line_start}”.",
                                 summary="Ties to your resume"))
    gaps = [Finding("unbacked", f"“{c.text}” isn't on your resume: expect to be asked about it.",
                    0.8, "Keep to what your resume can back, or add it to the resume.",
                    f"Tell me more about your time with {c.text}.",
                    f"Your resume doesn't mention {c.text}. Explain.",
                    "back every name with your resume", "Claims your resume doesn't back")
            for c in names[:2]]
    return strengths, gaps
