"""How many questions a session asks: a number changed with the arrow keys or a digit."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.events import Key
from textual.reactive import reactive
from textual.widget import Widget

from interview_tui.services.session_machine import DEFAULT_QUESTIONS, MAX_QUESTIONS, MIN_QUESTIONS


class QuestionCount(Widget, can_focus=True):
    """How many questions: ←/→ or −/+ change it, a digit sets it (0 means 10)."""

    DEFAULT_CSS = """
    QuestionCount { width: auto; height: 1; padding: 0 1; }
    QuestionCount:focus { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,plus,equals_sign", "step(1)", "More", show=False),
        Binding("left,minus", "step(-1)", "Fewer", show=False),
        Binding("down", "app.focus_next", "Next field", show=False),
        Binding("up", "app.focus_previous", "Previous field", show=False),
    ]

    value: reactive[int] = reactive(DEFAULT_QUESTIONS)

    def render(self) -> str:
        return f"◀ {self.value:>2} ▶"

    def validate_value(self, value: int) -> int:
        return min(max(value, MIN_QUESTIONS), MAX_QUESTIONS)

    def action_step(self, step: int) -> None:
        self.value += step

    def on_key(self, event: Key) -> None:
        if event.character is not None and event.character.isdigit():
            event.stop()
            digit = int(event.character)
            self.value = MAX_QUESTIONS if digit == 0 else digit
