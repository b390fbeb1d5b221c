"""What the real Messages API refuses, so the fake refuses it too.

A malformed request must fail a test, not pass silently because the fake is lenient.
``refusal_for`` returns the status, error type and message the real API answers with
(400 ``invalid_request_error``, 401 ``authentication_error``), or None for a request it
would accept. The checks cover what a client of this project could get wrong; messages
follow the API's wording (``field.path: what is wrong``).
"""

from __future__ import annotations

from typing import Any

MAX_CACHE_BREAKPOINTS = 4
CACHE_TYPES = {"ephemeral"}
CACHE_TTLS = {"5m", "1h"}

Refusal = tuple[int, str, str]


def _invalid(message: str) -> Refusal:
    return 400, "invalid_request_error", message


def auth_refusal(headers: dict[str, str]) -> Refusal | None:
    """401 without an ``x-api-key`` or an ``authorization: Bearer`` token."""
    key = headers.get("x-api-key", "").strip()
    bearer = headers.get("authorization", "")
    if not key and not (bearer.lower().startswith("bearer ") and bearer[7:].strip()):
        return 401, "authentication_error", "x-api-key header is required"
    if not headers.get("anthropic-version"):
        return _invalid("anthropic-version: header is required")
    return None


def _blocks(body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every content block that may carry ``cache_control``, with its path."""
    found: list[tuple[str, dict[str, Any]]] = []
    for i, tool in enumerate(body.get("tools") or []):
        if isinstance(tool, dict):
            found.append((f"tools.{i}", tool))
    system = body.get("system")
    if isinstance(system, list):
        found += [(f"system.{i}", b) for i, b in enumerate(system) if isinstance(b, dict)]
    for i, message in enumerate(body.get("messages") or []):
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, list):
            found += [(f"messages.{i}.content.{j}", b) for j, b in enumerate(content)
                      if isinstance(b, dict)]
    return found


def _cache_refusal(body: dict[str, Any]) -> Refusal | None:
    marked = [(path, block["cache_control"]) for path, block in _blocks(body)
              if block.get("cache_control") is not None]
    for path, control in marked:
        kind = control.get("type") if isinstance(control, dict) else None
        if kind not in CACHE_TYPES:
            return _invalid(f"{path}.cache_control.type: Input should be 'ephemeral'")
        if "ttl" in control and control["ttl"] not in CACHE_TTLS:
            return _invalid(f"{path}.cache_control.ttl: Input should be '5m' or '1h'")
    if len(marked) > MAX_CACHE_BREAKPOINTS:
        return _invalid(f"A maximum of {MAX_CACHE_BREAKPOINTS} blocks with cache_control "
                        f"may be provided. Found {len(marked)}.")
    return None


def _open_object(schema: Any, path: str) -> str | None:
    """The path of the first object schema that does not set ``additionalProperties: false``."""
    if isinstance(schema, list):
        for i, item in enumerate(schema):
            found = _open_object(item, f"{path}.{i}")
            if found:
                return found
        return None
    if not isinstance(schema, dict):
        return None
    kind = schema.get("type")
    is_object = kind == "object" or (isinstance(kind, list) and "object" in kind)
    if (is_object or "properties" in schema) and schema.get("additionalProperties") is not False:
        return path
    for key in ("properties", "$defs", "definitions"):
        for name, sub in (schema.get(key) or {}).items():
            found = _open_object(sub, f"{path}.{key}.{name}")
            if found:
                return found
    for key in ("items", "anyOf", "oneOf", "allOf", "prefixItems"):
        if key in schema:
            found = _open_object(schema[key], f"{path}.{key}")
            if found:
                return found
    return None


# The structured outputs docs' limits per request, over all its strict schemas.
MAX_OPTIONAL_PARAMETERS = 24
MAX_UNION_PARAMETERS = 16


def _parameters(schema: Any) -> tuple[int, int]:
    """(optional properties, properties typed as a union) in a schema, nested included."""
    optional = unions = 0
    if isinstance(schema, list):
        for item in schema:
            o, u = _parameters(item)
            optional, unions = optional + o, unions + u
        return optional, unions
    if not isinstance(schema, dict):
        return 0, 0
    props = schema.get("properties") or {}
    required = set(schema.get("required") or [])
    optional += sum(1 for name in props if name not in required)
    unions += sum(1 for p in props.values() if isinstance(p, dict)
                  and ("anyOf" in p or isinstance(p.get("type"), list)))
    for value in [*props.values(), *(schema.get("$defs") or {}).values(),
                  *(schema[k] for k in ("items", "anyOf") if k in schema)]:
        o, u = _parameters(value)
        optional, unions = optional + o, unions + u
    return optional, unions


def _format_refusal(body: dict[str, Any]) -> Refusal | None:
    config = body.get("output_config")
    if config is None:
        return None
    if not isinstance(config, dict):
        return _invalid("output_config: Input should be a valid dictionary")
    fmt = config.get("format")
    if fmt is None:
        return None
    if not isinstance(fmt, dict) or fmt.get("type") != "json_schema":
        return _invalid("output_config.format.type: Input should be 'json_schema'")
    schema = fmt.get("schema")
    if not isinstance(schema, dict):
        return _invalid("output_config.format.schema: Field required")
    where = _open_object(schema, "output_config.format.schema")
    if where:
        return _invalid(f"{where}: For 'object' type, 'additionalProperties' must be "
                        "explicitly set to false")
    optional, unions = _parameters(schema)
    if optional > MAX_OPTIONAL_PARAMETERS:
        return _invalid(f"Schema is too complex for compilation: {optional} optional "
                        f"parameters (at most {MAX_OPTIONAL_PARAMETERS})")
    if unions > MAX_UNION_PARAMETERS:
        return _invalid(f"Schema is too complex for compilation: {unions} union-typed "
                        f"parameters (at most {MAX_UNION_PARAMETERS})")
    return None


def _messages_refusal(body: dict[str, Any]) -> Refusal | None:
    messages = body.get("messages")
    if messages is None:
        return _invalid("messages: Field required")
    if not isinstance(messages, list):
        return _invalid("messages: Input should be a valid list")
    if not messages:
        return _invalid("messages: at least one message is required")
    for i, message in enumerate(messages):
        role = message.get("role") if isinstance(message, dict) else None
        if role not in ("user", "assistant"):
            return _invalid(f"messages.{i}.role: Input should be 'user' or 'assistant'")
        content = message.get("content")
        if content is None:
            return _invalid(f"messages.{i}.content: Field required")
        if content == "" or content == []:
            return _invalid(f"messages.{i}: all messages must have non-empty content")
    if messages[0]["role"] != "user":
        return _invalid('messages: first message must use the "user" role')
    return None


def refusal_for(body: Any, headers: dict[str, str]) -> Refusal | None:
    """The real API's answer to a request it refuses, or None. ``headers`` are lower-case."""
    refused = auth_refusal(headers)
    if refused:
        return refused
    if not isinstance(body, dict):
        return _invalid("Request body must be a JSON object")
    if not body.get("model"):
        return _invalid("model: Field required")
    if "max_tokens" not in body:
        return _invalid("max_tokens: Field required")
    max_tokens = body["max_tokens"]
    if not isinstance(max_tokens, int) or isinstance(max_tokens, bool):
        return _invalid("max_tokens: Input should be a valid integer")
    if max_tokens < 1:
        return _invalid("max_tokens: Input should be greater than or equal to 1")
    return _messages_refusal(body) or _cache_refusal(body) or _format_refusal(body)
