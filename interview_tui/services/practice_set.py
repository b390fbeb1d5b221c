"""Practice sets: N questions of one type, written for one application and saved into
the user's bank for it, so sessions and drills on that application can ask them.

Claude writes the set from the application's context; the offline coach chooses it from
the shipped bank by the job description's terms (``coach.offline_practice``). Each
example answer is checked against the resume: claims found nowhere are kept with the
question and shown beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview_tui.services.call_log import About
from interview_tui.services.catalog import (
    COMPETENCIES,
    PRACTICE_STAGES,
    PRACTICE_TYPES,
    STAGES,
)
from interview_tui.services.coach.base import ApplicationContext, TextSink
from interview_tui.services.coach.tasks import Task
from interview_tui.services.grounding import find_ungrounded
from interview_tui.services.practice_models import PracticeQuestion, PracticeSet
from interview_tui.services.question_import import QuestionRejected, check_question
from interview_tui.services.question_library import BankEntry, add_questions
from interview_tui.services.session_view import application_context
from interview_tui.store.models import JobApplication, OwnQuestion

if TYPE_CHECKING:
    from interview_tui.services.workspace import Workspace

MAX_COUNT = 10
_PROMPT = re.compile(r"\[[^\]]*\]")
_INSTRUCTIONS = {
    "behavioural": "Behavioural: each asks for one real past occasion (\"Tell me about a "
    "time...\"). Guidance in STAR order.",
    "technical": "Technical: design, debugging and trade-off questions at the level of this "
    "role, on the systems the job description names. Guidance as evaluation criteria.",
    "company_specific": "Company-specific: why this company and this role, its product, "
    "customers and challenges as the job description shows them. Guidance as evaluation "
    "criteria.",
    "situational": "Situational: hypothetical situations this role will meet (\"What would "
    "you do if...\"). Guidance in STAR order, adapted to a plan of action.",
}


class PracticeSetError(ValueError):
    """A request that cannot be met; the message says why."""


@dataclass(frozen=True)
class PracticeRequest:
    """What the offline writer works from."""

    context: ApplicationContext
    practice_type: str
    stage: str
    count: int
    existing: tuple[str, ...]


def practice_set_task(
    ctx: ApplicationContext, practice_type: str, count: int, existing: tuple[str, ...] = ()
) -> Task[PracticeSet]:
    stage = PRACTICE_STAGES[practice_type]
    star = practice_type in ("behavioural", "situational")
    return Task(
        purpose="practice_set",
        output=PracticeSet,
        template="practice_set",
        context=ctx,
        inputs={
            "count": str(count),
            "type_label": PRACTICE_TYPES[practice_type].lower(),
            "stage_label": STAGES[stage].lower(),
            "competencies": ", ".join(COMPETENCIES[stage]),
            "guidance_kind": "STAR guidance (situation, task, action, result: what each "
            "part should hold)" if star else "evaluation criteria (what an interviewer "
            "listens for)",
            "type_instructions": _INSTRUCTIONS[practice_type],
            "existing": "\n".join(f"- {t}" for t in existing) or "(none)",
        },
        data=PracticeRequest(ctx, practice_type, stage, count, existing),
        max_tokens=min(900 * count + 500, 12000),
        stream=True,
    )


def _load(application_id: int, practice_type: str) -> tuple[ApplicationContext, tuple[str, ...]]:
    app = JobApplication.get_or_none(JobApplication.id == application_id)
    if app is None:
        raise PracticeSetError(f"There is no application {application_id}. {applications_line()}")
    existing = tuple(
        q.text for q in OwnQuestion.select(OwnQuestion.text).where(
            (OwnQuestion.application == application_id)
            & (OwnQuestion.stage == PRACTICE_STAGES[practice_type])
        )
    )
    return application_context(app), existing


def applications_line() -> str:
    """The applications there are, with their ids, for a message."""
    apps = [f"{a.id} ({a.company} · {a.role})" for a in JobApplication.select().order_by(JobApplication.id)]
    return f"Applications: {', '.join(apps)}." if apps else "There are no applications yet."


def _keepable(q: PracticeQuestion, stage: str, index: int) -> PracticeQuestion:
    """``q`` with a competency of ``stage`` (a model may name another)."""
    allowed = COMPETENCIES[stage]
    competency = q.competency.strip().lower().replace(" ", "_")
    if competency not in allowed:
        competency = allowed[index % len(allowed)]
    return q.model_copy(update={"competency": competency})


def save_set(
    application_id: int, practice_type: str, result: PracticeSet, author: str,
    ctx: ApplicationContext,
) -> list[BankEntry]:
    """Store the set's questions for the application; the ones already there are skipped."""
    stage = PRACTICE_STAGES[practice_type]
    resume, company = ctx.resume_text, ctx.company
    questions, ungrounded = [], []
    for index, raw in enumerate(result.questions):
        q = _keepable(raw, stage, index)
        try:
            questions.append(check_question(
                q.text, stage=stage, competency=q.competency, difficulty=q.difficulty,
                guidance=q.guidance, follow_ups=q.follow_ups[:4],
                example_answer=q.example_answer, line=index + 1,
            ))
        except QuestionRejected:
            continue  # an unusable question from a model is dropped, not stored
        # Bracketed prompts claim nothing; the company may be named without a source.
        claims = _PROMPT.sub(" ", q.example_answer)
        ungrounded.append(find_ungrounded(claims, [resume, company]))
    report = add_questions(questions, source="generated", application_id=application_id,
                           category=practice_type, author=author, ungrounded=ungrounded)
    return report.added


class PracticeSetService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    async def generate(
        self,
        application_id: int,
        practice_type: str,
        count: int = 5,
        *,
        on_text: TextSink | None = None,
    ) -> list[BankEntry]:
        """Write a set with the workspace's coach and save it into the bank."""
        if practice_type not in PRACTICE_TYPES:
            raise PracticeSetError(
                f"Unknown type {practice_type!r}; choose {', '.join(PRACTICE_TYPES)}."
            )
        if not 1 <= count <= MAX_COUNT:
            raise PracticeSetError(f"Ask for 1 to {MAX_COUNT} questions, not {count}.")
        ctx, existing = await self._ws.runner.run(_load, application_id, practice_type)
        task = practice_set_task(ctx, practice_type, count, existing)
        result = await self._ws.ask(task, about=About(application_id=application_id),
                                    on_text=on_text)
        result = result.model_copy(update={"questions": result.questions[:count]})
        author = self._ws.coach.info.backend
        return await self._ws.runner.run(
            save_set, application_id, practice_type, result, author, ctx
        )
