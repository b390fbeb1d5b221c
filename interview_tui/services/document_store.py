"""Generated documents and their versions, in the one ``document`` table.

A document series is (application, kind, interview). Generating again adds a version;
editing saves a new version marked ``edited``; older versions stay readable. The payload
is JSON, validated by the kind's model (``document_kinds``) on the way in and out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar, overload

from peewee import fn
from pydantic import BaseModel

from interview_tui.services.db_runner import DbRunner
from interview_tui.services.document_kinds import model_for
from interview_tui.store.db import database
from interview_tui.store.models import Document

M = TypeVar("M", bound=BaseModel)


class DocumentNotFound(LookupError):
    pass


@dataclass(frozen=True)
class DocumentVersion:
    id: int
    kind: str
    application_id: int
    interview_id: int | None
    version: int
    payload: dict[str, Any]
    author: str  # offline | claude
    model: str
    edited: bool
    created_at: datetime

    @overload
    def content(self) -> BaseModel: ...
    @overload
    def content(self, model: type[M]) -> M: ...
    def content(self, model: type[BaseModel] | None = None) -> BaseModel:
        """The payload as its kind's model (or as ``model``)."""
        cls = model or model_for(self.kind)
        return cls.model_validate(self.payload)


def _version(row: Document) -> DocumentVersion:
    return DocumentVersion(
        id=row.id,
        kind=row.kind,
        application_id=row.application_id,
        interview_id=row.interview_id,
        version=row.version,
        payload=row.payload,
        author=row.author,
        model=row.model,
        edited=row.edited,
        created_at=row.created_at,
    )


def _series(kind: str, application_id: int, interview_id: int | None) -> Any:
    interview = (
        Document.interview.is_null() if interview_id is None else Document.interview == interview_id
    )
    return (Document.kind == kind) & (Document.application == application_id) & interview


def save_version(
    kind: str,
    application_id: int,
    content: BaseModel,
    *,
    author: str,
    model: str = "",
    interview_id: int | None = None,
    edited: bool = False,
) -> DocumentVersion:
    """Store ``content`` as the next version of its series (validated by the kind's model)."""
    payload = model_for(kind).model_validate(content.model_dump()).model_dump(mode="json")
    with database.atomic("IMMEDIATE"):
        last = (
            Document.select(fn.MAX(Document.version))
            .where(_series(kind, application_id, interview_id))
            .scalar()
        )
        row = Document.create(
            kind=kind,
            application=application_id,
            interview=interview_id,
            version=(last or 0) + 1,
            payload=payload,
            author=author,
            model=model,
            edited=edited,
        )
    return _version(row)


def versions(kind: str, application_id: int, interview_id: int | None = None) -> list[DocumentVersion]:
    """Every version of one series, newest first."""
    query = (
        Document.select()
        .where(_series(kind, application_id, interview_id))
        .order_by(Document.version.desc())
    )
    return [_version(row) for row in query]


def latest_per_series(application_id: int) -> list[DocumentVersion]:
    """The newest version of each of an application's documents."""
    newest = (
        Document.select(Document.kind, Document.interview, fn.MAX(Document.version).alias("v"))
        .where(Document.application == application_id)
        .group_by(Document.kind, Document.interview)
    )
    rows = []
    for kind, interview_id, version in database.execute(newest).fetchall():
        row = Document.get(
            _series(kind, application_id, interview_id) & (Document.version == version)
        )
        rows.append(_version(row))
    rows.sort(key=lambda d: d.created_at, reverse=True)
    return rows


def get_version(document_id: int) -> DocumentVersion:
    row = Document.get_or_none(Document.id == document_id)
    if row is None:
        raise DocumentNotFound(f"There is no document {document_id}.")
    return _version(row)


class DocumentStore:
    """The async face of the functions above, on the workspace's database thread."""

    def __init__(self, runner: DbRunner) -> None:
        self._runner = runner

    async def save(
        self,
        kind: str,
        application_id: int,
        content: BaseModel,
        *,
        author: str,
        model: str = "",
        interview_id: int | None = None,
        edited: bool = False,
    ) -> DocumentVersion:
        return await self._runner.run(
            lambda: save_version(
                kind, application_id, content, author=author, model=model,
                interview_id=interview_id, edited=edited,
            )
        )

    async def versions(
        self, kind: str, application_id: int, interview_id: int | None = None
    ) -> list[DocumentVersion]:
        return await self._runner.run(versions, kind, application_id, interview_id)

    async def latest(
        self, kind: str, application_id: int, interview_id: int | None = None
    ) -> DocumentVersion | None:
        found = await self.versions(kind, application_id, interview_id)
        return found[0] if found else None

    async def for_application(self, application_id: int) -> list[DocumentVersion]:
        return await self._runner.run(latest_per_series, application_id)

    async def get(self, document_id: int) -> DocumentVersion:
        return await self._runner.run(get_version, document_id)
