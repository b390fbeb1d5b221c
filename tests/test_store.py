"""Opening the database: pragmas, migrations, and files that must be refused untouched."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from peewee import IntegrityError, SqliteDatabase

from interview_tui.store import (
    SCHEMA_VERSION,
    DatabaseLockedError,
    NewerSchemaError,
    StoreError,
    close_database,
    database,
    migrations,
    open_database,
    schema_version,
)
from interview_tui.store import db as db_module
from interview_tui.store.models import ALL_MODELS, Candidate, JobApplication


@pytest.fixture(autouse=True)
def _close_shared_database() -> Iterator[None]:
    yield
    close_database()


def snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    """The file's bytes and mtime, and what lies beside it."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


def make_sqlite(path: Path, *, user_version: int, wal: bool = False) -> None:
    conn = sqlite3.connect(path)
    try:
        if wal:
            conn.execute("PRAGMA journal_mode=wal")
        conn.execute("CREATE TABLE future_thing (id INTEGER PRIMARY KEY, note TEXT)")
        conn.execute("INSERT INTO future_thing (note) VALUES ('from the future')")
        conn.execute(f"PRAGMA user_version = {user_version}")
        conn.commit()
    finally:
        conn.close()


def pragma(name: str) -> object:
    return database.execute_sql(f"PRAGMA {name}").fetchone()[0]


# ── a fresh database ─────────────────────────────────────────────────────────


def test_open_creates_the_file_and_its_directory(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "interview.db"
    returned = open_database(path)
    assert returned is database
    assert path.is_file()
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == db_module.BUSY_TIMEOUT_MS == 5000
    assert pragma("user_version") == SCHEMA_VERSION
    close_database()
    assert schema_version(path) == SCHEMA_VERSION
    # WAL is recorded in the file header, not just in the connection.
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_every_model_has_its_table(tmp_path: Path) -> None:
    open_database(tmp_path / "interview.db")
    tables = set(database.get_tables())
    assert {model._meta.table_name for model in ALL_MODELS} <= tables


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    open_database(tmp_path / "interview.db")
    with pytest.raises(IntegrityError):
        JobApplication.create(candidate=12345, company="Acme", role="Engineer")


def test_reopening_is_idempotent_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    open_database(path)
    Candidate.create(name="Jane Doe")
    close_database()
    for _ in range(3):
        open_database(path)
        assert pragma("user_version") == SCHEMA_VERSION
        assert [c.name for c in Candidate.select()] == ["Jane Doe"]
    # Opening again while open rebinds cleanly too.
    open_database(path)
    assert Candidate.select().count() == 1


def test_an_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    path.touch()
    open_database(path)
    assert pragma("user_version") == SCHEMA_VERSION


# ── files that must be refused and left alone ────────────────────────────────


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_newer_schema_is_refused_and_the_file_untouched(tmp_path: Path, wal: bool) -> None:
    path = tmp_path / "interview.db"
    newer = SCHEMA_VERSION + 7
    make_sqlite(path, user_version=newer, wal=wal)
    data, mtime, beside = snapshot(path)
    time.sleep(0.01)  # so that any write would show in the mtime

    with pytest.raises(NewerSchemaError) as exc:
        open_database(path)

    message = str(exc.value)
    assert str(path) in message
    assert f"version {newer}" in message
    assert f"version {SCHEMA_VERSION}" in message
    assert "not changed" in message
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == mtime
    assert sorted(os.listdir(tmp_path)) == beside  # a read-only look leaves nothing behind
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT note FROM future_thing").fetchall() == [("from the future",)]


def test_newer_schema_is_a_store_error() -> None:
    assert issubclass(NewerSchemaError, StoreError)
    assert issubclass(DatabaseLockedError, StoreError)


def test_migrate_itself_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    make_sqlite(path, user_version=SCHEMA_VERSION + 1)
    db = SqliteDatabase(str(path))
    try:
        with pytest.raises(NewerSchemaError):
            migrations.migrate(db)
        assert migrations.current_version(db) == SCHEMA_VERSION + 1
    finally:
        db.close()


def test_a_corrupt_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    path.write_bytes(os.urandom(8192))
    data, mtime, beside = snapshot(path)
    time.sleep(0.01)

    with pytest.raises(StoreError) as exc:
        open_database(path)

    assert not isinstance(exc.value, (NewerSchemaError, DatabaseLockedError))
    assert str(path) in str(exc.value)
    assert "not a readable interview-tui database" in str(exc.value)
    assert snapshot(path) == (data, mtime, beside)


def test_a_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    path.write_text("these are my notes, not a database\n" * 20, encoding="utf-8")
    before = snapshot(path)
    with pytest.raises(StoreError, match="not a readable"):
        open_database(path)
    assert snapshot(path) == before


def test_a_directory_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    path.mkdir()
    with pytest.raises(StoreError) as exc:
        open_database(path)
    assert str(path) in str(exc.value)
    assert "not a file" in str(exc.value)


def test_a_data_directory_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a directory", encoding="utf-8")
    with pytest.raises(StoreError, match="Cannot create data directory"):
        open_database(blocker / "interview.db")


def test_schema_version_reads_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    make_sqlite(path, user_version=3)
    before = snapshot(path)
    assert schema_version(path) == 3
    assert snapshot(path) == before


# ── locks ────────────────────────────────────────────────────────────────────


@pytest.fixture
def exclusive_holder() -> Iterator[list[sqlite3.Connection]]:
    holders: list[sqlite3.Connection] = []
    yield holders
    for conn in holders:
        conn.rollback()
        conn.close()


def hold_exclusive(path: Path, holders: list[sqlite3.Connection]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    holders.append(conn)


def test_a_locked_database_gives_a_clear_error_within_the_busy_timeout(
    tmp_path: Path, short_busy_timeout: int, exclusive_holder: list[sqlite3.Connection]
) -> None:
    # A rollback-journal file (as another tool or an old copy might leave it) locked
    # exclusively: nobody can even read it.
    path = tmp_path / "interview.db"
    make_sqlite(path, user_version=0)
    hold_exclusive(path, exclusive_holder)

    started = time.monotonic()
    with pytest.raises(DatabaseLockedError) as exc:
        open_database(path)
    elapsed = time.monotonic() - started

    assert str(path) in str(exc.value)
    assert "locked by another process" in str(exc.value)
    assert "not a readable" not in str(exc.value)  # a lock is not corruption
    assert short_busy_timeout / 1000 * 0.8 <= elapsed < short_busy_timeout / 1000 * 4 + 1


def test_a_locked_wal_database_that_needs_migrating(
    tmp_path: Path, short_busy_timeout: int, exclusive_holder: list[sqlite3.Connection]
) -> None:
    path = tmp_path / "interview.db"
    make_sqlite(path, user_version=0, wal=True)
    hold_exclusive(path, exclusive_holder)

    started = time.monotonic()
    with pytest.raises(DatabaseLockedError, match="locked by another process"):
        open_database(path)
    assert time.monotonic() - started < short_busy_timeout / 1000 * 4 + 1
    assert database.is_closed()  # no half-open connection is left behind

    exclusive_holder.pop().close()
    open_database(path)  # once the lock is gone, the same file opens and migrates
    assert pragma("user_version") == SCHEMA_VERSION


def test_a_current_wal_database_held_by_another_writer_is_refused_at_open(
    tmp_path: Path, short_busy_timeout: int, exclusive_holder: list[sqlite3.Connection]
) -> None:
    path = tmp_path / "interview.db"
    open_database(path)
    close_database()
    hold_exclusive(path, exclusive_holder)
    # WAL readers are not blocked by a writer and nothing needs migrating, but the first
    # answer would wait for the lock: say so now (tests/test_store_faults.py has more).
    with pytest.raises(DatabaseLockedError, match="locked by another process"):
        open_database(path)
    exclusive_holder.pop().close()
    open_database(path)
    assert pragma("user_version") == SCHEMA_VERSION


# ── migrations ───────────────────────────────────────────────────────────────


def test_schema_version_matches_the_migrations() -> None:
    assert len(migrations.MIGRATIONS) == SCHEMA_VERSION
    assert migrations.SCHEMA_VERSION == db_module.SCHEMA_VERSION


@pytest.fixture
def fake_migrations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    ran: list[int] = []

    def step(n: int):  # type: ignore[no-untyped-def]
        def run(db: SqliteDatabase) -> None:
            # Each step sees the version of the previous one: they run in order.
            assert migrations.current_version(db) == n - 1
            db.execute_sql(f"CREATE TABLE t{n} (id INTEGER PRIMARY KEY)")
            ran.append(n)

        return run

    monkeypatch.setattr(migrations, "MIGRATIONS", [step(1), step(2), step(3)])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    return ran


def test_migrations_run_in_order_and_set_user_version(
    tmp_path: Path, fake_migrations: list[int]
) -> None:
    db = SqliteDatabase(str(tmp_path / "m.db"))
    try:
        assert migrations.migrate(db) == 3
        assert fake_migrations == [1, 2, 3]
        assert migrations.current_version(db) == 3
        assert {"t1", "t2", "t3"} <= set(db.get_tables())
        assert migrations.migrate(db) == 3  # nothing left to do
        assert fake_migrations == [1, 2, 3]
    finally:
        db.close()


def test_migrations_start_from_the_stored_version(
    tmp_path: Path, fake_migrations: list[int]
) -> None:
    db = SqliteDatabase(str(tmp_path / "m.db"))
    try:
        db.execute_sql("PRAGMA user_version = 2")
        migrations.migrate(db)
        assert fake_migrations == [3]
        assert migrations.current_version(db) == 3
    finally:
        db.close()


def test_a_failing_migration_keeps_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def good(db: SqliteDatabase) -> None:
        db.execute_sql("CREATE TABLE good (id INTEGER PRIMARY KEY)")

    def bad(db: SqliteDatabase) -> None:
        db.execute_sql("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", [good, bad])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    db = SqliteDatabase(str(tmp_path / "m.db"))
    try:
        with pytest.raises(RuntimeError, match="boom"):
            migrations.migrate(db)
        # Step 1 and its version bump committed together; step 2 rolled back whole.
        assert migrations.current_version(db) == 1
        assert "good" in db.get_tables()
        assert "half_done" not in db.get_tables()
    finally:
        db.close()
