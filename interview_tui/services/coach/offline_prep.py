"""The offline coach's prep documents: deterministic, built only from the candidate's
material (resume, job description, notes, mock-session results) and the question bank.

Talking points are the resume bullets that best match the job description's terms;
likely questions come from the bank for the stage, weak competencies first; STAR
examples split resume bullets into parts and leave a visible ``[placeholder]`` where a
part is missing. Advice (how to answer, what to ask) is generic and says so; facts about
the candidate come only from their own text. Every document says it was written offline.
"""

from __future__ import annotations

import re

from interview_tui.services.catalog import COMPETENCIES, competency_label
from interview_tui.services.coach.answer_signals import job_terms
from interview_tui.services.coach.offline_prep_material import (
    Bullet,
    best_bullet,
    key_terms,
    mentions,
    overlap,
    ranked_bullets,
    requirement_lines,
    resume_bullets,
    short_stints,
    star_parts,
    tenures,
    year_gaps,
)
from interview_tui.services.coach.offline_writers import WriterTools
from interview_tui.services.coach.question_bank import questions_for
from interview_tui.services.coach.tasks import Task
from interview_tui.services.prep_models import (
    BasePrepDraft,
    CallbackDriver,
    CompanyBrief,
    Gap,
    HiringManagerPrepDraft,
    Narrative,
    QuestionToAsk,
    RecruiterPrepDraft,
    RedFlag,
    ScreeningSignal,
    StarExample,
    Strength,
    TalkingPoint,
)
from interview_tui.services.prep_tasks import PrepRequest

OFFLINE = ("Written offline by the built-in coach from your resume, the job description, "
           "your notes and your mock sessions only; it knows nothing else about {company}.")
NO_BULLET = "[No resume line to draw on: add your resume to your profile]"
# Which hiring-manager competency a resume bullet shows best, by its words.
_COMPETENCY_WORDS = {
    "leadership": ("led", "mentor", "managed", "coached", "hired", "ran"),
    "stakeholder_management": ("worked with", "partner", "finance", "support", "stakeholder",
                               "customer", "aligned"),
    "problem_solving": ("reduced", "fixed", "cut", "debug", "resolved", "diagnos"),
    "technical_depth": ("designed", "built", "architect", "migrat", "pipeline", "api"),
    "ambiguity_tolerance": ("new", "first", "launched", "started", "redesign"),
}


def bank_picks(stage: str, weak: list[str], tools: WriterTools, count: int) -> list[tuple[str, str]]:
    """Bank questions for ``stage`` as (text, competency): one per weak competency first,
    then one per other competency, then the rest; a stable order per seed."""
    bank = sorted(questions_for(stage), key=lambda q: tools.digest("prep", q.id))
    order = [c for c in weak if c in COMPETENCIES.get(stage, ())]
    order += [c for c in COMPETENCIES.get(stage, ()) if c not in order]
    picked: list[tuple[str, str]] = []
    for competency in order:
        picked += [(q.text, q.competency) for q in bank if q.competency == competency][:1]
    picked += [(q.text, q.competency) for q in bank if (q.text, q.competency) not in picked]
    return picked[:count]


def bank_questions(stage: str, weak: list[str], tools: WriterTools, count: int) -> list[str]:
    return [text for text, _competency in bank_picks(stage, weak, tools, count)]


def weak_competencies(request: PrepRequest) -> list[str]:
    return [w.competency for w in request.weak]


def bullets_of(request: PrepRequest) -> list[Bullet]:
    return resume_bullets(request.ctx.resume_text)


def terms_line(words: list[str]) -> str:
    return ", ".join(words[:4])


def _company(request: PrepRequest) -> str:
    return request.ctx.company or "the company"


def _stressed(request: PrepRequest, count: int) -> list[str]:
    """The job description's distinctive words, the company's own name left out."""
    company = request.ctx.company.lower().split()
    return [w for w in key_terms(request.ctx.job_description, count + len(company))
            if w.lower() not in company][:count]


def stream_title(tools: WriterTools, title: str, parts: list[str]) -> None:
    tools.stream([title, *parts])


# ----- recruiter screen ---------------------------------------------------------------


def _red_flags(request: PrepRequest) -> list[RedFlag]:
    jobs = tenures(request.ctx.resume_text)
    this_year = int(request.today[:4])
    flags: list[RedFlag] = []
    for start, end in year_gaps(jobs)[:1]:
        flags.append(RedFlag(flag=f"A gap in your resume between {start} and {end}",
                             mitigation="Name it plainly in one sentence, say what you did "
                             "in that time ([what you did]) and move to why you are ready now."))
    short = short_stints(jobs, this_year)
    if len(short) >= 2:
        flags.append(RedFlag(flag=f"{len(short)} short stints ({'; '.join(j.job for j in short[:2])})",
                             mitigation="Give one honest reason per move and show what you "
                             "stayed long enough to finish; stress you want to stay and grow."))
    senior = ("principal", "staff", "director", "head of", "vp", "chief")
    if mentions(request.ctx.resume_text, senior) and not mentions(request.ctx.role, senior):
        flags.append(RedFlag(flag=f"You may look overqualified for {request.ctx.role}",
                             mitigation="Say why this scope is what you want now, and that "
                             "the level and pay band have been discussed openly."))
    if jobs and jobs[0].end is None:
        flags.append(RedFlag(flag=f"Why leave your current job ({jobs[0].job})?",
                             mitigation="Give a forward-looking reason tied to this role; "
                             "never criticise your current employer."))
    flags.append(RedFlag(flag="Fit with the job's must-haves",
                         mitigation="Tie each must-have the recruiter names to one resume "
                         "line; where you lack one, say how you are closing it."))
    return flags[:3]


def recruiter_prep(task: Task[RecruiterPrepDraft], tools: WriterTools) -> RecruiterPrepDraft:
    request: PrepRequest = task.data
    ctx = request.ctx
    ranked = ranked_bullets(bullets_of(request), ctx.job_description)[:6]
    points = [
        TalkingPoint(point=(f"Matches the job on {terms_line(terms)}" if terms
                            else "Another achievement worth a sentence"), achievement=b.text)
        for b, terms in ranked
    ] or [TalkingPoint(point="Add your resume to get talking points", achievement=NO_BULLET)]
    questions = bank_questions("recruiter_screen", weak_competencies(request), tools, 7)
    company = _company(request)
    draft = RecruiterPrepDraft(
        overview=(f"The recruiter wants to learn whether your background fits the {ctx.role} "
                  f"role at {company}, why you want it now, and whether level, pay and timing "
                  "line up. " + OFFLINE.format(company=company)),
        talking_points=points,
        red_flags=_red_flags(request),
        likely_questions=questions,
        questions_to_ask=[
            QuestionToAsk(question=f"What would success look like in the first 90 days as {ctx.role}?",
                          reason="Shows you think about impact and tells you what to stress later."),
            QuestionToAsk(question="What are the next steps and the timeline of the process?",
                          reason="Lets you plan and line up other processes."),
            QuestionToAsk(question="Which part of the role is hardest to hire for?",
                          reason="Tells you which of your strengths to lead with next round."),
            QuestionToAsk(question="What is the budgeted range for this role?",
                          reason="Gets their number first, before you name yours."),
        ],
        compensation_strategy=("Let them name the range first. If pressed, give a researched "
                               "range ([your target range]) based on market data for the role "
                               "and your level, and say it is open to the whole package."),
        timeline_strategy=("Be clear about your notice period ([your notice period]) and any "
                           "other processes ([where you are elsewhere]) without overstating them."),
    )
    stream_title(tools, "Recruiter screen prep", [draft.overview])
    return draft


# ----- hiring manager ---------------------------------------------------------------------


def competency_of(bullet: Bullet) -> str:
    for competency, words in _COMPETENCY_WORDS.items():
        if mentions(bullet.text, words):
            return competency
    return "technical_depth"


def star_example(bullet: Bullet) -> StarExample:
    parts = star_parts(bullet)
    return StarExample(competency=competency_label(competency_of(bullet)), **parts)


def hiring_manager_prep(task: Task[HiringManagerPrepDraft], tools: WriterTools) -> HiringManagerPrepDraft:
    request: PrepRequest = task.data
    ctx = request.ctx
    bullets = bullets_of(request)
    scored = []
    for line in requirement_lines(ctx.job_description):
        bullet = best_bullet(bullets, line)
        shared = overlap(bullet.text, job_terms(line)) if bullet else []
        scored.append((line, bullet, shared))
    matched = sorted((s for s in scored if s[2]), key=lambda s: -len(s[2]))
    strengths = [Strength(strength=f"Hands-on with {terms_line(shared)}", requirement=line,
                          evidence=bullet.text) for line, bullet, shared in matched[:4] if bullet]
    if not strengths:
        strengths = [Strength(strength="[Your strongest match]", requirement=line or
                              "[no job description given]", evidence=NO_BULLET)
                     for line, _b, _s in (scored[:1] or [("", None, [])])]
    unmatched = [line for line, _b, shared in scored if not shared]
    gaps = [Gap(gap=f"Little in your resume speaks to: {line}",
                workaround="Name the closest thing you have done ([closest experience]) and "
                "how you would close the gap in the first months ([your plan]).")
            for line in unmatched[:3]]
    if not gaps:
        gaps = [Gap(gap="No requirement stands unmatched by your resume's words",
                    workaround="Expect probing for depth instead: prepare the numbers behind "
                    "each strength.")]
    ranked = [b for b, _t in ranked_bullets(bullets, ctx.job_description)]
    stars = [star_example(b) for b in ranked[:4]] or [
        StarExample(competency="[competency]", situation=NO_BULLET, task="[Task]",
                    action="[Action]", result="[Result]")]
    company = _company(request)
    draft = HiringManagerPrepDraft(
        overview=(f"The hiring manager judges whether you can do the {ctx.role} job well at "
                  f"{company}: your own decisions, the results you drove and how you work with "
                  f"others. Terms the job stresses: {', '.join(_stressed(request, 6)) or 'none given'}. "
                  + OFFLINE.format(company=company)),
        strengths=strengths,
        gaps=gaps,
        star_examples=stars,
        likely_questions=bank_questions("hiring_manager", weak_competencies(request), tools, 7),
        questions_to_ask=[
            QuestionToAsk(question="What is the biggest problem the team needs this hire to solve?",
                          reason="Lets you map your strongest example onto their need."),
            QuestionToAsk(question="How do you measure success for this role after six months?",
                          reason="Shows you think in outcomes; tells you what matters to them."),
            QuestionToAsk(question="How are technical decisions made across the teams?",
                          reason="Tests the ownership the role really has."),
            QuestionToAsk(question="What did the last person in this role do especially well?",
                          reason="Reveals the bar and the culture."),
            QuestionToAsk(question="Is there anything in my background that gives you pause?",
                          reason="Gives you a chance to address a concern before you leave."),
        ],
        closing_strategy=("Summarise in two sentences why your strongest example answers their "
                          "biggest need, address any concern they raised, and ask about next steps."),
    )
    stream_title(tools, "Hiring manager prep", [draft.overview])
    return draft


# ----- base preparation ------------------------------------------------------------------------


_EXPERIENCE = re.compile(r"\b\d+\+?\s*(?:years?|yrs)\b[^.,;\n]*", re.I)


def _screening_signals(request: PrepRequest, bullets: list[Bullet]) -> list[ScreeningSignal]:
    """What a screener scans for: the experience asked for, then the named skills, each
    with whether the resume shows it (phrases copied from the job description)."""
    jd = request.ctx.job_description
    resume = request.ctx.resume_text.lower()
    signals = [ScreeningSignal(signal=m.group(0).strip(), why="The experience level asked for: "
                               "say yours in the first minute")
               for m in _EXPERIENCE.finditer(jd)][:2]
    for term in _stressed(request, 10):
        if len(signals) >= 8 or not term[:1].isupper():
            continue
        shown = term.lower() in resume
        signals.append(ScreeningSignal(signal=term, why=(
            "A named skill; your resume shows it" if shown else
            "A named skill your resume does not show: be ready to speak to it")))
    if len(signals) < 4:
        for line in requirement_lines(jd):
            if len(signals) >= 4:
                break
            bullet = best_bullet(bullets, line)
            signals.append(ScreeningSignal(signal=line.rstrip("."), why=(
                f"A stated requirement; your resume speaks to it: {bullet.text}" if bullet
                else "A stated requirement nothing in your resume speaks to yet")))
    return signals


def base_prep(task: Task[BasePrepDraft], tools: WriterTools) -> BasePrepDraft:
    request: PrepRequest = task.data
    ctx = request.ctx
    bullets = bullets_of(request)
    signals = _screening_signals(request, bullets)
    ranked = [(b, t) for b, t in ranked_bullets(bullets, ctx.job_description) if t][:3]
    drivers = [CallbackDriver(driver=f"Experience the job asks for: {terms_line(t)}", evidence=b.text)
               for b, t in ranked] or [
        CallbackDriver(driver="[No resume line matches the job's terms yet]", evidence=NO_BULLET)]
    first_job = next((b.job for b in bullets if b.job), "")
    core = " ".join(b.text.rstrip(".") + "." for b, _t in ranked[:2]) or NO_BULLET
    company = _company(request)
    top_terms = _stressed(request, 3)
    brief = CompanyBrief(
        overview=(f"The offline coach has no knowledge of {company}: nothing here is about "
                  "the company beyond the job description you pasted."),
        products="Unknown offline: research what they sell and to whom.",
        culture_values="Unknown offline: read their careers page and values statement.",
        interview_process="Unknown offline: ask the recruiter for the stages and who you meet.",
        talking_points=[f"The job description stresses {', '.join(top_terms)}: ask how it shows "
                        "in the team's work."] if top_terms else [],
        questions=["What does the team's roadmap for the next year look like?"],
        to_research=[f"What {company} sells, to whom, and how it makes money",
                     f"Recent news about {company} (funding, launches, leadership changes)",
                     "Their stated values and how they describe their engineering culture",
                     "Their interview process (ask the recruiter; check public reviews)",
                     f"Who you will meet and their background ({ctx.interviewer_name or 'names from the invite'})"],
    )
    draft = BasePrepDraft(
        screening_signals=signals or [ScreeningSignal(
            signal="[no job description given]", why="Paste the job description to see its signals.")],
        callback_drivers=drivers,
        narrative=Narrative(
            opening=(f"I'm {ctx.candidate_name or '[your name]'}, "
                     f"{first_job or '[your current role]'}."),
            core=core,
            forward_hook=(f"That is why the {ctx.role} role at {company} interests me: "
                          f"[which of their needs ({', '.join(top_terms) or 'from the job'}) "
                          "you want to own next, in your words]"),
        ),
        company_brief=brief,
    )
    stream_title(tools, "Base preparation", [d.driver for d in drivers])
    return draft
