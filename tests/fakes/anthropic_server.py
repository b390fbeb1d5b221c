"""A fake Anthropic Messages API: a real HTTP server on 127.0.0.1 for tests and benchmarks.

The SDK talks to it over a socket exactly as it talks to the real API, so its retries,
timeouts, SSE parsing and structured-output handling all run for real. Usage::

    with FakeAnthropic() as fake:                      # or the ``fake_anthropic`` fixture
        client = AsyncAnthropic(base_url=fake.base_url, api_key="test-key")
        fake.enqueue(overloaded(), reply({"text": "..."}))
        ...
        fake.requests[-1]["system"]                    # every request body, in order

Each request consumes one scripted behaviour from the queue; with the queue empty the
server answers with a valid instance of the request's JSON schema (``output_config.format
.schema``, which is where the SDK puts ``output_format=``), or plain text without one.
Usage is estimated at four characters a token over what the API bills (tools, output
schema, system, messages), and prompt caching is emulated: a prefix ending in a block
with ``cache_control`` is written the first time it is seen and read after that, for
five minutes from its last use (see ``FakeAnthropic._usage``).

Requests the real API refuses (no key, no ``max_tokens``, too many cache breakpoints, an
open JSON schema ...; see ``anthropic_validation``) get its 400/401 error before any
scripted behaviour is used. Errors carry no ``retry-after`` unless the behaviour asks for
one (``retry_after_ms=``), so the SDK's own backoff runs as it would against the API.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakes.anthropic_validation import Refusal, refusal_for
from tests.fakes.schema_instances import instance_for

# ---------------------------------------------------------------- scripted behaviours


@dataclass(frozen=True)
class Behaviour:
    """How the server answers one request."""

    kind: str = "reply"  # reply | status | slow | drop
    text: str | None = None  # reply text; None: generate from the request's schema
    stop_reason: str = "end_turn"
    truncate: bool = False  # cut the reply text in half (max_tokens, refusal)
    status: int = 200
    error_type: str = ""
    message: str = ""
    seconds: float = 0.0  # slow: how long to stall
    retry_after_ms: int | None = None  # status: send retry-after(-ms), overriding the backoff
    mid_stream: bool = False  # slow: stall after half the events instead of before headers
    fraction: float = 0.5  # drop / mid-stream stall: share of text deltas sent first


def reply(data: Any = None, *, stop_reason: str = "end_turn") -> Behaviour:
    """A successful answer: ``data`` as JSON (a str is sent verbatim), None for a generated one."""
    text = data if data is None or isinstance(data, str) else json.dumps(data)
    return Behaviour(text=text, stop_reason=stop_reason)


def status_error(
    status: int, error_type: str, message: str, *, retry_after_ms: int | None = None
) -> Behaviour:
    """An HTTP error with the API's error body ``{"type": "error", "error": {...}}``.
    ``retry_after_ms`` adds ``retry-after-ms``/``retry-after`` headers, which the SDK waits
    for instead of its exponential backoff (tests that retry set it to stay fast)."""
    return Behaviour(kind="status", status=status, error_type=error_type, message=message,
                     retry_after_ms=retry_after_ms)


def rate_limited(*, retry_after_ms: int | None = None) -> Behaviour:
    return status_error(
        429, "rate_limit_error", "Number of request tokens has exceeded your rate limit.",
        retry_after_ms=retry_after_ms,
    )


def server_error(*, retry_after_ms: int | None = None) -> Behaviour:
    return status_error(500, "api_error", "Internal server error", retry_after_ms=retry_after_ms)


def overloaded(*, retry_after_ms: int | None = None) -> Behaviour:
    return status_error(529, "overloaded_error", "Overloaded", retry_after_ms=retry_after_ms)


def slow(seconds: float, *, mid_stream: bool = False) -> Behaviour:
    """Stall ``seconds`` before answering (or, streaming, after half the text)."""
    return Behaviour(kind="slow", seconds=seconds, mid_stream=mid_stream)


def dropped(fraction: float = 0.5) -> Behaviour:
    """Close the socket after ``fraction`` of the text: mid-SSE, or mid-body for JSON."""
    return Behaviour(kind="drop", fraction=fraction)


def wrong_shape() -> Behaviour:
    """Valid JSON that does not fit any coach schema."""
    return reply({"answer": 42, "comment": ["not", "the", "schema"]})


def not_json() -> Behaviour:
    return reply("Sure! Here is my analysis: the candidate did well overall.")


def refusal() -> Behaviour:
    """stop_reason "refusal" after part of the output, as when a classifier stops a reply."""
    return Behaviour(stop_reason="refusal", truncate=True)


def max_tokens() -> Behaviour:
    """stop_reason "max_tokens" with the JSON cut off halfway."""
    return Behaviour(stop_reason="max_tokens", truncate=True)


# ---------------------------------------------------------------- the server


# A request finds a cached prefix at block boundaries up to this many blocks before each
# of its breakpoints, no further (the prompt caching docs' lookback).
_LOOKBACK_BLOCKS = 20


def _tokens(text: str) -> int:
    return (len(text) + 3) // 4


class FakeAnthropic:
    """The fake API. ``latency`` delays every answer; ``chunk_delay`` each streamed text delta."""

    def __init__(
        self,
        *,
        latency: float = 0.0,
        chunk_delay: float = 0.0,
        chunk_size: int = 12,
        min_cache_tokens: int = 0,
    ) -> None:
        self.latency = latency
        self.chunk_delay = chunk_delay
        self.chunk_size = max(1, chunk_size)
        self.min_cache_tokens = min_cache_tokens  # the real API caches nothing shorter (~1024)
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.refused: list[Refusal] = []  # what it refused as the real API would
        self._queue: deque[Behaviour] = deque()
        self._cache: dict[str, float] = {}  # prefix -> when its entry expires (``clock``)
        self.cache_ttl = 300.0  # seconds: the API's default ("5m") cache lifetime
        self.clock = time.monotonic  # tests may swap it to age the cache
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- control

    @property
    def base_url(self) -> str:
        assert self._server is not None, "FakeAnthropic is not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def enqueue(self, *behaviours: Behaviour) -> None:
        """Script the next requests, one behaviour each, in order."""
        with self._lock:
            self._queue.extend(behaviours)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def reset_cache(self) -> None:
        with self._lock:
            self._cache.clear()

    def start(self) -> FakeAnthropic:
        handler = type("Handler", (_Handler,), {"fake": self})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        server.block_on_close = False
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes any stalled handler
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeAnthropic:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- request handling (called from handler threads)

    def _next(self) -> Behaviour:
        with self._lock:
            return self._queue.popleft() if self._queue else Behaviour()

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self._stopping.wait(seconds)

    def _usage(self, body: dict[str, Any]) -> dict[str, int]:
        """Input usage as the real API bills it, with its prompt cache emulated.

        Billed: the tools, the output schema (``output_config``), the system prompt and
        the messages. The cache follows the API's prefix order: tools, system, messages
        (docs: platform.claude.com/docs/en/build-with-claude/prompt-caching, "what
        invalidates the cache"). The output schema heads that prefix: the structured
        outputs page (platform.claude.com/docs/en/build-with-claude/structured-outputs,
        "prompt modification and token costs") says the schema becomes an extra system
        prompt and that "changing the output_config.format parameter will invalidate any
        prompt cache for that conversation thread", so a changed schema is a miss.
        A breakpoint (``cache_control``) writes the prefix that ends with its block; a
        request reads the longest live prefix that ends at a block boundary at most 20
        blocks before one of its breakpoints (the documented lookback), so a growing
        message marked at its end reads what the previous, shorter request wrote.
        Nothing shorter than ``min_cache_tokens`` is cached. An entry lives ``cache_ttl``
        seconds (5 minutes) from its last write or read.
        """
        parts: list[tuple[str, bool]] = []
        head = {k: body[k] for k in ("tools", "output_config") if body.get(k)}
        if head:
            parts.append((json.dumps(head, sort_keys=True), False))
        system = body.get("system") or []
        blocks = [{"text": system}] if isinstance(system, str) else list(system)
        for message in body.get("messages", []):
            content = message.get("content", "")
            blocks.extend([{"text": content}] if isinstance(content, str) else content)
        for block in blocks:
            text = block.get("text") if "text" in block else json.dumps(block)
            parts.append((str(text), "cache_control" in block))
        total, digest = 0, hashlib.sha256()
        ends: list[tuple[str, int]] = []  # (prefix key, tokens so far) at each block boundary
        for text, _cached in parts:
            digest.update(text.encode() + b"\x00")
            total += _tokens(text)
            ends.append((digest.copy().hexdigest(), total))
        marks = [i for i, (_text, cached) in enumerate(parts)
                 if cached and ends[i][1] >= self.min_cache_tokens]
        read = write = 0
        if marks:
            candidates = {j for i in marks for j in range(max(0, i - _LOOKBACK_BLOCKS), i + 1)
                          if ends[j][1] >= self.min_cache_tokens}
            with self._lock:
                now = self.clock()
                hits = [j for j in candidates if self._cache.get(ends[j][0], 0.0) > now]
                best = max(hits, default=None)
                read = ends[best][1] if best is not None else 0
                write = ends[marks[-1]][1] - read
                keep = [ends[i][0] for i in marks] + ([ends[best][0]] if best is not None else [])
                self._cache.update((key, now + self.cache_ttl) for key in keep)
        return {
            "input_tokens": total - read - write,
            "cache_creation_input_tokens": write,
            "cache_read_input_tokens": read,
        }

    def _reply_text(self, body: dict[str, Any], behaviour: Behaviour, seq: int) -> str:
        text = behaviour.text
        if text is None:
            schema = ((body.get("output_config") or {}).get("format") or {}).get("schema")
            if schema is None:
                text = "Hello from the fake Anthropic API."
            else:
                text = json.dumps(_one_task(instance_for(schema, seq=seq), schema, body))
        return text[: len(text) // 2] if behaviour.truncate else text


def _one_task(instance: Any, schema: dict[str, Any], body: dict[str, Any]) -> Any:
    """A reply shared by several tasks (only optional fields, each an object) is answered
    as a model that follows the request would: with the one field its "Task: name" line
    names, not all of them."""
    props = schema.get("properties") or {}
    shared = (isinstance(instance, dict) and props and not schema.get("required")
              and all(p.get("type") == "object" for p in props.values()))
    if not shared:
        return instance
    named = re.findall(r"Task: (\w+)", json.dumps(body.get("messages") or []))
    keep = next((name for name in reversed(named) if name in instance), None)
    return {keep: instance[keep]} if keep else instance


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without TCP_NODELAY, Nagle's algorithm
    # holds the body until the client's delayed ACK (~40 ms on Linux).
    disable_nagle_algorithm = True
    fake: FakeAnthropic
    request_id = "req_fake_000000"

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def do_POST(self) -> None:
        try:
            self._handle()
        except OSError:
            self.close_connection = True  # the client gave up (timeout) or we dropped it

    def _handle(self) -> None:
        fake = self.fake
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        seq = next(fake._ids)
        self.request_id = f"req_fake_{seq:06d}"
        if self.path.split("?", 1)[0] != "/v1/messages":
            self._error(404, "not_found_error", f"No route for {self.path}")
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            self._error(400, "invalid_request_error", "There was an error parsing the body")
            return
        with fake._lock:
            fake.requests.append(body)
            fake.headers.append(headers)
        refused = refusal_for(body, headers)
        if refused is not None:
            with fake._lock:
                fake.refused.append(refused)
            self._error(*refused)
            return
        behaviour = fake._next()
        fake._wait(fake.latency)
        if behaviour.kind == "status":
            self._error(behaviour.status, behaviour.error_type, behaviour.message,
                        behaviour.retry_after_ms)
            return
        if behaviour.kind == "slow" and not behaviour.mid_stream:
            fake._wait(behaviour.seconds)
        text = fake._reply_text(body, behaviour, seq)
        usage = fake._usage(body)
        message = {
            "id": f"msg_fake_{seq:06d}",
            "type": "message",
            "role": "assistant",
            "model": body.get("model", "claude-fake"),
            "content": [{"type": "text", "text": text}],
            "stop_reason": behaviour.stop_reason,
            "stop_sequence": None,
            "usage": {**usage, "output_tokens": _tokens(text)},
        }
        if body.get("stream"):
            self._stream(message, behaviour)
        elif behaviour.kind == "drop":
            data = json.dumps(message).encode()
            self._start(200, "application/json", {"content-length": str(len(data))})
            self.wfile.write(data[: int(len(data) * behaviour.fraction)])
            self.wfile.flush()
            self.close_connection = True
        else:
            self._json(200, message)

    # -- wire helpers

    def _start(self, status: int, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("request-id", self.request_id)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()

    def _json(
        self, status: int, payload: dict[str, Any], extra: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(payload).encode()
        self._start(status, "application/json", {"content-length": str(len(data)), **(extra or {})})
        self.wfile.write(data)
        self.wfile.flush()

    def _error(
        self, status: int, error_type: str, message: str, retry_after_ms: int | None = None
    ) -> None:
        """The API's error: ``{"type": "error", "error": {...}, "request_id": ...}``."""
        extra = {}
        if retry_after_ms is not None:
            extra = {"retry-after": str(math.ceil(retry_after_ms / 1000)),
                     "retry-after-ms": str(retry_after_ms)}
        payload = {"type": "error", "error": {"type": error_type, "message": message},
                   "request_id": self.request_id}
        self._json(status, payload, extra)

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _stream(self, message: dict[str, Any], behaviour: Behaviour) -> None:
        fake = self.fake
        text = message["content"][0]["text"]
        size = fake.chunk_size
        pieces = [text[i : i + size] for i in range(0, len(text), size)]
        usage = message["usage"]
        start = {
            **message,
            "content": [],
            "stop_reason": None,
            "usage": {**usage, "output_tokens": 1},
        }
        events: list[tuple[str, dict[str, Any]]] = [
            ("message_start", {"type": "message_start", "message": start}),
            (
                "content_block_start",
                {
                    "type": "content_block_start",
                    "index": 0,
                    "content_block": {"type": "text", "text": ""},
                },
            ),
            ("ping", {"type": "ping"}),
        ]
        for piece in pieces:
            events.append(
                (
                    "content_block_delta",
                    {
                        "type": "content_block_delta",
                        "index": 0,
                        "delta": {"type": "text_delta", "text": piece},
                    },
                )
            )
        events += [
            ("content_block_stop", {"type": "content_block_stop", "index": 0}),
            (
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": message["stop_reason"], "stop_sequence": None},
                    "usage": usage,
                },
            ),
            ("message_stop", {"type": "message_stop"}),
        ]
        cut = 3 + max(1, int(len(pieces) * behaviour.fraction))
        self._start(
            200, "text/event-stream", {"cache-control": "no-cache", "transfer-encoding": "chunked"}
        )
        for index, (name, data) in enumerate(events):
            if index == cut and behaviour.kind == "drop":
                self.close_connection = True  # no terminating chunk: the client sees a cut body
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if index == cut and behaviour.kind == "slow" and behaviour.mid_stream:
                fake._wait(behaviour.seconds)
            self._chunk(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
            if name == "content_block_delta":
                fake._wait(fake.chunk_delay)
        self._chunk(b"")


__all__ = [
    "Behaviour",
    "FakeAnthropic",
    "dropped",
    "instance_for",
    "max_tokens",
    "not_json",
    "overloaded",
    "rate_limited",
    "refusal",
    "reply",
    "server_error",
    "slow",
    "status_error",
    "wrong_shape",
]
