"""Updating a ``Static`` only when what it shows changes.

``Static.update`` repaints the widget and, unless told otherwise, lays out the whole
screen again: ~10-15 ms on the interview screen, several times a turn (bench/).
"""

from __future__ import annotations

from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Static


def _same(a: VisualType, b: VisualType) -> bool:
    if isinstance(a, Content) and isinstance(b, Content):
        return a.plain == b.plain and a.spans == b.spans  # Content.__eq__ ignores styles
    return type(a) is type(b) and a == b


def set_text(static: Static, content: VisualType, *, layout: bool = True) -> None:
    """Show ``content`` in ``static`` unless it already does.

    ``layout=False`` skips the layout: only for labels whose size never depends on their
    text (a fixed height and width, or one line that is cut with an ellipsis).
    """
    if not _same(static.content, content):
        static.update(content, layout=layout)
