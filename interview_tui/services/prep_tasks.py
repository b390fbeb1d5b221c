"""The coach tasks for the four prep documents, and what each is written from.

A ``PrepRequest`` holds everything a prep document may draw on: the application's
context (the cached prefix), this interview round, the notes from earlier rounds and the
weak spots the application's mock sessions showed, so a later round targets them.
``prep_task`` turns it into a ``Task`` whose template is ``prompts/<kind>.txt``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from interview_tui.services.catalog import INTERVIEW_FORMATS, competency_label, stage_label
from interview_tui.services.coach.base import ApplicationContext
from interview_tui.services.coach.tasks import Task
from interview_tui.services.prep_models import (
    BasePrepDraft,
    HiringManagerPrepDraft,
    InterviewPrepDraft,
    RecruiterPrepDraft,
)

DRAFTS: dict[str, type[BaseModel]] = {
    "base_prep": BasePrepDraft,
    "recruiter_prep": RecruiterPrepDraft,
    "hiring_manager_prep": HiringManagerPrepDraft,
    "interview_prep": InterviewPrepDraft,
}
MAX_TOKENS = {"interview_prep": 6000}
_NOTE_CHARS = 2000  # per earlier round's notes in the prompt


@dataclass(frozen=True)
class RoundInfo:
    """One scheduled interview, as a prep document sees it."""

    stage: str
    format: str
    when: str
    interviewer_name: str
    interviewer_role: str
    focus: str
    notes: str

    def line(self) -> str:
        who = self.interviewer_name or "interviewer not named"
        if self.interviewer_role:
            who += f" ({self.interviewer_role})"
        fmt = INTERVIEW_FORMATS.get(self.format, self.format) or "format not set"
        text = f"{stage_label(self.stage)}, {self.when}, {fmt}, {who}"
        return f"{text}; focus: {self.focus}" if self.focus else text


@dataclass(frozen=True)
class WeakSpot:
    """A competency the application's mock sessions scored low, with what did not land."""

    competency: str
    score: float  # average question score, 1-10
    questions: int
    gaps: tuple[str, ...] = ()

    def line(self) -> str:
        text = (f"{competency_label(self.competency)}: averaged {self.score:.1f}/10 over "
                f"{self.questions} mock question{'s' if self.questions != 1 else ''}")
        gaps = "; ".join(g.rstrip(". ") for g in self.gaps)  # each gap is a sentence
        return f"{text}; what did not land: {gaps}" if gaps else text


@dataclass(frozen=True)
class PrepRequest:
    kind: str
    application_id: int
    ctx: ApplicationContext
    today: str  # ISO date
    interview: RoundInfo | None = None  # the round an interview prep is for
    earlier: tuple[RoundInfo, ...] = ()  # rounds before it (or all rounds), with notes
    weak: tuple[WeakSpot, ...] = ()
    debrief: tuple[str, ...] = ()  # weak spots from debriefs of real interviews, newest first
    section: str | None = None  # set when only one section is to be rewritten

    @property
    def missing(self) -> list[str]:
        """What the document cannot be built from, in words the document shows."""
        gaps = []
        if not self.ctx.resume_text.strip():
            gaps.append("no resume: add yours in your profile (p on the setup screen)")
        if not self.ctx.job_description.strip():
            gaps.append("no job description: paste it into the application (j on its page)")
        return gaps


def _rounds(request: PrepRequest) -> str:
    lines = []
    for r in request.earlier:
        lines.append(f"- {r.line()}")
        if r.notes.strip():
            lines.append(f"  Notes written after it: {r.notes.strip()[:_NOTE_CHARS]}")
    return "\n".join(lines) or "(no earlier rounds recorded)"


def _section_line(request: PrepRequest) -> str:
    if request.section is None:
        return ""
    return (f"Only the {request.section.replace('_', ' ')} section will be kept from this reply: "
            "make that section better and fully grounded; fill the rest briefly.")


def prep_task(request: PrepRequest) -> Task[BaseModel]:
    """The coach task for ``request.kind``."""
    this_round = request.interview.line() if request.interview else "(not for one interview)"
    return Task(
        purpose=request.kind,
        output=DRAFTS[request.kind],
        template=request.kind,
        context=request.ctx,
        inputs={
            "today": request.today,
            "interview": this_round,
            "technical": "yes" if request.interview and request.interview.stage == "technical"
            else "no",
            "rounds": _rounds(request),
            "weak_spots": "\n".join([*(f"- {w.line()}" for w in request.weak),
                                     *(f"- From a debrief: {s}" for s in request.debrief)])
            or "(no mock sessions scored yet)",
            "missing": "; ".join(request.missing) or "(nothing missing)",
            "section": _section_line(request),
        },
        data=request,
        max_tokens=MAX_TOKENS.get(request.kind, 4096),
        stream=True,
    )
