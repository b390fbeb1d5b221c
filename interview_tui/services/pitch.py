"""The intro pitch trainer: a template from the resume and the job description, and
practice attempts with feedback, numbered and kept per application.

Attempts live in their own table (``PitchAttempt``), not in the document table: an
attempt is the candidate's own input (like an answer), numbered per application, and
stored before the coach sees it; its scores are columns so the attempts table reads
them side by side in one query. The template is a document (``pitch_template``):
regenerating it adds a version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from peewee import fn

from interview_tui.services.call_log import About
from interview_tui.services.coach.base import ApplicationContext, TextSink
from interview_tui.services.coach.offline_pitch import PitchAttemptRequest
from interview_tui.services.coach.tasks import Task
from interview_tui.services.grounding import find_ungrounded
from interview_tui.services.pitch_models import (
    PitchFeedback,
    PitchTemplate,
    PitchTemplateDocument,
)
from interview_tui.services.pitch_rules import clean_pitch, structure_score, timing_line
from interview_tui.services.preferences import get_preference, set_preference
from interview_tui.services.session_view import application_context
from interview_tui.services.text import speaking_seconds, word_count
from interview_tui.store.db import database
from interview_tui.store.models import Candidate, JobApplication, PitchAttempt

if TYPE_CHECKING:
    from interview_tui.services.document_store import DocumentVersion
    from interview_tui.services.workspace import Workspace

TEMPLATE_KIND = "pitch_template"


def pitch_template_task(ctx: ApplicationContext) -> Task[PitchTemplate]:
    return Task(purpose="pitch_template", output=PitchTemplate, template="pitch_template",
                context=ctx, max_tokens=1024, stream=True)


def pitch_feedback_task(
    ctx: ApplicationContext, request: PitchAttemptRequest, number: int
) -> Task[PitchFeedback]:
    return Task(
        purpose="pitch_feedback",
        output=PitchFeedback,
        template="pitch_feedback",
        context=ctx,
        inputs={
            "number": str(number),
            "attempt": request.text,
            "timing": timing_line(request.text, request.spoken_seconds),
            "structure_score": str(structure_score(word_count(request.text))),
            "template": request.template or "(no template generated yet)",
        },
        data=request,
        max_tokens=2048,
        stream=True,
    )


def grounding_sources(ctx: ApplicationContext, *texts: str) -> list[str]:
    """What a generated pitch, answer or email may claim: the resume, the candidate's own
    words, the names of the application, and the job description without its figures
    (a pitch may name the job's systems; a number must be the candidate's)."""
    names = " ".join((ctx.company, ctx.role, ctx.interviewer_name, ctx.candidate_name))
    job = re.sub(r"\d", " ", ctx.job_description)
    return [ctx.resume_text, names, job, *texts]


@dataclass(frozen=True)
class Attempt:
    id: int
    application_id: int
    number: int
    text: str
    spoken_seconds: float | None
    words: int
    content_score: int | None
    structure_score: int | None
    tone_score: int | None
    feedback: PitchFeedback | None
    ungrounded: tuple[str, ...]
    author: str
    created_at: datetime

    @property
    def estimated_seconds(self) -> float:
        return speaking_seconds(self.text)

    @property
    def scored(self) -> bool:
        return self.feedback is not None


def _attempt(row: PitchAttempt) -> Attempt:
    return Attempt(
        id=row.id,
        application_id=row.application_id,
        number=row.number,
        text=row.text,
        spoken_seconds=row.spoken_seconds,
        words=row.word_count,
        content_score=row.content_score,
        structure_score=row.structure_score,
        tone_score=row.tone_score,
        feedback=PitchFeedback.model_validate(row.feedback) if row.feedback else None,
        ungrounded=tuple(row.ungrounded or ()),
        author=row.author,
        created_at=row.created_at,
    )


def load_context(application_id: int) -> ApplicationContext:
    app = (JobApplication.select(JobApplication, Candidate).join(Candidate)
           .where(JobApplication.id == application_id).get())
    return application_context(app)


def store_attempt(application_id: int, text: str, spoken_seconds: float | None) -> Attempt:
    with database.atomic("IMMEDIATE"):
        last = (PitchAttempt.select(fn.MAX(PitchAttempt.number))
                .where(PitchAttempt.application == application_id).scalar())
        row = PitchAttempt.create(
            application=application_id, number=(last or 0) + 1, text=text,
            spoken_seconds=spoken_seconds, word_count=word_count(text),
        )
        set_preference(draft_key(application_id), "")
    return _attempt(row)


def store_feedback(
    attempt_id: int, feedback: PitchFeedback, ungrounded: list[str], author: str, model: str
) -> Attempt:
    row = PitchAttempt.get_by_id(attempt_id)
    row.content_score = feedback.content_score
    row.structure_score = structure_score(row.word_count)
    row.tone_score = feedback.tone_score
    row.feedback = feedback.model_dump(mode="json")
    row.ungrounded = ungrounded
    row.author, row.model = author, model
    row.save()
    return _attempt(row)


def list_attempts(application_id: int) -> list[Attempt]:
    query = (PitchAttempt.select().where(PitchAttempt.application == application_id)
             .order_by(PitchAttempt.number))
    return [_attempt(r) for r in query]


def get_attempt(attempt_id: int) -> Attempt:
    return _attempt(PitchAttempt.get_by_id(attempt_id))


def draft_key(application_id: int) -> str:
    return f"draft.pitch.{application_id}"


class PitchService:
    """The pitch trainer on the workspace's runner and coach."""

    def __init__(self, ws: Workspace) -> None:
        self._ws = ws

    async def context(self, application_id: int) -> ApplicationContext:
        return await self._ws.runner.run(load_context, application_id)

    # ----- the template --------------------------------------------------------------

    async def template(self, application_id: int) -> DocumentVersion | None:
        return await self._ws.documents.latest(TEMPLATE_KIND, application_id)

    async def generate_template(
        self, application_id: int, *, on_text: TextSink | None = None, offline: bool = False
    ) -> DocumentVersion:
        """Write a new template version (grounding-checked against the resume)."""
        ctx = await self.context(application_id)
        about = About(application_id=application_id)
        template = await self._ws.ask(pitch_template_task(ctx), about=about, on_text=on_text,
                                      offline=offline)
        ungrounded = find_ungrounded(template.pitch, grounding_sources(ctx))
        coach = self._ws.offline_coach if offline else self._ws.coach
        return await self._ws.documents.save(
            TEMPLATE_KIND, application_id,
            PitchTemplateDocument(**template.model_dump(), ungrounded=ungrounded),
            author=coach.info.backend, model=coach.info.model,
        )

    # ----- attempts ------------------------------------------------------------------

    async def submit(
        self, application_id: int, text: str, *, spoken_seconds: float | None = None
    ) -> Attempt:
        """Store the attempt (numbered) before anything else; ``PitchRejected`` if unusable."""
        cleaned = clean_pitch(text)
        return await self._ws.runner.run(store_attempt, application_id, cleaned, spoken_seconds)

    async def write_feedback(
        self, attempt_id: int, *, on_text: TextSink | None = None, offline: bool = False
    ) -> Attempt:
        """Feedback on a stored attempt (again, if it has some): scores, revised pitch."""
        attempt = await self._ws.runner.run(get_attempt, attempt_id)
        ctx = await self.context(attempt.application_id)
        template = await self.template(attempt.application_id)
        request = PitchAttemptRequest(
            text=attempt.text, spoken_seconds=attempt.spoken_seconds,
            template=template.content(PitchTemplateDocument).pitch if template else "",
        )
        about = About(application_id=attempt.application_id)
        feedback = await self._ws.ask(pitch_feedback_task(ctx, request, attempt.number),
                                      about=about, on_text=on_text, offline=offline)
        ungrounded = find_ungrounded(feedback.revised_pitch, grounding_sources(ctx, attempt.text))
        coach = self._ws.offline_coach if offline else self._ws.coach
        return await self._ws.runner.run(store_feedback, attempt_id, feedback, ungrounded,
                                         coach.info.backend, coach.info.model)

    async def attempts(self, application_id: int) -> list[Attempt]:
        """Every attempt of the application, oldest (number 1) first."""
        return await self._ws.runner.run(list_attempts, application_id)

    async def attempt(self, attempt_id: int) -> Attempt:
        return await self._ws.runner.run(get_attempt, attempt_id)

    # ----- the editor's draft (kept across a crash) ----------------------------------------

    async def draft(self, application_id: int) -> str:
        return await self._ws.runner.run(get_preference, draft_key(application_id), "") or ""

    async def save_draft(self, application_id: int, text: str) -> None:
        await self._ws.runner.run(set_preference, draft_key(application_id), text)
