"""The conversation of a mock session: each question with its answers and brief feedback.

Read-only: the live interview screen and the history review both hand it a
``SessionView``. Earlier questions are collapsed, the current one expanded; a
question the user expanded or collapsed keeps that state until it stops being the
current one.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.content import Content
from textual.widgets import Collapsible, Static

from interview_tui.screens.widgets.feedback import mask_scores
from interview_tui.screens.widgets.format import competency_label, score_markup
from interview_tui.screens.widgets.text_update import set_text
from interview_tui.services.session_view import ExchangeView, QuestionView, SessionView
from interview_tui.services.text import format_duration, word_count

# Everything that changes what one question looks like; a question is redrawn only
# when this changes, so streaming steps never rebuild the whole conversation.
_Signature = tuple[object, ...]


def question_title(question: QuestionView, *, hide_scores: bool) -> Content:
    """'Question 2 · Problem solving · 7/10' (the score once the question has feedback)."""
    title = Content.from_markup(
        "[b]Question $n[/b] · $competency",
        n=str(question.number),
        competency=competency_label(question.competency),
    )
    if question.feedback is not None and not hide_scores:
        title = title + Content(" · ") + Content.from_markup(score_markup(question.feedback.score))
    return title


def exchange_content(exchange: ExchangeView, *, hide_scores: bool) -> Content:
    """One prompt, the answer to it and the coach's brief feedback, as rich content."""
    who = "Interviewer" if exchange.number == 1 else f"Follow-up {exchange.number - 1}"
    words = word_count(exchange.answer)
    timing = f"{words} word{'s' if words != 1 else ''}"
    if exchange.seconds_spent:
        # The time spent typing it, not how long it takes to say (the meter's "spoken").
        timing += f" · typed in {format_duration(exchange.seconds_spent)}"
    parts = [
        Content.from_markup("[b $accent]$who:[/] $prompt", who=who, prompt=exchange.prompt),
        Content.from_markup(
            "[b]You:[/b] $answer [dim]($timing)[/dim]", answer=exchange.answer, timing=timing
        ),
    ]
    analysis = exchange.analysis
    if analysis is None:
        parts.append(Content.from_markup("[dim italic]Not analysed yet.[/]"))
    else:
        score = "" if hide_scores else score_markup(analysis.score) + " · "
        brief = mask_scores(analysis.brief_feedback) if hide_scores else analysis.brief_feedback
        parts.append(
            Content.from_markup(score) + Content.from_markup("[i]Coach:[/i] $brief", brief=brief)
        )
    return Content("\n").join(parts)


class Transcript(VerticalGroup):
    """The questions and exchanges of a session, oldest first."""

    DEFAULT_CSS = """
    Transcript { height: auto; }
    Transcript > Collapsible { padding-bottom: 0; }
    Transcript Collapsible Contents { padding: 0 0 0 2; }
    Transcript .empty { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._signatures: dict[int, _Signature] = {}
        self._current: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("No answers yet.", classes="empty")

    def show(self, view: SessionView, *, hide_scores: bool) -> None:
        """Render ``view``'s conversation; only what changed is redrawn."""
        current = view.progress.question_number
        # The question waiting for its first answer has nothing to show yet: the screen
        # shows its prompt on its own.
        questions = [q for q in view.questions if q.exchanges or q.number != current]
        self.query(".empty").set(display=not questions)
        current_changed = current != self._current
        self._current = current
        for question in questions:
            signature = self._signature(question, hide_scores)
            collapsible = self._collapsible(question.number)
            is_current = question.number == current
            if collapsible is None:
                collapsible = Collapsible(
                    *self._exchange_widgets(question, hide_scores),
                    # Textual types title as str, yet shows Content (its CollapsibleTitle takes ContentText).
                    title=question_title(question, hide_scores=hide_scores),  # type: ignore[arg-type]
                    collapsed=not is_current,
                    id=f"question-{question.number}",
                )
                self.mount(collapsible)
            elif signature != self._signatures.get(question.number):
                title = question_title(question, hide_scores=hide_scores)
                if collapsible.title != title:  # a new title lays the screen out again
                    # The same gap: the title reactive is typed str.
                    collapsible.title = title  # type: ignore[assignment]
                self._update_exchanges(collapsible, question, hide_scores)
            if current_changed:
                collapsible.collapsed = not is_current
            self._signatures[question.number] = signature

    def _collapsible(self, number: int) -> Collapsible | None:
        found = self.query(f"#question-{number}")
        return found.first(Collapsible) if found else None

    @staticmethod
    def _signature(question: QuestionView, hide_scores: bool) -> _Signature:
        return (
            hide_scores,
            question.feedback is not None and question.feedback.score,
            tuple((e.number, e.answer, e.analysis is not None) for e in question.exchanges),
        )

    def _update_exchanges(
        self, collapsible: Collapsible, question: QuestionView, hide_scores: bool
    ) -> None:
        """Redraw the question's exchanges in the one widget that shows them all: a new
        answer changes its text instead of mounting a widget."""
        contents = collapsible.query_one(Collapsible.Contents)
        shown = contents.query_children(".exchange").results(Static)
        widget = next(shown, None)
        if widget is None or not question.exchanges:
            contents.remove_children()
            contents.mount_all(self._exchange_widgets(question, hide_scores))
            return
        set_text(widget, self._exchanges_content(question, hide_scores))

    @staticmethod
    def _exchanges_content(question: QuestionView, hide_scores: bool) -> Content:
        # A blank line between exchanges: what a margin between one widget each drew.
        return Content("\n\n").join(
            exchange_content(e, hide_scores=hide_scores) for e in question.exchanges
        )

    @staticmethod
    def _exchange_widgets(question: QuestionView, hide_scores: bool) -> list[Static]:
        if not question.exchanges:
            return [Static("Not answered.", classes="empty")]
        return [Static(Transcript._exchanges_content(question, hide_scores), classes="exchange")]
