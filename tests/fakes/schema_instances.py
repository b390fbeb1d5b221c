"""A valid, realistic-ish instance of any JSON schema: what the fake Messages API answers
with when no reply is scripted (objects, arrays, enums, refs, ranges)."""

from __future__ import annotations

import re
from typing import Any

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
