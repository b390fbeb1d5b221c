"""Real files in bad shape: locked by another process, read-only, damaged, in a read-only
directory. Each gets one clear line, a non-zero exit, and is left exactly as it was."""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from peewee import DatabaseError

from interview_tui.errors import user_message
from interview_tui.services.history import list_sessions
from interview_tui.services.profiles import ensure_demo_profile
from interview_tui.store import (
    SCHEMA_VERSION,
    DamagedDatabaseError,
    DatabaseLockedError,
    ReadOnlyDatabaseError,
    close_database,
    database,
    database_errors,
    integrity_problems,
    open_database,
    schema_version,
)
from interview_tui.store.models import JobApplication, MockSession, Response
from tests.fakes.lock_holder import hold_lock
from tests.fakes.unprivileged import unprivileged
from tests.test_cli import field, run_cli
from tests.test_history import add_full_session
from tests.test_store import (  # noqa: F401 - fixtures, used by name
    _close_shared_database,
    make_sqlite,
    snapshot,
)


def make_database(path: Path, *, demo: bool = True, sessions: int = 0) -> Path:
    """A real interview-tui database, closed cleanly (no -wal or -shm beside it)."""
    open_database(path)
    if demo:
        application = ensure_demo_profile()
        for i in range(sessions):
            add_full_session(application, tag=f"S{i}")
    close_database()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    return path


def damage_table(path: Path, table: str) -> None:
    """Overwrite the root page of ``table`` with garbage, as a bad disk sector would."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                               (table,)).fetchone()
    finally:
        conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(random.Random(table).randbytes(page_size))


def untouched(path: Path) -> tuple[object, ...]:
    """The file's bytes and mtime, what lies beside it, and the directory's own mtime (a
    file made and removed meanwhile would change it)."""
    return (*snapshot(path), path.parent.stat().st_mtime_ns)


def fail_line(result) -> str:  # type: ignore[no-untyped-def]
    """The one line the app printed on failing to start; no traceback, exit status 2."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interview-tui: "), result.stderr
    return lines[0]


def as_unprivileged() -> dict[str, object]:
    how = unprivileged()
    if isinstance(how, str):
        pytest.skip(how)
    prefix, user = how
    return {"prefix": prefix, "user": user}


@pytest.fixture
def shared_dir(tmp_path: Path) -> Iterator[Path]:
    """Where the files of an unprivileged child live: ``tmp_path``, or for ``nobody`` a
    directory it can reach (pytest's own temporary root is private to its user)."""
    how = unprivileged()
    if isinstance(how, str) or how[1] is None:
        base = tmp_path
    else:
        base = Path(tempfile.mkdtemp(prefix="interview-tui-test-"))
        base.chmod(0o755)
    yield base
    for sub in [base, *base.rglob("*")]:
        if sub.is_dir():
            sub.chmod(0o755)  # so the temporary files can be removed
    if base != tmp_path:
        shutil.rmtree(base, ignore_errors=True)


# ── locked by another process ────────────────────────────────────────────────


def test_a_wal_write_lock_is_found_at_start_not_at_the_first_write(
    tmp_path: Path, short_busy_timeout: int
) -> None:
    # Everything exists, so nothing at start needs writing; the lock must still be seen.
    path = make_database(tmp_path / "interview.db")
    with hold_lock(path):
        before = untouched(path)
        time.sleep(0.01)  # mtimes are coarse: so that any write would show
        started = time.monotonic()
        with pytest.raises(DatabaseLockedError, match="locked by another process"):
            open_database(path)
        assert time.monotonic() - started < short_busy_timeout / 1000 * 4 + 1
        assert database.is_closed()
        assert untouched(path) == before
    open_database(path)  # released: the same file opens
    assert ensure_demo_profile().is_demo


def test_the_app_refuses_to_start_on_a_database_another_process_is_writing(
    tmp_path: Path,
) -> None:
    # No demo profile yet: the start would have to write it (a traceback before).
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = make_database(data_dir / "interview.db", demo=False)
    with hold_lock(path):
        before = untouched(path)
        result = run_cli(data_dir=data_dir)  # waits out the 5 s busy timeout
        line = fail_line(result)
        assert str(path) in line and "locked by another process" in line
        assert untouched(path) == before


# ── damaged pages ────────────────────────────────────────────────────────────


def test_doctor_finds_damaged_pages_and_leaves_the_file_alone(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = make_database(data_dir / "interview.db", sessions=3)
    result = run_cli("doctor", data_dir=data_dir)
    assert result.returncode == 0, result.stdout
    assert field(result.stdout, "integrity") == "ok (quick_check)"

    damage_table(path, Response._meta.table_name)
    before = untouched(path)
    time.sleep(0.01)  # so that any write would show in the mtime
    result = run_cli("doctor", data_dir=data_dir)
    assert result.returncode == 1
    assert field(result.stdout, "schema version") == str(SCHEMA_VERSION)
    integrity = field(result.stdout, "integrity")
    assert integrity.startswith("DAMAGED (quick_check: ") and "safe" in integrity
    assert "Traceback" not in result.stderr
    assert untouched(path) == before
    assert integrity_problems(path)  # the same from the store


def test_the_app_refuses_to_start_on_damaged_pages_it_needs(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = make_database(data_dir / "interview.db")
    damage_table(path, JobApplication._meta.table_name)  # read at start, for the demo application
    # Page 1 is sound, so the app opens the file for writing: SQLite's -wal and -shm
    # appear and go again (the directory's mtime moves); the file itself is not written.
    before = snapshot(path)
    time.sleep(0.01)
    line = fail_line(run_cli(data_dir=data_dir))
    assert str(path) in line and "is damaged" in line and "interview-tui doctor" in line
    assert "Unexpected error" not in line
    assert snapshot(path) == before


def test_damage_met_later_is_named_as_such_in_the_app(tmp_path: Path) -> None:
    path = make_database(tmp_path / "interview.db", sessions=2)
    damage_table(path, MockSession._meta.table_name)
    open_database(path)  # page 1 and the tables read at start are intact
    ensure_demo_profile()
    with pytest.raises(DatabaseError) as raw:
        list_sessions()  # what the history screen reads
    message = user_message(raw.value)
    assert message.startswith(f"{path} is damaged (database disk image is malformed)")
    assert "interview-tui doctor" in message and "Unexpected error" not in message
    with pytest.raises(DamagedDatabaseError), database_errors():
        list_sessions()


def test_a_file_that_is_not_a_database_is_named_as_such(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = data_dir / "interview.db"
    path.write_bytes(b"SQLite format 3\x00" + random.Random(1).randbytes(8192))
    before = untouched(path)
    line = fail_line(run_cli(data_dir=data_dir))
    assert str(path) in line and ("not a readable" in line or "is damaged" in line)
    assert untouched(path) == before


# ── the read-only probe ──────────────────────────────────────────────────────


def test_the_probe_reads_a_version_that_is_only_in_the_wal(tmp_path: Path) -> None:
    # A writer that is still open keeps its commits in the -wal: the header in the main
    # file is stale, and only a reader of the log sees the new version.
    path = tmp_path / "interview.db"
    make_sqlite(path, user_version=1, wal=True)
    writer = sqlite3.connect(path)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("PRAGMA user_version = 42")
        writer.commit()
        assert int.from_bytes(path.read_bytes()[60:64], "big") == 1  # stale on disk
        before = untouched(path)
        time.sleep(0.01)
        assert schema_version(path) == 42
        assert untouched(path) == before
    finally:
        writer.close()


def test_the_probe_of_a_wal_database_leaves_nothing_beside_it(tmp_path: Path) -> None:
    path = make_database(tmp_path / "interview.db")
    before = untouched(path)
    time.sleep(0.01)
    assert schema_version(path) == SCHEMA_VERSION
    assert integrity_problems(path) == []
    assert untouched(path) == before


# ── read-only files and directories (as a user the permission bits bind) ────


def test_a_read_only_file_is_refused_at_start_and_left_alone(shared_dir: Path) -> None:
    how = as_unprivileged()
    data_dir = shared_dir / "data"
    data_dir.mkdir()
    data_dir.chmod(0o777)  # the directory is writable: only the file is not
    path = make_database(data_dir / "interview.db")
    path.chmod(0o444)
    before = untouched(path)
    time.sleep(0.01)

    line = fail_line(run_cli(data_dir=data_dir, **how))  # type: ignore[arg-type]
    assert str(path) in line and "read-only for this user" in line
    assert untouched(path) == before

    doctor = run_cli("doctor", data_dir=data_dir, **how)  # type: ignore[arg-type]
    assert doctor.returncode == 1 and "Traceback" not in doctor.stderr
    assert field(doctor.stdout, "schema version") == str(SCHEMA_VERSION)
    assert field(doctor.stdout, "integrity") == "ok (quick_check)"
    assert field(doctor.stdout, "access").startswith(f"READ-ONLY: {path} is read-only")
    assert untouched(path) == before


def test_a_read_only_directory_is_refused_at_start_and_left_alone(shared_dir: Path) -> None:
    how = as_unprivileged()
    data_dir = shared_dir / "data"
    data_dir.mkdir()
    path = make_database(data_dir / "interview.db")
    path.chmod(0o666)  # the file is writable: only the directory is not
    data_dir.chmod(0o555)
    before = untouched(path)
    time.sleep(0.01)

    line = fail_line(run_cli(data_dir=data_dir, **how))  # type: ignore[arg-type]
    assert f"The data directory {data_dir} is read-only for this user" in line
    assert untouched(path) == before

    # doctor reads a healthy database in a read-only directory (no "attempt to write").
    doctor = run_cli("doctor", data_dir=data_dir, **how)  # type: ignore[arg-type]
    assert doctor.returncode == 1 and "Traceback" not in doctor.stderr
    assert field(doctor.stdout, "schema version") == str(SCHEMA_VERSION)
    assert field(doctor.stdout, "integrity") == "ok (quick_check)"
    assert "read-only" in field(doctor.stdout, "access")
    assert untouched(path) == before


def test_a_newer_database_in_a_read_only_directory_says_newer(shared_dir: Path) -> None:
    how = as_unprivileged()
    data_dir = shared_dir / "data"
    data_dir.mkdir()
    path = data_dir / "interview.db"
    make_sqlite(path, user_version=SCHEMA_VERSION + 3, wal=True)
    data_dir.chmod(0o555)
    before = untouched(path)

    line = fail_line(run_cli(data_dir=data_dir, **how))  # type: ignore[arg-type]
    assert f"uses schema version {SCHEMA_VERSION + 3}" in line and "not changed" in line
    assert "attempt to write" not in line
    assert untouched(path) == before


def test_a_read_only_error_met_later_is_named_as_such() -> None:
    error = sqlite3.OperationalError("attempt to write a readonly database")
    with pytest.raises(ReadOnlyDatabaseError, match="cannot be written"), database_errors("x.db"):
        raise error
