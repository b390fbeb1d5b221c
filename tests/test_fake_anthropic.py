"""The fake Messages API refuses what the real one refuses, through the real SDK.

A lenient fake lets a malformed request pass a test that the real API would fail; each
case here is a request the API answers with 400 ``invalid_request_error`` or 401
``authentication_error``, in its error shape.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import anthropic
import pytest
from anthropic import Anthropic, omit, transform_schema
from pydantic import BaseModel

from tests.fakes.anthropic_server import FakeAnthropic, overloaded, rate_limited, reply

MODEL = "claude-sonnet-5-5"
HELLO = [{"role": "user", "content": "Hello"}]
GOOD: dict[str, Any] = {"model": MODEL, "max_tokens": 64, "messages": HELLO}


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    # Its own server, not the ``fake_anthropic`` fixture: that one fails a test whose
    # requests were refused, and refusing is the point here.
    with FakeAnthropic() as server:
        yield server


@pytest.fixture
def client(fake: FakeAnthropic) -> Iterator[Anthropic]:
    with Anthropic(base_url=fake.base_url, api_key="test-key", max_retries=0) as sdk:
        yield sdk


def text_block(text: str, cached: bool = False, kind: str = "ephemeral") -> dict[str, Any]:
    block: dict[str, Any] = {"type": "text", "text": text}
    if cached:
        block["cache_control"] = {"type": kind}
    return block


def json_format(schema: dict[str, Any] | None) -> dict[str, Any]:
    fmt: dict[str, Any] = {"type": "json_schema"}
    if schema is not None:
        fmt["schema"] = schema
    return {"format": fmt}


OPEN_OBJECT = {"type": "object", "properties": {"score": {"type": "integer"}},
               "required": ["score"]}
NESTED_OPEN = {"type": "object", "additionalProperties": False, "required": ["items"],
               "properties": {"items": {"type": "array", "items": OPEN_OBJECT}}}

MANY_OPTIONAL = {"type": "object", "additionalProperties": False, "required": [],
                 "properties": {f"p{i}": {"type": "string"} for i in range(25)}}
MANY_UNIONS = {"type": "object", "additionalProperties": False,
               "required": [f"p{i}" for i in range(17)],
               "properties": {f"p{i}": {"anyOf": [{"type": "string"}, {"type": "null"}]}
                              for i in range(17)}}

MALFORMED: dict[str, tuple[dict[str, Any], str]] = {
    "no max_tokens": ({"model": MODEL, "messages": HELLO}, "max_tokens: Field required"),
    "no model": ({"max_tokens": 64, "messages": HELLO}, "model: Field required"),
    "no messages": ({"model": MODEL, "max_tokens": 64}, "messages: Field required"),
    "empty messages": ({**GOOD, "messages": []}, "at least one message"),
    "first message from the assistant": (
        {**GOOD, "messages": [{"role": "assistant", "content": "Hi"}, *HELLO]},
        'first message must use the "user" role',
    ),
    "negative max_tokens": ({**GOOD, "max_tokens": -5}, "greater than or equal to 1"),
    "zero max_tokens": ({**GOOD, "max_tokens": 0}, "greater than or equal to 1"),
    "five cache breakpoints": (
        {**GOOD, "system": [text_block(f"part {i}", cached=True) for i in range(3)],
         "messages": [{"role": "user", "content": [text_block("a", True), text_block("b", True)]}]},
        "A maximum of 4 blocks with cache_control may be provided. Found 5.",
    ),
    "unknown cache_control type": (
        {**GOOD, "system": [text_block("context", cached=True, kind="persistent")]},
        "system.0.cache_control.type: Input should be 'ephemeral'",
    ),
    "json_schema without a schema": (
        {**GOOD, "output_config": json_format(None)},
        "output_config.format.schema: Field required",
    ),
    "an object without additionalProperties false": (
        {**GOOD, "output_config": json_format(OPEN_OBJECT)},
        "output_config.format.schema: For 'object' type, 'additionalProperties' must be",
    ),
    "a nested object without additionalProperties false": (
        {**GOOD, "output_config": json_format(NESTED_OPEN)},
        "output_config.format.schema.properties.items.items: For 'object' type",
    ),
    "25 optional parameters": (
        {**GOOD, "output_config": json_format(MANY_OPTIONAL)},
        "Schema is too complex for compilation: 25 optional parameters",
    ),
    "17 union-typed parameters": (
        {**GOOD, "output_config": json_format(MANY_UNIONS)},
        "Schema is too complex for compilation: 17 union-typed parameters",
    ),
}


def refused(call: Any) -> anthropic.APIStatusError:
    with pytest.raises(anthropic.APIStatusError) as caught:
        call()
    return caught.value


def assert_error_shape(error: anthropic.APIStatusError, status: int, kind: str,
                       message: str) -> None:
    assert error.status_code == status
    body = error.body
    assert isinstance(body, dict) and set(body) == {"type", "error", "request_id"}
    assert body["type"] == "error" and body["error"]["type"] == kind
    assert message in body["error"]["message"]
    assert body["request_id"] == error.request_id and body["request_id"].startswith("req_")


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_request_is_refused_as_the_api_would(
    fake: FakeAnthropic, client: Anthropic, case: str
) -> None:
    body, message = MALFORMED[case]
    fake.enqueue(reply("a scripted answer it must not reach"))
    error = refused(lambda: client.post("/v1/messages", cast_to=object, body=body))
    assert isinstance(error, anthropic.BadRequestError)
    assert_error_shape(error, 400, "invalid_request_error", message)
    assert fake.pending == 1  # refused before any scripted behaviour
    assert fake.refused and fake.refused[-1][2] == error.body["error"]["message"]  # type: ignore[index]


def test_the_sdk_call_path_is_refused_too(client: Anthropic) -> None:
    # Not only raw bodies: what ``messages.create`` sends is checked the same way.
    error = refused(lambda: client.messages.create(model=MODEL, max_tokens=-1, messages=HELLO))  # type: ignore[arg-type]
    assert_error_shape(error, 400, "invalid_request_error", "max_tokens")


def test_no_auth_header_is_401(fake: FakeAnthropic, client: Anthropic) -> None:
    error = refused(lambda: client.messages.create(
        **GOOD, extra_headers={"X-Api-Key": omit, "Authorization": omit}))
    assert isinstance(error, anthropic.AuthenticationError)
    assert_error_shape(error, 401, "authentication_error", "x-api-key header is required")
    assert "x-api-key" not in fake.headers[-1] and "authorization" not in fake.headers[-1]


def test_a_bearer_token_or_a_key_is_accepted(fake: FakeAnthropic) -> None:
    with Anthropic(base_url=fake.base_url, api_key=None, auth_token="tok", max_retries=0) as sdk:
        assert sdk.messages.create(**GOOD).content[0].type == "text"
    assert fake.headers[-1]["authorization"] == "Bearer tok"
    with Anthropic(base_url=fake.base_url, api_key="key", max_retries=0) as sdk:
        assert sdk.messages.create(**GOOD).stop_reason == "end_turn"
    assert fake.refused == []


class Point(BaseModel):
    label: str
    weight: int


class Shape(BaseModel):
    name: str
    points: list[Point]
    anchor: Point | None = None


def test_what_the_coach_sends_is_accepted(fake: FakeAnthropic, client: Anthropic) -> None:
    # The SDK's strict schema (what ``output_format=`` makes: nested objects closed) and a
    # cached system block, as ClaudeCoach sends them.
    schema = transform_schema(Shape)
    message = client.messages.create(
        **GOOD, system=[text_block("context", cached=True)],
        output_config={"format": {"type": "json_schema", "schema": schema}},  # type: ignore[typeddict-item]
    )
    Shape.model_validate_json(message.content[0].text)  # type: ignore[union-attr]
    assert fake.refused == []


def test_errors_carry_no_retry_after_unless_asked(fake: FakeAnthropic, client: Anthropic) -> None:
    # Without the header the SDK waits its own exponential backoff, as against the API.
    fake.enqueue(overloaded(), rate_limited(retry_after_ms=250))
    plain = refused(lambda: client.messages.create(**GOOD))
    assert plain.status_code == 529
    assert "retry-after" not in plain.response.headers
    assert "retry-after-ms" not in plain.response.headers
    asked = refused(lambda: client.messages.create(**GOOD))
    assert asked.status_code == 429
    assert asked.response.headers["retry-after-ms"] == "250"
    assert asked.response.headers["retry-after"] == "1"
    assert_error_shape(asked, 429, "rate_limit_error", "rate limit")


def test_the_cache_looks_back_twenty_blocks_from_a_breakpoint(
    fake: FakeAnthropic, client: Anthropic
) -> None:
    """A growing message marked at its end reads the prefix the shorter one wrote, when
    that prefix ends within 20 blocks of the new breakpoint; further back it is a miss."""
    system = [text_block("context " * 40, cached=True)]

    def usage(blocks: int) -> anthropic.types.Usage:
        content = [text_block(f"turn {i} " * 10) for i in range(blocks)]
        content[-1]["cache_control"] = {"type": "ephemeral"}
        message = client.messages.create(**{**GOOD, "system": system, "messages": [
            {"role": "user", "content": content}]})
        return message.usage

    first = usage(2)
    assert first.cache_read_input_tokens == 0
    grown = usage(5)  # three blocks more: the 2-block prefix is within reach
    assert grown.cache_read_input_tokens == first.cache_creation_input_tokens
    assert 0 < grown.cache_creation_input_tokens < first.cache_creation_input_tokens
    far = usage(5 + 21)  # 21 blocks past the last written prefix: only the system is found
    system_only = usage(1).cache_read_input_tokens
    assert far.cache_read_input_tokens == system_only
    assert fake.refused == []
