"""Offline writers for the debrief of a real interview and the thank-you email.

The debrief scores the transcript's answers with the mock interview's judge and signals
and reads the typed notes for each dimension (``debrief_rules``); its stronger answers
are the mock interview's revised answers (the candidate's sentences plus resume lines,
placeholders for what is missing). The email is a template filled with the debrief's
facts and one resume line. Nothing is invented.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from interview_tui.services.catalog import STAGES, stage_label
from interview_tui.services.coach.base import ApplicationContext
from interview_tui.services.coach.judge import Finding
from interview_tui.services.coach.offline_pitch import (
    OFFLINE_NOTE,
    _where_clause,
    revised_pitch,
    why_sentence,
)
from interview_tui.services.coach.offline_writers import WriterTools
from interview_tui.services.coach.revision import revise
from interview_tui.services.coach.tasks import Task
from interview_tui.services.debrief_models import (
    DIMENSIONS,
    BetterAnswer,
    DebriefInput,
    DebriefReport,
    Dimensions,
    ThankYouEmail,
)
from interview_tui.services.debrief_rules import (
    ScoredAnswer,
    dimension_scores,
    lines,
    score_answers,
)
from interview_tui.services.resume_outline import Role, relevance, roles
from interview_tui.services.transcript import QA

_ADVICE = {
    "content": "bring one resume story with a number to every answer",
    "clarity": "lead with the point in one sentence, then the detail",
    "delivery": "keep answers to 1-2 minutes and pause instead of filling",
    "tone": "say what you did and decided, plainly, without hedging",
    "structure": "tell stories in situation, task, action, result order",
    "confidence": "own your part: say \"I\", and state results without softening",
}


@dataclass(frozen=True)
class DebriefRequest:
    input: DebriefInput
    pairs: tuple[QA, ...] = ()


@dataclass(frozen=True)
class EmailRequest:
    input: DebriefInput
    report: DebriefReport | None
    pairs: tuple[QA, ...] = field(default=())


def _abridged(text: str, words: int = 45) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + " …"


_INTRO_Q = re.compile(r"\babout yourself\b|\bwalk me through your (?:resume|cv|background)\b", re.I)
_WHY_Q = re.compile(r"\bwhy (?:do you want|are you|would you|us\b|this|here|leave|join|apply)|"
                    r"\bwhat (?:attracts|interests|excites) you\b", re.I)
_PAY_Q = re.compile(r"\b(?:salary|compensation|pay|package|notice period|start date|relocat)", re.I)
_PLACEHOLDER = re.compile(r"\[[^\]]*\]")
SALARY_ANSWER = ("[Your researched range for this role and location], based on the scope of the "
                 "role; I'm flexible on how the package is put together.")


def _best_bullet(ctx: ApplicationContext) -> tuple[Role | None, str]:
    """The resume bullet closest to the job description (in the first person) and its role."""
    pool = [(r, b) for r in roles(ctx.resume_text)[:2] for b in r.bullets]
    if not pool:
        return None, ""
    role, bullet = max(pool, key=lambda rb: (relevance(rb[1], ctx.job_description),
                                             -pool.index(rb)))
    return role, _where_clause(bullet)


def _stronger(question: str, answer: str, ctx: ApplicationContext) -> str:
    """A stronger answer from the candidate's words and the resume only: the intro pitch
    for "tell me about yourself", why-this-role in the job's words plus the closest resume
    line for motivation, a researched-range prompt for pay, and otherwise the mock
    interview's revised answer (STAR order), seeded with the closest resume line when
    nothing on the resume matched the question."""
    if _INTRO_Q.search(question):
        return revised_pitch(answer, ctx)
    if _PAY_Q.search(question):
        return SALARY_ANSWER
    if _WHY_Q.search(question):
        _role, best = _best_bullet(ctx)
        fit = f" It builds on my experience: {best}" if best else ""
        return f"{why_sentence(ctx, ctx.resume_text)}{fit}"
    revised = ""
    if answer.strip():
        revised = revise(question, answer, resume=ctx.resume_text, company=ctx.company,
                         job_description=ctx.job_description).text
    if _PLACEHOLDER.sub("", revised).strip():
        return revised
    # Nothing said to build on: a resume line about the question, or where to find one.
    pool = [b for r in roles(ctx.resume_text)[:2] for b in r.bullets]
    about = max(pool, key=lambda b: relevance(b, question), default="")
    action = (_where_clause(about) if about and relevance(about, question) >= 2
              else "[Action: the steps you took yourself.]")
    employers = [r.employer for r in roles(ctx.resume_text)[:2] if r.employer]
    where = f" from your time at {' or '.join(employers)}" if employers else ""
    return (f"[Situation: one real example{where}: where, when, and what was at stake.] "
            f"[Task: what you were responsible for.] {action} "
            "[Result: what changed, and by how much.]")


def _quoted(text: str) -> str:
    """``text`` in quotes, ending a sentence ('"Why?"' needs no full stop after it)."""
    text = text.strip()
    return f'"{text}"' if text.endswith(("?", "!", ".")) else f'"{text}".'


def _better_answers(data: DebriefInput, answers: list[ScoredAnswer], ctx: ApplicationContext) -> list[BetterAnswer]:
    out = []
    weakest = sorted((a for a in answers if a.score < 7), key=lambda a: a.score)[:3]
    for a in weakest:
        out.append(BetterAnswer(question=a.qa.question, your_answer=_abridged(a.qa.answer),
                                stronger_answer=_stronger(a.qa.question, a.qa.answer, ctx)))
    if answers:
        return out
    badly = lines(data.went_badly)
    questions = lines(data.questions)
    noted = {q: next((b for b in badly if relevance(b, q) >= 1), "") for q in questions}
    # The questions a "went badly" note is about; failing that, the first one asked.
    chosen = [q for q in questions if noted[q]] or questions[:1]
    for question in chosen[:3]:
        note = noted[question]
        mine = f"(Not recorded.) You noted: {note}" if note else "(Not recorded.)"
        out.append(BetterAnswer(question=question, your_answer=mine,
                                stronger_answer=_stronger(question, "", ctx)))
    return out


def _unique(findings: Iterable[Finding]) -> list[Finding]:
    """Findings of several answers, one per kind of finding, in the order given."""
    seen: set[str] = set()
    out = []
    for f in findings:
        if f.key not in seen:
            seen.add(f.key)
            out.append(f)
    return out


def _next_stage(stage: str) -> str | None:
    order = list(STAGES)
    i = order.index(stage) if stage in order else -1
    return order[i + 1] if 0 <= i < len(order) - 1 else None


def debrief(task: Task[DebriefReport], tools: WriterTools) -> DebriefReport:
    request: DebriefRequest = task.data
    data, ctx = request.input, task.context
    answers = score_answers(list(request.pairs), ctx.job_description, ctx.resume_text,
                            ctx.target_level, ctx.company)
    dims = dimension_scores(data, answers)
    overall = max(1, min(10, round(sum(d.score for d in dims.values()) / len(dims))))
    ranked = sorted(dims, key=lambda k: (dims[k].score, list(DIMENSIONS).index(k)))
    weak, strong = ranked[:2], ranked[-1]
    source = "your transcript" if answers else "your notes"
    summary = (
        f"{OFFLINE_NOTE}, from {source}. Overall {overall}/10 for the {stage_label(data.stage)} "
        f"interview: strongest on {DIMENSIONS[strong].lower()}, weakest on "
        f"{DIMENSIONS[weak[0]].lower()} and {DIMENSIONS[weak[1]].lower()}."
    )
    strengths = [f"You noted: {ln}" for ln in lines(data.went_well)[:3]]
    opportunities = [f"You noted: {ln}" for ln in lines(data.went_badly)[:3]]
    coaching = [f"{DIMENSIONS[k]}: {_ADVICE[k]}." for k in weak]
    if answers:
        best_first = sorted(answers, key=lambda a: -a.score)
        found = _unique(f for a in best_first for f in a.judgement.strengths)
        strengths = [f.text for f in found][:3] + strengths
        best = best_first[0]
        if best.score >= 6:
            strengths.append(
                f"Your strongest answer ({best.score}/10) was to {_quoted(best.qa.question)}")
        gaps = _unique(f for a in reversed(best_first) for f in a.judgement.gaps)
        opportunities = [g.text for g in gaps[:4]] + opportunities
        coaching = [g.coaching for g in gaps[:3] if g.coaching] + coaching
    coaching += [f"Keep what you learned: {ln}" for ln in lines(data.learned)[:2]]
    better = _better_answers(data, answers, ctx)
    actions = [f"Write and rehearse a 2-minute answer to {_quoted(b.question)}" for b in better[:3]]
    actions.append(f"Run a mock interview focused on {DIMENSIONS[weak[0]].lower()} "
                   "and compare the score.")
    following = _next_stage(data.stage)
    adjustments = [f"{DIMENSIONS[k]}: {_ADVICE[k]}." for k in weak]
    if following:
        adjustments.insert(0, f"Next is likely the {stage_label(following).lower()} stage: "
                              "practise it at hard difficulty before the day.")
    report = DebriefReport(
        overall_score=overall, summary=summary, dimensions=Dimensions(**dims),
        strengths=strengths or ["You went through with the interview and debriefed it."],
        opportunities=opportunities or [f"{DIMENSIONS[weak[0]]}: {_ADVICE[weak[0]]}."],
        should_have_said=better, coaching_points=coaching, action_items=actions,
        next_stage_adjustments=adjustments,
    )
    tools.stream([summary, "\n".join(f"{DIMENSIONS[k]} {d.score}/10 — {d.reason}"
                                     for k, d in dims.items())])
    return report


def _fit_line(ctx: ApplicationContext) -> str:
    role, clause = _best_bullet(ctx)
    if role is None:
        return ("The role's focus matches the experience on my resume, and I would be glad to "
                "go into more detail.")
    where = f"my work at {role.employer}" if role.employer else "my recent work"
    if clause.startswith("I "):
        return f"Our conversation made me think of {where}, where {clause}"
    return f"Our conversation made me think of {where}: {clause}"


def thank_you_email(task: Task[ThankYouEmail], tools: WriterTools) -> ThankYouEmail:
    request: EmailRequest = task.data
    data, ctx = request.input, task.context
    if request.pairs:
        scored = score_answers(list(request.pairs), ctx.job_description, ctx.resume_text,
                               ctx.target_level)
        asked = [a.qa.question for a in sorted(scored, key=lambda a: -a.score)]
    else:
        asked = lines(data.questions)
    # A question worth recalling: not pay, not why they are leaving, not the intro.
    topic = next((q for q in asked if not (_PAY_Q.search(q) or _INTRO_Q.search(q)
                                           or re.search(r"\bleav", q, re.I))), "")
    about = [m.group(1) for ln in lines(data.went_well)
             if (m := re.search(r"\babout (.+?)[.!]?$", ln, re.I))]
    highlight = about[0] if about else ""
    if highlight and not request.pairs:
        topic = ""  # the candidate's own highlight beats a question they only listed
    where = f"the {ctx.role} role" + (f" at {ctx.company}" if ctx.company else "")
    moment = f"Thank you for taking the time to talk with me about {where}."
    if topic:
        moment += f" I especially enjoyed our conversation when you asked, {_quoted(topic)}"
    elif highlight:
        moment += f" I especially enjoyed our conversation about {highlight[:1].lower()}{highlight[1:]}"
        moment = moment if moment.endswith((".", "!", "?")) else f"{moment}."
    interest = (f"I remain very interested in {where} and would welcome the next step. "
                "Please let me know if there is anything else I can share.")
    email = ThankYouEmail(
        subject=f"Thank you – {ctx.role} {stage_label(data.stage).lower()} interview",
        moment=moment, fit=_fit_line(ctx), interest=interest,
    )
    tools.stream([email.subject, email.moment, email.fit, email.interest])
    return email
