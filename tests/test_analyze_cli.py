"""``interview-tui analyze`` and ``check-claims`` run as a user would run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.fakes.answers import STRONG

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "Tell me about a time you led a project through a difficult stretch."
RESUME = (
    "Senior Software Engineer, Parcelwise, 2021-present\n"
    "- Led the migration of the shipment-tracking service to three Go services; p95 latency "
    "fell from 900 ms to 180 ms.\n"
    "- Mentored 3 junior engineers.\n"
)


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "interview_tui", *args], input=stdin, capture_output=True,
        env=env, timeout=120, check=False,
    )
    return subprocess.CompletedProcess(proc.args, proc.returncode,
                                       proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def test_analyze_prints_json_with_every_part(tmp_path: Path) -> None:
    resume = tmp_path / "resume.txt"
    resume.write_text(RESUME, encoding="utf-8")
    result = run("analyze", "--question", QUESTION, "--answer", STRONG, "--resume", str(resume),
                 "--stage", "hiring_manager", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "behavioural" and 7 <= data["score"] <= 10
    assert data["level"] in ("L4", "L5A", "L5B")
    for key in ("strengths", "gaps", "follow_up_questions", "revised_answer", "flagged_claims",
                "rubric"):
        assert key in data
    assert "I split it into three Go services" in data["revised_answer"]
    assert {row["criterion"] for row in data["rubric"]} >= {"occasion", "actions", "outcome"}


def test_analyze_reads_the_answer_from_a_file_or_stdin_and_prints_text(tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(STRONG, encoding="utf-8")
    from_file = run("analyze", "--question", QUESTION, "--answer-file", str(answer))
    from_stdin = run("analyze", "--question", QUESTION, stdin=STRONG.encode("utf-8"))
    assert from_file.returncode == from_stdin.returncode == 0
    assert from_file.stdout == from_stdin.stdout
    assert from_file.stdout.startswith("Score ") and "Revised answer" in from_file.stdout


def test_check_claims_exit_status_says_whether_anything_is_unsupported(tmp_path: Path) -> None:
    source = tmp_path / "resume.txt"
    source.write_text(RESUME, encoding="utf-8")
    honest = tmp_path / "honest.txt"
    honest.write_text("I mentored three junior engineers at Parcelwise.", encoding="utf-8")
    invented = tmp_path / "invented.txt"
    invented.write_text("I mentored 3 senior engineers at google.", encoding="utf-8")
    ok = run("check-claims", "--source", str(source), "--text", str(honest))
    assert ok.returncode == 0 and ok.stdout.strip()
    bad = run("check-claims", "--source", str(source), "--text", str(invented), "--json")
    assert bad.returncode == 1
    flagged = json.loads(bad.stdout)["unsupported"]
    assert [(c["kind"], c["text"]) for c in flagged] == [("number", "3"), ("employer", "google")]
    text = invented.read_text(encoding="utf-8")
    assert all(text[c["start"]:c["end"]] == c["text"] for c in flagged)


def test_bad_input_is_refused_with_one_line_and_status_2(tmp_path: Path) -> None:
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\xff\xfe\xfa not text")
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 25_000, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(RESUME, encoding="utf-8")
    cases = [
        (("analyze", "--question", QUESTION, "--answer-file", str(tmp_path / "missing.txt")),
         "not found"),
        (("analyze", "--question", QUESTION, "--answer-file", str(binary)), "not UTF-8"),
        (("analyze", "--question", QUESTION, "--answer", "   "), "empty"),
        (("analyze", "--question", QUESTION, "--answer-file", str(huge)), "limit"),
        (("analyze", "--answer", STRONG), "no question"),
        (("check-claims", "--source", str(binary), "--text", str(good)), "not UTF-8"),
        (("check-claims", "--source", str(good)), "no text"),
    ]
    for args, message in cases:
        result = run(*args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], (args, result.stderr)


def test_a_device_or_pipe_as_the_answer_file_is_refused_at_once() -> None:
    # /dev/zero never ends: read whole, it would fill the memory.
    result = run("analyze", "--question", "Tell me about a project.", "--answer-file", "/dev/zero")
    assert result.returncode == 2
    assert "not a regular file" in result.stderr


def test_an_answer_file_over_the_limit_is_refused_without_reading_it_all(tmp_path) -> None:
    from interview_tui.analyze_cli import MAX_ANSWER_CHARS

    big = tmp_path / "answer.txt"
    big.write_text("word " * (MAX_ANSWER_CHARS // 2), encoding="utf-8")
    result = run("analyze", "--question", "Tell me about a project.", "--answer-file", str(big))
    assert result.returncode == 2
    assert "limit" in result.stderr
