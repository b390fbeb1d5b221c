"""What the coach is doing right now, with the text it has produced so far.

``stream`` may be called for every token: it only remembers the latest full text, and
a timer draws it a few times a second, so bursts never pile up in the message queue.
The streamed text shows its last lines in a fixed height, so drawing it only repaints
those lines and never lays out the screen again. The spinner moves on the same timer (a
``LoadingIndicator`` has its own, at 16 Hz): one frame a redraw instead of two timers'
frames interleaved, so a result that arrives finds the screen's frame clock free more
often (Textual paints at most one frame per 1/60 s).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import LoadingIndicator, Static

from interview_tui.screens.widgets.text_update import set_text

REDRAW_SECONDS = 1 / 15


class StreamTail(Widget):
    """The last lines of a growing text that fit the widget's fixed height."""

    DEFAULT_CSS = "StreamTail { height: 5; color: $text-muted; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""

    def show(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.refresh()

    def render(self) -> Content:
        content = Content(self.text)
        width, height = self.content_size
        if width <= 0 or height <= 0:
            return content
        return Content("\n").join(content.wrap(width)[-height:])


class Spinner(LoadingIndicator):
    """Textual's loading indicator, animated by ``CoachStatus``'s redraw timer."""

    def on_mount(self) -> None:
        self.auto_refresh = None  # after LoadingIndicator's own mount handler set it


class CoachStatus(Vertical, can_focus=False):
    """Hidden while idle; while busy a spinner, a label and the streamed text."""

    DEFAULT_CSS = """
    CoachStatus { height: auto; display: none; padding: 0 1; }
    CoachStatus > Horizontal { height: 1; }
    CoachStatus LoadingIndicator { width: 6; height: 1; min-height: 1; }
    CoachStatus #activity { width: 1fr; color: $accent; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._latest = ""  # the newest text; the tail shows it at the next redraw

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Spinner()
            yield Static("", id="activity")
        yield StreamTail(id="stream")

    def on_mount(self) -> None:
        self._redraw = self.set_interval(REDRAW_SECONDS, self._draw, pause=True)

    @property
    def busy(self) -> bool:
        return self.display

    def show(self, activity: str, hint: str = "esc to stop") -> None:
        """Busy with ``activity``; keeps any streamed text unless the activity changes."""
        label = Content(activity) + Content.from_markup(" [dim]($hint)[/]", hint=hint)
        set_text(self.query_one("#activity", Static), label, layout=False)
        if not self.busy:
            self.display = True  # an inline style: no stylesheet pass over the screen
            self._redraw.resume()

    def stream(self, text: str) -> None:
        """The full text produced so far (not a delta)."""
        self._latest = text

    def hide(self) -> None:
        self.display = False
        self._redraw.pause()
        self.clear_stream()

    def clear_stream(self) -> None:
        self._latest = ""
        self.query_one(StreamTail).show("")

    def _draw(self) -> None:
        self.query_one(Spinner).refresh()
        self.query_one(StreamTail).show(self._latest)  # a no-op when nothing is new
