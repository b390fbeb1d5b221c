"""`interview-tui doctor` as a user runs it: a real subprocess, a real environment."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from interview_tui import __version__
from interview_tui.config import DEFAULT_MODEL
from interview_tui.store import SCHEMA_VERSION, close_database, open_database

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SECRET = "sk-ant-test-SECRET123"


def run_cli(
    *args: str,
    data_dir: Path,
    api_key: str | None = None,
    extra_env: dict[str, str] | None = None,
    prefix: Sequence[str] = (),
    user: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m interview_tui --data-dir DATA_DIR ARGS`` in a clean environment; ``prefix``
    and ``user`` run it another way (tests/fakes/unprivileged.py)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ANTHROPIC_", "INTERVIEW_TUI_")) and k != "PYTHONPATH"
    }
    env["INTERVIEW_TUI_CONFIG"] = str(data_dir.parent / "config.toml")
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    env["NO_COLOR"] = "1"
    if api_key is not None:
        env["ANTHROPIC_API_KEY"] = api_key
    env.update(extra_env or {})
    return subprocess.run(
        [*prefix, sys.executable, "-m", "interview_tui", "--data-dir", str(data_dir), *args],
        env=env,
        user=user,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def field(output: str, name: str) -> str:
    """The value printed after ``name`` on its doctor line."""
    match = re.search(rf"^{re.escape(name)}\s{{2,}}(.*)$", output, re.M)
    assert match, f"no {name!r} line in:\n{output}"
    return match.group(1)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_doctor_without_a_key(data_dir: Path) -> None:
    result = run_cli("doctor", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert field(out, "version") == __version__
    assert field(out, "data directory") == str(data_dir)
    assert field(out, "database") == str(data_dir / "interview.db")
    assert field(out, "schema version") == f"no database yet (will be created at {SCHEMA_VERSION})"
    coach = field(out, "coach")
    assert coach.startswith("offline (no ANTHROPIC_API_KEY)")
    assert DEFAULT_MODEL in coach
    assert "api key" not in out
    assert result.stderr == ""
    assert not data_dir.exists()  # doctor only looks


def test_doctor_with_a_key_never_shows_it(data_dir: Path) -> None:
    result = run_cli("doctor", data_dir=data_dir, api_key=SECRET)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert field(out, "version") == __version__
    assert field(out, "data directory") == str(data_dir)
    assert field(out, "database") == str(data_dir / "interview.db")
    assert "schema version" in out
    assert field(out, "coach") == f"Claude (model {DEFAULT_MODEL})"
    assert field(out, "api key") == "set (ANTHROPIC_API_KEY)"
    for stream in (result.stdout, result.stderr):
        assert SECRET not in stream
        assert "SECRET123" not in stream
        assert "sk-ant" not in stream


def test_doctor_with_a_key_but_offline(data_dir: Path) -> None:
    result = run_cli("--offline", "doctor", data_dir=data_dir, api_key=SECRET)
    assert result.returncode == 0, result.stderr
    assert field(result.stdout, "coach").startswith("offline (--offline)")
    assert SECRET not in result.stdout + result.stderr


def test_doctor_with_a_blank_key_is_offline(data_dir: Path) -> None:
    result = run_cli("doctor", data_dir=data_dir, api_key="   ")
    assert field(result.stdout, "coach").startswith("offline (no ANTHROPIC_API_KEY)")


def test_doctor_shows_the_chosen_model(data_dir: Path) -> None:
    result = run_cli("--model", "claude-test-model", "doctor", data_dir=data_dir, api_key=SECRET)
    assert field(result.stdout, "coach") == "Claude (model claude-test-model)"
    result = run_cli(
        "doctor",
        data_dir=data_dir,
        api_key=SECRET,
        extra_env={"INTERVIEW_TUI_MODEL": "claude-env-model"},
    )
    assert field(result.stdout, "coach") == "Claude (model claude-env-model)"


def test_doctor_with_a_current_database(data_dir: Path) -> None:
    open_database(data_dir / "interview.db")
    close_database()
    result = run_cli("doctor", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert field(result.stdout, "schema version") == str(SCHEMA_VERSION)


def test_doctor_with_a_newer_database_fails_clearly(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    db_path = data_dir / "interview.db"
    newer = SCHEMA_VERSION + 98
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute(f"PRAGMA user_version = {newer}")
    conn.commit()
    conn.close()
    before = db_path.read_bytes(), db_path.stat().st_mtime_ns

    result = run_cli("doctor", data_dir=data_dir, api_key=SECRET)

    assert result.returncode != 0
    line = field(result.stdout, "schema version")
    assert line.startswith(str(newer))
    assert "NEWER" in line and str(SCHEMA_VERSION) in line and "upgrade" in line
    assert SECRET not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert (db_path.read_bytes(), db_path.stat().st_mtime_ns) == before


def test_doctor_with_a_corrupt_database(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "interview.db").write_bytes(os.urandom(4096))
    result = run_cli("doctor", data_dir=data_dir)
    assert result.returncode == 1
    assert field(result.stdout, "schema version").startswith("unreadable:")
    assert "Traceback" not in result.stderr


def test_version_flag(data_dir: Path) -> None:
    result = run_cli("--version", data_dir=data_dir)
    assert result.returncode == 0
    assert result.stdout.strip() == f"interview-tui {__version__}"


def test_global_options_work_after_the_command_too() -> None:
    from interview_tui.cli import _parser

    after = _parser().parse_args(["doctor", "--data-dir", "/d", "--offline", "--model", "m"])
    assert (after.data_dir, after.offline, after.model) == ("/d", True, "m")
    before = _parser().parse_args(["--data-dir", "/d", "--offline", "sessions"])
    assert (before.data_dir, before.offline, before.model) == ("/d", True, None)
    both = _parser().parse_args(["--data-dir", "/a", "sessions", "--data-dir", "/b"])
    assert both.data_dir == "/b"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], False),
        (["--offline", "--data-dir", "doctor"], False),  # "doctor" is the option's value here
        (["--model", "m", "--config", "c.toml"], False),
        (["--data-dir=/d", "doctor"], True),
        (["sessions"], True),
        (["--offline", "--help"], True),
        (["-h"], True),
    ],
)
def test_a_plain_launch_skips_building_the_commands(argv: list[str], expected: bool) -> None:
    from interview_tui.cli import _names_a_command, _parser

    assert _names_a_command(argv) is expected
    light = _parser(commands=False).parse_args(["--data-dir", "/d", "--offline"])
    assert (light.command, light.data_dir, light.offline) == (None, "/d", True)


def test_an_unknown_word_still_gets_the_full_usage(data_dir: Path) -> None:
    result = run_cli("dcotor", data_dir=data_dir)
    assert result.returncode == 2
    assert "invalid choice: 'dcotor'" in result.stderr and "doctor" in result.stderr
