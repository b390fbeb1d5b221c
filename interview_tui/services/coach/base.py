"""The Coach protocol and the plain data every coach works from.

A coach turns interview context into pydantic models (see ``schemas``). It never
touches the database: it reports each call it makes through ``on_call`` and the
interview service decides what to keep.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from interview_tui.config import coach_label
from interview_tui.services.coach.schemas import (
    GeneratedQuestion,
    QuestionFeedback,
    ResponseAnalysis,
    SessionFeedback,
)

# Receives readable text as a coach produces it (streamed prose, or a preview of it).
TextSink = Callable[[str], None]


@dataclass(frozen=True)
class InterviewContext:
    """The stable context of one mock interview: it forms the cached prompt prefix."""

    stage: str  # recruiter_screen | hiring_manager | technical
    difficulty: str  # easy | medium | hard
    persona: str  # friendly | neutral | challenging
    company: str
    role: str
    job_description: str
    interviewer_name: str
    candidate_name: str
    resume_text: str
    target_level: str  # L4 | L5A | L5B
    question_count: int = 5


@dataclass(frozen=True)
class Exchange:
    """One prompt (main question or follow-up) and the candidate's answer to it."""

    prompt: str
    answer: str
    seconds_spent: float | None = None


@dataclass(frozen=True)
class QuestionTurn:
    """A main question and every exchange under it so far (the first is the main answer)."""

    number: int
    text: str
    competency: str
    exchanges: tuple[Exchange, ...] = ()
    analyses: tuple[ResponseAnalysis, ...] = ()


@dataclass(frozen=True)
class QuestionOutcome:
    """What the session summary needs to know about one finished question."""

    number: int
    text: str
    competency: str
    score: int
    level: str
    answers: tuple[str, ...]
    feedback: QuestionFeedback | None = None


@dataclass
class CallRecord:
    """One coach call, for the coach-call log. Never holds a secret or a prompt."""

    purpose: str  # question | analysis | question_feedback | session_feedback | ...
    backend: str  # claude | offline
    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    latency_ms: float = 0.0
    error_kind: str | None = None


class CoachError(Exception):
    """A coach call that did not produce a usable result.

    ``kind`` is a stable machine-readable tag (rate_limited, overloaded, server_error,
    timeout, connection, auth, refusal, max_tokens, invalid_output, cancelled);
    ``retryable`` says whether trying the same call again may help.
    """

    def __init__(self, kind: str, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.retryable = retryable


@dataclass
class CoachInfo:
    """What the app shows about the coach in use."""

    backend: str  # claude | offline
    model: str
    label: str = field(default="")

    def __post_init__(self) -> None:
        if not self.label:
            self.label = coach_label(self.backend, self.model)


class Coach(Protocol):
    """Everything the interview service asks of a coach."""

    info: CoachInfo
    on_call: Callable[[CallRecord], None] | None

    async def generate_question(
        self,
        ctx: InterviewContext,
        *,
        number: int,
        competency: str,
        asked: list[str],
        on_text: TextSink | None = None,
    ) -> GeneratedQuestion:
        """A new main question for ``competency``, different from every text in ``asked``."""
        ...

    async def analyze_response(
        self, ctx: InterviewContext, turn: QuestionTurn, *, on_text: TextSink | None = None
    ) -> ResponseAnalysis:
        """Analyse the last exchange of ``turn`` (earlier ones give context)."""
        ...

    async def question_feedback(
        self, ctx: InterviewContext, turn: QuestionTurn, *, on_text: TextSink | None = None
    ) -> QuestionFeedback:
        """Full feedback for a finished question."""
        ...

    async def session_feedback(
        self,
        ctx: InterviewContext,
        outcomes: list[QuestionOutcome],
        *,
        on_text: TextSink | None = None,
    ) -> SessionFeedback:
        """Summary feedback for a finished session."""
        ...
