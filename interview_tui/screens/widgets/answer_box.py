"""The answer editor of a live interview, with its meter and clock.

A multi-line ``TextArea`` (Enter makes a new line) and one line under it: word count,
estimated speaking time at 140 WPM, time spent on this answer and an optional
countdown. It knows nothing about sessions: when typing pauses with text that differs
from the last saved draft it posts ``AnswerBox.Paused``, and the screen decides what
to store.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static, TextArea

from interview_tui.screens.widgets.text_update import set_text
from interview_tui.services.text import (
    MAX_ANSWER_CHARS,
    answer_length,
    format_duration,
    speaking_seconds,
    word_count,
)

DRAFT_DEBOUNCE_SECONDS = 0.8  # ``Paused`` comes this long after the last keystroke
COUNTDOWN_SECONDS = 120
# Code points that join emoji into one picture (variation selector 16, zero-width joiner,
# skin tones). Terminals disagree on how wide the result is, so the line ends up wider or
# narrower than Textual drew it and the editor's right border breaks. Without them each
# emoji has one width everywhere ("❤️" becomes "❤", a family its three people).
EMOJI_JOINERS = re.compile("[\ufe0f\u200d\U0001f3fb-\U0001f3ff]")


class AnswerBox(Vertical):
    """Editor, meter, clock and countdown for one answer at a time."""

    DEFAULT_CSS = """
    AnswerBox { height: 2fr; min-height: 6; }
    AnswerBox > TextArea { height: 1fr; min-height: 5; }
    AnswerBox > #meter { height: 1; padding: 0 1; color: $text-muted; }
    AnswerBox > #meter.-over { color: $warning; }
    """

    class Paused(Message):
        """Typing paused and the text differs from the last saved draft."""

        def __init__(self, text: str, seconds: float) -> None:
            super().__init__()
            self.text = text
            self.seconds = seconds

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.editor = TextArea(
            id="answer",
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            placeholder="Type your answer. Enter starts a new line; ctrl+s submits.",
        )
        self._saved = ""  # the text last stored (or loaded) as the draft
        self._clock_base = 0.0
        self._clock_start = time.monotonic()
        self._countdown_start: float | None = None
        self._told_times_up = False
        self._pause_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield self.editor
        yield Static("", id="meter")

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)
        self.refresh_meter()

    # ----- public API -----------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.editor.text

    def load(self, text: str, seconds: float = 0.0) -> None:
        """A new prompt: ``text`` (its stored draft, or nothing) in the editor and the
        clock restarted at ``seconds`` already spent. A running countdown restarts."""
        self.cancel_pause()
        self._saved = text
        self.editor.load_text(text)
        self.editor.move_cursor(self.editor.document.end)
        self._clock_base = seconds
        self._clock_start = time.monotonic()
        if self._countdown_start is not None:
            self._countdown_start = time.monotonic()
        self._told_times_up = False
        self.refresh_meter()

    def seconds_spent(self) -> float:
        """Time spent on this answer, including time before a restart."""
        return self._clock_base + time.monotonic() - self._clock_start

    def unsaved(self) -> str | None:
        """The editor text when it differs from the last saved draft."""
        return None if self.text == self._saved else self.text

    def mark_saved(self, text: str) -> None:
        self._saved = text

    def cancel_pause(self) -> None:
        """Forget a pending ``Paused`` (the answer was submitted or discarded)."""
        if self._pause_timer is not None:
            self._pause_timer.stop()
            self._pause_timer = None

    def select_all(self) -> None:
        """Select the whole answer (to copy it, or to type over it)."""
        self.editor.focus()
        self.editor.select_all()

    def clear(self) -> None:
        """Empty the editor as one edit (ctrl+z brings the text back) and report the
        empty draft straight away, so a crash now does not restore the cleared text."""
        self.editor.focus()
        self.editor.clear()
        self.refresh_meter()
        self.cancel_pause()
        if self._saved:
            self.post_message(self.Paused("", self.seconds_spent()))

    def toggle_countdown(self) -> bool:
        """Start or stop the countdown; True when it now runs."""
        if self._countdown_start is None:
            self._countdown_start = time.monotonic()
            self._told_times_up = False
        else:
            self._countdown_start = None
        self.refresh_meter()
        return self._countdown_start is not None

    def after_typing(self, action: Callable[[], object]) -> None:
        """Run ``action`` once the editor has handled every key typed before now.

        Priority bindings jump the queue: without this, ``ctrl+s`` pressed straight
        after fast typing (or a paste) would read the editor before its last keys.
        """
        self.editor.call_later(action)

    def refresh_meter(self) -> None:
        text = self.text
        words = word_count(text)
        parts = [
            f"{words} word{'s' if words != 1 else ''}",
            f"~{format_duration(speaking_seconds(text))} spoken",
            f"{format_duration(self.seconds_spent())} on this answer",
        ]
        left = self._countdown_left()
        if left is not None:
            parts.append(f"⏱ {format_duration(left)} left" if left > 0 else "⏱ time's up")
        # Counted as the limit counts it, so the meter and the refusal give one number.
        length = answer_length(text) if len(text) > MAX_ANSWER_CHARS * 0.9 else len(text)
        if length > MAX_ANSWER_CHARS * 0.9:
            parts.append(f"{length:,}/{MAX_ANSWER_CHARS:,} characters")
        meter = self.query_one("#meter", Static)
        set_text(meter, " · ".join(parts), layout=False)  # one line: height 1
        over = length > MAX_ANSWER_CHARS or (left is not None and left <= 0)
        meter.set_class(over, "-over")

    # ----- internals ----------------------------------------------------------------

    def _countdown_left(self) -> float | None:
        if self._countdown_start is None:
            return None
        return COUNTDOWN_SECONDS - (time.monotonic() - self._countdown_start)

    def _tick(self) -> None:
        if not self.display:
            return
        self.refresh_meter()
        left = self._countdown_left()
        if left is not None and left <= 0 and not self._told_times_up:
            self._told_times_up = True
            self.notify(
                "That is a long spoken answer. Wrap up, then press ctrl+s when ready.",
                title="Time's up",
                severity="warning",
            )

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if EMOJI_JOINERS.search(self.editor.text):
            self._drop_emoji_joiners()
            return  # the edit posts its own Changed
        self.refresh_meter()
        self.cancel_pause()
        if self.text != self._saved:
            self._pause_timer = self.set_timer(DRAFT_DEBOUNCE_SECONDS, self._paused)

    def _drop_emoji_joiners(self) -> None:
        """Remove ``EMOJI_JOINERS`` from the lines that have them, cursor kept in place."""
        editor = self.editor
        row, column = editor.cursor_location
        lines = list(editor.document.lines)
        for index, line in enumerate(lines):
            if EMOJI_JOINERS.search(line):
                editor.replace(EMOJI_JOINERS.sub("", line), (index, 0), (index, len(line)))
        if row < len(lines):
            editor.move_cursor((row, len(EMOJI_JOINERS.sub("", lines[row][:column]))))

    def _paused(self) -> None:
        self._pause_timer = None
        if self.text != self._saved:
            self.post_message(self.Paused(self.text, self.seconds_spent()))
