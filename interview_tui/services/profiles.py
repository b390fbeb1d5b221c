"""The candidate profile and job applications, including the bundled demo profile."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from interview_tui.clock import now
from interview_tui.services.db_runner import DbRunner
from interview_tui.services.text import strip_control_chars
from interview_tui.store.db import database
from interview_tui.store.models import Candidate, JobApplication, MockSession

MAX_DOCUMENT_CHARS = 100_000


class ProfileError(ValueError):
    """Profile or application input that cannot be saved; the message says why."""


def _clean(value: str, field: str, *, required: bool = False, limit: int = 200) -> str:
    text = strip_control_chars(value).strip()
    if required and not text:
        raise ProfileError(f"{field} is required.")
    if len(text) > limit:
        raise ProfileError(f"{field} is {len(text):,} characters; the limit is {limit:,}.")
    return text


def current_candidate() -> Candidate | None:
    """The profile in use: the most recently updated one."""
    candidate: Candidate | None = (
        Candidate.select().order_by(Candidate.updated_at.desc(), Candidate.id.desc()).first())
    return candidate


def save_candidate(
    name: str, resume_text: str, *, headline: str = "", candidate_id: int | None = None
) -> Candidate:
    values = {
        "name": _clean(name, "Name", required=True),
        "headline": _clean(headline, "Headline"),
        "resume_text": _clean(resume_text, "Resume", limit=MAX_DOCUMENT_CHARS),
        "updated_at": now(),
    }
    with database.atomic():
        if candidate_id is None:
            return Candidate.create(**values)
        Candidate.update(**values).where(Candidate.id == candidate_id).execute()
        return Candidate.get_by_id(candidate_id)


def list_applications() -> list[JobApplication]:
    return list(
        JobApplication.select(JobApplication, Candidate)
        .join(Candidate)
        .order_by(JobApplication.created_at.desc(), JobApplication.id.desc())
    )


def save_application(
    candidate: Candidate,
    *,
    company: str,
    role: str,
    job_description: str = "",
    interviewer_name: str = "",
    application_id: int | None = None,
) -> JobApplication:
    values = {
        "candidate": candidate,
        "company": _clean(company, "Company", required=True),
        "role": _clean(role, "Role", required=True),
        "job_description": _clean(job_description, "Job description", limit=MAX_DOCUMENT_CHARS),
        "interviewer_name": _clean(interviewer_name, "Interviewer name"),
    }
    with database.atomic():
        if application_id is None:
            return JobApplication.create(**values)
        JobApplication.update(**values).where(JobApplication.id == application_id).execute()
        return JobApplication.get_by_id(application_id)


def copy_application(application_id: int, candidate_id: int) -> JobApplication:
    """A new application for ``candidate_id`` with the job of ``application_id`` (the
    demo's job practised with your own resume: the demo itself stays as shipped). Asking
    twice gives the copy made the first time."""
    source = JobApplication.get_by_id(application_id)
    with database.atomic():
        existing = JobApplication.get_or_none(
            JobApplication.candidate == candidate_id,
            JobApplication.company == source.company,
            JobApplication.role == source.role,
            JobApplication.job_description == source.job_description,
        )
        if existing is not None:
            return existing
        return JobApplication.create(
            candidate=candidate_id,
            company=source.company,
            role=source.role,
            job_description=source.job_description,
            interviewer_name=source.interviewer_name,
        )


def demo_profile_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        files("interview_tui.data").joinpath("demo_profile.json").read_text("utf-8"))
    return data


def ensure_demo_profile() -> JobApplication:
    """The demo candidate's demo application, created on first use."""
    existing: JobApplication | None = (
        JobApplication.select().where(JobApplication.is_demo == True).first())  # noqa: E712
    if existing is not None:
        return existing
    data = demo_profile_data()
    # IMMEDIATE, and look again under the lock: two processes starting on a new database
    # would otherwise both insert a demo (or fail with "database is locked").
    with database.atomic(lock_type="IMMEDIATE"):
        existing = JobApplication.select().where(JobApplication.is_demo == True).first()  # noqa: E712
        if existing is not None:
            return existing
        candidate = Candidate.select().where(Candidate.is_demo == True).first()  # noqa: E712
        if candidate is None:
            candidate = Candidate.create(is_demo=True, **data["candidate"])
        return JobApplication.create(candidate=candidate, is_demo=True, **data["application"])


def has_any_session() -> bool:
    return MockSession.select().exists()


class ProfileService:
    """The profile and applications, on the workspace's database thread."""

    def __init__(self, runner: DbRunner) -> None:
        self._runner = runner

    async def current_candidate(self) -> Candidate | None:
        return await self._runner.run(current_candidate)

    async def save_candidate(
        self, name: str, resume_text: str, *, headline: str = "", candidate_id: int | None = None
    ) -> Candidate:
        return await self._runner.run(
            lambda: save_candidate(name, resume_text, headline=headline, candidate_id=candidate_id)
        )

    async def list_applications(self) -> list[JobApplication]:
        return await self._runner.run(list_applications)

    async def copy_application(self, application_id: int, candidate_id: int) -> JobApplication:
        return await self._runner.run(copy_application, application_id, candidate_id)

    async def get_application(self, application_id: int) -> JobApplication:
        return await self._runner.run(
            lambda: JobApplication.select(JobApplication, Candidate)
            .join(Candidate)
            .where(JobApplication.id == application_id)
            .get()
        )

    async def save_application(
        self,
        candidate: Candidate,
        *,
        company: str,
        role: str,
        job_description: str = "",
        interviewer_name: str = "",
        application_id: int | None = None,
    ) -> JobApplication:
        return await self._runner.run(
            lambda: save_application(
                candidate, company=company, role=role, job_description=job_description,
                interviewer_name=interviewer_name, application_id=application_id,
            )
        )
