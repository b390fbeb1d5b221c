"""Readable prose from a partial JSON object, for showing structured output as it streams.

A structured reply arrives as JSON text cut at any point (mid-key, mid-string, mid-escape).
``readable_preview`` turns whatever has arrived into labelled prose, for example::

    Assessment: Clear situation, but the result was vague.
    What landed:
    - Named the stakeholders
    - Explained the trade-off

It never raises: text that is not JSON at all is returned as it is.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import from_json

_LABELS = {
    "what_didnt": "What didn't land",
    "follow_up_questions": "Follow-up questions",
    "text": "Question",
}


def _label(key: str) -> str:
    return _LABELS.get(key) or key.replace("_", " ").strip().capitalize()


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip()


def _lines(value: Any, indent: str = "") -> list[str]:
    """Lines for the fields of an object (or the items of a list) at ``indent``."""
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if item is None or item == "" or item == [] or item == {}:
                continue
            if isinstance(item, dict | list):
                # a list's items sit under its label; an object's fields are indented
                nested = _lines(item, indent if isinstance(item, list) else indent + "  ")
                if nested:
                    out.append(f"{indent}{_label(str(key))}:")
                    out.extend(nested)
            else:
                out.append(f"{indent}{_label(str(key))}: {_scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict | list):
                nested = _lines(item, indent + "  ")
                if nested:
                    out.append(f"{indent}- {nested[0].strip()}")
                    out.extend(nested[1:])
            elif item is not None and item != "":
                out.append(f"{indent}- {_scalar(item)}")
    elif value is not None and value != "":
        out.append(f"{indent}{_scalar(value)}")
    return out


def readable_preview(partial_json: str, field: str | None = None) -> str:
    """The readable text so far of a (possibly truncated) JSON object; with ``field``,
    of that field of it only (a reply whose other fields are for other tasks)."""
    start = next((i for i, ch in enumerate(partial_json) if ch in "{["), -1)
    if start < 0:
        return "" if field else partial_json.strip()  # prose, or nothing yet
    try:
        value = from_json(partial_json[start:], allow_partial="trailing-strings")
    except Exception:  # bad JSON or too deep: a preview must never break a stream
        return ""
    if field is not None:
        value = value.get(field) if isinstance(value, dict) else None
    return "\n".join(_lines(value))
