"""The offline question bank: shipped as package data, loaded once, picked deterministically.

``pick_question`` never returns a question whose text was already asked in the session,
and prefers questions not asked in recent sessions (``avoid``). When the requested
stage × competency × difficulty cell is used up it falls back to the neighbouring
difficulties, then to the stage's other competencies, and only then gives up.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from interview_tui.services.catalog import COMPETENCIES, DIFFICULTIES, KINDS
from interview_tui.services.coach.question_kinds import classify_question

BANK_PACKAGE = "interview_tui.data"
BANK_FILE = "question_bank.json"

# Closest difficulty first: a medium fallback is a better substitute than the far end.
_NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "easy": ("medium", "hard"),
    "medium": ("easy", "hard"),
    "hard": ("medium", "easy"),
}


class QuestionBankExhausted(LookupError):
    """Every question the stage could offer has already been asked in this session."""


@dataclass(frozen=True)
class BankQuestion:
    """One question of the bank."""

    id: str
    stage: str
    competency: str
    difficulty: str
    text: str
    guidance: str
    kind: str = "behavioural"  # see question_kinds.KINDS: decides the rubric


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _parse(raw: dict[str, Any]) -> tuple[BankQuestion, ...]:
    questions = []
    for item in raw["questions"]:
        q = BankQuestion(
            id=item["id"],
            stage=item["stage"],
            competency=item["competency"],
            difficulty=item["difficulty"],
            text=item["text"].strip(),
            guidance=item["guidance"].strip(),
            kind=item.get("kind") or classify_question(item["text"]),
        )
        if q.stage not in COMPETENCIES or q.competency not in COMPETENCIES[q.stage]:
            raise ValueError(f"Question {q.id}: unknown stage/competency {q.stage}/{q.competency}")
        if q.kind not in KINDS:
            raise ValueError(f"Question {q.id}: unknown kind {q.kind!r}")
        if q.difficulty not in DIFFICULTIES:
            raise ValueError(f"Question {q.id}: unknown difficulty {q.difficulty!r}")
        questions.append(q)
    return tuple(questions)


@cache
def load_bank() -> tuple[BankQuestion, ...]:
    """Every question of the shipped bank, validated, in file order (read once per process)."""
    text = resources.files(BANK_PACKAGE).joinpath(BANK_FILE).read_text(encoding="utf-8")
    return _parse(json.loads(text))


def questions_for(
    stage: str, competency: str | None = None, difficulty: str | None = None
) -> list[BankQuestion]:
    """The bank's questions for ``stage``, optionally narrowed to a competency and difficulty."""
    return [
        q
        for q in load_bank()
        if q.stage == stage
        and (competency is None or q.competency == competency)
        and (difficulty is None or q.difficulty == difficulty)
    ]


@cache
def _normalised_bank() -> tuple[tuple[str, BankQuestion], ...]:
    return tuple((_normalise(q.text), q) for q in load_bank())


@lru_cache(maxsize=512)
def bank_entry(question: str) -> BankQuestion | None:
    """The bank question whose text ``question`` holds (openers allowed), if any."""
    text = _normalise(question)
    return next((q for norm, q in _normalised_bank() if norm in text), None)


# What an interviewer says before a question rather than as part of it: thanks, a
# transition, a warning about what they want ("Moving on. I'll want numbers.").
_LEAD_IN = re.compile(
    r"^\s*(?:(?:thanks|thank you|great|good|nice|okay|ok|alright|all right|right|sure|got it|"
    r"perfect|understood|interesting|fair enough|excellent|lovely|cool)\b[^.!?:]{0,60}|"
    r"(?:moving on|next(?: question| one)?|let['’]?s (?:move on|begin|start|get started|"
    r"continue|switch|turn|change)|switching gears|changing (?:topic|gears)|on to|onto|now|"
    r"(?:my |the )?(?:next|last|final|first|one more|another) (?:question|one|thing)|to start|"
    r"to begin|for (?:the|my) next)\b[^.!?:]{0,60}|"
    r"i['’]?(?:ll| will) (?:want|push|be looking|ask|need)[^.!?:]{0,60}|"
    r"(?:concrete )?details,? (?:not generalities|please)[^.!?:]{0,30}|"
    r"(?:concrete )?details,? please)[.!:]\s+",
    re.I,
)

_LEAD_WORD = re.compile(r"^\s*(?:now|so|okay|ok|right|alright|great|thanks|next),\s+(?=[a-z])",
                        re.I)


def without_lead_in(question: str) -> str:
    """The question itself, without the interviewer's lead-in: the bank's text when it holds
    a bank question, else the text with its opening thanks and transitions removed."""
    entry = bank_entry(question)
    if entry is not None:
        return entry.text
    text = question.strip()
    while True:
        m = _LEAD_IN.match(text) or _LEAD_WORD.match(text)
        if m is None or not text[m.end():].strip():
            return text[:1].upper() + text[1:]
        text = text[m.end():].lstrip()


def kind_of(question: str) -> str:
    """The kind of a question: the bank's mark when the text holds a bank question, else
    the classifier's reading (a typed question, or one a model wrote)."""
    entry = bank_entry(question)
    return entry.kind if entry else classify_question(question)


def _rank(question: BankQuestion, seed: int) -> str:
    # A hash rank (not random.shuffle) keeps a question's place stable whatever else is
    # in the candidate list, so the same seed gives the same order across calls.
    return hashlib.sha256(f"{seed}:{question.id}".encode()).hexdigest()


def _was_asked(question: BankQuestion, asked: list[str]) -> bool:
    # Coaches may wrap the bank text in a persona's opener, so containment counts too.
    text = _normalise(question.text)
    return any(text == a or text in a for a in asked)


def _validate(stage: str, competency: str, difficulty: str) -> None:
    if stage not in COMPETENCIES:
        raise ValueError(f"Unknown stage {stage!r}; expected one of {', '.join(COMPETENCIES)}")
    if competency not in COMPETENCIES[stage]:
        raise ValueError(
            f"Unknown competency {competency!r} for stage {stage!r}; "
            f"expected one of {', '.join(COMPETENCIES[stage])}"
        )
    if difficulty not in DIFFICULTIES:
        raise ValueError(
            f"Unknown difficulty {difficulty!r}; expected one of {', '.join(DIFFICULTIES)}"
        )


def pick_question(
    stage: str,
    competency: str,
    difficulty: str,
    asked: list[str],
    seed: int = 0,
    avoid: list[str] | tuple[str, ...] = (),
    own: tuple[BankQuestion, ...] = (),
) -> BankQuestion:
    """A question for ``stage``/``competency``/``difficulty`` whose text is not in ``asked``.

    ``avoid`` holds texts asked in recent sessions: while the competency has a question
    outside it (at any difficulty) none of them is chosen, so sessions rotate. Falls back
    to the neighbouring difficulties, then to the stage's other competencies (requested
    difficulty first), and raises ``QuestionBankExhausted`` when nothing is left. The
    choice depends only on the arguments, so a given ``seed`` is reproducible.
    ``own`` holds the user's own questions: within a tier they come before shipped ones.
    """
    _validate(stage, competency, difficulty)
    asked_norm = [_normalise(a) for a in asked if a.strip()]
    avoid_norm = [_normalise(a) for a in avoid if a.strip()]
    others = [c for c in COMPETENCIES[stage] if c != competency]
    tiers: list[tuple[list[str], tuple[str, ...], bool]] = [
        ([competency], (difficulty,), True),
        ([competency], _NEIGHBOURS[difficulty], True),
        ([competency], (difficulty,), False),
        ([competency], _NEIGHBOURS[difficulty], False),
        (others, (difficulty,), True),
        (others, _NEIGHBOURS[difficulty], True),
        (others, (difficulty,), False),
        (others, _NEIGHBOURS[difficulty], False),
    ]
    for competencies, difficulties, fresh in tiers:
        pool = [
            q
            for q in (*own, *load_bank())
            if q.stage == stage
            and q.competency in competencies
            and q.difficulty in difficulties
            and not _was_asked(q, asked_norm)
            and not (fresh and _was_asked(q, avoid_norm))
        ]
        if pool:
            # Closest difficulty first, then the stage's competency order, then the seed.
            return min(
                pool,
                key=lambda q: (
                    q not in own,
                    difficulties.index(q.difficulty),
                    competencies.index(q.competency),
                    _rank(q, seed),
                ),
            )
    raise QuestionBankExhausted(
        f"All {len(questions_for(stage))} {stage} questions in the offline bank have been asked "
        "in this session; start a new session or choose another stage."
    )
