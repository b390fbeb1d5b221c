"""The offline coach's writers for the analysis and question-feedback tasks.

Pure functions of their inputs: the judge of the question's kind, feedback read off the
same marks, follow-ups at the biggest gaps, and a revision that the judge itself scores
no lower than the answer. ``analyse`` and ``question_feedback`` take plain arguments (the
command line uses them); ``analyse_turn`` and ``feedback_for_turn`` adapt an interview's
context and turn.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from interview_tui.services.claims import Claim, check_claims
from interview_tui.services.coach import judge_feedback as jf
from interview_tui.services.coach.base import InterviewContext, QuestionTurn
from interview_tui.services.coach.judge import Judgement, judge_answer
from interview_tui.services.coach.offline_feedback import norm
from interview_tui.services.coach.question_bank import bank_entry, kind_of
from interview_tui.services.coach.revision import Revision, revise
from interview_tui.services.coach.schemas import QuestionFeedback, ResponseAnalysis

MAX_GAPS = jf.MAX_GAPS


@dataclass(frozen=True)
class Analysis:
    """Everything the coach says about one answer, for the command line and the app."""

    judgement: Judgement
    analysis: ResponseAnalysis
    revision: Revision
    flagged_claims: list[Claim]


def judge(
    question: str,
    answers: list[str],
    *,
    kind: str | None = None,
    resume: str = "",
    job_description: str = "",
    company: str = "",
    difficulty: str = "medium",
    target_level: str = "L4",
) -> Judgement:
    """The judgement of ``answers``, with resume matching folded into its findings."""
    j = judge_answer(question, answers, kind=kind or kind_of(question), company=company,
                     job_description=job_description, difficulty=difficulty,
                     target_level=target_level)
    extra_strengths, extra_gaps = jf.resume_findings(j, "\n".join(answers), resume,
                                                     job_description)
    gaps = sorted([*j.gaps, *extra_gaps], key=lambda g: -g.weight)
    return replace(j, strengths=[*j.strengths, *extra_strengths], gaps=gaps)


def judge_turn(ctx: InterviewContext, question: str, answers: list[str]) -> Judgement:
    """``judge`` with an interview's context."""
    return judge(question, answers, resume=ctx.resume_text, job_description=ctx.job_description,
                 company=ctx.company, difficulty=ctx.difficulty, target_level=ctx.target_level)


def _analysis(j: Judgement, competency: str, persona: str, asked: set[str],
              added: list[str]) -> ResponseAnalysis:
    wanted = 2 if persona == "friendly" else 3
    return ResponseAnalysis(
        score=j.score,
        level=j.level,
        strengths=[s.text for s in j.strengths],
        gaps=[g.text for g in j.gaps[:MAX_GAPS]],
        follow_up_questions=jf.follow_ups(j, competency, persona, asked, wanted),
        brief_feedback=jf.brief(j, persona, added),
    )


def analyse(
    question: str,
    answers: list[str],
    *,
    kind: str | None = None,
    resume: str = "",
    job_description: str = "",
    company: str = "",
    competency: str = "",
    difficulty: str = "medium",
    target_level: str = "L4",
    persona: str = "neutral",
) -> Analysis:
    """The offline coach's whole reading of one answer: score, feedback, revision, claims."""
    kind = kind or kind_of(question)
    entry = bank_entry(question)
    competency = competency or (entry.competency if entry else kind)
    j = judge(question, answers, kind=kind, resume=resume, job_description=job_description,
              company=company, difficulty=difficulty, target_level=target_level)
    analysis = _analysis(j, competency, persona, {norm(question)}, [])
    revision = revise(question, answers, kind=kind, resume=resume, company=company,
                      job_description=job_description)
    return Analysis(j, analysis, revision, flagged_claims(answers, revision.text, resume,
                                                         job_description))


def flagged_claims(answers: list[str], revised: str, resume: str, job: str) -> list[Claim]:
    """Claims to check before trusting the feedback: anything in the revision that neither
    the answer nor the resume backs, and employers, names and titles in the answer that
    the resume doesn't hold (only when there is a resume to check against)."""
    answer = "\n".join(answers)
    flagged = check_claims(revised, [answer, resume, job])
    if resume.strip():
        flagged += jf.unbacked_employers(answer, resume, job)
    return flagged


def analyse_turn(ctx: InterviewContext, turn: QuestionTurn) -> ResponseAnalysis:
    """The analysis of a turn's answers so far, acknowledging what a follow-up added."""
    answers = [e.answer for e in turn.exchanges]
    j = judge_turn(ctx, turn.text, answers)
    added: list[str] = []
    if len(answers) > 1:
        before = {s.key for s in judge_turn(ctx, turn.text, answers[:-1]).strengths}
        added = [jf.strength_noun(s) for s in j.strengths if s.key not in before]
    asked = {norm(e.prompt) for e in turn.exchanges} | {norm(turn.text)}
    return _analysis(j, turn.competency, ctx.persona, asked, added)


def question_feedback(
    question: str,
    answers: list[str],
    *,
    competency: str,
    kind: str | None = None,
    resume: str = "",
    job_description: str = "",
    company: str = "",
    difficulty: str = "medium",
    target_level: str = "L4",
) -> QuestionFeedback:
    """Feedback on a finished question, with a revised answer in its kind's shape."""
    kind = kind or kind_of(question)
    j = judge(question, answers, kind=kind, resume=resume, job_description=job_description,
              company=company, difficulty=difficulty, target_level=target_level)
    coaching = list(dict.fromkeys(g.coaching for g in j.gaps[:4] if g.coaching))
    entry = bank_entry(question)
    if entry and entry.guidance:
        coaching.append(f"What a strong answer to this question covers — {entry.guidance}")
    revision = revise(question, answers, kind=kind, resume=resume, company=company,
                      job_description=job_description)
    return QuestionFeedback(
        score=j.score,
        level=j.level,
        assessment=jf.assessment(j, target_level, competency),
        what_landed=[s.text for s in j.strengths],
        what_didnt=[g.text for g in j.gaps[:MAX_GAPS]],
        coaching=coaching,
        revised_answer=revision.text,
    )


def feedback_for_turn(ctx: InterviewContext, turn: QuestionTurn) -> QuestionFeedback:
    """``question_feedback`` for an interview's turn."""
    return question_feedback(
        turn.text, [e.answer for e in turn.exchanges], competency=turn.competency,
        resume=ctx.resume_text, job_description=ctx.job_description, company=ctx.company,
        difficulty=ctx.difficulty, target_level=ctx.target_level)
