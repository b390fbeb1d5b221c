"""Prep documents for an application: write, edit a section, regenerate, export.

``PrepService`` (``workspace.prep``) gathers what a document is written from on the
database thread (the application's context, its interview rounds and their notes, the
weak spots its mock sessions showed, the candidate's answers for grounding), asks the
coach with one task, checks every claim of experience with ``find_ungrounded``, and
stores the result as a new version. Nothing half-written is stored: a cancelled or
failed call leaves the previous version as it was.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peewee import fn

from interview_tui.clock import now
from interview_tui.services.call_log import About
from interview_tui.services.document_kinds import KINDS, label, model_for
from interview_tui.services.document_store import DocumentVersion, latest_per_series
from interview_tui.services.export_format import html_document
from interview_tui.services.exports import ExportedFile, write_export
from interview_tui.services.grounding import find_ungrounded
from interview_tui.services.prep_markdown import coach_sections, document_markdown, plain, sections
from interview_tui.services.prep_models import Written
from interview_tui.services.prep_tasks import PrepRequest, RoundInfo, WeakSpot, prep_task
from interview_tui.services.schedule import ScheduledInterview, ScheduleError, list_interviews
from interview_tui.services.session_view import application_context
from interview_tui.services.text import strip_control_chars
from interview_tui.store.models import (
    Candidate,
    CoachCall,
    JobApplication,
    MockSession,
    Question,
    QuestionFeedbackRow,
    Response,
)

if TYPE_CHECKING:
    from interview_tui.services.coach.base import TextSink
    from interview_tui.services.workspace import Workspace

READY = 8.0  # a competency averaging below this is a weak spot (the Ready threshold)
MAX_WEAK = 3
MAX_SECTION_CHARS = 20_000
PER_APPLICATION = ("base_prep", "recruiter_prep", "hiring_manager_prep")


class PrepError(ValueError):
    """A prep request that cannot be done; the message says why."""


def _prep_model(kind: str) -> type[Written]:
    """The model of a prep document kind; every one is ``Written`` (dated, editable)."""
    model = model_for(kind)
    if not issubclass(model, Written):
        raise PrepError(f"{label(kind)} is not a prep document.")
    return model


@dataclass(frozen=True)
class SessionSummary:
    id: int
    stage: str
    state: str
    started_at: datetime
    overall_score: float | None
    readiness: str | None


@dataclass(frozen=True)
class ApplicationPage:
    """Everything the application page shows."""

    id: int
    company: str
    role: str
    has_resume: bool
    has_job_description: bool
    interviews: list[ScheduledInterview]
    documents: list[DocumentVersion]
    sessions: list[SessionSummary]

    @property
    def title(self) -> str:
        return f"{self.company} · {self.role}"


# ----- reading what a document is written from (database thread) ------------------------


def _application(application_id: int) -> JobApplication:
    row: JobApplication | None = (JobApplication.select(JobApplication, Candidate).join(Candidate)
           .where(JobApplication.id == application_id).first())
    if row is None:
        raise PrepError("That application no longer exists.")
    return row


def _round(i: ScheduledInterview) -> RoundInfo:
    return RoundInfo(i.stage, i.format, i.when, i.interviewer_name, i.interviewer_role,
                     i.focus, i.notes)


def weak_spots(application_id: int) -> list[WeakSpot]:
    """Competencies the application's mock sessions scored below Ready, weakest first."""
    rows = (QuestionFeedbackRow.select(QuestionFeedbackRow, Question)
            .join(Question).join(MockSession)
            .where(MockSession.application == application_id)
            .order_by(QuestionFeedbackRow.created_at.desc()))
    scores: dict[str, list[int]] = {}
    gaps: dict[str, list[str]] = {}
    for row in rows:
        competency = row.question.competency
        scores.setdefault(competency, []).append(row.score)
        for gap in row.what_didnt or []:
            if len(gaps.setdefault(competency, [])) < 2 and gap not in gaps[competency]:
                gaps[competency].append(gap)
    spots = [WeakSpot(c, sum(s) / len(s), len(s), tuple(gaps.get(c, ())))
             for c, s in scores.items() if sum(s) / len(s) < READY]
    spots.sort(key=lambda w: (w.score, w.competency))
    return spots[:MAX_WEAK]


def debrief_weak_spots(application_id: int) -> list[str]:
    """What the application's debriefs of real interviews said to work on, newest first."""
    from interview_tui.services.debrief import debriefs_of, weak_spots_of
    from interview_tui.services.debrief_models import Debrief

    return weak_spots_of([d.content(Debrief) for d in debriefs_of(application_id)])


def candidate_answers(application_id: int) -> list[str]:
    rows = (Response.select(Response.text).join(Question).join(MockSession)
            .where(MockSession.application == application_id))
    return [r.text for r in rows if r.text.strip()]


def _earlier(interviews: list[ScheduledInterview], this: ScheduledInterview | None) -> list[ScheduledInterview]:
    if this is None:
        return [i for i in interviews if i.notes.strip()]
    before = []
    for i in interviews:
        if i.id == this.id:
            break
        before.append(i)
    return before


def load_request(
    kind: str, application_id: int, interview_id: int | None = None, section: str | None = None
) -> tuple[PrepRequest, list[str]]:
    """The request for one document and the grounding sources (resume and answers)."""
    if kind not in KINDS:
        raise PrepError(f"Unknown document kind {kind!r}.")
    app = _application(application_id)
    interviews = list_interviews(application_id)
    this = next((i for i in interviews if i.id == interview_id), None)
    if kind == "interview_prep" and this is None:
        raise ScheduleError("That interview no longer exists.")
    request = PrepRequest(
        kind=kind,
        application_id=application_id,
        ctx=application_context(app),
        today=now().date().isoformat(),
        interview=_round(this) if this else None,
        earlier=tuple(_round(i) for i in _earlier(interviews, this)),
        weak=tuple(weak_spots(application_id)),
        debrief=tuple(debrief_weak_spots(application_id)),
        section=section,
    )
    return request, [app.candidate.resume_text, *candidate_answers(application_id)]


def load_page(application_id: int) -> ApplicationPage:
    app = _application(application_id)
    sessions = (MockSession.select().where(MockSession.application == application_id)
                .order_by(MockSession.started_at.desc()))
    return ApplicationPage(
        id=app.id, company=app.company, role=app.role,
        has_resume=bool(app.candidate.resume_text.strip()),
        has_job_description=bool(app.job_description.strip()),
        interviews=list_interviews(application_id),
        documents=latest_per_series(application_id),
        sessions=[SessionSummary(s.id, s.stage, s.state, s.started_at, s.overall_score,
                                 s.readiness) for s in sessions],
    )


def attribute_call(application_id: int, purpose: str, document_id: int) -> None:
    """Point the coach call that wrote a version at it (the call is logged, in order on
    this thread, before the version exists)."""
    latest = (CoachCall.select(fn.MAX(CoachCall.id))
              .where((CoachCall.application == application_id) & (CoachCall.purpose == purpose)
                     & CoachCall.document.is_null())
              .scalar())
    if latest is not None:
        CoachCall.update(document=document_id).where(CoachCall.id == latest).execute()


# ----- grounding --------------------------------------------------------------------------

def ground(kind: str, doc: Any, sources: list[str]) -> dict[str, list[str]]:
    """Each section holding claims of experience -> its claims found in no source.

    In a section the user edited, what the coach wrote there counts as a source too (its
    own flags carry over while the edited text still holds them), so only what the user
    added is checked anew.
    """
    coach = {s.key: s for s in coach_sections(kind, doc)}
    flags = {}
    for section in sections(kind, doc):
        if not section.claims:
            continue
        if section.edited:
            base = coach[section.key]
            carried = find_ungrounded(plain(base.claims or ""), sources)
            found = find_ungrounded(plain(section.claims), [*sources, base.body])
            found += [c for c in carried if c.lower() in section.body.lower() and c not in found]
        else:
            found = find_ungrounded(plain(section.claims), sources)
        if found:
            flags[section.key] = found
    return flags


# ----- the service ------------------------------------------------------------------------


def author_label(version: DocumentVersion) -> str:
    """``the offline coach`` or ``Claude (model)``: who wrote a version."""
    if version.author == "offline":
        return "the offline coach"
    return f"Claude ({version.model})" if version.model else version.author


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "document"


class PrepService:
    """Prep documents on the workspace's runner and coach."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    async def page(self, application_id: int) -> ApplicationPage:
        return await self._ws.runner.run(load_page, application_id)

    async def generate(
        self, kind: str, application_id: int, interview_id: int | None = None,
        *, on_text: TextSink | None = None,
    ) -> DocumentVersion:
        """Write a new version of ``kind`` (per interview for ``interview_prep``)."""
        if kind != "interview_prep":
            interview_id = None
        request, sources = await self._ws.runner.run(load_request, kind, application_id,
                                                     interview_id)
        draft = await self._ask(request, on_text)
        return await self._store(request, draft.model_dump(), sources, application_id,
                                 interview_id, edited={})

    async def regenerate_section(
        self, document_id: int, section: str, *, on_text: TextSink | None = None
    ) -> DocumentVersion:
        """A new version with only ``section`` rewritten by the coach (the rest kept)."""
        old = await self._ws.documents.get(document_id)
        self._check_section(old, section)
        request, sources = await self._ws.runner.run(
            load_request, old.kind, old.application_id, old.interview_id, section)
        draft = await self._ask(request, on_text)
        payload = {**old.payload, section: draft.model_dump()[section]}
        edited = {k: v for k, v in old.payload.get("edited_sections", {}).items() if k != section}
        return await self._store(request, payload, sources, old.application_id,
                                 old.interview_id, edited=edited)

    async def edit_section(self, document_id: int, section: str, text: str) -> DocumentVersion:
        """Save the user's text for ``section`` as a new version marked edited."""
        old = await self._ws.documents.get(document_id)
        self._check_section(old, section)
        clean = strip_control_chars(text).strip()
        if not clean:
            raise PrepError("The section is empty: write something, or press escape to keep it.")
        if len(clean) > MAX_SECTION_CHARS:
            raise PrepError(f"The section is {len(clean):,} characters; the limit is "
                            f"{MAX_SECTION_CHARS:,}.")
        _request, sources = await self._ws.runner.run(
            load_request, old.kind, old.application_id, old.interview_id)
        doc = _prep_model(old.kind).model_validate(old.payload)
        doc.edited_sections = {**doc.edited_sections, section: clean}
        doc.ungrounded = ground(old.kind, doc, sources)
        return await self._ws.documents.save(
            old.kind, old.application_id, doc, author=old.author, model=old.model,
            interview_id=old.interview_id, edited=True)

    def section_text(self, version: DocumentVersion, section: str) -> str:
        """The Markdown of one section as the editor starts it."""
        found = next((s for s in sections(version.kind, version.content()) if s.key == section),
                     None)
        return found.body if found else ""

    def markdown(self, version: DocumentVersion, title: str, *, flags: bool = True) -> str:
        doc = version.content(_prep_model(version.kind))
        return document_markdown(version.kind, doc, title=title, author=author_label(version),
                                 version=version.version, edited=version.edited,
                                 flags=doc.ungrounded if flags else None)

    async def export(
        self, document_id: int, directory: Path, path: str = ""
    ) -> ExportedFile:
        """Write a document to Markdown (or HTML for a ``.html`` path) in ``directory`` or at
        ``path``; where it went (an existing file is never replaced)."""
        version = await self._ws.documents.get(document_id)
        page = await self.page(version.application_id)
        text = self.markdown(version, page.title, flags=False)
        target = Path(path).expanduser() if path.strip() else directory
        if not path.strip() or target.is_dir():
            name = f"{_slug(page.company)}-{version.kind.replace('_', '-')}-v{version.version}.md"
            target = target / name
        if target.suffix.lower() in (".html", ".htm"):
            text = html_document(f"{label(version.kind)}: {page.title}", text,
                                 footer="Exported from interview-tui")
        return await asyncio.to_thread(write_export, target, text)

    # ----- internals ------------------------------------------------------------------

    def _check_section(self, version: DocumentVersion, section: str) -> None:
        keys = [s.key for s in sections(version.kind, version.content())]
        if section not in keys:
            raise PrepError(f"{label(version.kind)} has no section {section!r}.")

    async def _ask(self, request: PrepRequest, on_text: TextSink | None) -> Any:
        about = About(application_id=request.application_id)
        return await self._ws.ask(prep_task(request), about=about, on_text=on_text)

    async def _store(
        self, request: PrepRequest, payload: dict[str, Any], sources: list[str],
        application_id: int, interview_id: int | None, *, edited: dict[str, str],
    ) -> DocumentVersion:
        info = self._ws.coach.info
        doc = _prep_model(request.kind).model_validate({
            **payload,
            "written_on": request.today,
            "offline": info.backend == "offline",
            "missing": request.missing,
            "edited_sections": edited,
            "job_description": request.ctx.job_description,
        })
        doc.ungrounded = ground(request.kind, doc, sources)
        version = await self._ws.documents.save(
            request.kind, application_id, doc, author=info.backend, model=info.model,
            interview_id=interview_id, edited=bool(edited))
        await self._ws.runner.run(attribute_call, application_id, request.kind, version.id)
        return version
