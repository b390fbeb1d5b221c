"""Read-only views of the intro pitch: the template, and one attempt with its feedback."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.content import Content
from textual.widgets import Static

from interview_tui.screens.widgets.feedback import _paragraph, _section
from interview_tui.screens.widgets.format import local_time, score_markup
from interview_tui.screens.widgets.grounded_text import GroundedText
from interview_tui.services.pitch import Attempt
from interview_tui.services.pitch_models import PART_LABELS, PitchTemplateDocument
from interview_tui.services.pitch_rules import timing_line

OFFLINE_LINE = "Written offline by the built-in coach (rule-based, no AI)."


def author_line(author: str, model: str = "") -> Static:
    text = OFFLINE_LINE if author == "offline" else f"Written by Claude ({model or 'claude'})."
    return Static(text, classes="muted author")


class TemplateView(VerticalGroup):
    DEFAULT_CSS = """
    TemplateView { height: auto; padding: 0 1; }
    TemplateView .section { margin-bottom: 1; }
    """

    def __init__(self, template: PitchTemplateDocument, *, author: str, model: str,
                 version: int, regenerate_key: str = "ctrl+g") -> None:
        super().__init__()
        self._key = regenerate_key
        self._template = template
        self._author, self._model, self._version = author, model, version

    def compose(self) -> ComposeResult:
        t = self._template
        yield Static(Content.from_markup(f"[b]Your pitch template[/b] [dim]· version {self._version}"
                                         " · $timing[/dim]", timing=timing_line(t.pitch)),
                     classes="section")
        yield GroundedText("Say it like this", t.pitch, t.ungrounded, regenerate_key=self._key,
                           sources="your resume")
        widget = _paragraph("Delivery", t.delivery_note)
        if widget is not None:
            yield widget
        yield author_line(self._author, self._model)


class AttemptView(VerticalGroup):
    """One attempt: its timing, three scores, parts covered, feedback and revised pitch."""

    DEFAULT_CSS = """
    AttemptView { height: auto; border: round $accent 60%; border-title-color: $accent;
                  border-title-style: bold; padding: 0 1; }
    AttemptView .section { margin-bottom: 1; }
    AttemptView .attempt-text { color: $text-muted; margin-bottom: 1; }
    """

    def __init__(self, attempt: Attempt, *, show_text: bool = True, regenerate_key: str = "r",
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.attempt = attempt
        self._show_text = show_text
        self._key = regenerate_key
        self.border_title = f"Attempt {attempt.number} · {local_time(attempt.created_at)}"

    def compose(self) -> ComposeResult:
        a = self.attempt
        yield Static(timing_line(a.text, a.spoken_seconds), classes="section")
        if self._show_text:
            yield Static(Content(a.text), classes="attempt-text")
        fb = a.feedback
        if fb is None:
            yield Static(f"No feedback yet: press {self._key} to write it.", classes="muted")
            return
        yield Static(Content.from_markup(
            f"[b]Content[/b] {score_markup(a.content_score)}   "
            f"[b]Structure[/b] {score_markup(a.structure_score)}   "
            f"[b]Tone[/b] {score_markup(a.tone_score)}"), classes="section")
        parts = "  ".join(("✓ " if p in fb.parts_covered else "✗ ") + label
                          for p, label in PART_LABELS.items())
        yield Static(Content(parts), classes="section")
        for widget in (_section("Strengths", fb.strengths),
                       _section("Opportunities", fb.opportunities)):
            if widget is not None:
                yield widget
        yield GroundedText("Revised pitch · " + timing_line(fb.revised_pitch), fb.revised_pitch,
                           a.ungrounded, regenerate_key=self._key)
        note = _paragraph("Coaching note", fb.coaching_note)
        if note is not None:
            yield note
        yield author_line(a.author)
