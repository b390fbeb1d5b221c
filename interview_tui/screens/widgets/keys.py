"""Key names for sentences such as "press ctrl+n for the next question", taken from the
bindings in force, so a key remapped in the config file shows its new name everywhere."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.screen import Screen

_NAMES = {"question_mark": "?", "slash": "/", "space": "space"}


def sentence_key(key: str) -> str:
    """A key as written in a sentence: "ctrl+n", "?" (the first, if there are several)."""
    first = key.split(",")[0].strip()
    return _NAMES.get(first, first)


def key_for(screen: Screen[Any], action: str) -> str:
    """How the key for ``action`` on ``screen`` is written in a sentence ("ctrl+n")."""
    app, app_action = screen.app, action.removeprefix("app.")
    for key, active in screen.active_bindings.items():
        bound = active.binding.action
        if bound == action or (active.node is app and bound == app_action):
            return sentence_key(key)
    # Not active right now: the key it is bound to all the same (config keymap first).
    for binding in Binding.make_bindings(getattr(screen, "BINDINGS", [])):
        if binding.action == action:
            keymap = screen.app._keymap  # Textual keeps no public view of it
            return sentence_key(keymap.get(binding.id, binding.key) if binding.id else binding.key)
    return action.replace("_", " ")


def press(screen: Screen[Any], *choices: tuple[str, str]) -> str:
    """'Press ctrl+r to retry, or ctrl+o to continue offline.' from (action, what) pairs."""
    parts = [f"{key_for(screen, action)} {what}" for action, what in choices]
    if not parts:
        return ""
    if len(parts) == 1:
        return f"Press {parts[0]}."
    return f"Press {', '.join(parts[:-1])}, or {parts[-1]}."
