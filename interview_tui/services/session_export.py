"""A mock session as Markdown, and many sessions written one at a time.

``session_markdown`` is the one rendering of a session (the review screen's export, the
CLI and the bulk export all use it). ``write_sessions`` streams: it reads a page of
session ids at a time and loads, renders and writes one session before the next, so
10,000 sessions never sit in memory together (bench/export_scale.py measures it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import TextIO, cast

from interview_tui.services.catalog import DIFFICULTIES, PERSONAS, competency_label, stage_label
from interview_tui.services.export_format import html_head, html_tail, markdown_to_html
from interview_tui.services.history import STATE_LABELS
from interview_tui.services.session_view import SessionNotFound, SessionView, load_session_view
from interview_tui.services.text import format_duration
from interview_tui.store.models import MockSession

PAGE = 200  # session ids read per query while streaming
FORMATS = ("md", "html")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")
_BLOCK_START = re.compile(r"^(\d*)([-+=~.)])")  # list items, rules, setext underlines


class ExportFormatError(ValueError):
    pass


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ExportFormatError(f"Unknown format {fmt!r}; use md or html.")
    return fmt


def inline(text: str) -> str:
    """``text`` as literal Markdown on one line (names, titles, table cells)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def literal_line(line: str) -> str:
    """One line of typed text as literal Markdown: no heading, list, rule or emphasis."""
    line = _MD_SPECIAL.sub(r"\\\1", line.strip())
    return _BLOCK_START.sub(r"\1\\\2", line)


def quote(text: str) -> str:
    """Typed ``text`` (an answer) as a literal Markdown block quote, its line breaks kept."""
    lines = [literal_line(line) for line in text.strip().splitlines()]
    body = "\n".join(f"> {line}  " if line else ">" for line in lines).rstrip()
    return body or "> (empty)"


def bullets(title: str, items: list[str] | tuple[str, ...]) -> str:
    if not items:
        return ""
    return f"**{title}**\n\n" + "\n".join(f"- {inline(i)}" for i in items) + "\n"


def when(value: datetime | None) -> str:
    """A stored naive-UTC time as local time, the way the screens show it."""
    if value is None:
        return "—"
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def session_title(view: SessionView) -> str:
    ctx = view.context
    return f"Mock interview {view.id}: {ctx.role} at {ctx.company}"


def session_markdown(view: SessionView) -> str:
    """The whole session: settings, result, summary, and every question with its answers,
    analyses and feedback. Scores stay hidden while a hide-scores session is unfinished."""
    ctx = view.context
    hidden = view.hide_scores and not view.progress.is_final
    score = "hidden until the end" if hidden else (
        f"{view.overall_score:.1f}/10" if view.overall_score is not None else "—"
    )
    out = [
        f"# {inline(session_title(view))}\n",
        "| | |\n|---|---|",
        f"| Candidate | {inline(ctx.candidate_name)} |",
        f"| Started | {when(view.started_at)} |",
        f"| Finished | {when(view.completed_at)} |",
        f"| Stage | {stage_label(ctx.stage)} |",
        f"| Difficulty | {DIFFICULTIES.get(ctx.difficulty, ctx.difficulty)} |",
        f"| Interviewer | {PERSONAS.get(ctx.persona, ctx.persona)} persona |",
        f"| Target level | {ctx.target_level} |",
        f"| Coach | {'Claude' if view.backend == 'claude' else 'offline coach'} |",
        f"| Status | {STATE_LABELS.get(view.state.value, view.state.value)} |",
        f"| Score | {score} |",
        f"| Readiness | {'hidden until the end' if hidden else (view.readiness or '—')} |\n",
    ]
    summary = view.session_feedback
    if summary is not None:
        out += ["## Summary\n", f"{inline(summary.assessment)}\n"]
        for title, items in (
            ("Strengths", summary.strengths),
            ("Areas to improve", summary.areas_to_improve),
            ("Coaching priorities", summary.coaching_priorities),
            ("Next steps", summary.next_steps),
        ):
            out.append(bullets(title, items))
    for q in view.questions:
        out += [f"## Question {q.number}: {inline(q.text)}\n",
                f"*{competency_label(q.competency)}*\n"]
        if q.guidance:
            out.append(f"What a strong answer covers: {inline(q.guidance)}\n")
        for ex in q.exchanges:
            head = "Answer" if ex.number == 1 else f"Follow-up {ex.number - 1}: {inline(ex.prompt)}"
            spent = f" ({format_duration(ex.seconds_spent)})" if ex.seconds_spent else ""
            out += [f"### {head}{spent}\n", quote(ex.answer) + "\n"]
            if ex.analysis is not None:
                mark = "" if hidden else f"**{ex.analysis.score}/10, {ex.analysis.level}.** "
                out.append(f"{mark}{inline(ex.analysis.brief_feedback)}\n")
        fb = q.feedback
        if fb is not None:
            mark = "" if hidden else f" ({fb.score}/10, {fb.level})"
            out += [f"### Feedback{mark}\n", f"{inline(fb.assessment)}\n",
                    bullets("What landed", fb.what_landed),
                    bullets("What didn't", fb.what_didnt),
                    bullets("Coaching", fb.coaching)]
            if fb.revised_answer:
                out += ["**A stronger answer, from your own material**\n", quote(fb.revised_answer) + "\n"]
            if q.ungrounded:
                out.append(bullets("Not found in your resume or answers (check before using)",
                                   q.ungrounded))
    if not view.questions:
        out.append("No questions were asked in this session.\n")
    return "\n".join(part for part in out if part).rstrip() + "\n"


def session_export(session_id: int, fmt: str) -> tuple[str, str]:
    """One session as (title, text) in ``fmt``; ``SessionNotFound`` if there is none."""
    from interview_tui.services.export_format import html_document

    check_format(fmt)
    view = load_session_view(session_id)
    markdown = session_markdown(view)
    if fmt == "md":
        return session_title(view), markdown
    return session_title(view), html_document(session_title(view), markdown,
                                              footer=EXPORT_FOOTER)


EXPORT_FOOTER = "Exported from interview-tui."


def session_ids(stage: str | None = None) -> Iterator[int]:
    """Every session id, oldest first, read a page at a time (keyset paging on the id)."""
    last = 0
    while True:
        query = MockSession.select(MockSession.id).where(MockSession.id > last)
        if stage:
            query = query.where(MockSession.stage == stage)
        # cast: peewee's stubs type the rows of .tuples() as models.
        rows = cast("Iterable[tuple[int]]", query.order_by(MockSession.id).limit(PAGE).tuples())
        page = [row[0] for row in rows]
        if not page:
            return
        yield from page
        last = page[-1]


def write_sessions(
    out: TextIO,
    fmt: str,
    *,
    stage: str | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Write every session (of ``stage``) to ``out`` one by one; returns how many."""
    check_format(fmt)
    title = "interview-tui: all mock sessions"
    out.write(html_head(title) if fmt == "html" else f"# {title}\n\n")
    count = 0
    for session_id in session_ids(stage):
        try:
            markdown = session_markdown(load_session_view(session_id))
        except SessionNotFound:
            continue  # deleted while the export ran
        except ValueError as exc:  # a damaged row (bad JSON, a value its model refuses)
            markdown = f"# Mock interview {session_id}\n\nThis session could not be read ({exc}).\n"
        out.write(markdown_to_html(markdown) if fmt == "html" else f"{markdown}\n---\n\n")
        count += 1
        if on_progress is not None and count % 500 == 0:
            on_progress(count)
    if count == 0:
        empty = "No sessions to export.\n"
        out.write(markdown_to_html(empty) if fmt == "html" else empty)
    if fmt == "html":
        out.write(html_tail(EXPORT_FOOTER))
    return count
