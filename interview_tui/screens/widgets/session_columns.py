"""The history table's columns fitted to the terminal's width.

Each column has a long and a short form. The widest layout whose "Company · Role"
column still has room is chosen, the fixed columns are as wide as what they hold (not
a guess), and the rest of the width goes to "Company · Role". When that column is
narrow, company and role are both shortened, the role in its middle, so two
applications at one company never look the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from interview_tui import clock
from interview_tui.screens.widgets.format import difficulty_label, local_time
from interview_tui.services.catalog import SHORT_STAGES
from interview_tui.services.history import SessionRow
from interview_tui.services.session_machine import State

WHO_LABEL = "Company · Role"
WHO_COMFORT = 36  # "Company · Role" gets at least this much before other columns shrink
WHO_DROP_BELOW = 24  # ... and the difficulty column goes when it has less than this
WHO_MIN = 14
SCORE_WIDTH = 5
# The order in which columns take their short form when the table is narrow; last of
# all the difficulty column goes (search still finds it, review shows it).
SHRINK_ORDER = ("date", "difficulty", "stage", "result")
NEARLY_LOSSLESS = ("date", "difficulty")
DROPPABLE = "difficulty"
ORDER = ("date", "who", "stage", "difficulty", "score", "result")
LABELS = {
    "date": ("Date", "Date"),
    "stage": ("Stage", "Stage"),
    "difficulty": ("Difficulty", "Diff."),
    "score": ("Score", "Score"),
    "result": ("Result", "Result"),
}


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` with an ellipsis."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def fit_middle(text: str, width: int) -> str:
    """``text`` cut in its middle ("Senior Back…ents Platform"): the end often tells
    two similar names apart."""
    if len(text) <= width:
        return text
    if width < 8:
        return fit(text, width)
    head = width // 2
    tail = width - 1 - head
    return text[:head].rstrip() + "…" + text[len(text) - tail:].lstrip()


def who(company: str, role: str, width: int) -> str:
    """"Company · Role" in ``width`` cells; the role keeps the larger share."""
    full = f"{company} · {role}"
    if len(full) <= width:
        return full
    room = width - 3  # " · "
    company_room = min(len(company), max(room // 3, 6))
    role_room = room - company_room
    if role_room > len(role):  # a short role leaves the company more room
        company_room += role_room - len(role)
        role_room = len(role)
    return f"{fit(company, company_room)} · {fit_middle(role, role_room)}"


def date_text(value: datetime, *, long: bool, now: datetime | None = None) -> str:
    """Local date and time; the short form drops the year for this year's dates
    ("30 Nov 14:05"), so the time stays in a narrow table."""
    if long:
        return local_time(value)
    local = value.replace(tzinfo=UTC).astimezone()
    this_year = (now or clock.now().replace(tzinfo=UTC).astimezone()).year
    return local.strftime("%d %b %H:%M") if local.year == this_year else local.strftime("%Y-%m-%d")


def result_text(row: SessionRow, *, long: bool) -> str:
    """Readiness, how the session ended, or how far an unfinished one got."""
    if row.overall_score is not None and row.state == State.COMPLETED:
        return row.readiness or ""
    if row.is_finished:
        return row.state_label
    where = row.how_far(short=True)
    if long:
        return f"{row.state_label} · {where}"
    return where.capitalize() if not where.startswith("Q") else f"Open · {where}"


def stage_text(row: SessionRow, *, long: bool) -> str:
    return row.stage_label if long else SHORT_STAGES.get(row.stage, row.stage_label)


@dataclass(frozen=True)
class Layout:
    """Which columns are in their long form, and the width of every column shown."""

    long: frozenset[str]
    widths: dict[str, int]

    def is_long(self, key: str) -> bool:
        return key in self.long

    @property
    def keys(self) -> list[str]:
        """The columns shown, in display order."""
        return [key for key in ORDER if key in self.widths]

    def columns(self) -> list[tuple[str, str, int]]:
        """(key, label, width) in display order."""
        labels = {key: LABELS[key][0 if self.is_long(key) else 1] for key in LABELS}
        labels["who"] = WHO_LABEL
        return [(key, labels[key], self.widths[key]) for key in self.keys]


def _content_width(key: str, rows: Sequence[SessionRow], long: bool) -> int:
    label = LABELS[key][0 if long else 1]
    if key == "score":
        return max(len(label), SCORE_WIDTH)
    if key == "date":
        sample = datetime(2026, 12, 31, 23, 59)  # every date has the same length per form
        return max(len(label), len(date_text(sample, long=long, now=sample)))
    if key == "stage":
        values = [stage_text(row, long=long) for row in rows]
    elif key == "difficulty":
        values = [difficulty_label(row.difficulty) for row in rows]
    else:
        values = [result_text(row, long=long) for row in rows]
    return max([len(label), *map(len, values)])


def layout(rows: Sequence[SessionRow], available: int, padding: int) -> Layout:
    """The widest layout that fits ``available`` cells; ``padding`` is a column's two
    sides of cell padding."""
    who_need = max([len(WHO_LABEL), *(len(f"{r.company} · {r.role}") for r in rows)])
    long, shown = set(LABELS), set(LABELS)

    def attempt() -> tuple[Layout, int]:
        widths = {key: _content_width(key, rows, key in long) for key in shown}
        room = available - sum(widths.values()) - padding * (len(widths) + 1)
        return Layout(frozenset(long), {**widths, "who": max(room, WHO_MIN)}), room

    chosen, room = attempt()
    for step in SHRINK_ORDER:
        # The short date (no year for this year's) and "Diff." lose next to nothing:
        # take them whenever the names would be cut; the others only when cramped.
        enough = who_need if step in NEARLY_LOSSLESS else min(who_need, WHO_COMFORT)
        if room >= enough:
            break
        long.discard(step)
        chosen, room = attempt()
    else:
        if room < min(who_need, WHO_DROP_BELOW):
            shown.discard(DROPPABLE)
            chosen, room = attempt()
    # Room to spare once the names fit: give a short form back rather than leave it empty.
    for step in NEARLY_LOSSLESS:
        if step not in long and room > who_need:
            long.add(step)
            wider, wider_room = attempt()
            if wider_room >= who_need:
                chosen, room = wider, wider_room
            else:
                long.discard(step)
    return chosen
