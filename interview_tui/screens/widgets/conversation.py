"""The interview's scrolling conversation: the transcript, guidance and feedback."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget


class Conversation(VerticalScroll):
    """The scrolling transcript and feedback. Its one focus-dependent rule is its own
    tint (``InterviewScreen``'s CSS), so a focus change restyles this widget and
    repaints what it holds; Textual's default is a stylesheet pass over every widget
    inside (3-5 ms on each of the two focus changes of a question's review, growing
    with the session). A rule that styles its descendants by its focus would need the
    default back."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self], animate=True)
        for node in self.walk_children(Widget):
            node.refresh()  # their background is drawn over this one's tint
