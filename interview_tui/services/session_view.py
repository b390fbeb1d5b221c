"""Read model of one mock session, rebuilt from its rows alone.

Screens render a ``SessionView``; the interview service rebuilds one after every
transition. Loading takes a fixed handful of queries whatever the session's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from interview_tui.services.coach.base import (
    ApplicationContext,
    Exchange,
    InterviewContext,
    QuestionTurn,
)
from interview_tui.services.coach.schemas import QuestionFeedback, ResponseAnalysis, SessionFeedback
from interview_tui.services.session_machine import (
    Progress,
    State,
    adaptive_difficulty,
    competency_for,
    drill_competency,
    infer_target_level,
)
from interview_tui.store.models import (
    Analysis,
    AnswerDraft,
    Candidate,
    JobApplication,
    MockSession,
    Question,
    QuestionFeedbackRow,
    Response,
)


class SessionNotFound(LookupError):
    pass


@dataclass(frozen=True)
class ExchangeView:
    number: int  # 1 = main answer, 2..4 = follow-ups
    prompt: str
    answer: str
    submitted_at: datetime
    seconds_spent: float | None
    analysis: ResponseAnalysis | None
    asked_follow_up: str | None  # the follow-up this answer led to, if any


@dataclass(frozen=True)
class QuestionView:
    number: int
    text: str
    competency: str
    guidance: str
    exchanges: tuple[ExchangeView, ...]
    feedback: QuestionFeedback | None
    ungrounded: tuple[str, ...] = ()
    feedback_skipped: bool = False  # the user went on without it after the coach failed
    difficulty: str = "medium"
    id: int = 0  # the question's row id (what a redo points at)
    redo_of: int | None = None  # the question this one answers again, if it is a redo

    @property
    def score(self) -> int | None:
        """The question's score: its feedback's, else its latest analysis's, else None."""
        if self.feedback is not None:
            return self.feedback.score
        scored = [e.analysis.score for e in self.exchanges if e.analysis is not None]
        return scored[-1] if scored else None

    def as_turn(self) -> QuestionTurn:
        return QuestionTurn(
            number=self.number,
            text=self.text,
            competency=self.competency,
            exchanges=tuple(Exchange(e.prompt, e.answer, e.seconds_spent) for e in self.exchanges),
            analyses=tuple(e.analysis for e in self.exchanges if e.analysis is not None),
        )


@dataclass(frozen=True)
class SessionView:
    id: int
    progress: Progress
    context: InterviewContext
    application_id: int
    hide_scores: bool
    backend: str
    started_at: datetime
    completed_at: datetime | None
    overall_score: float | None
    readiness: str | None
    session_feedback: SessionFeedback | None
    questions: tuple[QuestionView, ...] = ()
    draft_text: str = ""
    draft_seconds: float = 0.0
    asked_texts: tuple[str, ...] = field(default=())
    mode: str = "interview"  # interview | drill | redo
    focus: str | None = None  # a drill's competency or category
    adaptive: bool = False
    start_difficulty: str = "medium"  # the session's chosen difficulty

    @property
    def state(self) -> State:
        return self.progress.state

    @property
    def follows_up(self) -> bool:
        """A drill is a quick loop (question, answer, feedback, next): no follow-ups."""
        return self.mode != "drill"

    def competency_for(self, number: int) -> str:
        """The competency of main question ``number`` under this session's rules."""
        stored = next((q for q in self.questions if q.number == number), None)
        if stored is not None:
            return stored.competency
        if self.mode == "drill" and self.focus:
            return drill_competency(self.focus, number)
        return competency_for(self.context.stage, number)

    def difficulty_for(self, number: int) -> str:
        """The difficulty of question ``number``: the session's, or with adaptive
        difficulty the one the scores before it lead to."""
        stored = next((q for q in self.questions if q.number == number), None)
        if stored is not None:
            return stored.difficulty
        if not self.adaptive:
            return self.start_difficulty
        before = [q for q in self.questions if q.number < number]
        current = before[-1].difficulty if before else self.start_difficulty
        return adaptive_difficulty(current, [q.score for q in before])

    def context_for(self, number: int) -> InterviewContext:
        """The session's context with question ``number``'s difficulty."""
        difficulty = self.difficulty_for(number)
        if difficulty == self.context.difficulty:
            return self.context
        return replace(self.context, difficulty=difficulty)

    @property
    def ready_to_prefetch(self) -> bool:
        """Whether the next question can be prepared now: with adaptive difficulty it
        waits for the current question's score."""
        current = self.current_question
        return not self.adaptive or (current is not None and current.feedback is not None)

    @property
    def difficulty_changes(self) -> list[tuple[int, str, str]]:
        """(question number, from, to) each time the difficulty changed in the session."""
        changes = []
        previous = self.start_difficulty
        for q in self.questions:
            if q.difficulty != previous:
                changes.append((q.number, previous, q.difficulty))
            previous = q.difficulty
        return changes

    @property
    def difficulty_note(self) -> str | None:
        """What adaptive difficulty did in this session, for its summary (None if off)."""
        if not self.adaptive:
            return None
        changes = self.difficulty_changes
        if not changes:
            return f"Adaptive difficulty: stayed {self.start_difficulty} throughout."
        why = {"hard": "after two scores of 8 or more", "easy": "after two scores below 5"}
        parts = [
            f"{to} from question {number} ({why.get(to, f'from {before}')})"
            for number, before, to in changes
        ]
        return f"Adaptive difficulty: started {self.start_difficulty}; " + "; ".join(parts) + "."

    @property
    def current_question(self) -> QuestionView | None:
        n = self.progress.question_number
        return next((q for q in self.questions if q.number == n), None)

    @property
    def pending_prompt(self) -> str | None:
        """What the candidate is asked to answer now, while awaiting an answer."""
        q = self.current_question
        if self.state is not State.AWAITING_ANSWER or q is None:
            return None
        if not q.exchanges:
            return q.text
        return q.exchanges[-1].asked_follow_up


def context_for(session: MockSession) -> InterviewContext:
    application = application_context(session.application, session.target_level)
    return InterviewContext(
        stage=session.stage,
        difficulty=session.difficulty,
        persona=session.persona,
        question_count=session.question_count,
        **vars(application),
    )


def application_context(app: JobApplication, target_level: str | None = None) -> ApplicationContext:
    """The cached-prefix context of a job application (for tasks outside a session)."""

    cand: Candidate = app.candidate
    return ApplicationContext(
        company=app.company,
        role=app.role,
        job_description=app.job_description,
        interviewer_name=app.interviewer_name,
        candidate_name=cand.name,
        resume_text=cand.resume_text,
        target_level=target_level or infer_target_level(f"{app.role}\n{app.job_description}"),
    )


def _analysis_model(row: Analysis) -> ResponseAnalysis:
    return ResponseAnalysis.model_validate(row, from_attributes=True)


def _feedback_model(row: QuestionFeedbackRow) -> QuestionFeedback:
    return QuestionFeedback.model_validate(row, from_attributes=True)


def load_session_view(session_id: int, previous: SessionView | None = None) -> SessionView:
    """Rebuild the whole session from the database.

    With ``previous`` (an earlier view of the same session) the questions it holds with
    their feedback written, which never change again, are kept as they are; only the
    rest is read and parsed (the interview service refreshes its view this way after
    every transition, so a turn no longer re-validates every past analysis).
    """
    session = (
        MockSession.select(MockSession, JobApplication, Candidate)
        .join(JobApplication)
        .join(Candidate)
        .where(MockSession.id == session_id)
        .first()
    )
    if session is None:
        raise SessionNotFound(f"No mock session with id {session_id}.")
    kept = _finished_prefix(previous) if previous is not None and previous.id == session_id else ()
    after = kept[-1].number if kept else 0
    questions = list(
        Question.select()
        .where(Question.session == session, Question.number > after)
        .order_by(Question.number)
    )
    question_views = [*kept, *_question_views(questions)]
    progress = _progress_from_rows(session, question_views)
    draft = None
    if progress.state is State.AWAITING_ANSWER:
        draft = AnswerDraft.get_or_none(
            AnswerDraft.session == session,
            AnswerDraft.question_number == progress.question_number,
            AnswerDraft.response_number == progress.response_number + 1,
        )
    view = SessionView(
        id=session.id,
        progress=progress,
        context=context_for(session),
        application_id=session.application_id,
        hide_scores=session.hide_scores,
        backend=session.backend,
        started_at=session.started_at,
        completed_at=session.completed_at,
        overall_score=session.overall_score,
        readiness=session.readiness,
        session_feedback=SessionFeedback(**session.session_feedback)
        if session.session_feedback
        else None,
        questions=tuple(question_views),
        draft_text=draft.text if draft else "",
        draft_seconds=draft.seconds_spent if draft else 0.0,
        asked_texts=tuple(q.text for q in question_views),
        mode=session.mode,
        focus=session.focus,
        adaptive=session.adaptive,
        start_difficulty=session.difficulty,
    )
    # Every coach task of the current question sees that question's difficulty.
    return replace(view, context=view.context_for(max(progress.question_number, 1)))


def _finished_prefix(view: SessionView) -> tuple[QuestionView, ...]:
    """The leading questions of ``view`` whose feedback is written: final, so reusable."""
    done = 0
    for q in view.questions:
        if q.feedback is None:
            break
        done += 1
    return view.questions[:done]


def _question_views(questions: list[Question]) -> list[QuestionView]:
    qids = [q.id for q in questions]
    responses: dict[int, list[Response]] = {qid: [] for qid in qids}
    analyses: dict[int, Analysis] = {}
    feedback: dict[int, QuestionFeedbackRow] = {}
    if qids:
        for r in Response.select().where(Response.question.in_(qids)).order_by(Response.number):
            responses[r.question_id].append(r)
        rids = [r.id for rs in responses.values() for r in rs]
        if rids:
            analyses = {a.response_id: a for a in Analysis.select().where(Analysis.response.in_(rids))}
        feedback = {
            f.question_id: f
            for f in QuestionFeedbackRow.select().where(QuestionFeedbackRow.question.in_(qids))
        }
    views = []
    for q in questions:
        exchanges = []
        for r in responses[q.id]:
            a = analyses.get(r.id)
            exchanges.append(
                ExchangeView(
                    number=r.number,
                    prompt=r.prompt,
                    answer=r.text,
                    submitted_at=r.submitted_at,
                    seconds_spent=r.seconds_spent,
                    analysis=_analysis_model(a) if a else None,
                    asked_follow_up=a.asked_follow_up if a else None,
                )
            )
        fb = feedback.get(q.id)
        views.append(
            QuestionView(
                number=q.number,
                text=q.text,
                competency=q.competency,
                guidance=q.guidance,
                exchanges=tuple(exchanges),
                feedback=_feedback_model(fb) if fb else None,
                ungrounded=tuple(fb.ungrounded) if fb else (),
                feedback_skipped=q.feedback_skipped,
                difficulty=q.difficulty,
                id=q.id,
                redo_of=q.redo_of_id,
            )
        )
    return views


def view_fingerprint(view: SessionView) -> tuple[object, ...]:
    """What ``stored_fingerprint`` reads for the session ``view`` shows."""
    exchanges = [e for q in view.questions for e in q.exchanges]
    return (
        view.state.value,
        len(view.questions),
        len(exchanges),
        sum(e.analysis is not None for e in exchanges),
        sum(q.feedback is not None for q in view.questions),
        sum(q.feedback_skipped for q in view.questions),
        int(view.session_feedback is not None),
        view.backend,
    )


def stored_fingerprint(session_id: int) -> tuple[object, ...] | None:
    """The session's state and row counts, in one query: when they equal a view's
    ``view_fingerprint``, the view still is what the database holds (rows are only
    ever added to a session, and its state moves with each of them; a skipped feedback and
    a switch to the offline coach are counted too)."""
    tables = {m.__name__: m._meta.table_name for m in (MockSession, Question, Response,
                                                         Analysis, QuestionFeedbackRow)}
    q, r, a, f = (tables[n] for n in ("Question", "Response", "Analysis", "QuestionFeedbackRow"))
    row = MockSession._meta.database.execute_sql(
        f"SELECT s.state,"
        f" (SELECT count(*) FROM {q} q WHERE q.session_id = s.id),"
        f" (SELECT count(*) FROM {r} r JOIN {q} q ON r.question_id = q.id"
        f"  WHERE q.session_id = s.id),"
        f" (SELECT count(*) FROM {a} a JOIN {r} r ON a.response_id = r.id"
        f"  JOIN {q} q ON r.question_id = q.id WHERE q.session_id = s.id),"
        f" (SELECT count(*) FROM {f} f JOIN {q} q ON f.question_id = q.id"
        f"  WHERE q.session_id = s.id),"
        f" (SELECT count(*) FROM {q} q WHERE q.session_id = s.id AND q.feedback_skipped),"
        f" s.session_feedback IS NOT NULL,"
        f" s.backend"
        f" FROM {tables['MockSession']} s WHERE s.id = ?",
        (session_id,),
    ).fetchone()
    return None if row is None else tuple(row)


def _progress_from_rows(session: MockSession, questions: list[QuestionView]) -> Progress:
    """The machine's progress: the stored state plus counts taken from the rows."""
    state = State(session.state)
    number = questions[-1].number if questions else 0
    if state is State.ASKING:
        # Asking for the question after the last stored one.
        number += 1
    responses = len(questions[-1].exchanges) if questions and state is not State.ASKING else 0
    return Progress(
        state=state,
        total_questions=session.question_count,
        question_number=number,
        response_number=responses,
    )
