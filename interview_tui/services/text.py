"""Text rules shared by the coaches, the interview service and the screens."""

from __future__ import annotations

import re
import unicodedata

MAX_ANSWER_CHARS = 20_000
WORDS_PER_MINUTE = 140

_WORD = re.compile(r"\b[\w'’-]+\b")


class AnswerRejected(ValueError):
    """An answer that cannot be accepted; the message tells the user why."""


def strip_control_chars(text: str) -> str:
    """Drop control characters (except newlines and tabs) and lone surrogates; keep all
    other Unicode.

    Carriage returns become newlines so pasted Windows text keeps its line breaks.
    Unassigned code points ("Cn") are kept on purpose: that category depends on the
    Python's Unicode database, so dropping it would delete emoji newer than the
    interpreter (e.g. U+1FA77 PINK HEART on Python 3.11).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cs"}
    )


def answer_length(text: str) -> int:
    """How many characters of ``text`` would be stored as the answer (the number the
    length limit applies to: control characters and surrounding blanks do not count)."""
    return len(strip_control_chars(text).strip())


def clean_answer(text: str) -> str:
    """The answer as it will be stored, or ``AnswerRejected`` with a clear message."""
    cleaned = strip_control_chars(text).strip()
    if not cleaned:
        raise AnswerRejected("Your answer is empty. Type an answer before submitting.")
    if len(cleaned) > MAX_ANSWER_CHARS:
        raise AnswerRejected(
            f"Your answer is {len(cleaned):,} characters; the limit is {MAX_ANSWER_CHARS:,}. "
            "Shorten it (a spoken answer rarely needs more than 600 words) and submit again."
        )
    return cleaned


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def speaking_seconds(text: str) -> float:
    """Estimated speaking time at 140 words per minute."""
    return word_count(text) * 60.0 / WORDS_PER_MINUTE


def format_duration(seconds: float) -> str:
    seconds = max(0, round(seconds))  # a clock step must not show "-1:55"
    return f"{seconds // 60}:{seconds % 60:02d}"


def estimate_tokens(text: str) -> int:
    """About how many model tokens ``text`` is (English prose averages ~4 characters each)."""
    return (len(text) + 3) // 4
