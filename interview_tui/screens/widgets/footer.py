"""A Footer that rebuilds at most once per refresh, however often bindings change.

Textual's Footer recomposes on every ``refresh_bindings()``; one interview turn calls it a
dozen times (state, banner, focus), and each recompose costs a full layout. Coalescing
them keeps a turn's UI overhead low.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _rebuild_pending = False
    _shown: tuple[object, ...] | None = None  # what the keys on screen were built from

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        shown = self._signature()
        if shown == self._shown:
            return  # the same keys: fresh widgets would only cost a render
        self._shown = shown
        await self.recompose()
        self._drop_dead_watchers()

    def _signature(self) -> tuple[object, ...]:
        return tuple(
            (b.key, b.action, b.description, b.key_display, b.group, enabled, tooltip)
            for _, b, enabled, tooltip in self.screen.active_bindings.values()
            if b.show
        )

    def _drop_dead_watchers(self) -> None:
        """Forget the watchers that removed keys left on the footer.

        Each key binds ``compact`` to the footer (``data_bind``); Textual keeps that watcher
        after the key is removed, so every rebuild leaks a screenful of dead widgets and
        full garbage collections grow frequent and slow.
        """
        watchers: dict[str, list] = getattr(self, "__watchers", {})
        for entries in watchers.values():
            entries[:] = [(node, cb) for node, cb in entries if node is self or node.is_attached]
