"""ClaudeCoach: the Coach protocol on the official anthropic SDK (``AsyncAnthropic``).

- Caching: the stable context (instructions, persona, stage, level, job description,
  resume) is one system block from ``coach_system.txt`` marked ``cache_control``; it is
  byte-identical for a whole session, so each turn pays only for its short user message.
- Structured output: each call sends the pydantic model's schema as ``output_config.format``
  (the SDK's ``transform_schema``: the very request ``output_format=`` makes) and validates
  the reply with the model. We validate, not the SDK, because the SDK validates when the
  text block ends, before ``stop_reason`` arrives: a reply cut by max_tokens or a refusal
  would surface as a bare ValidationError with its stop reason and usage lost.
- Streaming: questions and feedback stream; the analysis is one plain request. ``on_text``
  gets the FULL current readable preview (``json_preview.readable_preview``) each time it
  changes, never a delta: a sink just replaces what it shows.
- Errors: every failure is a CoachError with a stable kind (see ``_MESSAGES``); messages
  are for the user and never hold the key. Retries are the SDK's own (``max_retries``).
  Cancellation is not an error: it is logged as ``cancelled`` and re-raised.
- Call log: every call, successful or not, reports a CallRecord to ``on_call``;
  ``input_tokens`` is the uncached input, cache reads and writes are counted apart.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable
from dataclasses import asdict
from functools import cache, lru_cache
from typing import Any, TypeVar

import anthropic
import httpx2
from anthropic import AsyncAnthropic, transform_schema
from pydantic import BaseModel, ValidationError

from interview_tui.prompts import render
from interview_tui.services.coach.base import (
    CallRecord,
    CoachError,
    CoachInfo,
    InterviewContext,
    QuestionOutcome,
    QuestionTurn,
    TextSink,
)
from interview_tui.services.coach.json_preview import readable_preview
from interview_tui.services.coach.schemas import (
    GeneratedQuestion,
    QuestionFeedback,
    ResponseAnalysis,
    SessionFeedback,
)

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)
_KEY_PATTERN = re.compile(r"sk-ant-[A-Za-z0-9_\-]+")
_ANSWER_CHARS = 1200  # per answer in the session summary prompt


@cache
def _output_config(model_cls: type[BaseModel]) -> dict[str, Any]:
    return {"format": {"type": "json_schema", "schema": transform_schema(model_cls)}}


@lru_cache(maxsize=16)
def _system(ctx: InterviewContext) -> tuple[dict[str, Any], ...]:
    text = render(
        "coach_system",
        **asdict(ctx)
        | {
            "interviewer_name": ctx.interviewer_name or "the interviewer",
            "candidate_name": ctx.candidate_name or "the candidate",
            "job_description": ctx.job_description.strip() or "(none given)",
            "resume_text": ctx.resume_text.strip() or "(no resume given)",
        },
    )
    return ({"type": "text", "text": text, "cache_control": {"type": "ephemeral"}},)


def _seconds(value: float | None) -> str:
    return f"{value:.0f} s" if value is not None else "time not recorded"


def _transcript(turn: QuestionTurn, upto: int | None = None) -> str:
    lines = []
    for i, ex in enumerate(turn.exchanges[:upto], start=1):
        score = f" [scored {turn.analyses[i - 1].score}/10]" if i <= len(turn.analyses) else ""
        lines.append(f"Response {i}{score}\nInterviewer: {ex.prompt}\nCandidate: {ex.answer}")
    return "\n\n".join(lines)


def _outcome(o: QuestionOutcome) -> str:
    answers = "\n".join(f"- {a[:_ANSWER_CHARS]}" for a in o.answers) or "- (no answer)"
    text = f"Q{o.number} ({o.competency}), score {o.score}/10, level {o.level}: {o.text}\nAnswers:\n{answers}"
    if o.feedback is not None:
        text += f"\nFeedback given: {o.feedback.assessment}"
    return text


_MESSAGES = {
    "rate_limited": "Claude is rate-limiting requests. Wait a moment and try again.",
    "overloaded": "Claude is overloaded right now. Try again in a minute.",
    "server_error": "The Anthropic API had an internal error. Try again.",
    "timeout": "Claude took too long to answer. Try again.",
    "connection": "Could not reach the Anthropic API. Check your connection and try again.",
    "stream_interrupted": "The connection dropped while Claude was answering. Try again.",
    "auth": "The Anthropic API did not accept the API key. Check ANTHROPIC_API_KEY.",
    "bad_request": "The Anthropic API refused the request.",
    "refusal": "Claude declined to answer this one. Rephrase your answer or continue offline.",
    "max_tokens": "Claude's reply was too long and got cut off. Try again.",
    "invalid_output": "Claude's reply did not have the expected shape. Try again.",
}
_FINAL = frozenset({"auth", "bad_request", "refusal"})  # trying again will not help


def _error(kind: str, message: str | None = None) -> CoachError:
    return CoachError(kind, message or _MESSAGES[kind], retryable=kind not in _FINAL)


def _kind_of(exc: BaseException) -> str | None:
    """The CoachError kind of an SDK or transport exception; None for anything else."""
    if isinstance(exc, anthropic.APITimeoutError | httpx2.TimeoutException):
        return "timeout"
    if isinstance(exc, anthropic.APIConnectionError):
        return "connection"
    if isinstance(exc, httpx2.TransportError):  # raised while reading a streamed body
        return "stream_interrupted"
    if isinstance(exc, anthropic.AuthenticationError | anthropic.PermissionDeniedError):
        return "auth"
    if isinstance(exc, TypeError):  # the SDK's "Could not resolve authentication method"
        return "auth" if "authentication" in str(exc).lower() else None
    if isinstance(exc, anthropic.APIResponseValidationError):
        return "invalid_output"
    if not isinstance(exc, anthropic.APIStatusError):
        return "connection" if isinstance(exc, anthropic.APIError) else None
    status, error_type = exc.status_code, exc.type  # error.type of the body, also mid-stream
    if status == 429 or error_type == "rate_limit_error":
        return "rate_limited"
    if status == 529 or error_type == "overloaded_error":
        return "overloaded"
    if status >= 500 or error_type == "api_error":
        return "server_error"
    return "bad_request"


class ClaudeCoach:
    """A Coach backed by Claude. See the module docstring for caching, streaming and errors."""

    def __init__(
        self,
        model: str,
        *,
        timeout: float = 60.0,
        max_retries: int = 2,
        api_key: str | None = None,
        base_url: str | None = None,
        on_call: Callable[[CallRecord], None] | None = None,
        client: AsyncAnthropic | None = None,
    ) -> None:
        self.model = model
        self.info = CoachInfo(backend="claude", model=model)
        self.on_call = on_call
        # None lets the SDK read ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL itself.
        self._owns_client = client is None
        self._client = client or AsyncAnthropic(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries
        )

    async def aclose(self) -> None:
        """Close the HTTP connections (not part of the protocol; a client passed in is kept)."""
        if self._owns_client:
            await self._client.close()

    # ------------------------------------------------------------------ the protocol

    async def generate_question(
        self,
        ctx: InterviewContext,
        *,
        number: int,
        competency: str,
        asked: list[str],
        on_text: TextSink | None = None,
    ) -> GeneratedQuestion:
        user = render(
            "question",
            number=number,
            total=ctx.question_count,
            competency=competency,
            asked="\n".join(f"- {q}" for q in asked) or "(none yet)",
        )
        return await self._call("question", GeneratedQuestion, ctx, user, 1024, True, on_text)

    async def analyze_response(
        self, ctx: InterviewContext, turn: QuestionTurn, *, on_text: TextSink | None = None
    ) -> ResponseAnalysis:
        if not turn.exchanges:
            raise ValueError("analyze_response needs at least one exchange")
        latest = turn.exchanges[-1]
        user = render(
            "analysis",
            number=turn.number,
            competency=turn.competency,
            question=turn.text,
            earlier=_transcript(turn, -1) or "(nothing yet: this is the main answer)",
            response_number=len(turn.exchanges),
            prompt=latest.prompt,
            seconds=_seconds(latest.seconds_spent),
            answer=latest.answer,
        )
        return await self._call("analysis", ResponseAnalysis, ctx, user, 1024, False, on_text)

    async def question_feedback(
        self, ctx: InterviewContext, turn: QuestionTurn, *, on_text: TextSink | None = None
    ) -> QuestionFeedback:
        user = render(
            "question_feedback",
            number=turn.number,
            competency=turn.competency,
            question=turn.text,
            transcript=_transcript(turn) or "(no answers)",
            scores=", ".join(f"{a.score}/10 ({a.level})" for a in turn.analyses) or "(none)",
        )
        return await self._call(
            "question_feedback", QuestionFeedback, ctx, user, 2048, True, on_text
        )

    async def session_feedback(
        self,
        ctx: InterviewContext,
        outcomes: list[QuestionOutcome],
        *,
        on_text: TextSink | None = None,
    ) -> SessionFeedback:
        user = render(
            "session_feedback",
            outcomes="\n\n".join(_outcome(o) for o in outcomes) or "(no questions answered)",
        )
        return await self._call("session_feedback", SessionFeedback, ctx, user, 2048, True, on_text)

    # ------------------------------------------------------------------ the shared call

    async def _call(
        self,
        purpose: str,
        model_cls: type[M],
        ctx: InterviewContext,
        user: str,
        max_tokens: int,
        stream: bool,
        on_text: TextSink | None,
    ) -> M:
        """One request: send, stream or not, validate, map errors, report a CallRecord."""
        record = CallRecord(purpose=purpose, backend="claude", model=self.model)
        box: list[Any] = []  # the message, or the partial one of a failed stream
        started = time.perf_counter()
        request = {
            "model": self.model,
            "max_tokens": max_tokens,
            "system": list(_system(ctx)),
            "messages": [{"role": "user", "content": user}],
            "output_config": _output_config(model_cls),
        }
        try:
            if stream:
                message = await self._stream(request, on_text, box)
            else:
                message = await self._client.messages.create(**request)
                box.append(message)
            result = self._validate(message, model_cls)
            if on_text is not None and not stream:
                on_text(readable_preview(result.model_dump_json()))
            return result
        except CoachError as exc:
            record.error_kind = exc.kind
            raise
        except asyncio.CancelledError:
            record.error_kind = "cancelled"
            raise
        except (anthropic.AnthropicError, httpx2.HTTPError, TypeError) as exc:
            error = self._coach_error(exc)
            if error is None:
                record.error_kind = "unexpected"
                raise
            record.error_kind = error.kind
            raise error from exc
        finally:
            record.latency_ms = (time.perf_counter() - started) * 1000
            usage = box[-1].usage if box else None
            if usage is not None:
                record.input_tokens = usage.input_tokens or 0
                record.output_tokens = usage.output_tokens or 0
                record.cache_read_tokens = usage.cache_read_input_tokens or 0
                record.cache_write_tokens = usage.cache_creation_input_tokens or 0
            self._report(record)

    async def _stream(self, request: dict[str, Any], on_text: TextSink | None, box: list) -> Any:
        shown = ""
        async with self._client.messages.stream(**request) as stream:
            async for event in stream:
                if event.type == "message_start" and not box:
                    box.append(stream.current_message_snapshot)  # updated in place as it streams
                elif event.type == "text" and on_text is not None:
                    preview = readable_preview(event.snapshot)
                    if preview and preview != shown:
                        shown = preview
                        on_text(preview)
        if not box:
            raise _error("stream_interrupted")
        return box[0]

    def _validate(self, message: Any, model_cls: type[M]) -> M:
        if message.stop_reason in ("refusal", "max_tokens"):
            raise _error(message.stop_reason)
        if message.stop_reason is None:  # the stream ended without its message_delta
            raise _error("stream_interrupted")
        text = "".join(block.text for block in message.content if block.type == "text")
        try:
            return model_cls.model_validate_json(text)
        except ValidationError:
            raise _error("invalid_output") from None

    def _coach_error(self, exc: BaseException) -> CoachError | None:
        """The CoachError for an SDK or transport failure, or None when it is neither."""
        kind = _kind_of(exc)
        if kind == "bad_request" and isinstance(exc, anthropic.APIStatusError):
            detail = self._redact(exc.api_message or f"HTTP {exc.status_code}")
            return _error(kind, f"The Anthropic API refused the request: {detail}")
        if kind == "auth" and isinstance(exc, TypeError):
            return _error(kind, "No Anthropic API key is set (ANTHROPIC_API_KEY).")
        return _error(kind) if kind else None

    def _redact(self, text: str) -> str:
        key = getattr(self._client, "api_key", None)
        if key:
            text = text.replace(key, "[redacted]")
        return _KEY_PATTERN.sub("[redacted]", text)

    def _report(self, record: CallRecord) -> None:
        if self.on_call is None:
            return
        try:
            self.on_call(record)
        except Exception:  # a failing call log must not fail the interview
            log.exception("on_call failed for %s", record.purpose)
