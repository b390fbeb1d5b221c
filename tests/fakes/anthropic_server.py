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
"""

from __future__ import annotations

import itertools
import json
import re
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

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
    mid_stream: bool = False  # slow: stall after half the events instead of before headers
    fraction: float = 0.5  # drop / mid-stream stall: share of text deltas sent first


def reply(data: Any = None, *, stop_reason: str = "end_turn") -> Behaviour:
    """A successful answer: ``data`` as JSON (a str is sent verbatim), None for a generated one."""
    text = data if data is None or isinstance(data, str) else json.dumps(data)
    return Behaviour(text=text, stop_reason=stop_reason)


def status_error(status: int, error_type: str, message: str) -> Behaviour:
    """An HTTP error with the API's error body ``{"type": "error", "error": {...}}``."""
    return Behaviour(kind="status", status=status, error_type=error_type, message=message)


def rate_limited() -> Behaviour:
    return status_error(
        429, "rate_limit_error", "Number of request tokens has exceeded your rate limit."
    )


def server_error() -> Behaviour:
    return status_error(500, "api_error", "Internal server error")


def overloaded() -> Behaviour:
    return status_error(529, "overloaded_error", "Overloaded")


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


# ---------------------------------------------------------------- schema instances

_SENTENCES = (
    "Quantified the outcome with a clear before and after",
    "Owned the decision and explained the trade-off",
    "Could name the stakeholders and how they were aligned",
    "Needs a sharper result statement at the end",
)
_RANGE_HINT = re.compile(r"(maximum|minimum):\s*(-?\d+)")


def _int_bounds(schema: dict[str, Any]) -> tuple[int, int]:
    lo, hi = schema.get("minimum"), schema.get("maximum")
    # The SDK moves unsupported constraints into the description: "{maximum: 10, minimum: 1}".
    for key, value in _RANGE_HINT.findall(schema.get("description", "")):
        if key == "minimum" and lo is None:
            lo = int(value)
        if key == "maximum" and hi is None:
            hi = int(value)
    lo = 1 if lo is None else int(lo)
    hi = max(lo, 10 if hi is None else int(hi))
    return lo, hi


def _string(name: str, seq: int, index: int) -> str:
    lowered = name.lower()
    if lowered in {"text", "question"} or "question" in lowered:
        return f"Tell me about a time you turned around a project at risk (variant {seq}.{index})?"
    sentence = _SENTENCES[(seq + index) % len(_SENTENCES)]
    return f"{sentence} ({name.replace('_', ' ')} {index + 1})."


def instance_for(
    schema: dict[str, Any],
    *,
    name: str = "value",
    seq: int = 0,
    defs: dict | None = None,
    index: int = 0,
) -> Any:
    """A valid, realistic-ish instance of a JSON schema (objects, arrays, enums, refs, ranges)."""
    defs = schema.get("$defs", {}) if defs is None else defs
    if "$ref" in schema:
        return instance_for(defs[schema["$ref"].rsplit("/", 1)[-1]], name=name, seq=seq, defs=defs)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][seq % len(schema["enum"])]
    for key in ("anyOf", "oneOf", "allOf"):
        options = [o for o in schema.get(key, []) if o.get("type") != "null"]
        if options:
            return instance_for(options[0], name=name, seq=seq, defs=defs, index=index)
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object":
        props = schema.get("properties", {})
        return {key: instance_for(sub, name=key, seq=seq, defs=defs) for key, sub in props.items()}
    if kind == "array":
        count = max(2, schema.get("minItems", 0))
        count = min(count, schema.get("maxItems", count))
        item = schema.get("items", {"type": "string"})
        return [instance_for(item, name=name, seq=seq, defs=defs, index=i) for i in range(count)]
    if kind in {"integer", "number"}:
        lo, hi = _int_bounds(schema)
        value = min(max(7, lo), hi)
        return value if kind == "integer" else float(value)
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return _string(name, seq, index)


# ---------------------------------------------------------------- the server


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
        retry_after_ms: int = 1,
    ) -> None:
        self.latency = latency
        self.chunk_delay = chunk_delay
        self.chunk_size = max(1, chunk_size)
        self.min_cache_tokens = min_cache_tokens  # the real API caches nothing shorter (~1024)
        self.retry_after_ms = retry_after_ms  # keeps the SDK's backoff short in tests
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
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
        the messages. The cache key of a prefix is everything before its
        ``cache_control`` mark, in the API's order: tools, then the output schema (our
        assumption: the API turns the schema into instructions and a grammar placed ahead
        of the system prompt, so a changed schema is a cache miss, as a changed tool list
        is), then system, then messages. An entry lives ``cache_ttl`` seconds (5 minutes)
        from its last write or read.
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
        total, prefix, marks = 0, [], []
        for text, cached in parts:
            prefix.append(text)
            total += _tokens(text)
            if cached:
                marks.append(("\x00".join(prefix), total))
        read = write = 0
        marks = [m for m in marks if m[1] >= self.min_cache_tokens]
        if marks:
            with self._lock:
                now = self.clock()
                live = {k for k, expires in self._cache.items() if expires > now}
                read = max((t for key, t in marks if key in live), default=0)
                write = marks[-1][1] - read
                self._cache.update((key, now + self.cache_ttl) for key, _ in marks)
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
                text = json.dumps(instance_for(schema, seq=seq))
        return text[: len(text) // 2] if behaviour.truncate else text


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without TCP_NODELAY, Nagle's algorithm
    # holds the body until the client's delayed ACK (~40 ms on Linux).
    disable_nagle_algorithm = True
    fake: FakeAnthropic

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
        if self.path.split("?", 1)[0] != "/v1/messages":
            self._json(404, _error("not_found_error", f"No route for {self.path}"))
            return
        body = json.loads(raw or b"{}")
        seq = next(fake._ids)
        with fake._lock:
            fake.requests.append(body)
            fake.headers.append({k.lower(): v for k, v in self.headers.items()})
        behaviour = fake._next()
        fake._wait(fake.latency)
        if behaviour.kind == "status":
            extra = {"retry-after": "0", "retry-after-ms": str(fake.retry_after_ms)}
            self._json(behaviour.status, _error(behaviour.error_type, behaviour.message), extra)
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
        self.send_header("request-id", f"req_fake_{status}")
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


def _error(error_type: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": error_type, "message": message}}


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
