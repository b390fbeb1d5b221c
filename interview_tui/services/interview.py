"""The interview service: drives the session machine, calls the coach, persists.

Every transition and its rows are written in one transaction (``_transition``); coach
calls happen between transitions, never inside one. ``run_pending`` does whatever
coach work the stored state still needs, so a session killed at any point resumes
where it stopped: an answer saved without its analysis is analysed again, and
nothing the user submitted is asked for twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from interview_tui.clock import now
from interview_tui.services.call_log import About
from interview_tui.services.coach.base import QuestionOutcome, TextSink
from interview_tui.services.coach.schemas import (
    GeneratedQuestion,
    ResponseAnalysis,
    SessionFeedback,
)
from interview_tui.services.coach.tasks import (
    Task,
    analysis_task,
    question_feedback_task,
    question_task,
    session_feedback_task,
)
from interview_tui.services.grounding import find_ungrounded
from interview_tui.services.question_history import recent_question_texts
from interview_tui.services.question_library import own_for_session
from interview_tui.services.session_machine import (
    Event,
    IllegalTransition,
    State,
    infer_target_level,
    readiness,
    session_score,
    transition,
    wants_follow_up,
)
from interview_tui.services.session_setup import SessionSetup as SessionSetup  # re-exported
from interview_tui.services.session_view import (
    QuestionView,
    SessionView,
    load_session_view,
    stored_fingerprint,
    view_fingerprint,
)
from interview_tui.services.text import clean_answer, strip_control_chars
from interview_tui.store.db import database
from interview_tui.store.models import (
    Analysis,
    AnswerDraft,
    JobApplication,
    MockSession,
    Question,
    QuestionFeedbackRow,
    Response,
)

if TYPE_CHECKING:
    from pydantic import BaseModel

    from interview_tui.services.coach.question_bank import BankQuestion
    from interview_tui.services.workspace import Workspace

T = TypeVar("T")
M = TypeVar("M", bound="BaseModel")
StepSink = Callable[[SessionView], None]
WaitSink = Callable[[], None]  # a step now waits on a coach over the network


@dataclass
class PrefetchStats:
    hits: int = 0  # the next question was ready when the user asked for it
    misses: int = 0


class InterviewService:
    """The workspace's mock interviews; many sessions, one call at a time per session."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.prefetch_enabled = workspace.prefetch
        self.prefetch_stats = PrefetchStats()
        self._prefetched: dict[tuple[int, int], asyncio.Task[GeneratedQuestion]] = {}
        # Sessions whose next coach call goes to the offline coach, once.
        self._offline_once: set[int] = set()
        # The ``on_wait`` sink of each session's ``run_pending`` in progress.
        self._on_wait: dict[int, WaitSink] = {}
        # The latest view of each session, touched on the database thread only: each
        # transition refreshes it instead of reading the whole session twice.
        self._views: dict[int, SessionView] = {}

    # ----- public API -------------------------------------------------------------

    async def start(
        self, setup: SessionSetup, *, on_text: TextSink | None = None, on_step: StepSink | None = None
    ) -> SessionView:
        """Create a session and ask its first question."""
        session_id = await self.create_session(setup)
        return await self.run_pending(session_id, on_text=on_text, on_step=on_step)

    async def create_session(self, setup: SessionSetup) -> int:
        """Store a new session, started but with no question yet (``run_pending`` asks it)."""
        setup.validate()
        session_id = await self._db(self._create_session, setup)
        await self._transition(session_id, Event.START)
        return session_id

    async def submit_answer(
        self, session_id: int, text: str, *, seconds_spent: float | None = None
    ) -> SessionView:
        """Validate and store the answer (state: evaluating). Call ``run_pending`` next."""
        cleaned = clean_answer(text)

        def write(view: SessionView) -> None:
            question = Question.get(
                Question.session == session_id, Question.number == view.progress.question_number
            )
            Response.create(
                question=question,
                number=view.progress.response_number + 1,
                prompt=view.pending_prompt or question.text,
                text=cleaned,
                seconds_spent=seconds_spent,
            )
            self._drafts_of(session_id).execute()

        return await self._transition(session_id, Event.ANSWER_SUBMITTED, write)

    async def run_pending(
        self,
        session_id: int,
        *,
        on_text: TextSink | None = None,
        on_step: StepSink | None = None,
        on_wait: WaitSink | None = None,
        stored: SessionView | None = None,
        offline_once: bool = False,
    ) -> SessionView:
        """Do the coach work the session's state needs, until it waits for the user.

        ``stored`` is the view a step of this service just returned for the session (it
        is what the database holds): passing it saves reading it again before the coach
        is asked. ``offline_once``: the next coach call goes to the offline coach (after
        the session's own coach failed on it); later ones go back to the session's coach.
        ``on_wait`` is called each time a step is about to wait on a coach over the
        network (never for the offline coach, which answers at once).
        """
        if offline_once:
            self._offline_once.add(session_id)
        if on_wait is None:
            return await self._run_pending(session_id, on_text, on_step, stored)
        self._on_wait[session_id] = on_wait
        try:
            return await self._run_pending(session_id, on_text, on_step, stored)
        finally:
            if self._on_wait.get(session_id) is on_wait:
                del self._on_wait[session_id]

    async def _run_pending(
        self,
        session_id: int,
        on_text: TextSink | None,
        on_step: StepSink | None,
        stored: SessionView | None,
    ) -> SessionView:
        if stored is not None and stored.id == session_id:
            view = stored
        else:
            view = await self._db(self._reread, session_id)
        running = self._run_step(view, on_text)
        while running is not None:
            view = await running
            running = self._run_step(view, on_text)
            if on_step is not None:
                # The next step (its coach request) goes first; the screen applies this
                # one meanwhile, so its rendering overlaps the model instead of delaying it.
                if running is not None:
                    await asyncio.sleep(0)
                try:
                    on_step(view)
                except BaseException:
                    if running is not None:
                        running.cancel()
                    raise
        return view

    def _run_step(
        self, view: SessionView, on_text: TextSink | None
    ) -> asyncio.Future[SessionView] | None:
        step = self._step_for(view)
        return None if step is None else asyncio.ensure_future(step(view, on_text))

    resume = run_pending

    async def continue_offline(self, session_id: int, **sinks: Any) -> SessionView:
        """Switch the rest of the session to the offline coach, then go on."""
        self._cancel_prefetch(session_id)

        def switch() -> None:
            with database.atomic("IMMEDIATE"):
                MockSession.update(backend="offline").where(MockSession.id == session_id).execute()

        await self._db(switch)
        return await self.run_pending(session_id, **sinks)

    def skippable(self, view: SessionView) -> str | None:
        """What ``skip_failed`` would go on without, or None when nothing can be skipped.

        A question cannot be skipped: without one there is nothing to answer.
        """
        current = view.current_question
        if view.state is State.EVALUATING:
            return "the analysis of your answer"
        if view.state is State.SUMMARIZING:
            if any(self._wants_feedback(q) for q in view.questions):
                return "the missing question feedback"
            return "the summary"
        if view.state is State.QUESTION_REVIEW and current is not None and self._wants_feedback(current):
            return "this question's feedback"
        return None

    async def skip_failed(self, session_id: int, **sinks: Any) -> SessionView:
        """Go on without the coach work that failed, then carry on as usual.

        - evaluating: the answer stays stored, unanalysed; no follow-up; the question
          goes to review.
        - review without feedback: the question is marked as having none (the summary
          lists it as not scored).
        - summarizing: questions still without feedback are marked so; if there are none,
          the session completes without the coach's summary, scored from its questions.
        """
        view = await self._db(self._current, session_id)
        if self.skippable(view) is None:
            raise IllegalTransition(view.state, Event.QUESTION_DONE, "nothing here can be skipped")
        if view.state is State.EVALUATING:
            view = await self._transition(session_id, Event.QUESTION_DONE)
        elif view.state is State.QUESTION_REVIEW:
            view = await self._db(self._skip_feedback, session_id, [view.progress.question_number])
        else:
            missing = [q.number for q in view.questions if self._wants_feedback(q)]
            if missing:
                view = await self._db(self._skip_feedback, session_id, missing)
            else:
                view = await self._complete(view, None)
        return await self.run_pending(session_id, stored=view, **sinks)

    async def next_question(self, session_id: int, **sinks: Any) -> SessionView:
        view = await self._transition(session_id, Event.NEXT)
        return await self.run_pending(session_id, stored=view, **sinks)

    async def move_on(self, session_id: int, **sinks: Any) -> SessionView:
        """Decline further follow-ups and review the question."""
        view = await self._transition(session_id, Event.MOVE_ON, self._clear_drafts(session_id))
        return await self.run_pending(session_id, stored=view, **sinks)

    async def finish(self, session_id: int, **sinks: Any) -> SessionView:
        """End the session (possibly early) and write its summary.

        From a question that is awaiting an answer, the unsent draft is dropped and the
        summary covers what was answered.
        """
        self._cancel_prefetch(session_id)
        view = await self._transition(session_id, Event.FINISH, self._clear_drafts(session_id))
        return await self.run_pending(session_id, stored=view, **sinks)

    async def abandon(self, session_id: int) -> SessionView:
        self._cancel_prefetch(session_id)
        return await self._transition(session_id, Event.ABANDON, self._clear_drafts(session_id))

    async def load(self, session_id: int) -> SessionView:
        return await self._db(self._reread, session_id)

    async def save_draft(self, session_id: int, text: str, seconds_spent: float = 0.0) -> None:
        """Keep the answer being typed, so a crash or dropped connection loses nothing."""
        await self._db(self._write_draft, session_id, strip_control_chars(text), seconds_spent)

    def cancel_prefetches(self) -> None:
        """Stop every question being prepared in the background."""
        for task in self._prefetched.values():
            task.cancel()
        self._prefetched.clear()

    # ----- steps: the coach work each state needs ---------------------------------

    def _step_for(self, view: SessionView) -> Callable[..., Any] | None:
        state = view.state
        if state is State.CREATED:
            return self._step_start
        if state is State.ASKING:
            return self._step_ask
        if state is State.EVALUATING:
            return self._step_evaluate
        if state is State.QUESTION_REVIEW:
            current = view.current_question
            self._start_prefetch(view)
            wanted = current is not None and current.feedback is None and not current.feedback_skipped
            return self._step_question_feedback if wanted else None
        if state is State.SUMMARIZING:
            return self._step_summarize
        return None

    async def _step_start(self, view: SessionView, on_text: TextSink | None) -> SessionView:
        return await self._transition(view.id, Event.START)

    async def _step_ask(self, view: SessionView, on_text: TextSink | None) -> SessionView:
        number = view.progress.question_number
        question = await self._take_prefetched(view.id, number)
        if question is None:
            question = await self._ask(view, await self._question_task(view, number), on_text)

        def write(_: SessionView) -> None:
            Question.create(
                session=view.id,
                number=number,
                text=strip_control_chars(question.text).strip(),
                # The rotation is the session's rule; the coach's own label is free text.
                competency=view.competency_for(number),
                difficulty=view.context.difficulty,
                guidance=question.guidance,
            )

        return await self._transition(view.id, Event.QUESTION_READY, write)

    async def _step_evaluate(self, view: SessionView, on_text: TextSink | None) -> SessionView:
        current = view.current_question
        assert current is not None and current.exchanges, "evaluating needs a stored answer"
        analysis = await self._ask(view, analysis_task(view.context, current.as_turn()), on_text)
        asked = {e.prompt for e in current.exchanges}
        candidates = [f for f in analysis.follow_up_questions if f.strip() and f not in asked]
        follow = view.follows_up and wants_follow_up(
            view.context.persona, analysis.score, view.progress.response_number, candidates
        )
        response_number = current.exchanges[-1].number

        def write(_: SessionView) -> None:
            response = Response.get(
                Response.question
                == Question.get(Question.session == view.id, Question.number == current.number),
                Response.number == response_number,
            )
            _store_analysis(response, analysis, candidates[0] if follow else None)

        event = Event.FOLLOW_UP if follow else Event.QUESTION_DONE
        return await self._transition(view.id, event, write)

    async def _step_question_feedback(
        self, view: SessionView, on_text: TextSink | None
    ) -> SessionView:
        current = view.current_question
        assert current is not None
        await self._write_question_feedback(view, current.number, on_text)
        return await self._db(self._reread, view.id)

    async def _step_summarize(self, view: SessionView, on_text: TextSink | None) -> SessionView:
        for q in view.questions:
            if self._wants_feedback(q):
                await self._write_question_feedback(view, q.number, None)
        view = await self._db(self._reread, view.id)
        outcomes = [
            QuestionOutcome(
                number=q.number,
                text=q.text,
                competency=q.competency,
                score=q.feedback.score,
                level=q.feedback.level,
                answers=tuple(e.answer for e in q.exchanges),
                feedback=q.feedback,
            )
            for q in view.questions
            if q.feedback is not None
        ]
        summary = await self._ask(view, session_feedback_task(view.context, outcomes), on_text)
        return await self._complete(view, summary)

    async def _complete(self, view: SessionView, summary: SessionFeedback | None) -> SessionView:
        """Score the session from its questions' feedback and mark it completed."""
        score = session_score([q.feedback.score for q in view.questions if q.feedback])

        def write(_: SessionView) -> None:
            MockSession.update(
                overall_score=score,
                readiness=readiness(score),
                session_feedback=summary.model_dump() if summary else None,
                completed_at=now(),
            ).where(MockSession.id == view.id).execute()

        return await self._transition(view.id, Event.SUMMARY_READY, write)

    @staticmethod
    def _wants_feedback(q: QuestionView) -> bool:
        """An answered question whose feedback is neither written nor skipped."""
        return q.feedback is None and not q.feedback_skipped and bool(q.exchanges)

    def _skip_feedback(self, session_id: int, numbers: list[int]) -> SessionView:
        with database.atomic("IMMEDIATE"):
            Question.update(feedback_skipped=True).where(
                (Question.session == session_id) & Question.number.in_(numbers)
            ).execute()
        return self._reread(session_id)

    async def _write_question_feedback(
        self, view: SessionView, number: int, on_text: TextSink | None
    ) -> None:
        q = next(q for q in view.questions if q.number == number)
        feedback = await self._ask(view, question_feedback_task(view.context, q.as_turn()), on_text)
        sources = [view.context.resume_text, *(e.answer for e in q.exchanges)]
        ungrounded = find_ungrounded(feedback.revised_answer, sources)

        def write() -> None:
            with database.atomic("IMMEDIATE"):
                question = Question.get(Question.session == view.id, Question.number == number)
                QuestionFeedbackRow.delete().where(QuestionFeedbackRow.question == question).execute()
                QuestionFeedbackRow.create(
                    question=question, ungrounded=ungrounded, **feedback.model_dump()
                )

        await self._db(write)

    # ----- prefetch -------------------------------------------------------------------

    def _start_prefetch(self, view: SessionView) -> None:
        """Generate the next question while the user reads feedback."""
        number = view.progress.question_number + 1
        key = (view.id, number)
        if not self.prefetch_enabled or number > view.progress.total_questions:
            return
        if not view.ready_to_prefetch:  # adaptive difficulty needs this question's score
            return
        if key in self._prefetched:
            return
        async def prepare() -> GeneratedQuestion:
            task = await self._question_task(view, number)
            return await self._ask(view, task, None, prefetch=True)

        task = asyncio.ensure_future(prepare())
        # A failed prefetch is not an error: the question is generated again on demand.
        task.add_done_callback(lambda t: t.cancelled() or t.exception())
        self._prefetched[key] = task

    async def _take_prefetched(self, session_id: int, number: int) -> GeneratedQuestion | None:
        task = self._prefetched.pop((session_id, number), None)
        if task is None:
            return None
        if task.done():
            self.prefetch_stats.hits += 1
        else:
            self.prefetch_stats.misses += 1
        try:
            return await task
        except Exception:
            return None

    def _cancel_prefetch(self, session_id: int) -> None:
        for key in [k for k in self._prefetched if k[0] == session_id]:
            self._prefetched.pop(key).cancel()

    # ----- the coach -------------------------------------------------------------------

    async def _question_task(self, view: SessionView, number: int) -> Task[GeneratedQuestion]:
        # The application's recent sessions' questions too, so sessions do not all open
        # with the same question while the bank has others.
        def load() -> tuple[list[str], tuple[BankQuestion, ...]]:  # one trip to the database
            return (recent_question_texts(view.application_id, excluding_session=view.id),
                    own_for_session(view.context.stage, view.application_id))

        recent, own = await self._db(load)
        return question_task(
            view.context_for(number),
            number=number,
            competency=view.competency_for(number),
            asked=view.asked_texts,
            recent=recent,
            own=own,
        )

    async def _ask(
        self, view: SessionView, task: Task[M], on_text: TextSink | None, *, prefetch: bool = False
    ) -> M:
        """Run ``task`` on the session's coach, logged against the session.

        The offline coach takes it when the session is offline, or once when the user
        asked for this step offline (a prefetch never uses up that one call).
        """
        once = not prefetch and view.id in self._offline_once
        if once:
            self._offline_once.discard(view.id)
        offline = once or view.backend == "offline"
        waiting = None if prefetch or offline else self._on_wait.get(view.id)
        if waiting is not None and self.workspace.coach.info.backend != "offline":
            waiting()
        return await self.workspace.ask(
            task,
            about=About(application_id=view.application_id, session_id=view.id),
            on_text=on_text,
            offline=offline,
        )

    # ----- persistence ------------------------------------------------------------------

    async def _db(self, fn: Callable[..., T], *args: Any) -> T:
        return await self.workspace.runner.run(fn, *args)

    async def _transition(
        self,
        session_id: int,
        event: Event,
        write: Callable[[SessionView], None] | None = None,
    ) -> SessionView:
        def apply() -> SessionView:
            with database.atomic("IMMEDIATE"):
                view = self._current(session_id)
                after = transition(view.progress, event)  # raises IllegalTransition
                if write is not None:
                    write(view)
                MockSession.update(state=after.state.value).where(
                    MockSession.id == session_id
                ).execute()
            return self._reread(session_id)

        return await self._db(apply)

    def _current(self, session_id: int) -> SessionView:
        """(Database thread.) The view kept in memory while the stored state and row
        counts still match it (one query), else the session read again."""
        kept = self._views.get(session_id)
        if kept is not None and stored_fingerprint(session_id) == view_fingerprint(kept):
            return kept
        return self._reread(session_id)

    def _reread(self, session_id: int) -> SessionView:
        """(Database thread.) The session as stored, re-reading only its unfinished
        questions (``load_session_view`` with the kept view), and kept in memory."""
        view = load_session_view(session_id, self._views.get(session_id))
        self._views[session_id] = view
        return view

    def _create_session(self, setup: SessionSetup) -> int:
        application = JobApplication.get_by_id(setup.application_id)
        backend = self.workspace.coach.info.backend
        with database.atomic("IMMEDIATE"):
            return MockSession.create(
                application=application,
                stage=setup.stage,
                difficulty=setup.difficulty,
                persona=setup.persona,
                question_count=setup.question_count,
                target_level=infer_target_level(f"{application.role}\n{application.job_description}"),
                hide_scores=setup.hide_scores,
                mode=setup.mode,
                focus=setup.focus,
                adaptive=setup.adaptive,
                state=State.CREATED.value,
                backend=backend,
            ).id

    @staticmethod
    def _drafts_of(session_id: int) -> Any:
        return AnswerDraft.delete().where(AnswerDraft.session == session_id)

    def _clear_drafts(self, session_id: int) -> Callable[[SessionView], None]:
        return lambda _view: self._drafts_of(session_id).execute()

    @staticmethod
    def _write_draft(session_id: int, text: str, seconds_spent: float) -> None:
        view = load_session_view(session_id)
        if view.state is not State.AWAITING_ANSWER:
            return
        key = {
            "session": session_id,
            "question_number": view.progress.question_number,
            "response_number": view.progress.response_number + 1,
        }
        with database.atomic("IMMEDIATE"):
            AnswerDraft.insert(
                text=text, seconds_spent=seconds_spent, updated_at=now(), **key
            ).on_conflict(
                conflict_target=[
                    AnswerDraft.session,
                    AnswerDraft.question_number,
                    AnswerDraft.response_number,
                ],
                update={AnswerDraft.text: text, AnswerDraft.seconds_spent: seconds_spent,
                        AnswerDraft.updated_at: now()},
            ).execute()


def _store_analysis(response: Response, analysis: ResponseAnalysis, follow_up: str | None) -> None:
    Analysis.create(response=response, asked_follow_up=follow_up, **analysis.model_dump())

