"""Reading questions the user brings: one typed question, or a whole file of them.

A file is plain text (one question a line; blank lines and lines starting with ``#`` are
skipped) or JSON (a list of questions, or ``{"questions": [...]}``; each one a string or
an object with ``text`` and optionally ``stage``, ``competency``, ``difficulty``,
``kind``, ``guidance``, ``follow_ups``, ``example_answer``). Every question is checked
on its own: the good ones are kept, each bad one is reported with its line number and
why. Only a file that cannot be read at all is refused as a whole. Pure: no database.
"""

from __future__ import annotations

import json
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview_tui.services.catalog import COMPETENCIES, DIFFICULTIES, KINDS, STAGES
from interview_tui.services.coach.question_kinds import classify_question
from interview_tui.services.text import strip_control_chars

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MIN_WORDS, MAX_CHARS = 3, 500
_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")


class ImportFileError(Exception):
    """A file that cannot be imported at all; the message says why."""


class QuestionRejected(ValueError):
    """One question that cannot be kept; the message says why."""


@dataclass(frozen=True)
class NewQuestion:
    """A checked question, ready to be stored in the user's bank."""

    stage: str
    competency: str
    difficulty: str
    kind: str
    text: str
    guidance: str = ""
    follow_ups: tuple[str, ...] = ()
    example_answer: str = ""
    line: int = 0  # where it was in the imported file (0: typed by hand)


@dataclass(frozen=True)
class RejectedLine:
    line: int
    reason: str
    excerpt: str


@dataclass
class ParsedFile:
    format: str  # text | json
    questions: list[NewQuestion] = field(default_factory=list)
    rejected: list[RejectedLine] = field(default_factory=list)


def _choice(value: Any, allowed: dict[str, str] | tuple[str, ...], what: str) -> str:
    """A key of ``allowed`` from its key or its label, any case; else ``QuestionRejected``."""
    keys = list(allowed)
    if isinstance(value, str):
        wanted = value.strip().casefold().replace("-", "_").replace(" ", "_")
        for key in keys:
            label = allowed[key] if isinstance(allowed, dict) else key
            if wanted in (key, label.casefold().replace("-", "_").replace(" ", "_")):
                return key
    raise QuestionRejected(f"unknown {what} {value!r} (expected {', '.join(keys)})")


# Word starts that point at a competency, for questions imported without one.
_COMPETENCY_WORDS: dict[str, tuple[str, ...]] = {
    "communication": ("explain", "communicat", "present", "describe what you do", "background"),
    "motivation": ("why ", "motivat", "interest", "looking for", "drew you", "excit", "goal"),
    "culture_fit": ("culture", "team environment", "values", "work best", "colleague"),
    "technical_basics": ("stack", "language", "tools", "framework"),
    "availability": ("notice", "start date", "salary", "relocat", "remote", "hybrid", "visa"),
    "leadership": ("lead", "mentor", "coach", "grew", "hire", "team"),
    "problem_solving": ("problem", "solv", "root cause", "hardest"),
    "ambiguity_tolerance": ("ambigu", "unclear", "uncertain", "little direction", "changing"),
    "stakeholder_management": ("stakeholder", "disagree", "conflict", "push back", "pushed back",
                               "manager", "partner", "customer", "convinc", "persuad"),
    "technical_depth": ("technical decision", "deep", "architecture", "design"),
    "system_design": ("design", "scale", "architect", "build a", "service that"),
    "debugging": ("debug", "bug", "incident", "outage", "memory leak", "slow", "flaky"),
    "coding_practices": ("code review", "test", "refactor", "clean code", "quality"),
    "architecture_tradeoffs": ("trade-off", "tradeoff", "choose between", "decide between",
                               "versus", " vs "),
    "technical_communication": ("explain", "document", "non-technical", "diagram", "write up"),
}


def _guess_competency(stage: str, text: str) -> str:
    """The stage's competency whose words appear most in ``text``; else its first."""
    lowered = f" {text.casefold()} "
    best, hits = COMPETENCIES[stage][0], 0
    for competency in COMPETENCIES[stage]:
        found = sum(word in lowered for word in _COMPETENCY_WORDS.get(competency, ()))
        if found > hits:
            best, hits = competency, found
    return best


def _clean_text(value: Any, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise QuestionRejected(f"{what} must be text, not {type(value).__name__}")
    text = _SPACES.sub(" ", strip_control_chars(value)).strip()
    if len(text) > limit:
        raise QuestionRejected(f"{what} is too long ({len(text):,} characters; the limit is {limit:,})")
    return text


def check_question(
    text: Any,
    *,
    stage: Any,
    competency: Any = None,
    difficulty: Any = "medium",
    kind: Any = None,
    guidance: Any = "",
    follow_ups: Any = (),
    example_answer: Any = "",
    line: int = 0,
) -> NewQuestion:
    """The question as it will be stored, or ``QuestionRejected`` saying what is wrong."""
    clean = _clean_text(text, "the question", MAX_CHARS)
    if "\ufffd" in clean:
        raise QuestionRejected("the line is not valid UTF-8 text")
    if not _LETTER.search(clean):
        raise QuestionRejected("there are no words in it")
    if len(clean.split()) < MIN_WORDS:
        raise QuestionRejected(f"too short to be a question (at least {MIN_WORDS} words)")
    stage_key = _choice(stage, STAGES, "stage")
    if competency is None or competency == "":
        competency_key = _guess_competency(stage_key, clean)
    else:
        competency_key = _choice(competency, COMPETENCIES[stage_key], f"competency for {stage_key}")
    if not isinstance(follow_ups, list | tuple) or not all(isinstance(f, str) for f in follow_ups):
        raise QuestionRejected("follow_ups must be a list of questions")
    return NewQuestion(
        stage=stage_key,
        competency=competency_key,
        difficulty=_choice(difficulty or "medium", DIFFICULTIES, "difficulty"),
        kind=classify_question(clean) if not kind else _choice(kind, KINDS, "kind"),
        text=clean,
        guidance=_clean_text(guidance or "", "the guidance", 2000),
        follow_ups=tuple(f for f in (_clean_text(f, "a follow-up", MAX_CHARS) for f in follow_ups) if f),
        example_answer=_clean_text(example_answer or "", "the example answer", 6000),
        line=line,
    )


def read_question_file(
    path: str | Path, *, stage: str, competency: str | None = None, difficulty: str = "medium"
) -> ParsedFile:
    """Every question in the file at ``path``, checked; ``stage``/``competency``/``difficulty``
    apply where the file does not say (all of a text file, JSON items without them)."""
    data = _read(Path(path).expanduser())
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    defaults = {"stage": stage, "competency": competency, "difficulty": difficulty}
    if Path(path).suffix.lower() == ".json" or data.lstrip()[:1] in (b"[", b"{"):
        return _parse_json(path, data, defaults)
    return _parse_text(data, defaults)


def _read(path: Path) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ImportFileError(f"{path} is a directory, not a file.")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
            raise ImportFileError(f"{path} is not a regular file (a pipe or a device?).")
        if info.st_size > MAX_IMPORT_BYTES:
            raise ImportFileError(
                f"{path} is {info.st_size / 1024 / 1024:.1f} MB; the limit is "
                f"{MAX_IMPORT_BYTES // 1024 // 1024} MB."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"{path}: no such file.") from None
    except PermissionError:
        raise ImportFileError(f"{path}: permission denied.") from None
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read it ({exc.strerror or exc}).") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as some Windows editors save
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    if not data.strip():
        raise ImportFileError(f"{path} is empty.")
    if b"\x00" in data[:4096]:
        raise ImportFileError(f"{path} looks like a binary file, not text or JSON.")
    return data


def _excerpt(text: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= 60 else f"{text[:57]}..."


def _parse_text(data: bytes, defaults: dict[str, Any]) -> ParsedFile:
    parsed = ParsedFile("text")
    for number, raw in enumerate(data.split(b"\n"), start=1):
        line = raw.decode("utf-8", errors="replace")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            parsed.questions.append(check_question(line, line=number, **defaults))
        except QuestionRejected as exc:
            parsed.rejected.append(RejectedLine(number, str(exc), _excerpt(line)))
    return parsed


def _parse_json(path: str | Path, data: bytes, defaults: dict[str, Any]) -> ParsedFile:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path} is not UTF-8 text (byte {exc.start}).") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    items = document.get("questions") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise ImportFileError(
            f'{path}: expected a list of questions, or an object with a "questions" list.'
        )
    lines = _item_lines(text, items)
    parsed = ParsedFile("json")
    for index, item in enumerate(items):
        number = lines[index] if lines else index + 1
        try:
            parsed.questions.append(_json_item(item, number, defaults))
        except QuestionRejected as exc:
            parsed.rejected.append(RejectedLine(number, str(exc), _excerpt(json.dumps(item)[:200])))
    return parsed


def _json_item(item: Any, number: int, defaults: dict[str, Any]) -> NewQuestion:
    if isinstance(item, str):
        return check_question(item, line=number, **defaults)
    if not isinstance(item, dict):
        raise QuestionRejected("expected a question (text) or an object with a text field")
    if "text" not in item:
        raise QuestionRejected('the object has no "text"')
    unknown = set(item) - {"id", "text", "stage", "competency", "difficulty", "kind",
                           "guidance", "follow_ups", "example_answer"}
    if unknown:
        raise QuestionRejected(f"unknown field {sorted(unknown)[0]!r}")
    values = {**defaults, **{k: v for k, v in item.items() if k != "id"}}
    if "stage" in item and "competency" not in item:
        values["competency"] = None  # the default competency belongs to the default stage
    return check_question(line=number, **values)


def _item_lines(text: str, items: list[Any]) -> list[int]:
    """The line each item of the questions array starts on, or [] when it cannot be told."""
    decoder = json.JSONDecoder()
    start = text.lstrip().startswith("[") and text.index("[")
    if start is False:
        found = re.search(r'"questions"\s*:\s*\[', text)
        if found is None:
            return []
        start = found.end() - 1
    try:
        array, _ = decoder.raw_decode(text, start)
    except json.JSONDecodeError:
        return []
    if array != items:
        return []
    lines, index = [], start + 1
    for _ in items:
        while text[index] in " \t\r\n,":
            index += 1
        lines.append(text.count("\n", 0, index) + 1)
        _, index = decoder.raw_decode(text, index)
    return lines
