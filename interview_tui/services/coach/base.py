"""The Coach protocol and the plain data every coach works from.

A coach has one call, ``run(task)`` (see ``tasks``): it turns a task into the task's
pydantic output model. It never touches the database: it reports each call it makes
to the ``on_call`` sink given with that call, and the workspace writes the call log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from pydantic import BaseModel

from interview_tui.config import coach_label
from interview_tui.services.coach.schemas import QuestionFeedback, ResponseAnalysis

if TYPE_CHECKING:
    from interview_tui.services.coach.tasks import Task

M = TypeVar("M", bound=BaseModel)

# Receives readable text as a coach produces it (streamed prose, or a preview of it).
TextSink = Callable[[str], None]


@dataclass(frozen=True)
class ApplicationContext:
    """What stays the same for every task on one job application: the cached prefix."""

    company: str
    role: str
    job_description: str
    interviewer_name: str
    candidate_name: str
    resume_text: str
    target_level: str  # L4 | L5A | L5B


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

    @property
    def application(self) -> ApplicationContext:
        """The part shared by every task on this application (the cached prefix)."""
        return ApplicationContext(
            company=self.company,
            role=self.role,
            job_description=self.job_description,
            interviewer_name=self.interviewer_name,
            candidate_name=self.candidate_name,
            resume_text=self.resume_text,
            target_level=self.target_level,
        )


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
    cache_note: str | None = None  # why the prefix was not cached, when it was not


CallSink = Callable[[CallRecord], None]


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
    """Everything the app asks of a coach: one call, whatever the task."""

    info: CoachInfo

    async def run(
        self,
        task: Task[M],
        *,
        on_text: TextSink | None = None,
        on_call: CallSink | None = None,
    ) -> M:
        """Do ``task`` and return its output model; report the call to ``on_call``.

        Raises ``CoachError`` when no usable result came back.
        """
        ...
