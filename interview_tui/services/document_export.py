"""A generated document (any kind) as Markdown.

A prep document (base, recruiter, hiring manager, interview prep) is written exactly as the
app exports it, section by section with your edits in place. Another kind's model may
render itself with a ``markdown()`` method; otherwise its payload is laid out field by field: text as paragraphs, lists as bullets, nested objects as
sub-sections. So every document kind exports without code of its own.
"""

from __future__ import annotations

from typing import Any

from interview_tui.services.document_kinds import UnknownDocumentKind, label
from interview_tui.services.document_store import DocumentVersion, get_version
from interview_tui.services.export_format import html_document
from interview_tui.services.prep_markdown import SECTIONS
from interview_tui.services.prep_markdown import document_markdown as prep_markdown
from interview_tui.services.session_export import EXPORT_FOOTER, check_format, inline, when
from interview_tui.store.models import JobApplication


def _title(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _value(value: Any, depth: int) -> list[str]:
    if isinstance(value, str):
        return [value.strip() + "\n"] if value.strip() else []
    if isinstance(value, bool | int | float):
        return [f"{value}\n"]
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            body = _value(item, depth + 1)
            if body:
                out += [f"{'#' * min(depth, 6)} {_title(key)}\n", *body]
        return out
    if isinstance(value, list):
        if all(isinstance(item, str | int | float) for item in value):
            return ["\n".join(f"- {inline(str(item))}" for item in value) + "\n"] if value else []
        out = []
        for index, item in enumerate(value, start=1):
            body = _value(item, depth + 1)
            if body:
                out += [f"{'#' * min(depth, 6)} {index}\n", *body]
        return out
    return [] if value is None else [f"{inline(str(value))}\n"]


def document_title(doc: DocumentVersion, company: str, role: str) -> str:
    return f"{label(doc.kind)}: {role} at {company}"


def document_markdown(doc: DocumentVersion, company: str, role: str) -> str:
    """The document as Markdown: a heading, who wrote it and when, then its content."""
    author = "the offline coach" if doc.author == "offline" else f"Claude ({doc.model})"
    edited = ", edited by you" if doc.edited else ""
    head = [
        f"# {inline(document_title(doc, company, role))}\n",
        f"*Version {doc.version}, written by {author}{edited}, {when(doc.created_at)}.*\n",
    ]
    content: Any
    try:
        content = doc.content()
    except UnknownDocumentKind:
        content = None
    if doc.kind in SECTIONS and content is not None:  # as the app's export writes it
        return prep_markdown(doc.kind, content, title=f"{company} · {role}", author=author,
                             version=doc.version, edited=doc.edited)
    render = getattr(content, "markdown", None)
    if callable(render):
        return "\n".join([*head, str(render()).strip(), ""])
    return "\n".join([*head, *_value(doc.payload, 2)]).rstrip() + "\n"


def document_export(document_id: int, fmt: str) -> tuple[str, str]:
    """One document version as (title, text) in ``fmt``; ``DocumentNotFound`` if none."""
    check_format(fmt)
    doc = get_version(document_id)
    app = JobApplication.get_by_id(doc.application_id)
    title = document_title(doc, app.company, app.role)
    markdown = document_markdown(doc, app.company, app.role)
    return (title, markdown) if fmt == "md" else (
        title, html_document(title, markdown, footer=EXPORT_FOOTER)
    )

