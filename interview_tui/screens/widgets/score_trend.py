"""A small bar chart of completed sessions' scores, oldest to newest."""

from __future__ import annotations

from statistics import fmean

from rich.text import Text
from textual.widget import Widget

from interview_tui.screens.widgets.format import SCORE_COLORS, score_style


class ScoreTrend(Widget):
    """Completed sessions' scores on a fixed 0–10 scale, oldest left, newest right,
    with the count, min, max, mean and last score above. Sessions are averaged into
    buckets when there are more of them than columns."""

    DEFAULT_CSS = """
    ScoreTrend { height: 4; padding: 0 1; }
    """
    BARS = " ▁▂▃▄▅▆▇█"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._scores: list[float] = []
        self._caption = ""
        self._empty = ""
        self._total: int | None = None

    def show(
        self, scores: list[float], caption: str = "", empty: str = "", total: int | None = None
    ) -> None:
        """Chart ``scores`` (oldest first); ``caption`` names the filter in force and
        ``empty`` is said when there is no score to chart. ``total``: how many sessions
        the scores stand for, when each is already the mean of a run of them."""
        self._scores = scores
        self._total = total
        self._caption = caption
        self._empty = empty or "No completed session yet: finish one to see your trend."
        self.refresh()

    def render(self) -> Text:
        scores = self._scores
        width = max(self.size.width - 2, 1)  # inside the padding
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append("Score trend", style="bold")
        if self._caption:
            out.append(f" ({self._caption})", style="bold")
        if not scores:
            out.append(f"\n  {self._empty}", style="dim")
            return out
        # The caption says as much as fits on one line.
        parts = [
            f"{self._total if self._total is not None else len(scores):,} completed",
            f"min {min(scores):.1f}",
            f"max {max(scores):.1f}",
            f"last {scores[-1]:.1f}",
            f"mean {fmean(scores):.1f}",
            "oldest → newest",
        ]
        line = ""
        for part in parts:
            candidate = f"{line} · {part}" if line else f"  {part}"
            if out.cell_len + len(candidate) > width:
                break
            line = candidate
        out.append(line)
        bars, gap = self._columns(scores, max(width - 4, 1))  # "10 ┤" takes 4
        rows = max(self.size.height - 1, 1)  # below the caption
        levels = rows * 8
        for row in range(rows - 1, -1, -1):
            axis = {rows - 1: "10 ┤", 0: " 0 ┤"}.get(row, "   │")
            out.append("\n" + axis, style="dim")
            for value in bars:
                filled = max(1, round(value / 10 * levels)) - row * 8
                char = self.BARS[min(max(filled, 0), 8)]
                out.append(char, style=SCORE_COLORS[score_style(value)])
                if gap:
                    out.append(" ")
        return out

    @staticmethod
    def _columns(scores: list[float], width: int) -> tuple[list[float], bool]:
        """One bar per session (spaced out when there is room), or bucket means."""
        if len(scores) * 2 <= width:
            return scores, True
        if len(scores) <= width:
            return scores, False
        step = len(scores) / width
        return [
            fmean(scores[int(i * step): max(int((i + 1) * step), int(i * step) + 1)])
            for i in range(width)
        ], False
