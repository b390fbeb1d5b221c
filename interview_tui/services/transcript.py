"""A pasted interview transcript read into (question, answer) pairs.

Speaker-labelled lines ("Priya: ...", "Me: ...", "[00:03:12] Interviewer: ...") are
grouped into turns; the candidate is the label "me", "candidate", "answer", "a" or the
candidate's name, or else whichever of two speakers asks fewer questions. Without labels,
a paragraph ending in a question mark is a question and the paragraphs after it are the
answer. Limits keep a pasted book from freezing the coach.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview_tui.services.text import strip_control_chars, word_count

MAX_TRANSCRIPT_WORDS = 20_000  # over two hours of talk at 140 words a minute
MAX_TRANSCRIPT_CHARS = 200_000

_STAMP = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*[-–]?\s*")
_LABEL = re.compile(r"^\s*([A-Za-z][\w .'’-]{0,30}?)\s*:\s+(\S.*)$")
# Caption files (WebVTT, SRT): their headers, cue numbers and timing lines carry no words.
_CAPTION_NOISE = re.compile(
    r"^\s*(?:WEBVTT.*|NOTE\b.*|\d+|[\d:.,]+\s*-->\s*[\d:.,]+.*)\s*$", re.I
)
# A speaker on a line of their own with the time ("Priya Shah  0:03", as Otter exports).
_SPEAKER_LINE = re.compile(r"^\s*([A-Za-z][\w .'’-]{0,30}?)\s+\(?\d{1,2}:\d{2}(?::\d{2})?\)?\s*$")
_CANDIDATE_LABELS = frozenset({"me", "i", "candidate", "answer", "a", "you (candidate)"})
_INTERVIEWER_LABELS = frozenset({"interviewer", "q", "question", "recruiter", "hiring manager"})


class TranscriptRejected(ValueError):
    """A transcript that cannot be debriefed; the message says why."""


@dataclass(frozen=True)
class QA:
    question: str
    answer: str


def check_transcript(text: str) -> str:
    """The transcript cleaned, or ``TranscriptRejected`` when it is too long to debrief."""
    cleaned = strip_control_chars(text).strip()
    words = word_count(cleaned)
    if words > MAX_TRANSCRIPT_WORDS or len(cleaned) > MAX_TRANSCRIPT_CHARS:
        raise TranscriptRejected(
            f"The transcript is {words:,} words; the limit is {MAX_TRANSCRIPT_WORDS:,} (over two "
            "hours of talk). Trim it to the interview itself and try again; your text is kept."
        )
    return cleaned


def _turns(lines: list[str]) -> list[tuple[str, str]]:
    turns: list[tuple[str, str]] = []
    for raw in lines:
        if _CAPTION_NOISE.match(raw):
            continue
        speaker = _SPEAKER_LINE.match(raw)
        if speaker:
            turns.append((speaker.group(1).strip().lower(), ""))
            continue
        line = _STAMP.sub("", raw).strip()
        if not line:
            continue
        m = _LABEL.match(line)
        if m and len(m.group(1).split()) <= 3:
            turns.append((m.group(1).strip().lower(), m.group(2).strip()))
        elif turns:
            label, said = turns[-1]
            turns[-1] = (label, f"{said} {line}".strip())
    return [(label, said) for label, said in turns if said]


def _candidate_label(turns: list[tuple[str, str]], candidate_name: str) -> str | None:
    labels = list(dict.fromkeys(label for label, _ in turns))
    names = {n.lower() for n in (candidate_name, *candidate_name.split()[:1]) if n}
    for label in labels:
        if label in _CANDIDATE_LABELS or label in names:
            return label
    others = [label for label in labels if label not in _INTERVIEWER_LABELS]
    if len(labels) == 2 and len(others) == 2:
        asks = {lb: sum(said.count("?") for who, said in turns if who == lb) for lb in labels}
        return min(labels, key=lambda lb: asks[lb])
    if len(labels) == 2 and len(others) == 1:
        return others[0]
    return None


# An interviewer's prompt that is not phrased as a question ("Tell me about yourself.").
_PROMPT = re.compile(
    r"^(?:(?:so|okay|ok|now|next|great|well|and|then|first|please|finally)[,.]?\s+)*"
    r"(?:tell (?:me|us)|talk (?:me|us) through|walk (?:me|us) through|take (?:me|us) through|"
    r"describe|explain|give (?:me|us)|share|introduce yourself|talk about|run (?:me|us) through)\b",
    re.I,
)


def _last_question(text: str) -> str | None:
    """The last question or prompt in an interviewer's turn, or None when it asks nothing."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    asked = [s for s in sentences if s.endswith("?") or _PROMPT.match(s)]
    if asked:
        return asked[-1]
    return text.strip() if "?" in text else None


def _pairs(turns: list[tuple[bool, str]]) -> list[QA]:
    """(is_candidate, text) turns into question/answer pairs."""
    pairs: list[QA] = []
    question: str | None = None
    answer: list[str] = []
    for is_candidate, said in turns:
        if is_candidate:
            if question is not None:
                answer.append(said)
            continue
        asked = _last_question(said)
        if asked is not None:
            if question is not None and answer:
                pairs.append(QA(question, " ".join(answer)))
            question, answer = asked, []
    if question is not None and answer:
        pairs.append(QA(question, " ".join(answer)))
    return pairs


def parse_transcript(text: str, candidate_name: str = "") -> list[QA]:
    """The question and answer pairs of a transcript (possibly none)."""
    lines = text.splitlines()
    turns = _turns(lines)
    labelled = sum(1 for raw in lines
                   if _LABEL.match(_STAMP.sub("", raw)) or _SPEAKER_LINE.match(raw))
    if turns and labelled >= 2:
        candidate = _candidate_label(turns, candidate_name)
        if candidate is not None:
            return _pairs([(label == candidate, said) for label, said in turns])
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paragraphs) < 2:
        paragraphs = [ln.strip() for ln in lines if ln.strip()]
    return _pairs([(not p.rstrip().endswith("?"), " ".join(p.split())) for p in paragraphs])


def candidate_words(pairs: list[QA]) -> str:
    return "\n".join(p.answer for p in pairs)
