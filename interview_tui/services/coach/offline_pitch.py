"""Offline writers for the intro pitch: the template, and feedback on an attempt.

Both are rule-based (``pitch_rules``) and reuse only the candidate's material: resume
bullets turned into the first person, the candidate's own sentences with filler
removed, and the job description's wording for why this role. A fact that is missing
becomes a bracketed placeholder, never an invented one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview_tui.services.coach.answer_signals import is_vague, split_sentences
from interview_tui.services.coach.base import ApplicationContext
from interview_tui.services.coach.offline_writers import WriterTools
from interview_tui.services.coach.revision import first_person, strip_filler
from interview_tui.services.coach.tasks import Task
from interview_tui.services.pitch_models import PART_LABELS, PitchFeedback, PitchTemplate
from interview_tui.services.pitch_rules import (
    APOLOGY,
    NEGATIVE,
    TARGET_WORDS,
    PitchReading,
    content_score,
    read_pitch,
    resume_numbers,
    sentence_part,
    tone_score,
)
from interview_tui.services.resume_outline import Role, relevance, roles
from interview_tui.services.text import format_duration, word_count

OFFLINE_NOTE = "Written offline by the built-in coach (rule-based, no AI)"
LOOKING_PLACEHOLDER = "[Optional: one sentence on what you want next.]"
WHY_PLACEHOLDER = "[Why this role: one sentence tying the job to your experience.]"
_IMPERATIVE = frozenset(
    ["design", "build", "lead", "own", "operate", "partner", "improve", "develop", "drive", "mentor", "create", "maintain", "scale", "deliver", "work", "manage", "shape", "run", "define", "ship", "architect", "grow", "support", "help", "write"]
)


@dataclass(frozen=True)
class PitchAttemptRequest:
    """What the feedback writer works from (besides the task's application context)."""

    text: str
    spoken_seconds: float | None = None
    template: str = ""


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _where_clause(bullet: str) -> str:
    """'Led X.' -> 'I led X.'; a bullet that is not verb-led is kept as it is."""
    return first_person(bullet.strip())


def _best(bullets: tuple[str, ...] | list[str], jd: str, *, quantified: bool = False) -> str:
    pool = [b for b in bullets if not quantified or re.search(r"\d", b)] or list(bullets)
    if not pool:
        return ""
    return max(pool, key=lambda b: (relevance(b, jd), -pool.index(b)))


def why_sentence(ctx: ApplicationContext, resume_text: str) -> str:
    """Why this role, in the job description's own words where it lists the work."""
    where = f"the {ctx.role} role at {ctx.company}" if ctx.company else f"the {ctx.role} role"
    lines = [ln.strip(" -•*\t") for ln in ctx.job_description.splitlines()]
    duties = [ln for ln in lines if ln and ln.split()[0].lower() in _IMPERATIVE and len(ln.split()) >= 4]
    if not duties:
        return f"I'm excited about {where}. {WHY_PLACEHOLDER}"
    duty = max(duties, key=lambda d: (relevance(d, resume_text), -duties.index(d)))
    return f"What draws me to {where} is the chance to {_lower_first(duty.rstrip('.'))}."


def _current_sentence(role: Role, jd: str) -> str:
    intro = f"I'm a {role.title} at {role.employer}" if role.employer else f"I'm a {role.title}"
    bullet = _best(role.bullets, jd, quantified=True)
    if not bullet:
        return f"{intro}."
    clause = _where_clause(bullet)
    return f"{intro}, where {_lower_first(clause)}" if clause.startswith("I ") else f"{intro}. {clause}"


def _previous_sentence(role: Role, jd: str) -> str:
    where = f"a {role.title} at {role.employer}" if role.employer else f"a {role.title}"
    bullet = _best(role.bullets, jd)
    if not bullet:
        return f"Before that, I was {where}."
    clause = _where_clause(bullet)
    if clause.startswith("I "):
        return f"Before that, I was {where}, where {_lower_first(clause)}"
    return f"Before that, I was {where}. {clause}"


def _assemble(sections: list[list[str]], extras: list[list[str]]) -> str:
    """Join the sections; while under 100 words, add each section's extra resume bullets
    (the current role's first), never going past 150."""
    low, high = TARGET_WORDS
    for section, more in zip(sections, extras, strict=True):
        for extra in more:
            words = word_count(" ".join(" ".join(s) for s in sections))
            if words >= low:
                break
            if words + word_count(extra) <= high:
                section.append(extra)
    return " ".join(piece for section in sections for piece in section)


def _unused(role: Role | None, used: str, jd: str) -> list[str]:
    """A role's first-person bullets not yet in ``used``, most relevant to the job first."""
    if role is None:
        return []
    seen = used.lower()
    pool = [b for b in role.bullets if b.lower().rstrip(".") not in seen]
    pool.sort(key=lambda b: -relevance(b, jd))
    return [_where_clause(b) for b in pool]


def template_text(ctx: ApplicationContext) -> str:
    """The offline 100-150 word template from the resume and the job description."""
    outline = roles(ctx.resume_text)
    jd = ctx.job_description
    current = outline[0] if outline else None
    previous = outline[1] if len(outline) > 1 else None
    first = [_current_sentence(current, jd)] if current else [
        "[Current role: your title, employer and one result with a number.]"]
    second = [_previous_sentence(previous, jd)] if previous else [
        "[Previous role: where you were before, and one achievement.]"]
    used = " ".join(first + second)
    sections = [first, second, [why_sentence(ctx, ctx.resume_text)], [LOOKING_PLACEHOLDER]]
    return _assemble(sections, [_unused(current, used, jd), _unused(previous, used, jd), [], []])


def pitch_template(task: Task[PitchTemplate], tools: WriterTools) -> PitchTemplate:
    ctx = task.context
    pitch = template_text(ctx)
    seconds = word_count(pitch) * 60 / 140
    note = (
        f"{OFFLINE_NOTE}, from your resume and the job description. "
        f"This is about {format_duration(seconds)} at 140 words a minute; with natural pauses it "
        "lands in the 60-90 seconds interviewers expect. Fill in the brackets, say it aloud "
        "three times, and slow down on the number: it is the line they will remember."
    )
    tools.stream([pitch, note])
    return PitchTemplate(pitch=pitch, delivery_note=note)


# ----- feedback on an attempt -------------------------------------------------------


def _strengths(r: PitchReading, ctx: ApplicationContext) -> list[str]:
    out = []
    low, high = TARGET_WORDS
    if low <= r.words <= high:
        out.append(f"Right length: {r.words} words, about {format_duration(r.seconds)} spoken.")
    if "impact_number" in r.parts:
        out.append(f"A number from your resume backs your impact ({r.resume_quantities[0]}).")
    covered = [PART_LABELS[p].split(" (")[0].lower() for p in r.parts if p != "impact_number"]
    if len(covered) >= 3:
        out.append(f"Covers {', '.join(covered[:-1])} and {covered[-1]}.")
    named = {w.lower() for w in re.findall(r"[\w'-]+", f"{ctx.company} {ctx.role}")}
    terms = [t for t in r.signals.jd_terms if re.split(r"['’]", t)[0] not in named]
    if terms:
        out.append(f"Uses the job's own language: {', '.join(terms[:4])}.")
    if not r.signals.fillers and not r.signals.hedges and not r.apologies:
        out.append("Direct and confident: no filler or hedging.")
    return out


def _opportunities(r: PitchReading, ctx: ApplicationContext) -> list[str]:
    out = []
    low, high = TARGET_WORDS
    if r.words < low:
        out.append(f"Too short at {r.words} words: build it to 100-150 so it fills about a minute.")
    elif r.words > high:
        out.append(f"Too long at {r.words} words (~{format_duration(r.seconds)}): cut to 150 or "
                   "fewer; keep one achievement per role.")
    missing = [p for p in PART_LABELS if p not in r.parts and p != "looking_for"]
    hints = {
        "current_role": "Open with your current role and employer.",
        "impact_number": "Add the impact of your current role with a number from your resume.",
        "previous_role": "Say where you were before, in one sentence.",
        "achievement": "Give one concrete achievement that matches this job.",
        "why_this_role": f"Say why {ctx.company or 'this company'} and this role, specifically.",
    }
    out += [hints[p] for p in missing]
    if r.unbacked_quantities:
        out.append(f"Check {', '.join(r.unbacked_quantities)}: it is not in your resume, so be "
                   "ready to back it up or use a figure that is.")
    if r.negative:
        out.append(f"Drop the negative note ({', '.join(dict.fromkeys(r.negative))}): talk about "
                   "what you want, not what you are escaping.")
    if r.apologies:
        out.append(f"Don't apologise or play yourself down ({', '.join(dict.fromkeys(r.apologies))}).")
    fillers = list(dict.fromkeys(r.signals.fillers + r.signals.hedges))
    if len(fillers) >= 2:
        out.append(f"Cut the filler and hedges: {', '.join(fillers[:5])}.")
    return out


_LEAD = re.compile(r"^(?:(?:so|well|and|okay|ok|right)\b[,\s]*)+", re.I)
# Hedges inside a sentence ("I'm a engineer, I guess I do ..."): the fact stays, the doubt goes.
_INNER_HEDGE = re.compile(
    r",?\s*\b(?:i guess|i think|i suppose|i feel like|kind of|sort of|maybe|you know)\b,?", re.I
)


def revised_pitch(text: str, ctx: ApplicationContext) -> str:
    """The attempt's own sentences in template order, gaps filled from the resume only.

    A sentence whose figure is not in the resume, or that is negative or apologetic, is
    left out: the revised pitch claims only what the resume backs."""
    outline = roles(ctx.resume_text)
    by_part: dict[str, list[str]] = {
        p: [] for p in ("current_role", "previous_role", "why_this_role", "looking_for", "other")
    }
    for sentence in split_sentences(text):
        clean = strip_filler(_LEAD.sub("", strip_filler(_INNER_HEDGE.sub(" ", sentence))))
        if word_count(clean) < 4 or clean.endswith("?") or is_vague(clean, story=False):
            continue
        if NEGATIVE.search(clean) or APOLOGY.search(clean):
            continue
        if resume_numbers(clean, ctx.resume_text)[1]:
            continue
        by_part[sentence_part(clean, outline, ctx.company) or "other"].append(_sentence(clean))
    jd = ctx.job_description
    current = outline[0] if outline else None
    previous = outline[1] if len(outline) > 1 else None
    first = by_part["current_role"][:2] or ([_current_sentence(current, jd)] if current else [])
    first += by_part["other"][:2]
    second = by_part["previous_role"][:1] or (
        [_previous_sentence(previous, jd)] if previous else [])
    why = by_part["why_this_role"][:2] or [why_sentence(ctx, ctx.resume_text)]
    sections = [first, second, why, by_part["looking_for"][:1]]
    high = TARGET_WORDS[1]
    while word_count(" ".join(" ".join(s) for s in sections)) > high:
        longest = max((s for s in sections if len(s) > 1), key=len, default=None)
        if longest is None:
            break
        longest.pop()
    used = " ".join(" ".join(s) for s in sections)
    return _assemble(sections, [_unused(current, used, jd), _unused(previous, used, jd), [], []])


def pitch_feedback(task: Task[PitchFeedback], tools: WriterTools) -> PitchFeedback:
    request: PitchAttemptRequest = task.data
    ctx = task.context
    reading = read_pitch(request.text, roles(ctx.resume_text), company=ctx.company,
                         job_description=ctx.job_description, resume_text=ctx.resume_text)
    strengths = _strengths(reading, ctx)
    opportunities = _opportunities(reading, ctx)
    revised = revised_pitch(request.text, ctx)
    first = opportunities[0] if opportunities else "Keep this version and practise it aloud."
    timing = f"~{format_duration(reading.seconds)} at 140 wpm"
    if request.spoken_seconds is not None:
        timing = f"{format_duration(request.spoken_seconds)} said aloud"
        if request.spoken_seconds > 90:
            timing += " (over the 90 seconds)"
    note = f"{OFFLINE_NOTE}. You took {timing}. Next try: {first}"
    feedback = PitchFeedback.model_validate({
        "content_score": content_score(reading),
        "tone_score": tone_score(reading),
        "parts_covered": list(reading.parts),
        "strengths": strengths,
        "opportunities": opportunities,
        "revised_pitch": revised,
        "coaching_note": note,
    })
    tools.stream(["\n".join(strengths), "\n".join(opportunities), revised, note])
    return feedback
