"""ClaudeCoach: the Coach protocol on the official anthropic SDK (``AsyncAnthropic``).

- One call path, ``run(task)``: the task's template becomes the user message, its output
  model the structured-output schema, its token budget ``max_tokens``.
- Caching: the application's context (fixed instructions for every task, candidate,
  resume, company, role, job description) is one system block from ``coach_system.txt``
  marked ``cache_control``; it is byte-identical for every task on that application
  (interview turns and documents alike). Stage, persona and difficulty come in the user
  message. A prefix shorter than the model's minimum cacheable length is sent unmarked
  and the call log says why. The output schema heads the cached prefix (the structured
  outputs docs: a changed ``output_config.format`` invalidates the prompt cache), so the
  mock interview's four tasks send one shared reply schema (``tasks.INTERVIEW_REPLY``: a
  field per task, the model fills its task's): one cached prefix for the four, which the
  analyses, a call every answer, keep from expiring. A task whose next call repeats part
  of its message (an analysis or a question's feedback: the question's exchanges so far)
  sends it as blocks with a second breakpoint after that part (``_user_content``).
- Structured output: each call sends the schema as ``output_config.format`` (the SDK's
  ``transform_schema``: the very request ``output_format=`` makes, one per model; the
  shared reply puts those side by side) and validates the reply, or its task's field of
  it, with the task's model. We validate, not the SDK, because the SDK validates when the
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
from dataclasses import asdict
from functools import cache, lru_cache
from typing import Any, TypeVar

import anthropic
import httpx2
from anthropic import AsyncAnthropic, transform_schema
from pydantic import BaseModel, ValidationError
from pydantic_core import from_json

from interview_tui.prompts import render
from interview_tui.services.coach.base import (
    ApplicationContext,
    CallRecord,
    CallSink,
    CoachError,
    CoachInfo,
    TextSink,
)
from interview_tui.services.coach.json_preview import readable_preview
from interview_tui.services.coach.tasks import Task
from interview_tui.services.text import estimate_tokens

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)
_KEY_PATTERN = re.compile(r"sk-ant-[A-Za-z0-9_\-]+")


@cache
def _output_config(
    model_cls: type[BaseModel], reply: tuple[tuple[str, type[BaseModel]], ...] = ()
) -> dict[str, Any]:
    """The structured-output schema: the model's own, or the shared reply's (one optional
    field per task: the model fills the task's, as the system prompt tells it)."""
    if not reply:
        return {"format": {"type": "json_schema", "schema": transform_schema(model_cls)}}
    fields = {name: transform_schema(model) for name, model in reply}
    if any("$defs" in schema for schema in fields.values()):  # their refs would point here
        raise ValueError("a shared reply's models must not nest models")
    schema = {
        "type": "object",
        "title": "Reply",
        "description": "Fill only the field named for the task the request asks for.",
        "properties": fields,
        "required": [],
        "additionalProperties": False,
    }
    return {"format": {"type": "json_schema", "schema": schema}}


# The API caches no prefix shorter than this many tokens; a cache mark on a shorter
# one is billed as plain input and read back never (the call log says so instead).
_MIN_CACHE_TOKENS = {"haiku": 2048}
_DEFAULT_MIN_CACHE_TOKENS = 1024


def _min_cache_tokens(model: str) -> int:
    return next(
        (n for family, n in _MIN_CACHE_TOKENS.items() if family in model),
        _DEFAULT_MIN_CACHE_TOKENS,
    )


@lru_cache(maxsize=16)
def _system(ctx: ApplicationContext, min_tokens: int) -> tuple[tuple[dict[str, Any], ...], str | None]:
    """The cached system prefix for one application, and why it is not cached if it is not."""
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
    tokens = estimate_tokens(text)
    if tokens < min_tokens:
        note = f"prefix ~{tokens} tokens, below the {min_tokens}-token minimum for caching"
        return ({"type": "text", "text": text},), note
    return ({"type": "text", "text": text, "cache_control": {"type": "ephemeral"}},), None


def _user_content(task: Task[Any], prefix_note: str | None) -> str | list[dict[str, Any]]:
    """The user message: the rendered template, then the task's history and tail.

    A history worth caching goes as text blocks with a breakpoint on its last one: the
    task's next call repeats every block up to there, so the API finds that prefix (it
    looks back up to 20 blocks from a breakpoint) and bills it as a cache read. Not when
    the system prefix itself is too short to cache: then so is everything after it that
    matters little, and the call log already says why."""
    head = render(task.template, **task.inputs)
    parts = [head, *task.history, *([task.tail] if task.tail else [])]
    if not task.cache_history or not task.history or prefix_note is not None:
        return "\n\n".join(p.strip("\n") for p in parts)
    blocks: list[dict[str, Any]] = [{"type": "text", "text": p} for p in parts]
    blocks[len(task.history)]["cache_control"] = {"type": "ephemeral"}  # the last history block
    return blocks


_MESSAGES = {
    "rate_limited": "Claude is rate-limiting requests. Wait a moment and try again.",
    "overloaded": "Claude is overloaded right now. Try again in a minute.",
    "server_error": "The Anthropic API had an internal error. Try again.",
    "timeout": "Claude took too long to answer. Try again.",
    "connection": "Could not reach the Anthropic API. Check your connection and try again.",
    "stream_interrupted": "The connection dropped while Claude was answering. Try again.",
    "auth": "The Anthropic API did not accept the API key. Check ANTHROPIC_API_KEY.",
    "bad_request": "The Anthropic API refused the request.",
    "refusal": "Claude declined to answer this one.",
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
        client: AsyncAnthropic | None = None,
        shared_reply: bool = True,
    ) -> None:
        self.model = model
        # False: every task with its own output schema, even those that share a reply
        # (the token benchmark's naive design).
        self._shared_reply = shared_reply
        self.info = CoachInfo(backend="claude", model=model)
        # None lets the SDK read ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL itself.
        self._owns_client = client is None
        self._client = client or AsyncAnthropic(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries
        )

    async def aclose(self) -> None:
        """Close the HTTP connections (not part of the protocol; a client passed in is kept)."""
        if self._owns_client:
            await self._client.close()

    # ------------------------------------------------------------------ the one call

    async def run(
        self,
        task: Task[M],
        *,
        on_text: TextSink | None = None,
        on_call: CallSink | None = None,
    ) -> M:
        """One request: send, stream or not, validate, map errors, report a CallRecord."""
        record = CallRecord(purpose=task.purpose, backend="claude", model=self.model)
        box: list[Any] = []  # the message, or the partial one of a failed stream
        started = time.perf_counter()
        system, record.cache_note = _system(task.context, _min_cache_tokens(self.model))
        reply = task.reply if self._shared_reply else ()
        request: dict[str, Any] = {
            "model": self.model,
            "max_tokens": task.max_tokens,
            "system": list(system),
            "messages": [{"role": "user", "content": _user_content(task, record.cache_note)}],
            "output_config": _output_config(task.output, reply),
        }
        try:
            if task.stream:
                field = task.purpose if reply else None
                message = await self._stream(request, on_text, box, field)
            else:
                message = await self._client.messages.create(**request)
                box.append(message)
            result = self._validate(message, task, reply)
            if on_text is not None and not task.stream:
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
            _report(on_call, record)

    async def _stream(self, request: dict[str, Any], on_text: TextSink | None, box: list[Any],
                      field: str | None) -> Any:
        shown = ""
        async with self._client.messages.stream(**request) as stream:
            async for event in stream:
                if event.type == "message_start" and not box:
                    box.append(stream.current_message_snapshot)  # updated in place as it streams
                elif event.type == "text" and on_text is not None:
                    preview = readable_preview(event.snapshot, field)
                    if preview and preview != shown:
                        shown = preview
                        on_text(preview)
        if not box:
            raise _error("stream_interrupted")
        return box[0]

    def _validate(self, message: Any, task: Task[M], reply: tuple[Any, ...]) -> M:
        if message.stop_reason in ("refusal", "max_tokens"):
            raise _error(message.stop_reason)
        if message.stop_reason is None:  # the stream ended without its message_delta
            raise _error("stream_interrupted")
        text = "".join(block.text for block in message.content if block.type == "text")
        try:
            if not reply:
                return task.output.model_validate_json(text)
            fields = from_json(text)
            if not isinstance(fields, dict) or fields.get(task.purpose) is None:
                raise _error("invalid_output")  # the model filled another task's field
            return task.output.model_validate(fields[task.purpose])
        except (ValidationError, ValueError):
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


def _report(on_call: CallSink | None, record: CallRecord) -> None:
    if on_call is None:
        return
    try:
        on_call(record)
    except Exception:  # a failing call log must not fail the interview
        log.exception("on_call failed for %s", record.purpose)
