"""Migrations: a v1 file made by the first release reaches the newest schema with every
row kept, and a fresh database has exactly the schema the current models describe."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from peewee import SqliteDatabase

from interview_tui.store import SCHEMA_VERSION, close_database, open_database
from interview_tui.store.models import ALL_MODELS

V1_FIXTURE = Path(__file__).parent / "data" / "schema_v1.db"
V1_TABLES = (
    "candidate", "job_application", "mock_session", "question", "response", "analysis",
    "question_feedback", "answer_draft", "coach_call", "preference",
)


def schema(path: Path) -> dict[str, object]:
    """Columns (name, type, not null, pk), foreign keys and indexes of every table."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        out: dict[str, object] = {}
        for t in sorted(tables):
            columns = sorted((r[1], r[2].upper(), r[3], r[5])
                             for r in conn.execute(f'PRAGMA table_info("{t}")'))
            fks = sorted((r[2], r[3], r[4], r[6]) for r in conn.execute(f'PRAGMA foreign_key_list("{t}")'))
            indexes = sorted(
                (r[2], tuple(c[2] for c in conn.execute(f'PRAGMA index_info("{r[1]}")')))
                for r in conn.execute(f'PRAGMA index_list("{t}")') if r[3] == "c"
            )
            out[t] = (columns, fks, indexes)
        return out
    finally:
        conn.close()


def rows(path: Path, table: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
    finally:
        conn.close()


def test_the_v1_fixture_is_a_v1_database() -> None:
    conn = sqlite3.connect(f"{V1_FIXTURE.resolve().as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_a_v1_database_migrates_to_the_newest_schema_with_every_row_kept(tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    shutil.copy(V1_FIXTURE, path)
    before = {t: rows(path, t) for t in V1_TABLES}
    assert sum(len(r) for r in before.values()) > 20  # the fixture has real sessions in it

    open_database(path)
    close_database()

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    for table, old in before.items():
        new = rows(path, table)
        assert len(new) == len(old), table
        # New columns come last; the old ones keep their values.
        assert [r[: len(o)] for r, o in zip(new, old, strict=True)] == old, table


def test_a_fresh_database_equals_a_migrated_one(tmp_path: Path) -> None:
    fresh, migrated = tmp_path / "fresh.db", tmp_path / "migrated.db"
    open_database(fresh)
    close_database()
    shutil.copy(V1_FIXTURE, migrated)
    open_database(migrated)
    close_database()
    assert schema(fresh) == schema(migrated)


def test_the_models_describe_the_migrated_schema(tmp_path: Path) -> None:
    """``create_tables`` from today's models gives the schema the migrations build."""
    migrated, from_models = tmp_path / "migrated.db", tmp_path / "models.db"
    open_database(migrated)
    close_database()
    scratch = SqliteDatabase(str(from_models), pragmas={"foreign_keys": 1})
    with scratch.bind_ctx(ALL_MODELS):
        scratch.create_tables(ALL_MODELS)
    scratch.close()
    assert schema(from_models) == schema(migrated)
