"""The live mock interview: the prompt, the answer editor, feedback, and the way on.

The screen renders the ``SessionView`` the interview service returns and asks the
service for every change. Coach work runs in one exclusive async worker group
("coach"), so the UI never waits on it and escape can cancel it; whatever the coach
had not finished is redone by ``run_pending`` on retry, because the service has
already stored everything the user gave.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import ClassVar, TypedDict

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, TextArea

from interview_tui.errors import user_message
from interview_tui.screens.access import interview_app, workspace
from interview_tui.screens.frame_hold import HOLD_SECONDS, FrameHold
from interview_tui.screens.interview_state import (
    ACTIVITY,
    Problem,
    allowed_actions,
    awaiting_answer,
    needs_coach,
    progress_line,
    reviewing,
)
from interview_tui.screens.widgets import answer_box
from interview_tui.screens.widgets.answer_box import AnswerBox
from interview_tui.screens.widgets.coach_status import CoachStatus
from interview_tui.screens.widgets.conversation import Conversation
from interview_tui.screens.widgets.feedback import QuestionFeedbackPanel
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.format import (
    competency_label,
    persona_label,
    stage_label,
)
from interview_tui.screens.widgets.keys import key_for, press
from interview_tui.screens.widgets.press_twice import PressTwice
from interview_tui.screens.widgets.text_update import set_text
from interview_tui.screens.widgets.transcript import Transcript
from interview_tui.services.coach.base import CoachError, TextSink
from interview_tui.services.interview import (
    InterviewService,
    SessionSetup,
    StepSink,
    WaitSink,
)
from interview_tui.services.session_machine import MAX_FOLLOW_UPS, State
from interview_tui.services.session_view import SessionView
from interview_tui.services.text import (
    AnswerRejected,
    clean_answer,
)

SLOT_MIN_HEIGHT = 12  # rows: a prompt, the editor's six and its meter fit


class _Sinks(TypedDict):
    on_text: TextSink
    on_step: StepSink
    on_wait: WaitSink


class InterviewScreen(Screen[None]):
    """Start a new session (``setup``) or resume one (``session_id``)."""

    DEFAULT_CSS = """
    InterviewScreen { layout: vertical; }
    InterviewScreen #head { height: 1; padding: 0 1; background: $panel; }
    InterviewScreen #progress { width: 1fr; height: 1; text-style: bold; color: $accent; }
    InterviewScreen #coach-label { width: auto; color: $text-muted; }
    InterviewScreen #context {
        height: 1; padding: 0 1; color: $text-muted;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    InterviewScreen #banner { display: none; }
    InterviewScreen #banner.-shown { display: block; }
    InterviewScreen #banner.-note { background: $warning 20%; }
    InterviewScreen #conversation {
        height: 3fr; min-height: 3; padding: 0 1; scrollbar-size-vertical: 1;
    }
    InterviewScreen #conversation:focus { background-tint: $foreground 3%; }
    /* One slot for the coach's status and the prompt with the editor: whichever shows,
       the conversation above keeps its size, so a turn repaints the slot, not the screen. */
    InterviewScreen #slot { height: 2fr; }
    InterviewScreen #slot > AnswerBox { height: 1fr; }
    InterviewScreen #slot > CoachStatus { height: 1fr; }
    InterviewScreen #slot StreamTail { height: 1fr; min-height: 3; }
    InterviewScreen QuestionFeedbackPanel { margin-top: 1; }
    InterviewScreen #guidance { color: $text-muted; margin-top: 1; display: none; }
    InterviewScreen #guidance.-shown { display: block; }
    InterviewScreen #prompt-box {
        height: auto; max-height: 9;
        border: round $accent; border-title-color: $accent; border-title-style: bold;
        padding: 0 1;
    }
    InterviewScreen #prompt-box.-review { border: round $success; border-title-color: $success; }
    InterviewScreen #prompt { text-style: bold; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Submit", id="interview.submit", priority=True,
                tooltip="Submit your answer (Enter makes a new line)"),
        Binding("ctrl+k", "skip_follow_ups", "Skip follow-ups", id="interview.skip",
                priority=True, tooltip="Decline further follow-ups and see this question's feedback"),
        Binding("ctrl+n", "next_question", "Next question", id="interview.next", priority=True,
                tooltip="Go on to the next question"),
        Binding("ctrl+n", "last_question", "Next question", id="interview.next_last",
                priority=True, show=False),
        Binding("ctrl+e", "finish", "Finish", id="interview.finish", priority=True,
                tooltip="Finish the interview and see your summary"),
        Binding("ctrl+e", "end_session", "End session", id="interview.end", priority=True,
                tooltip="End the interview now"),
        Binding("ctrl+r", "retry", "Retry", id="interview.retry", priority=True,
                tooltip="Try the failed coach call again"),
        Binding("ctrl+o", "offline", "Offline coach", id="interview.offline", priority=True,
                tooltip="Do this step, or the rest of the session, with the offline coach"),
        Binding("ctrl+x", "skip_failed", "Skip it", id="interview.skip_failed",
                tooltip="Go on without what the coach could not write"),
        Binding("ctrl+a", "redo", "Answer again", id="interview.redo",
                tooltip="Answer this question again later, in a one-question session"),
        Binding("ctrl+t", "toggle_timer", "Timer", id="interview.timer", priority=True,
                tooltip="Start or stop a two-minute countdown for this answer"),
        Binding("ctrl+a", "select_all", "Select all", id="interview.select_all", priority=True,
                show=False,  # the footer's room at 80 columns goes to Home and Quit
                tooltip="Select the whole answer, to copy it or type over it"),
        Binding("ctrl+l", "clear_answer", "Clear", id="interview.clear", priority=True,
                tooltip="Clear the answer (press twice; ctrl+z undoes it)"),
        Binding("escape", "cancel", "Stop", id="interview.cancel",
                tooltip="Stop the coach; the session stays where it was"),
        # Back to where the session was opened from: home, or the summary or review a
        # redo started from.
        Binding("escape", "back", "Back", id="interview.back",
                tooltip="Back to where you came from; everything is saved"),
    ]

    def __init__(self, session_id: int | None = None, *, setup: SessionSetup | None = None) -> None:
        if (session_id is None) == (setup is None):
            raise ValueError("InterviewScreen needs either a session id or a setup, not both.")
        super().__init__()
        self.session_id = session_id
        self.setup = setup
        self.view: SessionView | None = None
        self._activity: str | None = None  # what the coach is doing; None when idle
        self._problem: Problem | None = None  # after a failure or a stop: the ways on
        self._prompt_key: tuple[int, int] | None = None  # (question, response) being answered
        self._press_twice = PressTwice(self)
        self._leaving = False
        self._feedback_for: int | None = None  # the question whose full feedback is shown
        self._slot_review: bool | None = None  # the slot is sized for a review (prompt only)
        self.answer_box = AnswerBox(id="answer-box")
        self.coach_status = CoachStatus(id="thinking")
        self._frames = FrameHold(self.app)

    # ----- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="head"):
            yield Static("Starting…", id="progress")
            yield Static(self._service_coach_label(), id="coach-label", markup=False)
        yield Static("", id="context")
        yield Static("", id="banner", classes="banner-error")
        with Conversation(id="conversation"):
            yield Transcript(id="transcript")
            yield Static("", id="guidance")
        with Vertical(id="slot"):
            yield self.coach_status
            with VerticalScroll(id="prompt-box", can_focus=False):
                yield Static("", id="prompt")
            yield self.answer_box
        yield Footer()

    def _service_coach_label(self) -> str:
        return getattr(self.app, "coach_label", "")

    @property
    def service(self) -> InterviewService:
        return workspace(self).interview

    @property
    def editor(self) -> TextArea:
        return self.answer_box.editor

    def on_mount(self) -> None:
        self._show_parts(editor=False, prompt=False)
        if self.setup is not None:
            self._begin(self.setup)
        else:
            assert self.session_id is not None
            self._open(self.session_id)

    # ----- coach work ------------------------------------------------------------------

    def _sinks(self) -> _Sinks:
        return {"on_text": self._on_coach_text, "on_step": self._on_coach_step,
                "on_wait": self._on_coach_wait}

    def _begin(self, setup: SessionSetup) -> None:
        async def job() -> SessionView:
            # Keep the id as soon as the session exists, so a retry resumes this one.
            if self.session_id is None:
                self.session_id = await self.service.create_session(setup)
            return await self.service.run_pending(self.session_id, **self._sinks())

        self._run_coach(job, State.CREATED)

    @work(exclusive=True, group="load", exit_on_error=False)
    async def _open(self, session_id: int) -> None:
        """Show the stored session at once, then do any coach work it still needs."""
        try:
            view = await self.service.load(session_id)
        except Exception as exc:
            self.notify(user_message(exc), title="Cannot open the session", severity="error")
            self._leave()
            return
        self._apply_view(view)
        if needs_coach(view):
            self._run_coach(lambda: self.service.run_pending(session_id, **self._sinks()), view.state)

    def _run_coach(self, job: Callable[[], Awaitable[SessionView]], state: State) -> None:
        self._frames.start()  # released when the worker ends, or after a few frames
        self._set_activity(ACTIVITY.get(state, "The interviewer is thinking…"))
        self._coach_worker(job)

    @work(exclusive=True, group="coach", exit_on_error=False)
    async def _coach_worker(self, job: Callable[[], Awaitable[SessionView]]) -> None:
        try:
            await self._coach_job(job)
        finally:
            self._frames.release()

    async def _coach_job(self, job: Callable[[], Awaitable[SessionView]]) -> None:
        # Failures are caught here and reported once (notification and banner), so the
        # app-wide worker-error handler never sees them.
        try:
            view = await job()
        except asyncio.CancelledError:
            raise  # escape or the screen closing; ``action_cancel`` tells the user
        except Exception as exc:
            if self._leaving:
                return
            await self._failed(exc)
            return
        if self._leaving:
            return
        if view is self.view and view.state is not State.COMPLETED:
            self._set_activity(None)  # ``_on_coach_step`` applied this view already
            return
        self._set_activity(None)
        self._apply_view(view)

    async def _failed(self, error: Exception) -> None:
        self._set_activity(None)
        message = user_message(error)
        if isinstance(error, AnswerRejected):
            self.notify(message, title="Answer not sent", severity="warning")
            await self._reload()
            return
        title = "The coach failed" if isinstance(error, CoachError) else "Something went wrong"
        self.notify(message, title=title, severity="error", timeout=8)
        await self._reload()
        retry = not isinstance(error, CoachError) or error.retryable
        self._set_problem(self._problem_for(title, message, retry=retry))

    def _problem_for(
        self, title: str, message: str, *, retry: bool, note: bool = False,
        retry_words: str = "to retry",
    ) -> Problem:
        """The ways on from here: retry (when it may help), the offline coach, skipping."""
        view = self.view
        offline = view is not None and view.backend != "offline"
        skip = self.service.skippable(view) if view is not None else None
        return Problem(title, message, retry=retry, retry_words=retry_words, offline=offline,
                       skip=skip, note=note)

    async def _reload(self) -> None:
        if self.session_id is None:
            self._render_all()
            return
        try:
            view = await self.service.load(self.session_id)
        except Exception as exc:
            self.notify(user_message(exc), title="Cannot reload the session", severity="error")
            return
        self._apply_view(view)

    def _on_coach_wait(self) -> None:
        # The request is on its way once the service's task next yields: paint then,
        # while the model works, so the status frame never delays its answer.
        asyncio.get_running_loop().call_soon(self._frames.release)

    def _on_coach_text(self, text: str) -> None:
        self.coach_status.stream(text)  # coalesced: drawn a few times a second

    def _on_coach_step(self, view: SessionView) -> None:
        if self._leaving:
            return
        if view.state is not State.COMPLETED:
            self._show_activity(ACTIVITY.get(view.state, self._activity))  # drawn just below
        self.coach_status.clear_stream()
        self._apply_view(view)

    # ----- rendering ------------------------------------------------------------------

    def _set_activity(self, activity: str | None) -> None:
        self._show_activity(activity)
        self._render_all()

    def _show_activity(self, activity: str | None) -> None:
        """The coach's status only; the caller renders the rest of the screen."""
        self._activity = activity
        if activity is not None:
            if self._problem is not None:
                self._set_problem(None)
            self.coach_status.show(activity)
        else:
            self.coach_status.hide()

    def _set_problem(self, problem: Problem | None) -> None:
        self._problem = problem
        banner = self.query_one("#banner", Static)
        text = ""
        if problem is not None:
            ways = [("retry", problem.retry_words)] if problem.retry else []
            if problem.offline:
                ways.append(("offline", "to continue with the offline coach"))
            if problem.skip:
                ways.append(("skip_failed", f"to go on without {problem.skip}"))
            text = f"{problem.title}: {problem.message.rstrip('.')}. {press(self, *ways)}".strip()
        set_text(banner, Content(text))
        banner.set_class(problem is not None, "-shown")
        banner.set_class(problem is not None and problem.note, "-note")
        self.refresh_bindings()

    def _apply_view(self, view: SessionView) -> None:
        self.view = view
        self.session_id = view.id
        if view.state is State.COMPLETED and self._activity is None:
            self._show_summary(view)
            return
        self.query_one(Transcript).show(view, hide_scores=view.hide_scores)
        self._render_all()

    def _render_all(self) -> None:
        view = self.view
        if view is None:
            self.refresh_bindings()
            return
        ctx = view.context
        # One line each, cut with an ellipsis: their text never changes their size.
        set_text(self.query_one("#progress", Static), progress_line(view), layout=False)
        set_text(
            self.query_one("#context", Static),
            Content(
                " · ".join(
                    (ctx.company, ctx.role, stage_label(ctx.stage), f"{persona_label(ctx.persona)} interviewer")
                )
            ),
            layout=False,
        )
        busy = self._activity is not None
        if view.state not in {State.QUESTION_REVIEW, State.SUMMARIZING, State.ABANDONED}:
            panels = self.query(QuestionFeedbackPanel)
            if panels:  # removing nothing still lays the screen out again
                panels.remove()
            self._feedback_for = None
        if view.state is not State.AWAITING_ANSWER or busy:
            self.query_one("#guidance").set_class(False, "-shown")
        if view.state is State.AWAITING_ANSWER and not busy:
            self._render_prompt(view)
        elif view.state is State.QUESTION_REVIEW and not busy:
            self._render_review(view)
        elif view.state is State.ABANDONED:
            self._show_parts(editor=False, prompt=True)
            self._set_prompt("Ended", "This session was ended without a summary.")
        else:
            self._show_parts(editor=False, prompt=False)
        self.refresh_bindings()

    def _show_parts(self, *, editor: bool, prompt: bool) -> None:
        self.query_one("#prompt-box").display = prompt
        self.answer_box.display = editor
        # The slot keeps its share while the editor or the coach's status is in it; a
        # prompt alone (a question's review) leaves the room to the feedback above.
        review = prompt and not editor
        if review != self._slot_review:
            self._slot_review = review
            slot = self.query_one("#slot")
            slot.styles.height = "auto" if review else "2fr"
            slot.styles.min_height = 0 if review else SLOT_MIN_HEIGHT

    def _set_prompt(self, title: str, text: str, *, review: bool = False) -> None:
        box = self.query_one("#prompt-box")
        box.border_title = title
        box.set_class(review, "-review")
        set_text(self.query_one("#prompt", Static), Content(text))

    def _render_prompt(self, view: SessionView) -> None:
        p = view.progress
        question = view.current_question
        assert question is not None
        key = (p.question_number, p.response_number)
        if key != self._prompt_key:
            self._prompt_key = key
            self.answer_box.load(view.draft_text, view.draft_seconds)
            # Anchored, the conversation stays scrolled to its end at every layout while
            # the transcript grows (until the user scrolls, or a feedback panel is
            # revealed): a scroll_end after a refresh raced the layout it needed.
            self.query_one("#conversation", VerticalScroll).anchor()
        guidance = question.guidance.strip() if p.response_number == 0 else ""
        set_text(
            self.query_one("#guidance", Static),
            Content.from_markup("[b]What a strong answer covers:[/b] $tip", tip=guidance),
        )
        self.query_one("#guidance").set_class(bool(guidance), "-shown")
        if p.response_number == 0:
            title = f"Question {p.question_number} · {competency_label(question.competency)}"
        else:
            title = f"Follow-up {p.response_number} of {MAX_FOLLOW_UPS}"
        self._set_prompt(title, view.pending_prompt or "")
        self._show_parts(editor=True, prompt=True)
        if not self.editor.has_focus:
            self.editor.focus()

    def _render_review(self, view: SessionView) -> None:
        question = view.current_question
        assert question is not None
        self._prompt_key = None
        conversation = self.query_one("#conversation", VerticalScroll)
        if question.feedback is not None and self._feedback_for != question.number:
            self._feedback_for = question.number
            conversation.query(QuestionFeedbackPanel).remove()
            panel = QuestionFeedbackPanel(question, hide_scores=view.hide_scores)
            self.call_later(self._reveal, conversation, panel)
        if view.progress.is_last_question:
            text = "That was the last question. " + press(
                self, ("finish", "to finish and see your summary")
            )
        else:
            text = press(
                self, ("next_question", "for the next question"), ("end_session", "to end the session now")
            )
        if question.feedback_skipped:
            text = f"This question has no feedback (the coach could not write it). {text}"
        self._set_prompt(f"Question {question.number} done", text, review=True)
        self._show_parts(
            editor=False, prompt=question.feedback is not None or question.feedback_skipped
        )
        conversation.focus()

    @staticmethod
    async def _reveal(conversation: VerticalScroll, panel: QuestionFeedbackPanel) -> None:
        """Mount the feedback and scroll so that it starts at the top of the view."""
        await conversation.mount(panel)
        # The panel's own children are laid out a refresh later; scroll after that.
        conversation.call_after_refresh(
            conversation.scroll_to_widget, panel, top=True, animate=False
        )

    def _show_summary(self, view: SessionView) -> None:
        from interview_tui.screens.summary import SummaryScreen

        if self.app.screen is self:
            self._leaving = True
            self.app.switch_screen(SummaryScreen(view))

    # ----- drafts ------------------------------------------------------------------------

    def on_answer_box_paused(self, event: AnswerBox.Paused) -> None:
        # Typing paused: store the draft, unless the answer was just sent.
        if self._awaiting_answer() and self.session_id is not None:
            self.answer_box.mark_saved(event.text)
            self._save_draft(self.session_id, event.text, event.seconds)

    @work(group="draft", exit_on_error=False)
    async def _save_draft(self, session_id: int, text: str, seconds: float) -> None:
        await self.service.save_draft(session_id, text, seconds)

    async def _flush_draft(self) -> None:
        """Save the draft now (leaving the screen or the app)."""
        self.answer_box.cancel_pause()
        text = self.answer_box.unsaved()
        if text is None or not self._awaiting_answer() or self.session_id is None:
            return
        self.answer_box.mark_saved(text)
        try:
            await self.service.save_draft(self.session_id, text, self.answer_box.seconds_spent())
        except Exception as exc:
            self.notify(user_message(exc), title="Draft not saved", severity="error")

    async def on_unmount(self) -> None:
        self._frames.release()
        # Quitting the app (ctrl+q) lands here too: keep what was typed since the last save.
        await self._flush_draft()
        self._leaving = True

    def on_screen_resume(self) -> None:
        if self.view is not None and self.view.state is State.COMPLETED and self._activity is None:
            self._show_summary(self.view)
        elif self._awaiting_answer():
            self.editor.focus()

    # ----- actions ------------------------------------------------------------------

    def _awaiting_answer(self) -> bool:
        return awaiting_answer(self.view, busy=self._activity is not None, leaving=self._leaving)

    def _reviewing(self) -> bool:
        return reviewing(self.view, busy=self._activity is not None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        rules = allowed_actions(
            self.view,
            busy=self._activity is not None,
            leaving=self._leaving,
            problem=self._problem,
        )
        return rules.get(action, True)

    def _confirmed(self, action: str, warning: str) -> bool:
        """True on a second press within a few seconds; the first press only warns."""
        return self._press_twice.confirmed(action, warning)

    def action_submit(self) -> None:
        self.answer_box.after_typing(self._submit_now)

    def _submit_now(self) -> None:
        view = self.view
        if view is None or not self._awaiting_answer():
            return
        text = self.editor.text
        try:
            clean_answer(text)
        except AnswerRejected as exc:
            # Nothing is lost: the editor keeps its text.
            self.notify(str(exc), title="Answer not sent", severity="warning")
            return
        seconds = round(self.answer_box.seconds_spent(), 1)
        self.answer_box.cancel_pause()
        session_id = view.id

        async def job() -> SessionView:
            stored = await self.service.submit_answer(session_id, text, seconds_spent=seconds)
            shown = False

            def show_stored(newer: SessionView | None = None, *, apply: bool = True) -> None:
                # The answer is in the database: only now may the editor forget it. A
                # newer view (the offline coach answers at once) shows the answer too.
                nonlocal shown
                if not shown:
                    shown = True
                    self._prompt_key = None
                    self.answer_box.load("")
                    if apply and newer is None and self._activity is not None:
                        self._apply_view(stored)  # the analysis may be streaming: keep it

            def on_step(view: SessionView) -> None:
                show_stored(view)
                self._on_coach_step(view)

            def on_wait() -> None:
                # The analysis is asked for first: the stored answer is shown once the
                # service's task yields, with the request on its way.
                loop.call_soon(show_stored)
                self._on_coach_wait()

            loop = asyncio.get_running_loop()
            late = loop.call_later(HOLD_SECONDS, show_stored)  # a coach that takes its time
            try:
                return await self.service.run_pending(
                    session_id, stored=stored, on_text=self._on_coach_text, on_step=on_step,
                    on_wait=on_wait,
                )
            finally:
                late.cancel()
                show_stored(apply=False)  # after a failure or a stop the reload shows it

        self._run_coach(job, State.EVALUATING)

    def action_skip_follow_ups(self) -> None:
        self.answer_box.after_typing(self._skip_now)

    def _skip_now(self) -> None:
        view = self.view
        if view is None or not self._awaiting_answer():
            return
        if self.editor.text.strip() and not self._confirmed(
            "skip",
            "Your unsent answer to this follow-up will be discarded. "
            f"Press {key_for(self, 'skip_follow_ups')} again.",
        ):
            return
        self.answer_box.cancel_pause()
        self._run_coach(lambda: self.service.move_on(view.id, **self._sinks()), State.QUESTION_REVIEW)

    def action_next_question(self) -> None:
        if self.view is None or not self._reviewing():
            return
        session_id = self.view.id
        self._run_coach(lambda: self.service.next_question(session_id, **self._sinks()), State.ASKING)

    def action_last_question(self) -> None:
        self.notify(
            "That was the last question. "
            + press(self, ("finish", "to finish and see your summary"))
        )

    def action_finish(self) -> None:
        if self.view is None or not self._reviewing():
            return
        session_id = self.view.id
        self._run_coach(lambda: self.service.finish(session_id, **self._sinks()), State.SUMMARIZING)

    def action_end_session(self) -> None:
        self.answer_box.after_typing(self._end_now)

    def _end_now(self) -> None:
        view = self.view
        if view is None:
            return
        if self._reviewing():
            self.action_finish()
            return
        if not self._awaiting_answer():
            return
        session_id = view.id
        if view.progress.question_number > 1 or view.progress.response_number >= 1:
            # Something is answered: drop the unsent text and summarise what there is.
            if self.editor.text.strip() and not self._confirmed(
                "end",
                "Your unsent answer will be discarded. "
                f"Press {key_for(self, 'end_session')} again to end the session.",
            ):
                return
            self.answer_box.cancel_pause()
            self._run_coach(
                lambda: self.service.finish(session_id, **self._sinks()), State.SUMMARIZING
            )
            return
        # Nothing answered yet: there is nothing to summarise.
        if not self._confirmed(
            "end",
            "Nothing has been answered yet, so the session ends without a summary. "
            f"Press {key_for(self, 'end_session')} again to end it.",
        ):
            return
        self.answer_box.cancel_pause()
        self._run_coach(lambda: self.service.abandon(session_id), State.ABANDONED)

    def action_retry(self) -> None:
        if self._activity is not None or self._problem is None:
            return
        if self.session_id is None:
            assert self.setup is not None
            self._begin(self.setup)
            return
        session_id = self.session_id
        self._run_coach(lambda: self.service.run_pending(session_id, **self._sinks()), self._state())

    def action_offline(self) -> None:
        """Ask whether the offline coach takes this step only or the rest of the session."""
        from interview_tui.screens.offline_choice import OfflineChoice

        if self._activity is not None or self._problem is None or not self._problem.offline:
            return
        if self.session_id is None:
            return
        session_id = self.session_id

        def chosen(choice: str | None) -> None:
            if choice == "step":
                job = lambda: self.service.run_pending(  # noqa: E731
                    session_id, offline_once=True, **self._sinks()
                )
            elif choice == "session":
                job = lambda: self.service.continue_offline(session_id, **self._sinks())  # noqa: E731
            else:
                return
            self._run_coach(job, self._state())

        self.app.push_screen(OfflineChoice(), chosen)

    def action_skip_failed(self) -> None:
        if self._activity is not None or self._problem is None or not self._problem.skip:
            return
        if self.session_id is None:
            return
        session_id = self.session_id
        self._run_coach(lambda: self.service.skip_failed(session_id, **self._sinks()), self._state())

    def _state(self) -> State:
        return self.view.state if self.view is not None else State.ASKING

    def action_redo(self) -> None:
        question = self.view.current_question if self.view is not None else None
        if question is not None and self._reviewing():
            interview_app(self).redo_question(question.id)

    def action_toggle_timer(self) -> None:
        if not self._awaiting_answer():
            return
        if self.answer_box.toggle_countdown():
            minutes = answer_box.COUNTDOWN_SECONDS / 60
            self.notify(
                f"{minutes:g}-minute countdown started ({key_for(self, 'toggle_timer')} to stop)."
            )
        else:
            self.notify("Countdown stopped.")

    def action_select_all(self) -> None:
        if self._awaiting_answer():
            self.answer_box.select_all()

    def action_clear_answer(self) -> None:
        self.answer_box.after_typing(self._clear_now)

    def _clear_now(self) -> None:
        if not self._awaiting_answer() or not self.editor.text:
            return
        if not self._confirmed(
            "clear",
            f"Your answer will be cleared. Press {key_for(self, 'clear_answer')} again to "
            "clear it (ctrl+z brings it back).",
        ):
            return
        self.answer_box.clear()

    def action_cancel(self) -> None:
        if self._activity is None:
            return
        self.workers.cancel_group(self, "coach")
        self._set_activity(None)
        self._stopped_worker()

    @work(exclusive=True, group="load", exit_on_error=False)
    async def _stopped_worker(self) -> None:
        await self._reload()
        self._set_problem(
            self._problem_for("Stopped", "Everything you submitted is saved", retry=True,
                              note=True, retry_words="to continue")
        )

    async def action_back(self) -> None:
        if self._activity is not None:
            return
        await self._flush_draft()
        self._leave()

    def _leave(self) -> None:
        self._leaving = True
        if self.app.screen is self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
