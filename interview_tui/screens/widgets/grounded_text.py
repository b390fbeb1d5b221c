"""Generated text shown with the grounding check beside it: the claims found in none of
the candidate's sources, and the key that writes the text again."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.widgets import Static


class GroundedText(HorizontalGroup):
    """``text`` under ``title``; beside it, when ``flagged`` is not empty, a warning that
    names each claim found in neither the resume nor what the candidate wrote."""

    DEFAULT_CSS = """
    GroundedText { height: auto; margin-bottom: 1; }
    GroundedText > .grounded-text { width: 2fr; height: auto; border-left: thick $success 50%;
                                    padding-left: 1; }
    GroundedText > .ungrounded { width: 1fr; height: auto; background: $warning 20%;
                                 padding: 0 1; margin-left: 1; }
    GroundedText.-flagged > .grounded-text { border-left: thick $warning 70%; }
    """

    def __init__(self, title: str, text: str, flagged: tuple[str, ...] | list[str], *,
                 regenerate_key: str = "r", sources: str = "your resume or your own words",
                 id: str | None = None) -> None:
        super().__init__(id=id, classes="-flagged" if flagged else "")
        self._title = title
        self._text = text
        self._flagged = list(flagged)
        self._key = regenerate_key
        self._sources = sources

    def compose(self) -> ComposeResult:
        yield Static(Content.from_markup("[b]$title[/b]\n$text", title=self._title,
                                         text=self._text.strip()), classes="grounded-text")
        if self._flagged:
            claims = "\n".join(f"• {c}" for c in self._flagged)
            yield Static(
                Content.from_markup(
                    "[b]⚠ Not in $sources:[/b]\n$claims\n\nCheck these before you use it, or "
                    "press [b]$key[/b] to write it again.",
                    sources=self._sources, claims=claims, key=self._key,
                ),
                classes="ungrounded",
            )
