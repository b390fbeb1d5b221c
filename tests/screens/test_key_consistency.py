"""One key for one idea: the editors' clear key is the same everywhere and means nothing else."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import interview_tui.screens

CLEAR_ACTIONS = {"clear", "clear_answer"}  # empty an editor (the interview's answer, a pitch)


def _bindings() -> list[tuple[str, Binding]]:
    found: list[tuple[str, Binding]] = []
    for info in pkgutil.walk_packages(interview_tui.screens.__path__, "interview_tui.screens."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != info.name or not issubclass(cls, DOMNode):
                continue
            found += [(f"{name}", b) for b in cls.BINDINGS if isinstance(b, Binding)]
    return found


def test_clear_is_ctrl_l_in_every_editor_and_ctrl_l_only_clears() -> None:
    bindings = _bindings()
    clears = [(owner, b.key) for owner, b in bindings if b.action in CLEAR_ACTIONS]
    assert {owner for owner, _ in clears} >= {"InterviewScreen", "PitchScreen"}
    assert {key for _, key in clears} == {"ctrl+l"}, clears
    other = [(owner, b.action) for owner, b in bindings
             if "ctrl+l" in b.key.split(",") and b.action not in CLEAR_ACTIONS]
    assert other == []


def test_the_offline_coach_key_of_the_interview_is_the_pitch_trainers() -> None:
    keys = {owner: b.key for owner, b in _bindings() if b.action == "offline"}
    assert keys["InterviewScreen"] == keys["PitchScreen"] == "ctrl+o"
    assert keys["DebriefScreen"] == "ctrl+b"  # its ctrl+o imports the transcript, as in forms
