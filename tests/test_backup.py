"""Backup and restore: every row back, newer and foreign files refused, no half import."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from interview_tui.services import backup as bk
from interview_tui.services.backup import (
    BackupError,
    RestoreNeedsConfirmation,
    backup_database,
    inspect_backup,
    restore_database,
)
from interview_tui.services.call_log import About, _write
from interview_tui.services.coach.base import CallRecord
from interview_tui.services.preferences import set_preference
from interview_tui.services.profiles import ensure_demo_profile
from interview_tui.services.question_import import check_question
from interview_tui.services.question_library import add_questions
from interview_tui.store import SCHEMA_VERSION, close_database, open_database
from interview_tui.store.models import Document, Interview
from tests.fakes.bulk_sessions import populate_sessions


def rows(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        conn.close()


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture
def full_db(tmp_path: Path) -> Path:
    """A database with a row in every table."""
    path = tmp_path / "source" / "interview.db"
    open_database(path)
    app = ensure_demo_profile()
    populate_sessions(12, application_id=app.id)
    add_questions([check_question("Tell me about your proudest migration project.",
                                  stage="hiring_manager")], source="added")
    interview = Interview.create(application=app, stage="technical", format="video")
    doc = Document.create(kind="prep", application=app, interview=interview, version=1,
                          payload={"a": "ünïcode ✓"}, author="offline")
    _write(About(application_id=app.id, document_id=doc.id),
           CallRecord(purpose="prep", backend="offline", model="offline-v1"))
    set_preference("theme", "nord")
    from interview_tui.store.models import AnswerDraft, MockSession

    AnswerDraft.create(session=MockSession.select().first(), question_number=1,
                       response_number=1, text="draft")
    close_database()
    return path


def test_the_round_trip_brings_back_every_row(full_db: Path, tmp_path: Path) -> None:
    before = rows(full_db)
    assert all(before.values()), f"empty tables: {[t for t, r in before.items() if not r]}"
    info = backup_database(full_db, tmp_path / "backup.itui")
    assert info.schema_version == SCHEMA_VERSION
    assert info.counts["mock_session"] == 12
    target = tmp_path / "fresh" / "interview.db"
    result = restore_database(tmp_path / "backup.itui", target)
    assert result.previous is None
    assert rows(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["interview.db"]
    open_database(target)  # the app opens it as it is
    close_database()


def test_restoring_over_data_needs_a_yes_and_keeps_the_old_database(
    full_db: Path, tmp_path: Path
) -> None:
    backup_database(full_db, tmp_path / "b.itui")
    other = tmp_path / "other" / "interview.db"
    open_database(other)
    ensure_demo_profile()  # the demo profile alone is not the user's data
    close_database()
    restore_database(tmp_path / "b.itui", other)
    open_database(other)
    add_questions([check_question("What would you change about your last team?",
                                  stage="hiring_manager")], source="added")
    close_database()
    mine = rows(other)
    with pytest.raises(RestoreNeedsConfirmation) as refused:
        restore_database(tmp_path / "b.itui", other)
    assert refused.value.counts["own_question"] == 2
    assert rows(other) == mine
    result = restore_database(tmp_path / "b.itui", other, replace=True)
    assert result.previous is not None and rows(result.previous) == mine
    assert rows(other) == rows(full_db)


def test_a_failure_leaves_the_directory_as_it_was(
    full_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup_database(full_db, tmp_path / "b.itui")
    target_dir = full_db.parent
    before = snapshot(target_dir)

    def broken(db: SqliteDatabase) -> int:
        db.execute_sql("CREATE TABLE half (x)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(bk, "migrate", broken)
    with pytest.raises(BackupError, match="nothing was changed"):
        restore_database(tmp_path / "b.itui", full_db, replace=True)
    assert snapshot(target_dir) == before
    monkeypatch.undo()
    monkeypatch.setattr(bk.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space")))
    with pytest.raises(BackupError, match="No space"):
        restore_database(tmp_path / "b.itui", full_db, replace=True)
    assert sorted(snapshot(target_dir)) == sorted(before)
    assert rows(full_db) == rows(tmp_path / "b.itui")


def test_restore_refuses_while_the_database_is_open(full_db: Path, tmp_path: Path) -> None:
    backup_database(full_db, tmp_path / "b.itui")
    open_database(full_db)
    try:
        from interview_tui.store.models import MockSession

        MockSession.select().count()
        with pytest.raises(BackupError, match="in use"):
            restore_database(tmp_path / "b.itui", full_db, replace=True)
    finally:
        close_database()


def test_a_backup_from_a_newer_version_is_refused(full_db: Path, tmp_path: Path) -> None:
    backup_database(full_db, tmp_path / "b.itui")
    conn = sqlite3.connect(tmp_path / "b.itui")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(BackupError, match=r"newer interview-tui .*Upgrade interview-tui"):
        restore_database(tmp_path / "b.itui", tmp_path / "new" / "interview.db")
    assert not (tmp_path / "new" / "interview.db").exists()


def test_an_older_backup_is_migrated_forward(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    from interview_tui.store.schema_v1 import V1_STATEMENTS

    for statement in V1_STATEMENTS:
        conn.execute(statement)
    conn.execute("INSERT INTO candidate (name, headline, resume_text, is_demo, created_at, "
                 "updated_at) VALUES ('Sam', '', 'cv', 0, '2026-01-01', '2026-01-01')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    assert inspect_backup(old).schema_version == 1
    target = tmp_path / "d" / "interview.db"
    restore_database(old, target)
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT name FROM candidate").fetchall() == [("Sam",)]
    conn.close()


@pytest.mark.parametrize("kind", ["text", "truncated", "garbled", "foreign", "missing"])
def test_damaged_or_foreign_files_are_refused_clearly(
    full_db: Path, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "bad.itui"
    if kind == "text":
        path.write_text("name,score\nalex,7\n")
        expected = "not an SQLite file"
    elif kind in ("truncated", "garbled"):
        backup_database(full_db, path)
        data = bytearray(path.read_bytes())
        if kind == "truncated":
            data = data[: len(data) // 3]
        else:
            data[len(data) // 2: len(data) // 2 + 4096] = b"\xff" * 4096
        path.write_bytes(bytes(data))
        expected = "damaged"
    elif kind == "foreign":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("PRAGMA user_version = 3")
        conn.close()
        expected = "not an interview-tui backup"
    else:
        expected = "no such file"
    target = tmp_path / "t" / "interview.db"
    with pytest.raises(BackupError, match=expected):
        restore_database(path, target)
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


def test_backup_does_not_overwrite_without_force(full_db: Path, tmp_path: Path) -> None:
    (tmp_path / "b.itui").write_text("keep me")
    with pytest.raises(BackupError, match="already exists"):
        backup_database(full_db, tmp_path / "b.itui")
    assert (tmp_path / "b.itui").read_text() == "keep me"
    backup_database(full_db, tmp_path / "b.itui", force=True)
    with pytest.raises(BackupError, match="no database"):
        backup_database(tmp_path / "none.db", tmp_path / "c.itui")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.itui", "source"]
