"""The offline practice-set writer: questions chosen from the shipped bank by the job
description's terms, and example answers made only of the candidate's resume lines.

Questions of the set's stage (and, for some types, kind) are ranked by how many of the
job description's content words they and their guidance share; ties fall to a stable
hash, so the same application always gets the same set. Nothing is invented: the example
answer is the resume's most relevant bullets in the first person, with bracketed prompts
for the parts the resume cannot supply.
"""

from __future__ import annotations

from interview_tui.services.coach.answer_signals import content_stems
from interview_tui.services.coach.offline_feedback import norm
from interview_tui.services.coach.offline_phrases import DEEPEN, GENERIC
from interview_tui.services.coach.offline_writers import WriterTools
from interview_tui.services.coach.question_bank import BankQuestion, questions_for
from interview_tui.services.coach.rubrics import RUBRICS
from interview_tui.services.coach.tasks import Task
from interview_tui.services.practice_models import PracticeQuestion, PracticeSet

# Which bank questions fit each type: (competencies of the stage, or all; kinds, or all).
_FIT: dict[str, tuple[tuple[str, ...] | None, tuple[str, ...] | None]] = {
    "behavioural": (None, ("behavioural", "weakness")),
    "technical": (None, None),
    "company_specific": (("motivation", "culture_fit"), None),
    "situational": (None, None),
}
_SITUATIONAL_LEAD = ("how would you", "what would you", "if ", "imagine", "suppose", "how do you")
_PAST_TENSE_LEAD = ("led ", "built ", "ran ", "wrote ", "made ", "cut ", "drove ", "set ", "took ")
NOTE = ("Written offline: questions chosen from the shipped bank by the job description's "
        "terms; example answers use only lines of your resume.")


def _fits(q: BankQuestion, practice_type: str) -> bool:
    competencies, kinds = _FIT[practice_type]
    if competencies is not None and q.competency not in competencies:
        return False
    if kinds is not None and q.kind not in kinds:
        return False
    if practice_type == "situational":
        return q.text.lower().startswith(_SITUATIONAL_LEAD)
    return True


def _story_lines(resume: str) -> list[str]:
    """The resume's achievement bullets: lines of five words or more led by a past-tense
    verb (a skills list or a job title is not a story)."""
    lines = []
    for raw in resume.splitlines():
        line = raw.strip(" -•*\t")
        words = line.split()
        if len(words) < 5 or line.count(",") >= 3:
            continue
        first = words[0].lower()
        if first.endswith("ed") or f"{first} " in _PAST_TENSE_LEAD:
            lines.append(line)
    return lines


def _first_person(line: str) -> str:
    """A resume bullet as a sentence of the answer ("Led X" -> "I led X.")."""
    line = f"I {line[0].lower()}{line[1:]}"
    return line if line.endswith((".", "!", "?")) else f"{line}."


def _probes(competency: str, question: str, wanted: int = 3) -> list[str]:
    """The competency's usual follow-ups, then generic ones; never the question itself."""
    asked = norm(question)
    probes = [p for p in (*DEEPEN.get(competency, ()), *GENERIC) if norm(p) != asked]
    return list(dict.fromkeys(probes))[:wanted]


def example_answer(
    question: str, guidance: str, resume: str, jd_terms: set[str], frame: tuple[str, str]
) -> str:
    """Up to two resume stories on the question's topic (the job description breaks
    ties), in the first person, between prompts for what the resume cannot say."""
    topic = {s for s in content_stems(f"{question} {guidance}") if len(s) >= 4}
    scored = []
    for index, line in enumerate(_story_lines(resume)):
        stems = content_stems(line)
        scored.append((-len(stems & topic), -len(stems & jd_terms), index, line))
    ranked = sorted(scored)
    chosen = [_first_person(line) for on_topic, _, _, line in ranked[:2] if on_topic < 0]
    if not chosen and ranked and ranked[0][1] < 0:
        chosen = [_first_person(ranked[0][3])]  # nothing on the topic: the closest to the job
    if not chosen:
        return ("[Your resume has nothing on this yet: answer from your own experience, "
                "then add the story to your resume.]")
    return " ".join([frame[0], *chosen, frame[1]])


def _placeholder(kind: str, criterion: str) -> str:
    """The rubric's placeholder for a missing part (the judge's own wording)."""
    return next(c.placeholder for c in RUBRICS[kind] if c.key == criterion)


def _frame(practice_type: str, company: str) -> tuple[str, str]:
    if practice_type in ("behavioural", "situational"):
        return _placeholder("behavioural", "occasion"), _placeholder("behavioural", "outcome")
    if practice_type == "technical":
        return _placeholder("technical", "requirements"), _placeholder("technical", "tradeoffs")
    return (f"[Why {company}: one thing from the job description or its product that drew you.]",
            "[Fit: how this experience carries over to the role.]")


def practice_set(task: Task[PracticeSet], tools: WriterTools) -> PracticeSet:
    """``task.data`` is a ``PracticeRequest`` (services.practice_set)."""
    request = task.data
    ctx = request.context
    jd_terms = {s for s in content_stems(ctx.job_description) if len(s) >= 4}
    taken = {norm(t) for t in request.existing}
    pool = [q for q in questions_for(request.stage) if norm(q.text) not in taken]
    fitting = [q for q in pool if _fits(q, request.practice_type)]
    if len(fitting) < request.count:  # a thin type borrows the stage's other questions
        fitting += [q for q in pool if q not in fitting]

    def rank(q: BankQuestion) -> tuple[int, int]:
        overlap = len(content_stems(f"{q.text} {q.guidance}") & jd_terms)
        return (-overlap, tools.digest(ctx.company, ctx.role, q.id))

    chosen = sorted(fitting, key=rank)[: request.count]
    star = request.practice_type in ("behavioural", "situational")
    frame = _frame(request.practice_type, ctx.company)
    questions = []
    for q in chosen:
        criteria = q.guidance if star else f"Listen for: {q.guidance}"
        questions.append(PracticeQuestion.model_validate({
            "text": q.text,
            "competency": q.competency,
            "difficulty": q.difficulty,
            "guidance": criteria,
            "follow_ups": _probes(q.competency, q.text),
            "example_answer": example_answer(q.text, q.guidance, ctx.resume_text, jd_terms, frame),
        }))
        tools.stream([f"{len(questions)}. {q.text}"])
    return PracticeSet(questions=questions, note=NOTE)
