"""OfflineCoach: a Coach that needs no key and no network.

``run(task)`` hands the task to the writer for its purpose: the mock interview's four
are methods here; documents' writers live in their own modules, named in
``offline_writers.WRITERS``. Questions come from the shipped bank; analysis and feedback
come from ``offline_interview`` (the judge of each kind of question, and revisions built
from the candidate's own sentences), so the offline coach never invents a fact.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from pydantic import BaseModel

from interview_tui.services.coach import offline_feedback as fb
from interview_tui.services.coach.base import (
    CallRecord,
    CallSink,
    CoachError,
    CoachInfo,
    InterviewContext,
    QuestionOutcome,
    QuestionTurn,
    TextSink,
)
from interview_tui.services.coach.judge import Finding
from interview_tui.services.coach.offline_interview import (
    analyse_turn,
    feedback_for_turn,
    judge_turn,
)
from interview_tui.services.coach.offline_phrases import OPENERS
from interview_tui.services.coach.offline_writers import (
    WriterTools,
    find_writer,
    stream_sections,
)
from interview_tui.services.coach.question_bank import (
    BankQuestion,
    QuestionBankExhausted,
    pick_question,
)
from interview_tui.services.coach.schemas import (
    GeneratedQuestion,
    QuestionFeedback,
    ResponseAnalysis,
    SessionFeedback,
)
from interview_tui.services.coach.tasks import (
    OutcomesRequest,
    QuestionRequest,
    Task,
    TurnRequest,
)
from interview_tui.services.session_machine import readiness, session_score

BACKEND = "offline"
MODEL = "offline-v1"
M = TypeVar("M", bound=BaseModel)

# The call-log sink of the ``run`` in progress (per asyncio task, so a prefetch that
# runs beside another call reports to its own sink).
_on_call: ContextVar[CallSink | None] = ContextVar("offline_on_call", default=None)


def _bullets(title: str, items: list[str]) -> str:
    return f"{title}\n" + "\n".join(f"- {i}" for i in items) if items else ""


class OfflineCoach:
    """A deterministic Coach: same inputs, same outputs; no network, no key."""

    def __init__(self, *, seed: int = 0) -> None:
        self.seed = seed
        self.info = CoachInfo(backend=BACKEND, model=MODEL)

    async def run(
        self,
        task: Task[M],
        *,
        on_text: TextSink | None = None,
        on_call: CallSink | None = None,
    ) -> M:
        """Write ``task``'s output with the writer for its purpose."""
        token = _on_call.set(on_call)
        try:
            result = await self._write(task, on_text)
        finally:
            _on_call.reset(token)
        if not isinstance(result, task.output):
            raise TypeError(f"offline writer for {task.purpose!r} returned {type(result).__name__}")
        return result

    async def _write(self, task: Task[Any], on_text: TextSink | None) -> BaseModel:
        data = task.data
        if task.purpose == "question" and isinstance(data, QuestionRequest):
            return await self.generate_question(
                data.ctx,
                number=data.number,
                competency=data.competency,
                asked=list(data.asked),
                avoid=data.recent,
                own=data.own,
                on_text=on_text,
            )
        if task.purpose == "analysis" and isinstance(data, TurnRequest):
            return await self.analyze_response(data.ctx, data.turn, on_text=on_text)
        if task.purpose == "question_feedback" and isinstance(data, TurnRequest):
            return await self.question_feedback(data.ctx, data.turn, on_text=on_text)
        if task.purpose == "session_feedback" and isinstance(data, OutcomesRequest):
            return await self.session_feedback(data.ctx, list(data.outcomes), on_text=on_text)
        writer = find_writer(task.purpose)
        with self._call(task.purpose):
            if writer is None:
                raise CoachError(
                    "invalid_output",
                    f"The offline coach cannot write {task.purpose.replace('_', ' ')}.",
                    retryable=False,
                )
            return writer(task, WriterTools(self.seed, on_text, self._choose))

    @contextmanager
    def _call(self, purpose: str) -> Iterator[None]:
        start = time.perf_counter()
        error_kind = None
        try:
            yield
        except CoachError as exc:
            error_kind = exc.kind
            raise
        finally:
            on_call = _on_call.get()
            if on_call is not None:
                on_call(
                    CallRecord(
                        purpose=purpose,
                        backend=BACKEND,
                        model=MODEL,
                        latency_ms=(time.perf_counter() - start) * 1000.0,
                        error_kind=error_kind,
                    )
                )

    def _choose(self, options: tuple[str, ...], *key: object) -> str:
        digest = hashlib.sha256(":".join(map(str, (self.seed, *key))).encode()).digest()
        return options[digest[0] % len(options)]

    async def generate_question(
        self,
        ctx: InterviewContext,
        *,
        number: int,
        competency: str,
        asked: list[str],
        own: tuple[BankQuestion, ...] = (),
        on_text: TextSink | None = None,
        avoid: list[str] | tuple[str, ...] = (),
    ) -> GeneratedQuestion:
        """A bank question for ``competency``, opened in the persona's voice, never one in
        ``asked``, and none in ``avoid`` (recent sessions' questions) while others remain."""
        with self._call("question"):
            try:
                entry = pick_question(
                    ctx.stage, competency, ctx.difficulty, asked, self.seed, avoid=avoid, own=own
                )
            except (QuestionBankExhausted, ValueError) as exc:
                raise CoachError("invalid_output", str(exc), retryable=False) from exc
            openers = OPENERS.get(ctx.persona, OPENERS["neutral"])
            opener = self._choose(openers["first" if number == 1 else "next"], number, entry.id)
            text = f"{opener} {entry.text}".strip()
            stream_sections(on_text, [text])
            return GeneratedQuestion(
                text=text, competency=entry.competency, guidance=entry.guidance
            )

    async def analyze_response(
        self, ctx: InterviewContext, turn: QuestionTurn, *, on_text: TextSink | None = None
    ) -> ResponseAnalysis:
        """Score the question's answers so far and target follow-ups at the biggest gaps."""
        with self._call("analysis"):
            if not turn.exchanges:
                raise CoachError(
                    "invalid_output", "There is no answer to analyse yet.", retryable=False
                )
            analysis = analyse_turn(ctx, turn)
            stream_sections(on_text, [analysis.brief_feedback])
            return analysis

    async def question_feedback(
        self, ctx: InterviewContext, turn: QuestionTurn, *, on_text: TextSink | None = None
    ) -> QuestionFeedback:
        """Feedback over every exchange of the question, with a revised answer in its shape."""
        with self._call("question_feedback"):
            feedback = feedback_for_turn(ctx, turn)
            stream_sections(
                on_text,
                [
                    feedback.assessment,
                    _bullets("What landed", feedback.what_landed),
                    _bullets("What didn't", feedback.what_didnt),
                    _bullets("Coaching", feedback.coaching),
                    f"Revised answer\n{feedback.revised_answer}",
                ],
            )
            return feedback

    async def session_feedback(
        self,
        ctx: InterviewContext,
        outcomes: list[QuestionOutcome],
        *,
        on_text: TextSink | None = None,
    ) -> SessionFeedback:
        """A summary from the questions' scores, levels and the gaps that kept recurring."""
        with self._call("session_feedback"):
            feedback = _session_feedback(ctx, outcomes)
            stream_sections(
                on_text,
                [
                    feedback.assessment,
                    _bullets("Strengths", feedback.strengths),
                    _bullets("Areas to improve", feedback.areas_to_improve),
                    _bullets("Coaching priorities", feedback.coaching_priorities),
                    _bullets("Next steps", feedback.next_steps),
                ],
            )
            return feedback


def _session_feedback(ctx: InterviewContext, outcomes: list[QuestionOutcome]) -> SessionFeedback:
    if not outcomes:
        return SessionFeedback(
            assessment="No question was answered in this session, so there is nothing to assess yet.",
            next_steps=["Start a new session and answer at least one question out loud."],
        )
    mean = session_score([o.score for o in outcomes])
    assert mean is not None  # there are outcomes, so there are scores
    ready = readiness(mean)
    gap_counts: Counter[str] = Counter()
    strength_counts: Counter[str] = Counter()
    gap_by_key: dict[str, Finding] = {}
    strength_names: dict[str, str] = {}
    for o in outcomes:
        j = judge_turn(ctx, o.text, list(o.answers))
        for g in j.gaps:
            gap_counts[g.key] += 1
            gap_by_key.setdefault(g.key, g)
        for st in j.strengths:
            strength_counts[st.key] += 1
            strength_names.setdefault(st.key, st.summary)
    return fb.session_summary(
        ctx, outcomes, mean, ready, gap_counts, gap_by_key, strength_counts, strength_names
    )
