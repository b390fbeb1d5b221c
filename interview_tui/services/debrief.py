"""Debriefs of real interviews, their weak spots for the next prep, and thank-you emails.

A debrief is a ``debrief`` document (its input and its report) on one of the
application's interviews: a scheduled ``Interview`` the candidate picks, or one made
from the stage and date they give, so every debrief sits on the application's calendar
and regenerating it adds a version. The email is a ``thank_you_email`` document on the
same interview. What the candidate types is kept as a draft until the debrief is saved.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from interview_tui.clock import now
from interview_tui.services.call_log import About
from interview_tui.services.catalog import STAGES, stage_label
from interview_tui.services.coach.base import ApplicationContext, TextSink
from interview_tui.services.coach.offline_debrief import DebriefRequest, EmailRequest
from interview_tui.services.coach.tasks import Task
from interview_tui.services.debrief_models import (
    Debrief,
    DebriefInput,
    DebriefReport,
    ThankYouDocument,
    ThankYouEmail,
)
from interview_tui.services.document_store import DocumentVersion, save_version, versions
from interview_tui.services.exports import ExportedFile, write_export
from interview_tui.services.grounding import find_ungrounded
from interview_tui.services.pitch import grounding_sources, load_context
from interview_tui.services.preferences import get_preference, set_preference
from interview_tui.services.transcript import (
    QA,
    TranscriptRejected,
    check_transcript,
    parse_transcript,
)
from interview_tui.store.db import database
from interview_tui.store.models import Document, Interview

if TYPE_CHECKING:
    from interview_tui.services.workspace import Workspace

DEBRIEF_KIND = "debrief"
EMAIL_KIND = "thank_you_email"
MAX_NOTE_CHARS = 20_000
_TRANSCRIPT_PROMPT_CHARS = 120_000


class DebriefRejected(ValueError):
    """Debrief input that cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class InterviewChoice:
    id: int
    stage: str
    scheduled_at: datetime | None
    interviewer_name: str
    format: str

    @property
    def label(self) -> str:
        when = self.scheduled_at.strftime("%Y-%m-%d") if self.scheduled_at else "no date"
        who = f" with {self.interviewer_name}" if self.interviewer_name else ""
        return f"{stage_label(self.stage)} · {when}{who}"


def local_today() -> date:
    """Today where the user is (the store's clock is UTC; an interview date is local)."""
    return now().replace(tzinfo=UTC).astimezone().date()


def parse_date(text: str, today: date) -> date:
    """An interview date typed as YYYY-MM-DD that is not in the future."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise DebriefRejected(
            f"“{text.strip() or '(empty)'}” is not a date. Type it as YYYY-MM-DD, "
            f"for example {today.isoformat()}."
        ) from None
    if day > today:
        raise DebriefRejected(
            f"{day.isoformat()} is in the future (today is {today.isoformat()}); a debrief is "
            "for an interview that has already happened. Check the date."
        )
    return day


def check_input(data: DebriefInput, candidate_name: str, today: date) -> tuple[DebriefInput, list[QA]]:
    """The input cleaned and its transcript's Q&A pairs, or ``DebriefRejected``."""
    if data.stage not in STAGES:
        raise DebriefRejected(f"Choose the interview stage ({', '.join(STAGES.values())}).")
    day = parse_date(data.date, today)
    try:
        transcript = check_transcript(data.transcript)
    except TranscriptRejected as exc:
        raise DebriefRejected(str(exc)) from None
    notes = {k: getattr(data, k).strip() for k in ("questions", "went_well", "went_badly", "learned")}
    for key, value in notes.items():
        if len(value) > MAX_NOTE_CHARS:
            raise DebriefRejected(
                f"“{key.replace('_', ' ')}” is {len(value):,} characters; the limit is "
                f"{MAX_NOTE_CHARS:,}. Paste long text into the transcript instead."
            )
    typed = any(notes.values()) or data.feeling is not None
    if not transcript and not typed:
        raise DebriefRejected(
            "Nothing to debrief yet: paste the transcript (or import a text file with ctrl+o), "
            "or fill in how it felt and at least one of the typed answers."
        )
    pairs = parse_transcript(transcript, candidate_name) if transcript else []
    if transcript and not pairs and not any(notes.values()):
        raise DebriefRejected(
            "No question and answer could be found in the transcript. Label the speakers "
            "(“Interviewer: …” and “Me: …”), or put each question on its own line ending in "
            "“?”, or fill in the typed answers below it."
        )
    cleaned = data.model_copy(update={"date": day.isoformat(), "transcript": transcript, **notes})
    return cleaned, pairs


def _notes(data: DebriefInput) -> str:
    parts = [f"Overall feeling: {data.feeling}/10" if data.feeling else "Overall feeling: not given"]
    for key, title in (("questions", "Questions asked"), ("went_well", "What went well"),
                       ("went_badly", "What went badly"), ("learned", "What I learned")):
        value = getattr(data, key).strip()
        parts.append(f"{title}:\n{value or '(not given)'}")
    return "\n\n".join(parts)


def debrief_task(ctx: ApplicationContext, data: DebriefInput, pairs: list[QA]) -> Task[DebriefReport]:
    who = f" with {data.interviewer_name}" if data.interviewer_name else ""
    return Task(
        purpose="debrief", output=DebriefReport, template="debrief", context=ctx,
        inputs={
            "stage": stage_label(data.stage).lower(), "date": data.date, "interviewer": who,
            "pairs": str(len(pairs)),
            "transcript": data.transcript[:_TRANSCRIPT_PROMPT_CHARS] or "(no transcript)",
            "notes": _notes(data),
        },
        data=DebriefRequest(data, tuple(pairs)), max_tokens=4096, stream=True,
    )


def email_task(ctx: ApplicationContext, debrief: Debrief, pairs: list[QA], to: str) -> Task[ThankYouEmail]:
    data, report = debrief.input, debrief.report
    facts = [f"Summary: {report.summary}"]
    facts += [f"Question asked: {p.question}" for p in pairs[:8]]
    facts += [f"Question asked: {q}" for q in data.questions.splitlines() if q.strip()][:8]
    facts += [f"Went well: {w}" for w in data.went_well.splitlines() if w.strip()]
    facts += [f"Strength: {s}" for s in report.strengths[:3]]
    return Task(
        purpose="thank_you_email", output=ThankYouEmail, template="thank_you_email", context=ctx,
        inputs={"to": to or "the interviewer", "stage": stage_label(data.stage).lower(),
                "date": data.date, "facts": "\n".join(facts)},
        data=EmailRequest(data, report, tuple(pairs)), max_tokens=1024, stream=True,
    )


def list_interviews(application_id: int) -> list[InterviewChoice]:
    query = (Interview.select().where(Interview.application == application_id)
             .order_by(Interview.scheduled_at.desc(nulls="LAST"), Interview.id.desc()))
    return [InterviewChoice(i.id, i.stage, i.scheduled_at, i.interviewer_name, i.format)
            for i in query]


def store_debrief(application_id: int, debrief: Debrief, author: str, model: str) -> DocumentVersion:
    """Save the debrief on its interview (made from stage and date if none was picked)."""
    data = debrief.input
    with database.atomic("IMMEDIATE"):
        interview_id = data.interview_id
        if interview_id is None:
            interview_id = Interview.create(
                application=application_id, stage=data.stage,
                scheduled_at=datetime.fromisoformat(data.date), interviewer_name=data.interviewer_name,
            ).id  # no notes: the next round's prep reads an interview's notes as the candidate's
            debrief = debrief.model_copy(update={"input": data.model_copy(update={"interview_id": interview_id})})
        elif Interview.get_or_none(Interview.id == interview_id,
                                   Interview.application == application_id) is None:
            raise DebriefRejected("That interview is not one of this application's; pick another.")
        saved = save_version(DEBRIEF_KIND, application_id, debrief, author=author, model=model,
                             interview_id=interview_id)
        set_preference(draft_key(application_id), "")
    return saved


def debriefs_of(application_id: int) -> list[DocumentVersion]:
    """The newest version of each debrief of the application, newest first."""
    series = (Document.select(Document.interview).distinct()
              .where((Document.application == application_id) & (Document.kind == DEBRIEF_KIND)))
    found = [versions(DEBRIEF_KIND, application_id, row.interview_id)[0] for row in series]
    return sorted(found, key=lambda d: d.created_at, reverse=True)


def weak_spots_of(debriefs: list[Debrief], limit: int = 8) -> list[str]:
    """What the next prep should work on: each debrief's opportunities, the questions it
    answered weakly, and its adjustments for the next stage, newest debrief first."""
    spots: list[str] = []
    for d in debriefs:
        r = d.report
        spots += r.opportunities[:3]
        spots += [f"Prepare a stronger answer to: {b.question}" for b in r.should_have_said[:3]]
        spots += r.next_stage_adjustments[:2]
    seen: set[str] = set()
    unique = []
    for s in spots:
        key = re.sub(r"\W+", " ", s).strip().lower()
        if key and key not in seen:
            seen.add(key)
            unique.append(s)
    return unique[:limit]


def draft_key(application_id: int) -> str:
    return f"draft.debrief.{application_id}"


def email_file_name(company: str, stage: str, day: str, version: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", f"{company} {stage}".lower()).strip("-") or "interview"
    return f"thank-you-{slug}-{day}-v{version}.txt"


class DebriefService:
    """Debriefs and thank-you emails on the workspace's runner and coach."""

    def __init__(self, ws: Workspace) -> None:
        self._ws = ws

    async def interviews(self, application_id: int) -> list[InterviewChoice]:
        return await self._ws.runner.run(list_interviews, application_id)

    async def write(
        self, application_id: int, data: DebriefInput, *, on_text: TextSink | None = None,
        offline: bool = False, today: date | None = None,
    ) -> DocumentVersion:
        """Check the input (``DebriefRejected``), keep it as the draft, write and save the debrief."""
        ctx = await self._ws.runner.run(load_context, application_id)
        cleaned, pairs = check_input(data, ctx.candidate_name, today or local_today())
        await self.save_draft(application_id, data)
        report = await self._ws.ask(debrief_task(ctx, cleaned, pairs),
                                    about=About(application_id=application_id),
                                    on_text=on_text, offline=offline)
        sources = grounding_sources(ctx, cleaned.transcript, _notes(cleaned))
        flags = [find_ungrounded(b.stronger_answer, sources) for b in report.should_have_said]
        ungrounded = list(dict.fromkeys(c for f in flags for c in f))
        coach = self._ws.offline_coach if offline else self._ws.coach
        debrief = Debrief(input=cleaned, report=report, ungrounded=ungrounded, answer_flags=flags)
        return await self._ws.runner.run(store_debrief, application_id, debrief,
                                         coach.info.backend, coach.info.model)

    async def debriefs(self, application_id: int) -> list[DocumentVersion]:
        return await self._ws.runner.run(debriefs_of, application_id)

    async def weak_spots(self, application_id: int) -> list[str]:
        """The weak spots of the application's debriefs, for its next prep (newest first)."""
        found = await self.debriefs(application_id)
        return weak_spots_of([d.content(Debrief) for d in found])

    # ----- the thank-you email --------------------------------------------------------

    async def write_email(
        self, debrief_id: int, *, on_text: TextSink | None = None, offline: bool = False
    ) -> DocumentVersion:
        """A new version of the thank-you email for a debrief, grounding-checked."""
        doc = await self._ws.documents.get(debrief_id)
        debrief = doc.content(Debrief)
        ctx = await self._ws.runner.run(load_context, doc.application_id)
        pairs = parse_transcript(debrief.input.transcript, ctx.candidate_name)
        to = debrief.input.interviewer_name or ctx.interviewer_name
        email = await self._ws.ask(email_task(ctx, debrief, pairs, to),
                                   about=About(application_id=doc.application_id, document_id=doc.id),
                                   on_text=on_text, offline=offline)
        stored = ThankYouDocument(to=to, signature=ctx.candidate_name, email=email)
        sources = grounding_sources(ctx, debrief.input.transcript, _notes(debrief.input))
        # The greeting and the signature are ours; the coach wrote the subject and paragraphs.
        written = "\n\n".join((email.subject, email.moment, email.fit, email.interest))
        stored.ungrounded = find_ungrounded(written, sources)
        coach = self._ws.offline_coach if offline else self._ws.coach
        return await self._ws.documents.save(
            EMAIL_KIND, doc.application_id, stored, author=coach.info.backend,
            model=coach.info.model, interview_id=doc.interview_id,
        )

    async def email(self, debrief_id: int) -> DocumentVersion | None:
        doc = await self._ws.documents.get(debrief_id)
        return await self._ws.documents.latest(EMAIL_KIND, doc.application_id, doc.interview_id)

    async def save_email_file(self, email_id: int, directory: Path) -> ExportedFile:
        """Write the email (subject and body) to a text file in ``directory``; where it went
        (a file already there is never replaced)."""
        doc = await self._ws.documents.get(email_id)
        stored = doc.content(ThankYouDocument)
        debrief = await self._ws.documents.latest(DEBRIEF_KIND, doc.application_id, doc.interview_id)
        ctx = await self._ws.runner.run(load_context, doc.application_id)
        data = debrief.content(Debrief).input if debrief else None
        name = email_file_name(ctx.company, data.stage if data else "", data.date if data else
                               doc.created_at.date().isoformat(), doc.version)
        return await asyncio.to_thread(write_export, directory / name, stored.text)

    # ----- the form's draft (kept across a crash) -------------------------------------------

    async def draft(self, application_id: int) -> DebriefInput | None:
        raw = await self._ws.runner.run(get_preference, draft_key(application_id), "")
        if not raw:
            return None
        try:
            return DebriefInput.model_validate(json.loads(raw))
        except ValueError:
            return None

    async def save_draft(self, application_id: int, data: DebriefInput) -> None:
        await self._ws.runner.run(set_preference, draft_key(application_id), data.model_dump_json())
