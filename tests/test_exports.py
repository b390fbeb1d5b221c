"""Exports: a session and a document to Markdown and HTML, and many sessions streamed."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from interview_tui.services import document_kinds
from interview_tui.services import session_export as se
from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.document_export import document_export
from interview_tui.services.document_store import DocumentNotFound, save_version
from interview_tui.services.exports import (
    ExportExists,
    ExportWriteError,
    default_export_path,
    exports_dir,
    write_export,
)
from interview_tui.services.interview import SessionSetup
from interview_tui.services.session_view import SessionNotFound, load_session_view
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import MockSession
from tests.fakes.bulk_sessions import populate_sessions
from tests.fakes.drive import drive_to_end


@pytest.fixture
async def finished(demo_application):
    ws = Workspace(OfflineCoach(seed=1))
    try:
        view = await ws.interview.start(SessionSetup(application_id=demo_application.id,
                                                     stage="hiring_manager"))
        yield await drive_to_end(ws.interview, view)
    finally:
        ws.close()


async def test_a_finished_session_exports_everything_it_holds(finished) -> None:
    md = se.session_markdown(load_session_view(finished.id))
    assert md.startswith(f"# Mock interview {finished.id}: Senior Backend Engineer at Northwind")
    assert f"| Score | {finished.overall_score:.1f}/10 |" in md
    assert f"| Readiness | {finished.readiness} |" in md
    assert "## Summary" in md and se.inline(finished.session_feedback.assessment) in md
    for q in finished.questions:
        assert f"## Question {q.number}: {se.inline(q.text)}" in md
        assert f"### Feedback ({q.feedback.score}/10, {q.feedback.level})" in md
        for ex in q.exchanges:
            assert se.quote(ex.answer) in md
    assert md.count("### Follow-up") == sum(len(q.exchanges) - 1 for q in finished.questions)
    title, page = se.session_export(finished.id, "html")
    assert page.startswith("<!doctype html>") and f"<title>{title}</title>" in page
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page)
    assert page.count("<h2>Question") == 5


def test_hidden_scores_stay_hidden_while_the_session_is_unfinished(demo_application) -> None:
    populate_sessions(12, application_id=demo_application.id)  # the 12th is unfinished
    unfinished = MockSession.get(MockSession.state == "awaiting_answer")
    unfinished.hide_scores = True
    unfinished.save()
    md = se.session_markdown(load_session_view(unfinished.id))
    assert "| Score | hidden until the end |" in md
    assert not re.search(r"\d+/10", md)
    assert "| Status | Unfinished |" in md


def test_what_the_user_typed_never_becomes_markup(demo_application) -> None:
    populate_sessions(1, application_id=demo_application.id)
    view = load_session_view(MockSession.select().first().id)
    from interview_tui.store.models import Response

    Response.update(text="<script>alert(1)</script>\n# not a heading").execute()
    _, page = se.session_export(view.id, "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<h1>not a heading" not in page


def test_many_sessions_are_written_one_by_one_in_order(demo_application, monkeypatch) -> None:
    populate_sessions(23, application_id=demo_application.id)
    monkeypatch.setattr(se, "PAGE", 5)
    loaded: list[int] = []
    real = se.load_session_view
    monkeypatch.setattr(se, "load_session_view", lambda sid: loaded.append(sid) or real(sid))
    out = io.StringIO()
    assert se.write_sessions(out, "md") == 23
    ids = [s.id for s in MockSession.select().order_by(MockSession.id)]
    assert loaded == ids
    text = out.getvalue()
    assert [int(n) for n in re.findall(r"^# Mock interview (\d+):", text, re.M)] == ids
    html = io.StringIO()
    assert se.write_sessions(html, "html", stage="technical") == len(
        [s for s in MockSession.select() if s.stage == "technical"])
    assert html.getvalue().count("<!doctype html>") == 1
    assert html.getvalue().rstrip().endswith("</html>")


def test_no_sessions_and_unknown_ones_say_so(db_path) -> None:
    out = io.StringIO()
    assert se.write_sessions(out, "md") == 0 and "No sessions to export." in out.getvalue()
    with pytest.raises(SessionNotFound):
        se.session_export(99, "md")
    with pytest.raises(se.ExportFormatError, match="use md or html"):
        se.session_export(1, "pdf")


class PrepNote(BaseModel):
    summary: str
    talking_points: list[str]
    stories: list[dict[str, str]]


def test_a_document_exports_field_by_field(demo_application, monkeypatch) -> None:
    monkeypatch.setitem(document_kinds.KINDS, "prep_note", "tests.test_exports:PrepNote")
    document_kinds.model_for.cache_clear()
    doc = save_version(
        "prep_note", demo_application.id,
        PrepNote(summary="Lead with the tracking migration.",
                 talking_points=["p95 900 ms to 180 ms", "Go services"],
                 stories=[{"title": "Migration", "result": "Tickets down 40%"}]),
        author="offline",
    )
    title, md = document_export(doc.id, "md")
    assert title == "Prep note: Senior Backend Engineer at Northwind Freight"
    assert "*Version 1, written by the offline coach" in md
    assert "## Summary\n\nLead with the tracking migration." in md
    assert "- p95 900 ms to 180 ms\n- Go services" in md
    assert "### 1" in md and "#### Result\n\nTickets down 40%" in md
    _, page = document_export(doc.id, "html")
    assert "<li>Go services</li>" in page
    with pytest.raises(DocumentNotFound):
        document_export(doc.id + 1, "md")
    document_kinds.model_for.cache_clear()


def test_export_files_are_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = write_export(tmp_path / "deep" / "out.md", "hello\n")
    assert target.path.read_text() == "hello\n" and target.note == ""
    with pytest.raises(ExportWriteError, match="is a directory"):
        write_export(tmp_path, "x")
    (tmp_path / "plain").write_text("a file, not a folder")
    with pytest.raises(ExportWriteError, match="Cannot write"):
        write_export(tmp_path / "plain" / "x.md", "x")

    def broken(out: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportWriteError, match="No space left"):
        write_export(tmp_path / "deep" / "late.md", broken)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep", "plain"]
    assert [p.name for p in (tmp_path / "deep").iterdir()] == ["out.md"]


def test_an_existing_export_is_never_lost(tmp_path: Path) -> None:
    mine = tmp_path / "report.md"
    mine.write_text("my own notes\n")
    first = write_export(mine, "report one\n")
    assert first.path == tmp_path / "report-2.md" and first.wanted == mine
    assert first.note == "report.md was already there, so this is report-2.md."
    assert mine.read_text() == "my own notes\n"
    assert write_export(mine, "report two\n").path == tmp_path / "report-3.md"
    again = write_export(mine, "report one\n")  # the same text: no third copy
    assert again.unchanged and again.path == first.path
    assert "already holds this export" in again.message()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report-2.md", "report-3.md",
                                                           "report.md"]
    with pytest.raises(ExportExists, match="already exists; nothing was written"):
        write_export(mine, "report four\n", on_exists="refuse")
    streamed: list[str] = []
    with pytest.raises(ExportExists):  # refused before the (long) write starts
        write_export(mine, lambda out: streamed.append("written"), on_exists="refuse")
    assert streamed == [] and mine.read_text() == "my own notes\n"
    assert write_export(mine, "replaced\n", on_exists="replace").path == mine
    assert mine.read_text() == "replaced\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_exports_go_to_the_data_directory(tmp_path: Path) -> None:
    assert exports_dir(tmp_path) == tmp_path / "exports"
    assert default_export_path(tmp_path, "session", 7, "html") == tmp_path / "exports" / "session-7.html"


def test_a_damaged_or_vanished_session_does_not_stop_the_export(demo_application, monkeypatch) -> None:
    populate_sessions(3, application_id=demo_application.id)
    real = se.load_session_view

    def flaky(session_id: int) -> se.SessionView:
        if session_id == 1:
            raise SessionNotFound("gone")
        if session_id == 2:
            raise ValueError("session_feedback is not valid JSON")
        return real(session_id)

    monkeypatch.setattr(se, "load_session_view", flaky)
    out = io.StringIO()
    assert se.write_sessions(out, "md") == 2
    text = out.getvalue()
    assert "# Mock interview 1" not in text
    assert "This session could not be read (session_feedback is not valid JSON)" in text
    assert "# Mock interview 3: " in text


async def test_a_prep_document_exports_as_the_app_writes_it(demo_application, tmp_path) -> None:
    # `interview-tui export document` and the document screen's `x` give the same Markdown:
    # sections with their titles and your edits, not the payload's raw fields.
    ws = Workspace(OfflineCoach(seed=1))
    try:
        version = await ws.prep.generate("recruiter_prep", demo_application.id)
        version = await ws.prep.edit_section(version.id, "overview", "My own overview.")
        written = await ws.prep.export(version.id, tmp_path)
    finally:
        ws.close()
    _, md = document_export(version.id, "md")
    assert md == written.path.read_text(encoding="utf-8")
    assert "## Interview overview (edited)\n\nMy own overview." in md
    assert "edited_sections" not in md.lower() and "Edited sections" not in md
