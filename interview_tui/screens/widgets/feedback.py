"""Full feedback on one question, and the summary of a whole session.

Both panels are read-only renderings of the session read model, shared by the live
interview, its summary and the history review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.content import Content
from textual.widgets import Static

from interview_tui.screens.widgets.format import competency_label, score_markup
from interview_tui.services.session_view import QuestionView, SessionView

# A score written into the coach's prose ("… question: 6/10, …").
_SCORE_IN_TEXT = re.compile(r"\b\d{1,2}(?:\.\d+)?\s*/\s*10\b")


def mask_scores(text: str) -> str:
    """``text`` with any 'N/10' replaced, for sessions that hide scores until the end.

    The coach does not know the session hides scores, so its prose may name one."""
    return _SCORE_IN_TEXT.sub("(score hidden)", text)


def _section_content(title: str, items: Iterable[str]) -> Content | None:
    """A titled bullet list, or nothing when there are no items."""
    lines = [item.strip() for item in items if item and item.strip()]
    if not lines:
        return None
    body = Content("\n").join(Content.from_markup("• $item", item=item) for item in lines)
    return Content.from_markup("[b]$title[/b]\n", title=title) + body


def _paragraph_content(title: str, text: str) -> Content | None:
    if not text or not text.strip():
        return None
    return Content.from_markup("[b]$title[/b]\n$text", title=title, text=text.strip())


def _section(title: str, items: Iterable[str], *, classes: str = "section") -> Static | None:
    content = _section_content(title, items)
    return None if content is None else Static(content, classes=classes)


def _paragraph(title: str, text: str, *, classes: str = "section") -> Static | None:
    content = _paragraph_content(title, text)
    return None if content is None else Static(content, classes=classes)


class QuestionFeedbackPanel(VerticalGroup):
    """Feedback on a finished question: score and level (unless hidden), assessment,
    what landed and what didn't, coaching, a revised answer, and a warning naming any
    claim in the revised answer found in neither the resume nor the answers."""

    DEFAULT_CSS = """
    QuestionFeedbackPanel {
        height: auto;
        border: round $accent 60%;
        border-title-color: $accent;
        border-title-style: bold;
        padding: 0 1;
    }
    QuestionFeedbackPanel .headline { margin-bottom: 1; }
    QuestionFeedbackPanel .section { margin-bottom: 1; }
    QuestionFeedbackPanel .revised { border-left: thick $success 50%; padding-left: 1; }
    QuestionFeedbackPanel .ungrounded {
        background: $warning 20%;
        padding: 0 1;
        margin-bottom: 1;
    }
    """

    def __init__(
        self,
        question: QuestionView,
        *,
        hide_scores: bool,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.question = question
        self.hide_scores = hide_scores
        self.border_title = f"Feedback · question {question.number}"

    def compose(self) -> ComposeResult:
        q = self.question
        fb = q.feedback
        headline = Content.from_markup(
            "[b]$competency[/b]", competency=competency_label(q.competency)
        )
        if fb is not None and not self.hide_scores:
            headline += Content.from_markup(
                f" · Score {score_markup(fb.score)} · Level $level", level=fb.level
            )
        yield Static(headline, classes="headline")
        if fb is None:
            yield Static("Feedback on this question is not ready yet.", classes="muted")
            return
        hide = mask_scores if self.hide_scores else str
        # The sections in one widget, a blank line where each had its margin: the panel
        # mounts four widgets instead of seven, on the path to the frame that shows it.
        parts = [
            _paragraph_content("Assessment", hide(fb.assessment)),
            _section_content("What landed", map(hide, fb.what_landed)),
            _section_content("What didn't land", map(hide, fb.what_didnt)),
            _section_content("Coaching", map(hide, fb.coaching)),
        ]
        shown = [p for p in parts if p is not None]
        if shown:
            yield Static(Content("\n\n").join(shown), classes="section")
        revised = _paragraph("A stronger answer, from your own material", fb.revised_answer,
                             classes="section revised")
        if revised is not None:
            yield revised
        if q.ungrounded:
            yield Static(
                Content.from_markup(
                    "[b]⚠ Check before you reuse it.[/b] Not found in your resume or answers: "
                    "$claims",
                    claims=", ".join(q.ungrounded),
                ),
                classes="ungrounded",
            )


class SessionSummaryPanel(VerticalGroup):
    """A finished session: overall score and readiness, the coach's assessment,
    strengths, areas to improve, coaching priorities, next steps, one line per question."""

    DEFAULT_CSS = """
    SessionSummaryPanel {
        height: auto;
        border: round $accent 60%;
        border-title-color: $accent;
        border-title-style: bold;
        padding: 0 1;
    }
    SessionSummaryPanel .headline { margin-bottom: 1; }
    SessionSummaryPanel .section { margin-bottom: 1; }
    SessionSummaryPanel .questions { margin-bottom: 0; }
    """

    def __init__(
        self, view: SessionView, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.view = view
        self.border_title = "Session summary"

    def compose(self) -> ComposeResult:
        view = self.view
        headline = Content.from_markup(f"[b]Overall[/b] {score_markup(view.overall_score)}")
        if view.readiness:
            headline += Content.from_markup(" · [b]$readiness[/b]", readiness=view.readiness)
        answered = sum(1 for q in view.questions if q.exchanges)
        headline += Content.from_markup(
            " [dim]· $answered of $total questions answered[/dim]",
            answered=str(answered),
            total=str(view.progress.total_questions),
        )
        yield Static(headline, classes="headline")
        if view.difficulty_note:
            yield Static(view.difficulty_note, classes="section", id="difficulty-note", markup=False)
        summary = view.session_feedback
        if summary is None and view.completed_at is not None:
            yield Static(
                "The coach could not write a summary for this session; the score comes "
                "from the feedback of each question.",
                classes="muted section",
            )
        elif summary is None:
            yield Static("The summary is not ready yet.", classes="muted section")
        else:
            widgets = [
                _paragraph("Assessment", summary.assessment),
                _section("Strengths", summary.strengths),
                _section("Areas to improve", summary.areas_to_improve),
                _section("Coaching priorities", summary.coaching_priorities),
                _section("Next steps", summary.next_steps),
            ]
            yield from (w for w in widgets if w is not None)
        if view.questions:
            yield Static(self._question_lines(), classes="questions")

    def _question_lines(self) -> Content:
        width = max(len(competency_label(q.competency)) for q in self.view.questions)
        lines = [Content.from_markup("[b]By question[/b]")]
        for q in self.view.questions:
            label = competency_label(q.competency).ljust(width)
            if q.feedback is None:
                lines.append(
                    Content.from_markup("Q$n  $label  [dim]not scored[/dim]", n=str(q.number),
                                        label=label)
                )
            else:
                lines.append(
                    Content.from_markup(
                        f"Q$n  $label  {score_markup(q.feedback.score)}  $level",
                        n=str(q.number),
                        label=label,
                        level=q.feedback.level,
                    )
                )
        return Content("\n").join(lines)
