"""What the coach is doing right now, with the text it has produced so far.

``stream`` may be called for every token: it only remembers the latest full text, and
a timer draws it a few times a second, so bursts never pile up in the message queue.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import LoadingIndicator, Static

REDRAW_SECONDS = 1 / 15


class CoachStatus(VerticalScroll, can_focus=False):
    """Hidden while idle; while busy a spinner, a label and the streamed text."""

    DEFAULT_CSS = """
    CoachStatus { height: auto; max-height: 9; display: none; padding: 0 1; }
    CoachStatus.-busy { display: block; }
    CoachStatus > Horizontal { height: 1; }
    CoachStatus LoadingIndicator { width: 6; height: 1; min-height: 1; }
    CoachStatus #activity { width: 1fr; color: $accent; }
    CoachStatus #stream { height: auto; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._latest = ""
        self._shown = ""

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield LoadingIndicator()
            yield Static("", id="activity")
        yield Static("", id="stream", markup=False)

    def on_mount(self) -> None:
        self._redraw = self.set_interval(REDRAW_SECONDS, self._draw, pause=True)

    @property
    def busy(self) -> bool:
        return self.has_class("-busy")

    def show(self, activity: str, hint: str = "esc to stop") -> None:
        """Busy with ``activity``; keeps any streamed text unless the activity changes."""
        label = Content(activity) + Content.from_markup(" [dim]($hint)[/]", hint=hint)
        self.query_one("#activity", Static).update(label)
        if not self.busy:
            self.add_class("-busy")
            self._redraw.resume()

    def stream(self, text: str) -> None:
        """The full text produced so far (not a delta)."""
        self._latest = text

    def hide(self) -> None:
        self.remove_class("-busy")
        self._redraw.pause()
        self.clear_stream()

    def clear_stream(self) -> None:
        self._latest = self._shown = ""
        self.query_one("#stream", Static).update("")

    def _draw(self) -> None:
        if self._latest == self._shown:
            return
        self._shown = self._latest
        self.query_one("#stream", Static).update(self._shown)
        self.scroll_end(animate=False)
