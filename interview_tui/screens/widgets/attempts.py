"""Every attempt at one question side by side: when, how, score, level, the answer."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from interview_tui.screens.widgets.format import SCORE_COLORS, local_time, score_style
from interview_tui.services.catalog import SESSION_MODES
from interview_tui.services.redo import Attempt

SHOWN = 4  # columns: the first attempt and the latest ones
ANSWER_CHARS = 400


def attempts_line(attempts: list[Attempt]) -> str:
    """'3 attempts: 4 → 6 → 9 (+5 since the first)'."""
    scores = [a.score for a in attempts if a.score is not None]
    line = f"{len(attempts)} attempts: " + " → ".join(
        str(a.score) if a.score is not None else "…" for a in attempts)
    if len(scores) > 1:
        line += f" ({scores[-1] - scores[0]:+d} since the first)"
    return line


def attempts_table(attempts: list[Attempt]) -> Table:
    shown = attempts if len(attempts) <= SHOWN else [attempts[0], *attempts[-(SHOWN - 1):]]
    table = Table(expand=True, show_lines=False, title=attempts_line(attempts),
                  title_justify="left", title_style="bold")
    for attempt in shown:
        number = attempts.index(attempt) + 1
        table.add_column(f"#{number} · {local_time(attempt.asked_at)}", ratio=1)
    table.add_row(*(Text(SESSION_MODES.get(a.mode, a.mode), style="dim") for a in shown))
    table.add_row(*(
        Text(f"{a.score}/10 · {a.level}", style=f"bold {SCORE_COLORS[score_style(a.score)]}")
        if a.score is not None else Text("not scored yet", style="dim")
        for a in shown
    ))
    table.add_row(*(
        Text(a.answer[:ANSWER_CHARS] + ("…" if len(a.answer) > ANSWER_CHARS else ""))
        if a.answer else Text("(no answer)", style="dim")
        for a in shown
    ))
    return table


class AttemptsPanel(Static):
    DEFAULT_CSS = """
    AttemptsPanel { height: auto; margin: 1 0; }
    """

    attempts: list[Attempt] = []

    def show(self, attempts: list[Attempt]) -> None:
        self.attempts = attempts
        self.display = len(attempts) > 1
        if attempts:
            self.update(attempts_table(attempts))
