"""A one-line choice among a few named options (stage, difficulty, persona)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import RadioButton, RadioSet


class ChoiceSet(RadioSet):
    """A one-line RadioSet: ←/→ choose an option at once, ↑/↓ move to the next field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "choose(1)", "Next option", show=False),
        Binding("left", "choose(-1)", "Previous option", show=False),
        Binding("down", "app.focus_next", "Next field", show=False),
        Binding("up", "app.focus_previous", "Previous field", show=False),
    ]

    def action_choose(self, step: int) -> None:
        if step > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        if self._selected is not None:
            button = self.children[self._selected]
            if isinstance(button, RadioButton) and not button.value:
                button.value = True

    @property
    def chosen(self) -> str | None:
        button = self.pressed_button
        return button.name if button is not None else None

    def choose_name(self, name: str) -> None:
        for button in self.query(RadioButton):
            if button.name == name:
                button.value = True
