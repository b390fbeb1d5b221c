"""Review: one past session, read-only, with every answer, follow-up and feedback.

The session loads in a thread worker. Each question is a section of the shared
``Transcript`` (its exchanges and brief feedback) with the full ``QuestionFeedbackPanel``
placed inside it; the ``SessionSummaryPanel`` closes a completed session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Collapsible, Header, Static

from interview_tui.screens.access import interview_app, workspace
from interview_tui.screens.summary import redo_target
from interview_tui.screens.widgets.attempts import AttemptsPanel
from interview_tui.screens.widgets.feedback import QuestionFeedbackPanel, SessionSummaryPanel
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.format import (
    difficulty_label,
    local_time,
    persona_label,
    score_markup,
    stage_label,
)
from interview_tui.screens.widgets.transcript import Transcript
from interview_tui.services.history import how_far
from interview_tui.services.session_machine import State
from interview_tui.services.session_view import SessionNotFound, SessionView

if TYPE_CHECKING:
    from interview_tui.screens.export_dialog import ExportRequest

BACKENDS = {"offline": "offline coach", "claude": "coached by Claude"}


def scores_hidden(view: SessionView) -> bool:
    """A hide-scores session shows its scores once it is over, never while it runs."""
    return view.hide_scores and not view.progress.is_final


class ReviewScreen(Screen[None]):
    DEFAULT_CSS = """
    ReviewScreen #review { padding: 0 1; }
    ReviewScreen #heading { margin-top: 1; }
    ReviewScreen #verdict { margin: 1 0; }
    ReviewScreen Transcript QuestionFeedbackPanel { margin-top: 1; }
    ReviewScreen #pending { margin: 1 0 0 0; }
    ReviewScreen #attempts { height: auto; display: none; }
    ReviewScreen SessionSummaryPanel { margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right_square_bracket", "next_question", "Next Q", id="review.next",
                tooltip="Jump to the next question"),
        Binding("p,left_square_bracket", "previous_question", "Prev Q", id="review.previous",
                tooltip="Jump to the previous question"),
        Binding("s", "summary", "Summary", id="review.summary", show=False,
                tooltip="Jump to the session summary"),
        Binding("e", "toggle_all", "Fold all", id="review.toggle", show=False,
                tooltip="Collapse or expand every question"),
        Binding("r", "resume", "Resume", id="review.resume",
                tooltip="Carry on with this unfinished session"),
        Binding("x", "export", "Export", id="review.export",
                tooltip="Export this session to Markdown or HTML"),
        Binding("a", "redo", "Answer again", id="review.redo",
                tooltip="Answer the current question again (the lowest-scored from the top)"),
        Binding("escape", "back", "Back", id="review.back", tooltip="Back to the history"),
    ]

    class Loaded(Message):
        def __init__(self, view: SessionView | None) -> None:
            super().__init__()
            self.view = view  # None: the session no longer exists

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id
        self.view: SessionView | None = None
        self._current = 0  # the question the jump keys last went to (0: the top)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="review"):
            yield Static("Loading the session…", id="heading")
            yield Static(id="meta", classes="muted")
            yield Static(id="verdict")
            yield Vertical(id="attempts")
            yield Transcript(id="transcript")
            yield Static(id="pending", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Review"
        self.query_one("#review").focus()
        self._load()

    @work(exclusive=True, group="review", exit_on_error=False)
    async def _load(self) -> None:
        try:
            view = await workspace(self).history.session(self.session_id)
        except SessionNotFound:
            view = None
        self.post_message(self.Loaded(view))

    def on_review_screen_loaded(self, message: Loaded) -> None:
        view = message.view
        self.view = view
        if view is None:
            self.query_one("#heading", Static).update(
                "This session no longer exists. Press escape to go back."
            )
            self.refresh_bindings()
            return
        hidden = scores_hidden(view)
        ctx = view.context
        self.query_one("#heading", Static).update(
            Content.from_markup("[b]$company · $role[/b]", company=ctx.company, role=ctx.role)
        )
        self.query_one("#meta", Static).update(
            Content.from_markup(
                "$stage · $difficulty · $persona interviewer · $date · $coach",
                stage=stage_label(ctx.stage),
                difficulty=difficulty_label(ctx.difficulty),
                persona=persona_label(ctx.persona),
                date=local_time(view.started_at),
                coach=BACKENDS.get(view.backend, view.backend),
            )
        )
        self.query_one("#verdict", Static).update(self._verdict(view, hidden))
        transcript = self.query_one(Transcript)
        transcript.show(view, hide_scores=hidden)
        self._attach_feedback(view, hidden)
        pending = view.pending_prompt if view.state is State.AWAITING_ANSWER else None
        note = self.query_one("#pending", Static)
        if pending and not view.progress.response_number:
            note.update(Content.from_markup(
                "[b]Question $n[/b] is waiting for your answer: $text",
                n=str(view.progress.question_number), text=pending,
            ))
        elif pending:
            note.update(Content.from_markup(
                "Waiting for your answer to the follow-up: $text", text=pending
            ))
        note.display = bool(pending)
        if view.state is State.COMPLETED or view.session_feedback is not None:
            self.query_one("#review").mount(SessionSummaryPanel(view, id="summary"))
        self._load_attempts(view.id)
        self.refresh_bindings()

    def on_screen_resume(self) -> None:
        if self.view is not None:  # back from a redo: its attempt joins the others
            self._load_attempts(self.view.id)

    @work(exclusive=True, group="attempts", exit_on_error=False)
    async def _load_attempts(self, session_id: int) -> None:
        """Questions answered more than once get their attempts side by side."""
        found = await workspace(self).redo.session_attempts(session_id)
        box = self.query_one("#attempts", Vertical)
        await box.remove_children()
        for number, attempts in sorted(found.items()):
            box.mount(Static(Content.from_markup("[b]Question $n, every attempt[/b]",
                                                 n=str(number))))
            panel = AttemptsPanel()
            box.mount(panel)
            panel.show(attempts)
        box.display = bool(found)

    def _verdict(self, view: SessionView, hidden: bool) -> Content:
        p = view.progress
        if view.state is State.COMPLETED:
            minutes = (
                round((view.completed_at - view.started_at).total_seconds() / 60)
                if view.completed_at else 0
            )
            took = f" · {minutes} min" if minutes >= 1 else ""
            answered = sum(1 for q in view.questions if q.exchanges)
            # Ended early (ctrl+e): say how many of the planned questions were answered.
            n = (str(p.total_questions) if answered >= p.total_questions
                 else f"{answered} of {p.total_questions}")
            return Content.from_markup(
                f"[b]Overall[/b] {score_markup(view.overall_score, hidden=hidden)}"
                " · [b]$readiness[/b] [dim]· $n questions$took[/dim]",
                readiness=view.readiness or "",
                n=n,
                took=took,
            )
        answered = sum(1 for q in view.questions if q.exchanges)
        if view.state is State.ABANDONED:
            return Content.from_markup(
                "[b]Ended early[/b] [dim]after $answered of $total questions; no overall "
                "score[/dim]",
                answered=str(answered), total=str(p.total_questions),
            )
        key = self._key_for("review.resume", "r")
        hint = " Scores stay hidden until it ends." if hidden else ""
        return Content.from_markup(
            "[b]Unfinished[/b] · $where. Press [b]$key[/b] to resume.$hint",
            where=how_far(view.state, len(view.questions), p.total_questions), key=key, hint=hint,
        )

    def _key_for(self, binding_id: str, default: str) -> str:
        """The key the user has for a binding (keymaps can change it)."""
        for active in self.active_bindings.values():
            if active.binding.id == binding_id:
                return self.app.get_key_display(active.binding)
        return default

    def _attach_feedback(self, view: SessionView, hidden: bool) -> None:
        """Put each question's full feedback inside its transcript section, and open every
        section: in a review all of it is worth reading."""
        transcript = self.query_one(Transcript)
        for question in view.questions:
            section = self._section(question.number)
            if section is None:
                continue
            section.collapsed = False
            if question.feedback is None:
                continue
            panel = QuestionFeedbackPanel(question, hide_scores=hidden)

            def attach(section: Collapsible = section, panel: Widget = panel) -> None:
                contents = section.query(Collapsible.Contents)
                # Fall back to just after the section should the transcript change shape.
                if contents:
                    contents.first().mount(panel)
                else:
                    transcript.mount(panel, after=section)

            # Runs once the section has composed its contents.
            section.call_later(attach)

    # ----- navigation ---------------------------------------------------------------------

    def _sections(self) -> list[Collapsible]:
        """The transcript's question sections, in order."""
        return [c for c in self.query_one(Transcript).query(Collapsible)
                if (c.id or "").startswith("question-")]

    def _section(self, number: int) -> Collapsible | None:
        return next((c for c in self._sections() if c.id == f"question-{number}"), None)

    def _jump(self, widget: Widget) -> None:
        self.query_one("#review", VerticalScroll).scroll_to_widget(
            widget, top=True, animate=False
        )

    def _go_to_question(self, index: int) -> None:
        sections = self._sections()
        if not sections:
            return
        index = max(0, min(index, len(sections) - 1))
        self._current = index + 1
        section = sections[index]
        section.collapsed = False
        self._jump(section)
        # Focus the title so enter folds this question.
        title = section.query("CollapsibleTitle")
        if title:
            title.first().focus(scroll_visible=False)

    def _focused_index(self) -> int | None:
        """The section holding the focus, if any."""
        focused = self.focused
        for i, section in enumerate(self._sections()):
            if focused is not None and (focused is section or section in focused.ancestors):
                return i
        return None

    def action_next_question(self) -> None:
        index = self._focused_index()
        self._go_to_question((index + 1) if index is not None else self._current)

    def action_previous_question(self) -> None:
        index = self._focused_index()
        self._go_to_question((index if index is not None else self._current - 1) - 1)

    def action_summary(self) -> None:
        summary = self.query("#summary")
        if summary:
            self._jump(summary.first())
            self.query_one("#review").focus()
        else:
            self.notify("The summary comes when the session is completed.")

    def action_toggle_all(self) -> None:
        sections = self._sections()
        fold = any(not s.collapsed for s in sections)
        for section in sections:
            section.collapsed = fold

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if action == "resume":
            return view is not None and not view.progress.is_final
        if action == "summary":
            return view is not None and view.state is State.COMPLETED
        if action == "export":
            return view is not None
        if action == "redo":
            return True if view is not None and any(q.exchanges for q in view.questions) else None
        if action in {"next_question", "previous_question", "toggle_all"}:
            return True if view is not None and view.questions else None
        return True

    def action_resume(self) -> None:
        if self.view is None or self.view.progress.is_final:
            return
        session_id = self.view.id
        self.app.pop_screen()
        interview_app(self).open_interview(session_id)

    def action_redo(self) -> None:
        view = self.view
        if view is None:
            return
        index = self._focused_index()
        current = index + 1 if index is not None else self._current
        question = next((q for q in view.questions if q.number == current), None)
        if question is None or not question.exchanges:
            question = redo_target(view)
        if question is None:
            self.notify("No answered question to redo in this session yet.")
            return
        interview_app(self).redo_question(question.id)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_export(self) -> None:
        from interview_tui.screens.export_dialog import ExportDialog

        if self.view is not None:
            data_dir = interview_app(self).settings.data_dir
            self.app.push_screen(ExportDialog("session", self.view.id, "this session", data_dir),
                                 self._export_chosen)

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is not None:
            self._export(request)

    @work(exclusive=True, group="review-export", exit_on_error=False)
    async def _export(self, request: ExportRequest) -> None:
        from interview_tui.services.exports import ExportWriteError

        try:
            written = await workspace(self).exports.session_to_file(
                self.session_id, request.fmt, request.path)
        except ExportWriteError as exc:
            self.notify(str(exc), title="Not exported", severity="error", timeout=10)
            return
        self.notify(written.message(), title="Exported", markup=False,
                    timeout=10 if written.note else 5)

    @on(Collapsible.Toggled)
    def _toggled(self) -> None:
        # Folding changes the page height; keep the focused title in view.
        if self.focused is not None:
            self.call_after_refresh(self.focused.scroll_visible, animate=False)
