"""Reading question files: good questions kept, bad lines reported by line number."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from interview_tui.services.question_import import (
    ImportFileError,
    QuestionRejected,
    check_question,
    read_question_file,
)


def test_a_text_file_keeps_the_good_lines_and_reports_the_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "mine.txt"
    path.write_bytes(
        b"# my questions\n"
        b"Tell me about a time you disagreed with a stakeholder.\n"
        b"\n"
        b"Why?\n"
        b"How would you design a rate limiter for a public API?\n"
        b"Caf\xe9 bad bytes in this line here\n"
        + b"What " + b"very " * 120 + b"long?\n"
        b"12345 678 910\n"
    )
    parsed = read_question_file(path, stage="hiring_manager")
    assert parsed.format == "text"
    assert [(q.line, q.text) for q in parsed.questions] == [
        (2, "Tell me about a time you disagreed with a stakeholder."),
        (5, "How would you design a rate limiter for a public API?"),
    ]
    assert [r.line for r in parsed.rejected] == [4, 6, 7, 8]
    reasons = [r.reason for r in parsed.rejected]
    assert "too short" in reasons[0]
    assert "UTF-8" in reasons[1]
    assert "too long" in reasons[2]
    assert "no words" in reasons[3]
    first = parsed.questions[0]
    assert (first.stage, first.competency, first.difficulty) == (
        "hiring_manager", "stakeholder_management", "medium"
    )
    assert parsed.questions[1].kind == "technical"


def test_json_items_are_reported_on_the_line_they_start(tmp_path: Path) -> None:
    text = """{
  "questions": [
    {"text": "Tell me about a production incident you led.", "stage": "technical",
     "competency": "debugging", "difficulty": "hard", "guidance": "Timeline, cause, fix."},
    {"text": "Describe your leadership style in one example.", "stage": "nowhere"},
    "Why do you want to work at a freight company?",
    {"stage": "technical"},
    42,
    {"text": "How do you keep a design document short?", "colour": "blue"},
    {"text": "Walk me through the last code review you did in depth.",
     "stage": "Technical", "difficulty": "EASY", "follow_ups": ["What did you change?"]}
  ]
}
"""
    path = tmp_path / "set.json"
    path.write_text(text, encoding="utf-8")
    parsed = read_question_file(path, stage="recruiter_screen")
    assert parsed.format == "json"
    assert [q.line for q in parsed.questions] == [3, 6, 10]
    hard = parsed.questions[0]
    assert (hard.stage, hard.competency, hard.difficulty, hard.guidance) == (
        "technical", "debugging", "hard", "Timeline, cause, fix."
    )
    assert parsed.questions[1].stage == "recruiter_screen"  # the default stage
    assert parsed.questions[2].stage == "technical"
    assert parsed.questions[2].difficulty == "easy"
    assert parsed.questions[2].follow_ups == ("What did you change?",)
    assert [(r.line, r.reason.split(" ")[0]) for r in parsed.rejected] == [
        (5, "unknown"), (7, "the"), (8, "expected"), (9, "unknown"),
    ]
    assert "'nowhere'" in parsed.rejected[0].reason


def test_a_plain_json_list_works_without_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text(json.dumps(["Tell me about your current role please.", ""]), "utf-8")
    parsed = read_question_file(path, stage="recruiter_screen")
    assert parsed.format == "json"
    assert len(parsed.questions) == 1
    assert parsed.rejected[0].line == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01binary", "binary"),
        (b'{"questions": [', "not valid JSON: Expecting value at line 1"),
        (b'{"items": []}', 'a "questions" list'),
    ],
)
def test_unusable_files_are_refused_whole(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message.replace("[", r"\[")):
        read_question_file(path, stage="technical")


def test_missing_file_and_directory_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        read_question_file(tmp_path / "nope.txt", stage="technical")
    with pytest.raises(ImportFileError, match="directory"):
        read_question_file(tmp_path, stage="technical")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_or_device_is_refused_without_waiting_on_it(tmp_path: Path) -> None:
    # Reading a pipe nobody writes to blocked the import for ever, and quitting the app
    # then hung on the thread; /dev/zero would have been read until memory ran out.
    fifo = tmp_path / "questions.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def attempt() -> None:
        try:
            read_question_file(fifo, stage="technical")
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)

    reader = threading.Thread(target=attempt, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock it so the test run can go on
        with open(fifo, "wb") as fh:
            fh.write(b"")
        reader.join(timeout=10)
    assert outcome and isinstance(outcome[0], ImportFileError), outcome
    assert "not a regular file" in str(outcome[0])
    with pytest.raises(ImportFileError, match="not a regular file"):
        read_question_file("/dev/null", stage="technical")


def test_one_typed_question_is_checked_the_same_way() -> None:
    q = check_question("  How do you debug a flaky\ttest?\x07 ", stage="technical")
    assert q.text == "How do you debug a flaky test?"
    assert q.competency == "debugging"
    with pytest.raises(QuestionRejected, match="competency for technical"):
        check_question("How do you debug a flaky test?", stage="technical", competency="motivation")


def test_windows_line_endings_and_utf16_files_are_read(tmp_path: Path) -> None:
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(b"Tell me about your last project please.\r\n\r\nWhy do you want this job?\r\n")
    assert [(q.line, q.text) for q in read_question_file(crlf, stage="recruiter_screen").questions] == [
        (1, "Tell me about your last project please."), (3, "Why do you want this job?")]
    utf16 = tmp_path / "notepad.txt"
    utf16.write_bytes("Où avez-vous appris à diriger une équipe ?\n".encode("utf-16"))
    parsed = read_question_file(utf16, stage="hiring_manager")
    assert [q.text for q in parsed.questions] == ["Où avez-vous appris à diriger une équipe ?"]
