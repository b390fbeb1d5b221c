"""The mock-interview state machine: a pure transition table plus the session rules.

No I/O and no UI here. ``transition`` maps (progress, event) to the next progress or
raises ``IllegalTransition`` naming both; the interview service applies the result and
persists it.

    created ─start─▶ asking ─question_ready─▶ awaiting_answer ─answer_submitted─▶ evaluating
    evaluating ─follow_up─▶ awaiting_answer            (responses 2..4 of one question)
    evaluating ─question_done─▶ question_review
    awaiting_answer ─move_on─▶ question_review         (decline further follow-ups)
    question_review ─next─▶ asking                     (while questions remain)
    question_review ─finish─▶ summarizing ─summary_ready─▶ completed
    awaiting_answer ─finish─▶ summarizing              (end early, once anything is answered)
    any unfinished state ─abandon─▶ abandoned
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from statistics import fmean

from interview_tui.services.catalog import (
    COMPETENCIES,
    drill_plan,
)


class State(StrEnum):
    CREATED = "created"
    ASKING = "asking"
    AWAITING_ANSWER = "awaiting_answer"
    EVALUATING = "evaluating"
    QUESTION_REVIEW = "question_review"
    SUMMARIZING = "summarizing"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class Event(StrEnum):
    START = "start"
    QUESTION_READY = "question_ready"
    ANSWER_SUBMITTED = "answer_submitted"
    FOLLOW_UP = "follow_up"
    QUESTION_DONE = "question_done"
    MOVE_ON = "move_on"
    NEXT = "next"
    FINISH = "finish"
    SUMMARY_READY = "summary_ready"
    ABANDON = "abandon"


FINAL_STATES = frozenset({State.COMPLETED, State.ABANDONED})

DEFAULT_QUESTIONS = 5
MIN_QUESTIONS = 1
MAX_QUESTIONS = 10
MAX_FOLLOW_UPS = 3
MAX_RESPONSES = 1 + MAX_FOLLOW_UPS

# A response scoring below this makes the persona's interviewer dig deeper.
FOLLOW_UP_BELOW: dict[str, int] = {"friendly": 7, "neutral": 8, "challenging": 9}


class IllegalTransition(Exception):
    """An event that the session's current state does not allow."""

    def __init__(self, state: State, event: Event, why: str = "") -> None:
        self.state = state
        self.event = event
        detail = f": {why}" if why else ""
        super().__init__(f"Cannot '{event.value}' while the session is '{state.value}'{detail}")


@dataclass(frozen=True)
class Progress:
    """Where a session stands. ``question_number`` is the question being asked or
    answered (0 before the first); ``response_number`` counts the responses given to it."""

    state: State
    total_questions: int = DEFAULT_QUESTIONS
    question_number: int = 0
    response_number: int = 0

    def __post_init__(self) -> None:
        validate_question_count(self.total_questions)

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES

    @property
    def is_last_question(self) -> bool:
        return self.question_number >= self.total_questions

    @property
    def follow_ups_used(self) -> int:
        return max(0, self.response_number - 1)


def validate_question_count(count: int) -> int:
    if not MIN_QUESTIONS <= count <= MAX_QUESTIONS:
        raise ValueError(f"A session has {MIN_QUESTIONS} to {MAX_QUESTIONS} questions, not {count}.")
    return count


def transition(p: Progress, event: Event) -> Progress:
    """The progress after ``event``, or ``IllegalTransition``."""
    s = p.state
    if event is Event.ABANDON:
        if p.is_final:
            raise IllegalTransition(s, event, "the session has already ended")
        return replace(p, state=State.ABANDONED)
    if event is Event.START and s is State.CREATED:
        return replace(p, state=State.ASKING, question_number=1, response_number=0)
    if event is Event.QUESTION_READY and s is State.ASKING:
        return replace(p, state=State.AWAITING_ANSWER)
    if event is Event.ANSWER_SUBMITTED and s is State.AWAITING_ANSWER:
        return replace(p, state=State.EVALUATING, response_number=p.response_number + 1)
    if event is Event.FOLLOW_UP and s is State.EVALUATING:
        if p.response_number >= MAX_RESPONSES:
            raise IllegalTransition(s, event, f"at most {MAX_FOLLOW_UPS} follow-ups per question")
        return replace(p, state=State.AWAITING_ANSWER)
    if event is Event.QUESTION_DONE and s is State.EVALUATING:
        return replace(p, state=State.QUESTION_REVIEW)
    if event is Event.MOVE_ON and s is State.AWAITING_ANSWER:
        if p.response_number == 0:
            raise IllegalTransition(s, event, "the main question has not been answered yet")
        return replace(p, state=State.QUESTION_REVIEW)
    if event is Event.NEXT and s is State.QUESTION_REVIEW:
        if p.is_last_question:
            raise IllegalTransition(s, event, "that was the last question; finish instead")
        return replace(
            p, state=State.ASKING, question_number=p.question_number + 1, response_number=0
        )
    if event is Event.FINISH and s is State.QUESTION_REVIEW:
        return replace(p, state=State.SUMMARIZING)
    if event is Event.FINISH and s is State.AWAITING_ANSWER:
        if p.question_number <= 1 and p.response_number == 0:
            raise IllegalTransition(s, event, "nothing has been answered yet; abandon instead")
        return replace(p, state=State.SUMMARIZING)
    if event is Event.SUMMARY_READY and s is State.SUMMARIZING:
        return replace(p, state=State.COMPLETED)
    raise IllegalTransition(s, event)


def allowed_events(p: Progress) -> list[Event]:
    """Every event ``transition`` accepts from ``p``, in declaration order."""
    allowed = []
    for event in Event:
        try:
            transition(p, event)
        except IllegalTransition:
            continue
        allowed.append(event)
    return allowed


def competency_for(stage: str, question_number: int) -> str:
    """Competencies rotate through the stage's list, one per question."""
    if stage not in COMPETENCIES:
        raise ValueError(f"Unknown stage {stage!r}; expected one of {', '.join(COMPETENCIES)}")
    pool = COMPETENCIES[stage]
    return pool[(question_number - 1) % len(pool)]


def drill_competency(focus: str, question_number: int) -> str:
    """A drill rotates through its focus's competencies (one, for a competency drill)."""
    _, pool = drill_plan(focus)
    return pool[(question_number - 1) % len(pool)]


# Adaptive difficulty: two questions in a row at or above HIGH make the next one hard;
# two in a row below LOW make it easy; otherwise it stays where it was.
ADAPT_HIGH, ADAPT_LOW = 8, 5


def adaptive_difficulty(current: str, scores: list[int | None]) -> str:
    """The next question's difficulty, given the current one and the question scores so
    far (oldest first; None for a question without a score, which breaks a streak)."""
    last = scores[-2:]
    if len(last) == 2 and all(s is not None for s in last):
        if all(s >= ADAPT_HIGH for s in last if s is not None):
            return "hard"
        if all(s < ADAPT_LOW for s in last if s is not None):
            return "easy"
    return current


def wants_follow_up(persona: str, score: int, response_number: int, candidates: list[str]) -> bool:
    """Whether the interviewer follows up on a response that scored ``score``."""
    if response_number >= MAX_RESPONSES or not candidates:
        return False
    return score < FOLLOW_UP_BELOW.get(persona, FOLLOW_UP_BELOW["neutral"])


_L5B = re.compile(r"\b(staff|principal|distinguished|head of|director|architect)\b", re.I)
_L5A = re.compile(r"\b(senior|sr\.?|lead|manager)\b", re.I)
_YEARS = re.compile(r"(\d{1,2})\s*\+?\s*(?:years|yrs)", re.I)


def infer_target_level(job_description: str) -> str:
    """L5B for staff-and-above or 8+ years, L5A for senior or 5+ years, else L4."""
    years = max((int(m) for m in _YEARS.findall(job_description)), default=0)
    if _L5B.search(job_description) or years >= 8:
        return "L5B"
    if _L5A.search(job_description) or years >= 5:
        return "L5A"
    return "L4"


def session_score(question_scores: list[float]) -> float | None:
    """The mean of the question scores, to one decimal; None with no scored question."""
    return round(fmean(question_scores), 1) if question_scores else None


def readiness(score: float | None) -> str:
    """Ready at 8 or more, Almost Ready from 6, Needs Practice below."""
    if score is None or score < 6:
        return "Needs Practice"
    return "Ready" if score >= 8 else "Almost Ready"
