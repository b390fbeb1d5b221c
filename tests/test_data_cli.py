"""The data commands as a user runs them: real subprocesses on a real data directory.

questions list/add/import/remove/generate, sessions, export, backup and restore; exit
codes 0 (done), 1 (partly done) and 2 (bad input, nothing done).
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from interview_tui.services.profiles import ensure_demo_profile
from interview_tui.store import SCHEMA_VERSION, close_database, open_database
from tests.fakes.anthropic_server import reply
from tests.fakes.bulk_sessions import populate_sessions
from tests.fakes.pty_app import PtyApp
from tests.test_cli import run_cli


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    open_database(path / "interview.db")
    populate_sessions(4, application_id=ensure_demo_profile().id)
    close_database()
    return path


def test_questions_import_keeps_the_good_lines_and_exits_1(data_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "mine.txt"
    source.write_text("Tell me about a time you shipped under pressure.\nhm\n"
                      "How would you shard a tenant table?\n", encoding="utf-8")
    result = run_cli("questions", "import", str(source), "--stage", "technical",
                     data_dir=data_dir)
    assert result.returncode == 1, result.stderr
    assert "Imported 2 of 3 questions" in result.stdout
    assert "line 2: too short to be a question" in result.stdout
    listed = run_cli("questions", "list", "--stage", "technical", "--source", "own", "--json",
                     data_dir=data_dir)
    assert listed.returncode == 0
    rows = json.loads(listed.stdout)
    assert [r["text"] for r in rows] == ["How would you shard a tenant table?",
                                         "Tell me about a time you shipped under pressure."]
    assert {r["stage"] for r in rows} == {"technical"} and rows[0]["kind"] == "technical"
    clean = tmp_path / "ok.json"
    clean.write_text(json.dumps(["What makes a code review useful to you?"]), encoding="utf-8")
    assert run_cli("questions", "import", str(clean), data_dir=data_dir).returncode == 0
    missing = run_cli("questions", "import", str(tmp_path / "nope.txt"), data_dir=data_dir)
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_questions_list_filters_and_add_remove(data_dir: Path) -> None:
    every = json.loads(run_cli("questions", "list", "--json", data_dir=data_dir).stdout)
    stage = json.loads(run_cli("questions", "list", "--stage", "recruiter_screen", "--json",
                               data_dir=data_dir).stdout)
    assert 0 < len(stage) < len(every) and {r["stage"] for r in stage} == {"recruiter_screen"}
    text = run_cli("questions", "list", "--stage", "technical", "--difficulty", "hard",
                   data_dir=data_dir).stdout
    assert "Technical · " in text and " · hard · " in text and "questions." in text
    added = run_cli("questions", "add", "How do you roll back a bad schema change?",
                    "--stage", "technical", "--competency", "debugging", data_dir=data_dir)
    assert added.returncode == 0 and added.stdout.startswith("Added own-1:")
    again = run_cli("questions", "add", "How do you roll back a bad schema change?",
                    "--stage", "technical", data_dir=data_dir)
    assert again.returncode == 1 and "already in the bank" in again.stderr
    bad = run_cli("questions", "add", "Why?", "--stage", "technical", data_dir=data_dir)
    assert bad.returncode == 2 and "too short" in bad.stderr
    wrong = run_cli("questions", "add", "How do you lead a team well?", "--stage", "technical",
                    "--competency", "leadership", data_dir=data_dir)
    assert wrong.returncode == 2 and "unknown competency" in wrong.stderr
    assert run_cli("questions", "remove", "own-1", data_dir=data_dir).returncode == 0
    assert run_cli("questions", "remove", "own-1", data_dir=data_dir).returncode == 2
    shipped = run_cli("questions", "remove", every[-1]["key"], data_dir=data_dir)
    assert shipped.returncode == 2 and "shipped question" in shipped.stderr


def test_questions_generate_offline_saves_a_set(data_dir: Path) -> None:
    result = run_cli("--offline", "questions", "generate", "--application", "1", "--type",
                     "situational", "--count", "2", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    made = json.loads(result.stdout)
    assert len(made) == 2
    assert all(m["type"] == "situational" and m["application_id"] == 1 for m in made)
    assert all(m["example_answer"] and m["follow_ups"] for m in made)
    listed = json.loads(run_cli("questions", "list", "--application", "1", "--json",
                                data_dir=data_dir).stdout)
    assert [m["key"] for m in listed] == [m["key"] for m in made][::-1]
    bad = run_cli("--offline", "questions", "generate", "--application", "7", "--type",
                  "technical", data_dir=data_dir)
    assert bad.returncode == 2 and "no application 7" in bad.stderr


def test_sessions_lists_what_history_shows(data_dir: Path) -> None:
    result = run_cli("sessions", "--json", data_dir=data_dir)
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == [4, 3, 2, 1]
    assert set(rows[0]) >= {"id", "date", "application", "stage", "score", "readiness", "status"}
    assert rows[0]["application"] == {"company": "Northwind Freight",
                                      "role": "Senior Backend Engineer"}
    table = run_cli("sessions", "--stage", "technical", data_dir=data_dir).stdout.splitlines()
    assert table[0].split() == ["ID", "DATE", "APPLICATION", "STAGE", "SCORE", "READINESS",
                                "STATUS"]
    assert len(table) == 2 and "Technical" in table[1]
    unfinished = json.loads(run_cli("sessions", "--status", "unfinished", "--json",
                                    data_dir=data_dir).stdout)
    assert all(r["status"] == "Unfinished" for r in unfinished)
    # Sessions exist, just none of this stage: not "No sessions yet."
    none = run_cli("sessions", "--stage", "technical", "--status", "abandoned",
                   data_dir=data_dir)
    assert none.returncode == 0 and none.stdout.strip() == "No session matches those filters."


def test_export_session_document_and_all(data_dir: Path, tmp_path: Path) -> None:
    md = run_cli("export", "session", "2", data_dir=data_dir)
    assert md.returncode == 0 and md.stdout.startswith("# Mock interview 2:")
    out = tmp_path / "out" / "s2.html"
    html = run_cli("export", "session", "2", "--format", "html", "-o", str(out),
                   data_dir=data_dir)
    assert html.returncode == 0 and out.read_text().startswith("<!doctype html>")
    assert run_cli("export", "session", "99", data_dir=data_dir).returncode == 2
    assert run_cli("export", "document", "1", data_dir=data_dir).returncode == 2
    every = tmp_path / "all.md"
    result = run_cli("export", "sessions", "-o", str(every), data_dir=data_dir)
    assert result.returncode == 0 and "Exported 4 sessions" in result.stderr
    assert every.read_text().count("# Mock interview ") == 4
    into_dir = run_cli("export", "sessions", "-o", str(tmp_path), data_dir=data_dir)
    assert into_dir.returncode == 2 and "is a directory" in into_dir.stderr


def test_export_to_an_existing_file_needs_force(data_dir: Path, tmp_path: Path) -> None:
    mine = tmp_path / "notes.md"
    mine.write_text("my own notes\n", encoding="utf-8")
    for args in (("session", "2"), ("sessions",), ("progress",)):
        refused = run_cli("export", *args, "-o", str(mine), data_dir=data_dir)
        assert refused.returncode == 2, refused.stderr
        assert f"{mine} already exists; nothing was written. Pass --force" in refused.stderr
        assert mine.read_text(encoding="utf-8") == "my own notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "notes.md"]
    forced = run_cli("export", "session", "2", "-o", str(mine), "--force", data_dir=data_dir)
    assert forced.returncode == 0 and f"Wrote session 2 to {mine}." in forced.stderr
    assert mine.read_text(encoding="utf-8").startswith("# Mock interview 2:")
    same = run_cli("export", "session", "2", "-o", str(mine), data_dir=data_dir)
    assert same.returncode == 0 and "already holds this export" in same.stderr
    every = run_cli("export", "sessions", "-o", str(mine), "--force", data_dir=data_dir)
    assert every.returncode == 0 and mine.read_text().count("# Mock interview ") == 4


def test_backup_and_restore_round_trip(data_dir: Path, tmp_path: Path) -> None:
    backup = tmp_path / "mine.itui"
    made = run_cli("backup", str(backup), data_dir=data_dir)
    assert made.returncode == 0, made.stderr
    assert f"schema version {SCHEMA_VERSION}" in made.stdout and "4 sessions" in made.stdout
    assert run_cli("backup", str(backup), data_dir=data_dir).returncode == 2
    fresh = tmp_path / "fresh"
    restored = run_cli("restore", str(backup), data_dir=fresh)
    assert restored.returncode == 0, restored.stderr
    assert json.loads(run_cli("sessions", "--json", data_dir=fresh).stdout) == json.loads(
        run_cli("sessions", "--json", data_dir=data_dir).stdout)
    refused = run_cli("restore", str(backup), data_dir=fresh)  # not a terminal: no prompt
    assert refused.returncode == 2 and "pass --force" in refused.stderr
    forced = run_cli("restore", str(backup), "--force", data_dir=fresh)
    assert forced.returncode == 0 and "kept as" in forced.stdout
    conn = sqlite3.connect(backup)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    newer = run_cli("restore", str(backup), "--force", data_dir=tmp_path / "other")
    assert newer.returncode == 2 and "newer interview-tui" in newer.stderr
    junk = tmp_path / "junk.itui"
    junk.write_bytes(b"\x00garbage" * 100)
    foreign = run_cli("restore", str(junk), data_dir=tmp_path / "other")
    assert foreign.returncode == 2 and "not an interview-tui backup" in foreign.stderr
    assert not (tmp_path / "other").exists()


def test_questions_list_refuses_unknown_filters(data_dir: Path) -> None:
    wrong = run_cli("questions", "list", "--stage", "technical", "--competency", "motivation",
                    data_dir=data_dir)
    assert wrong.returncode == 2 and "choose from system_design" in wrong.stderr
    assert run_cli("questions", "list", "--kind", "riddle", data_dir=data_dir).returncode == 2


def test_questions_generate_with_claude(data_dir: Path, fake_anthropic) -> None:
    fake_anthropic.enqueue(reply({"note": "", "questions": [
        {"text": "How would you design the Northwind tracking feed for partners?",
         "competency": "system_design", "difficulty": "hard",
         "guidance": "Ingestion, ordering, storage of the latest state.",
         "follow_ups": ["What breaks first?"],
         "example_answer": "I designed an idempotent webhook pipeline handling 4 million "
                           "carrier events a day."},
    ]}))
    result = run_cli("questions", "generate", "--application", "1", "--type", "technical",
                     "--count", "1", data_dir=data_dir, api_key="sk-test-key",
                     extra_env={"ANTHROPIC_BASE_URL": fake_anthropic.base_url})
    assert result.returncode == 0, result.stderr
    assert "with Claude" in result.stderr
    assert "[own-1] How would you design the Northwind tracking feed" in result.stdout
    assert "sk-test-key" not in result.stdout + result.stderr
    assert fake_anthropic.requests[-1]["output_config"]["format"]["schema"]["title"] == "PracticeSet"


def _exit_code(app: PtyApp) -> int:
    code = app.wait_exit(20.0)
    os.close(app.fd)
    return code


def test_restore_over_data_asks_on_a_terminal(data_dir: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.itui"
    assert run_cli("backup", str(backup), data_dir=data_dir).returncode == 0
    env = {"INTERVIEW_TUI_CONFIG": str(tmp_path / "config.toml")}
    before = backup.read_bytes()
    declined = PtyApp("--data-dir", str(data_dir), "restore", str(backup), env=env)
    declined.wait_for("[y/N]")
    assert "already holds data" in declined.output
    declined.type("n\r")
    declined.wait_for("Nothing was changed.")
    assert _exit_code(declined) == 2
    assert not list(data_dir.glob("*.before-restore-*"))
    accepted = PtyApp("--data-dir", str(data_dir), "restore", str(backup), env=env)
    accepted.wait_for("[y/N]")
    accepted.type("y\r")
    accepted.wait_for("kept as")
    assert _exit_code(accepted) == 0
    assert len(list(data_dir.glob("interview.db.before-restore-*"))) == 1
    assert backup.read_bytes() == before, "the backup itself is never changed"
