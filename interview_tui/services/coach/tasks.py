"""Tasks: everything one coach call needs, as data.

A ``Task`` names its purpose, its output model, its prompt template and the values that
fill it, the context that forms the cached prompt prefix, its token budget and whether
it streams. ``ClaudeCoach`` renders the template after the application's cached
system prefix; ``OfflineCoach`` hands ``data`` to the writer registered for ``purpose``.
Adding a document is one template, one output model and one offline writer.

The builders below make the mock interview's four tasks. They share one reply schema
(``INTERVIEW_REPLY``), and an analysis or a question's feedback sends the question's
exchanges as ``history`` blocks that the next call repeats unchanged: both so that Claude's
prompt cache serves most of each call (see ``claude.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from interview_tui.services.coach.base import (
    ApplicationContext,
    InterviewContext,
    QuestionOutcome,
    QuestionTurn,
)
from interview_tui.services.coach.question_bank import BankQuestion
from interview_tui.services.coach.schemas import (
    GeneratedQuestion,
    QuestionFeedback,
    ResponseAnalysis,
    SessionFeedback,
)

M = TypeVar("M", bound=BaseModel)

__all__ = ["ApplicationContext", "Task"]

# The mock interview's four tasks share one reply shape, so one output schema: the
# structured outputs docs say a changed ``output_config.format`` invalidates the prompt
# cache, so with a schema each the four would cache the application's prefix apart; with
# one, the analyses (a call every answer) keep a single prefix alive for all of them.
INTERVIEW_REPLY: tuple[tuple[str, type[BaseModel]], ...] = (
    ("question", GeneratedQuestion),
    ("analysis", ResponseAnalysis),
    ("question_feedback", QuestionFeedback),
    ("session_feedback", SessionFeedback),
)

_ANSWER_CHARS = 1200  # per answer in the session summary prompt
_OWN_LISTED = 8  # the user's own questions named in a question prompt


@dataclass(frozen=True)
class Task(Generic[M]):
    purpose: str  # the call-log purpose and the offline writer's key
    output: type[M]
    template: str  # prompts/<template>.txt, rendered with ``inputs``
    context: ApplicationContext
    inputs: Mapping[str, str] = field(default_factory=dict)
    data: Any = None  # what the offline writer works from
    max_tokens: int = 1024
    stream: bool = False
    # Blocks after the rendered template that the next call of this task repeats as they
    # are, then grows (a question's exchanges so far), and a last block after them. With
    # ``cache_history`` the coach marks the end of the history for caching, so that next
    # call reads it from the cache instead of paying for it again.
    history: tuple[str, ...] = ()
    tail: str = ""
    cache_history: bool = False
    # The reply shape shared with other tasks, when there is one: an object with one
    # optional field per task (name, model), this task's output in the field named for
    # its purpose. Empty: the output model is the whole reply.
    reply: tuple[tuple[str, type[BaseModel]], ...] = ()

    def __post_init__(self) -> None:
        if self.reply and (self.purpose, self.output) not in self.reply:
            raise ValueError(f"the shared reply has no {self.purpose} field of {self.output}")


# ----- the mock interview's tasks -----------------------------------------------------


@dataclass(frozen=True)
class QuestionRequest:
    ctx: InterviewContext
    number: int
    competency: str
    asked: tuple[str, ...]
    # Questions asked in this application's recent sessions: avoided while others remain.
    recent: tuple[str, ...] = ()
    # The user's own questions for this stage (their bank and this application's practice sets).
    own: tuple[BankQuestion, ...] = ()


@dataclass(frozen=True)
class TurnRequest:
    ctx: InterviewContext
    turn: QuestionTurn


@dataclass(frozen=True)
class OutcomesRequest:
    ctx: InterviewContext
    outcomes: tuple[QuestionOutcome, ...]


def session_line(ctx: InterviewContext) -> str:
    """The session's settings; they follow the cached prefix in every interview task."""
    return (
        f"Session settings: stage {ctx.stage}, difficulty {ctx.difficulty}, "
        f"persona {ctx.persona}, {ctx.question_count} main questions."
    )


def _seconds(value: float | None) -> str:
    return f"{value:.0f} s" if value is not None else "time not recorded"


def _exchanges(turn: QuestionTurn) -> tuple[str, ...]:
    """A question's exchanges as blocks, each scored one followed by its score.

    Every block reads the same in every later call (the latest exchange is not worded
    apart), so an analysis's prompt is the previous one's plus what came after it."""
    blocks: list[str] = []
    for i, ex in enumerate(turn.exchanges, start=1):
        timing = _seconds(ex.seconds_spent)
        if i == 1 and ex.prompt.strip() == turn.text.strip():  # the main question, given above
            blocks.append(f"Response 1 (the main answer, {timing})\nCandidate: {ex.answer}")
        else:
            blocks.append(f"Response {i} ({timing})\nInterviewer: {ex.prompt}\n"
                          f"Candidate: {ex.answer}")
        if i <= len(turn.analyses):
            a = turn.analyses[i - 1]
            blocks.append(f"Response {i} was scored {a.score}/10 ({a.level}).")
    return tuple(blocks)


def _outcome(o: QuestionOutcome) -> str:
    answers = "\n".join(f"- {a[:_ANSWER_CHARS]}" for a in o.answers) or "- (no answer)"
    if o.feedback is None:
        head = f"Q{o.number} ({o.competency}), not scored (its feedback could not be written)"
    else:
        head = f"Q{o.number} ({o.competency}), score {o.score}/10, level {o.level}"
    text = f"{head}: {o.text}\nAnswers:\n{answers}"
    if o.feedback is not None:
        text += f"\nFeedback given: {o.feedback.assessment}"
    return text


def question_task(
    ctx: InterviewContext,
    *,
    number: int,
    competency: str,
    asked: list[str] | tuple[str, ...],
    recent: list[str] | tuple[str, ...] = (),
    own: tuple[BankQuestion, ...] = (),
) -> Task[GeneratedQuestion]:
    avoid = [*asked, *(q for q in recent if q not in asked)]
    taken = {" ".join(a.split()).casefold() for a in avoid}
    mine = [
        q.text for q in own
        if q.competency == competency and " ".join(q.text.split()).casefold() not in taken
    ][:_OWN_LISTED]
    return Task(
        purpose="question",
        output=GeneratedQuestion,
        template="question",
        context=ctx.application,
        inputs={
            "session": session_line(ctx),
            "number": str(number),
            "total": str(ctx.question_count),
            "competency": competency,
            "asked": "\n".join(f"- {q}" for q in avoid) or "(none yet)",
            "own": "\n".join(f"- {q}" for q in mine) or "(none)",
        },
        data=QuestionRequest(ctx, number, competency, tuple(asked), tuple(recent), tuple(own)),
        max_tokens=1024,
        stream=True,
        reply=INTERVIEW_REPLY,
    )


def _turn_inputs(ctx: InterviewContext, turn: QuestionTurn) -> dict[str, str]:
    return {
        "session": session_line(ctx),
        "number": str(turn.number),
        "competency": turn.competency,
        "question": turn.text,
    }


def analysis_task(ctx: InterviewContext, turn: QuestionTurn) -> Task[ResponseAnalysis]:
    if not turn.exchanges:
        raise ValueError("an analysis needs at least one exchange")
    return Task(
        purpose="analysis",
        output=ResponseAnalysis,
        template="question_turn",
        context=ctx.application,
        inputs=_turn_inputs(ctx, turn),
        data=TurnRequest(ctx, turn),
        max_tokens=1024,
        stream=False,
        history=_exchanges(turn),
        tail=f"Task: analysis of response {len(turn.exchanges)}, the latest.",
        # The next call on this question (an analysis, or its feedback) repeats these
        # blocks. The breakpoint also lets this call read what the previous one cached:
        # the API looks for a cached prefix only behind a breakpoint.
        cache_history=True,
        reply=INTERVIEW_REPLY,
    )


def question_feedback_task(ctx: InterviewContext, turn: QuestionTurn) -> Task[QuestionFeedback]:
    return Task(
        purpose="question_feedback",
        output=QuestionFeedback,
        template="question_turn",  # as the analyses': it reads what the last one cached
        context=ctx.application,
        inputs=_turn_inputs(ctx, turn),
        data=TurnRequest(ctx, turn),
        max_tokens=2048,
        stream=True,
        history=_exchanges(turn) or ("(no answers)",),
        tail="Task: question_feedback. The question is finished: feedback on it as a whole.",
        cache_history=True,
        reply=INTERVIEW_REPLY,
    )


def session_feedback_task(
    ctx: InterviewContext, outcomes: list[QuestionOutcome] | tuple[QuestionOutcome, ...]
) -> Task[SessionFeedback]:
    return Task(
        purpose="session_feedback",
        output=SessionFeedback,
        template="session_feedback",
        context=ctx.application,
        inputs={
            "session": session_line(ctx),
            "outcomes": "\n\n".join(_outcome(o) for o in outcomes) or "(no questions answered)",
        },
        data=OutcomesRequest(ctx, tuple(outcomes)),
        max_tokens=2048,
        stream=True,
        reply=INTERVIEW_REPLY,
    )
