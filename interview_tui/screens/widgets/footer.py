"""The key bar at the bottom of every screen: one widget, one line of text.

Textual's Footer rebuilds a widget per key whenever a screen's bindings change (an
interview turn changes them two or three times), and each rebuild mounts widgets and
lays out the whole screen (bench/: ~15 ms each, on the path to the frame a user waits
for). This footer draws the same keys as one line of text: a change repaints one line.
Clicking a key presses it.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

_Key = tuple[str, str, str, bool]  # (key to press, key as shown, description, enabled)


class Footer(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description"}
    DEFAULT_CSS = """
    Footer {
        dock: bottom; height: 1; text-wrap: nowrap;
        color: $footer-foreground; background: $footer-background;
    }
    Footer > .footer--key { color: $footer-key-foreground; text-style: bold; }
    Footer > .footer--description { color: $footer-description-foreground; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[_Key, ...] = ()
        self._palette: _Key | None = None  # drawn on the right when there is room
        self._tail: tuple[_Key, ...] = ()  # the way out (escape, quit) and help: kept last
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) drawn, for clicks
        self.dropped: tuple[str, ...] = ()  # descriptions of keys that did not fit at last draw

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        keys, palette, tail = self._active_keys(screen)
        if (keys, palette, tail) != (self._keys, self._palette, self._tail):
            self._keys, self._palette, self._tail = keys, palette, tail
            self.refresh()

    def _active_keys(
        self, screen: Screen[Any]
    ) -> tuple[tuple[_Key, ...], _Key | None, tuple[_Key, ...]]:
        """The screen's keys, one entry per action in binding order; the command palette
        key; and the keys drawn last whatever else must go (escape's, quit, help)."""
        app = self.app
        seen: set[str] = set()
        keys: list[_Key] = []
        tail: list[_Key] = []
        palette: _Key | None = None
        for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = (key, app.get_key_display(binding), "palette", enabled)
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                entry = (key, app.get_key_display(binding), binding.description, enabled)
                way_out = key == "escape" or binding.action in ("quit", "help")
                (tail if way_out else keys).append(entry)
        return tuple(keys), palette, tuple(tail)

    def render(self) -> Content:
        key_style = self.get_visual_style("footer--key")
        text_style = self.get_visual_style("footer--description")
        width = self.size.width
        spans: list[tuple[int, int, str]] = []
        line = Content("")

        def piece_for(entry: _Key) -> Content:
            _key, shown, description, enabled = entry
            drawn = Content.assemble((f" {shown}", key_style), (f" {description} ", text_style))
            return drawn if enabled else drawn.stylize(Style(dim=True))

        # Whole keys only, in binding order. When they do not all fit, the screen's later
        # keys go first: the way out and help (which lists every key) stay at the end.
        tail = [(entry, piece_for(entry)) for entry in self._tail]
        room = width - sum(piece.cell_length for _, piece in tail)
        drawn = 0
        for entry in self._keys:
            piece = piece_for(entry)
            if line.cell_length + piece.cell_length > room:
                break
            spans.append((line.cell_length, line.cell_length + piece.cell_length, entry[0]))
            line += piece
            drawn += 1
        dropped = [description for _, _, description, _ in self._keys[drawn:]]
        for entry, piece in tail:
            if line.cell_length + piece.cell_length > width:
                dropped.append(entry[2])
                continue
            spans.append((line.cell_length, line.cell_length + piece.cell_length, entry[0]))
            line += piece
        self.dropped = tuple(dropped)
        if self._palette is not None:
            key, shown, description, _ = self._palette
            item = Content.assemble((f"{shown}", key_style), (f" {description} ", text_style))
            gap = width - line.cell_length - item.cell_length - 1
            if gap >= 0:
                spans.append((width - item.cell_length, width, key))
                line += Content(" " * gap + "│") + item
        self._spans = spans
        return line

    def on_click(self, event: Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
