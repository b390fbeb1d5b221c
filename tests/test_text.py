"""Answer cleaning, word counts and speaking time."""

from __future__ import annotations

import pytest

from interview_tui.services.text import (
    MAX_ANSWER_CHARS,
    WORDS_PER_MINUTE,
    AnswerRejected,
    clean_answer,
    format_duration,
    speaking_seconds,
    strip_control_chars,
    word_count,
)

# ── clean_answer ─────────────────────────────────────────────────────────────


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t  \r\n", "\x00\x07\x1b", " \u0085 "])
def test_empty_or_blank_answers_are_rejected(text: str) -> None:
    with pytest.raises(AnswerRejected, match="empty"):
        clean_answer(text)


def test_answer_rejected_is_a_value_error() -> None:
    assert issubclass(AnswerRejected, ValueError)


def test_a_200kb_paste_is_rejected_not_cut() -> None:
    paste = ("I led the migration of our billing system. " * 5000)[: 200 * 1024]
    assert len(paste) > MAX_ANSWER_CHARS
    with pytest.raises(AnswerRejected) as exc:
        clean_answer(paste)
    message = str(exc.value)
    assert f"{MAX_ANSWER_CHARS:,}" in message  # names the limit
    assert f"{len(paste.strip()):,}" in message  # and how long the answer was


def test_an_answer_at_the_limit_is_kept_whole() -> None:
    answer = "a" * MAX_ANSWER_CHARS
    assert clean_answer(answer) == answer
    with pytest.raises(AnswerRejected):
        clean_answer(answer + "b")


def test_the_limit_counts_the_cleaned_text() -> None:
    # Surrounding whitespace and control characters do not count against the limit.
    answer = "\n" * 100 + "\x07" * 50 + "a" * MAX_ANSWER_CHARS + "  \n"
    assert clean_answer(answer) == "a" * MAX_ANSWER_CHARS


def test_control_characters_are_stripped() -> None:
    assert (
        clean_answer("I\x00 led\x07 the \x1b[31mteam\x1b[0m\x7f.\x08") == "I led the [31mteam[0m."
    )


def test_tabs_and_newlines_inside_are_kept() -> None:
    assert clean_answer("  Situation:\tX\n\nTask: Y  ") == "Situation:\tX\n\nTask: Y"


@pytest.mark.parametrize(
    "text",
    [
        "Shipped it 🚀🎉 with the team 👩‍💻👨🏽‍🔬",
        "Pink heart 🩷 and shaking face 🫨 (Unicode 15)",
        "我负责了整个项目的设计。",
        "日本語の回答です",
        "한국어 답변",
        "שלום, עבדתי על הפרויקט",
        "عملت على المشروع \u200fمع الفريق",
        "Flags 🇩🇪🇯🇵 and keycap 1️⃣",
        "Private use \ue000 glyph",
    ],
)
def test_unicode_is_kept(text: str) -> None:
    assert clean_answer(text) == text


def test_lone_surrogates_are_dropped() -> None:
    # They cannot be encoded as UTF-8, so storing them would fail.
    assert clean_answer("ok\ud800 done") == "ok done"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("line one\r\nline two", "line one\nline two"),
        ("line one\rline two", "line one\nline two"),
        ("a\r\n\r\nb", "a\n\nb"),
        ("a\r\r\nb", "a\n\nb"),
    ],
)
def test_crlf_and_cr_become_newlines(raw: str, expected: str) -> None:
    assert clean_answer(raw) == expected
    assert strip_control_chars(raw) == expected


# ── counting and timing ──────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("   \n\t", 0),
        ("one", 1),
        ("I led the team.", 4),
        ("don't stop—state-of-the-art work", 4),
        ("It’s 2024, we cut costs by 30%!", 7),
        ("Line one\nline two", 4),
        ("🚀 🎉", 0),
    ],
)
def test_word_count(text: str, count: int) -> None:
    assert word_count(text) == count


def test_speaking_seconds_at_140_words_per_minute() -> None:
    assert WORDS_PER_MINUTE == 140
    assert speaking_seconds("") == 0.0
    assert speaking_seconds(" ".join(["word"] * 140)) == pytest.approx(60.0)
    assert speaking_seconds(" ".join(["word"] * 70)) == pytest.approx(30.0)
    assert speaking_seconds(" ".join(["word"] * 350)) == pytest.approx(150.0)
    assert speaking_seconds("one two three") == pytest.approx(3 * 60 / 140)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "0:00"),
        (0.4, "0:00"),
        (5, "0:05"),
        (59, "0:59"),
        (59.6, "1:00"),
        (60, "1:00"),
        (61, "1:01"),
        (125.2, "2:05"),
        (600, "10:00"),
        (3725, "62:05"),
        (-5, "0:00"),  # a clock step back never shows a negative time
    ],
)
def test_format_duration(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown


def test_speaking_time_formats() -> None:
    assert format_duration(speaking_seconds(" ".join(["word"] * 280))) == "2:00"
