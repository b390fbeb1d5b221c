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

from interview_tui.services.catalog import COMPETENCIES, competency_label, stage_label
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
    DeepDive,
    Gap,
    HiringManagerPrepDraft,
    InterviewerQuestion,
    InterviewPrepDraft,
    Narrative,
    PredictedQuestion,
    QuestionToAsk,
    RecruiterPrepDraft,
    RedFlag,
    ResumeDefense,
    Roadmap,
    ScreeningSignal,
    StarAnswer,
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


def _ordered_questions(stage: str, weak: list[str], tools: WriterTools, count: int) -> list[str]:
    """Bank questions for ``stage``: one per weak competency first, then one per other
    competency, then the rest; a stable order per seed."""
    bank = sorted(questions_for(stage), key=lambda q: tools.digest("prep", q.id))
    order = [c for c in weak if c in COMPETENCIES.get(stage, ())]
    order += [c for c in COMPETENCIES.get(stage, ()) if c not in order]
    picked: list[str] = []
    for competency in order:
        picked += [q.text for q in bank if q.competency == competency][:1]
    picked += [q.text for q in bank if q.text not in picked]
    return picked[:count]


def _weak(request: PrepRequest) -> list[str]:
    return [w.competency for w in request.weak]


def _bullets(request: PrepRequest) -> list[Bullet]:
    return resume_bullets(request.ctx.resume_text)


def _terms_line(words: list[str]) -> str:
    return ", ".join(words[:4])


def _company(request: PrepRequest) -> str:
    return request.ctx.company or "the company"


def _stressed(request: PrepRequest, count: int) -> list[str]:
    """The job description's distinctive words, the company's own name left out."""
    company = request.ctx.company.lower().split()
    return [w for w in key_terms(request.ctx.job_description, count + len(company))
            if w.lower() not in company][:count]


def _stream(tools: WriterTools, title: str, parts: list[str]) -> None:
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


def recruiter_prep(task: Task, tools: WriterTools) -> RecruiterPrepDraft:
    request: PrepRequest = task.data
    ctx = request.ctx
    ranked = ranked_bullets(_bullets(request), ctx.job_description)[:6]
    points = [
        TalkingPoint(point=(f"Matches the job on {_terms_line(terms)}" if terms
                            else "Another achievement worth a sentence"), achievement=b.text)
        for b, terms in ranked
    ] or [TalkingPoint(point="Add your resume to get talking points", achievement=NO_BULLET)]
    questions = _ordered_questions("recruiter_screen", _weak(request), tools, 7)
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
    _stream(tools, "Recruiter screen prep", [draft.overview])
    return draft


# ----- hiring manager ---------------------------------------------------------------------


def _competency(bullet: Bullet) -> str:
    for competency, words in _COMPETENCY_WORDS.items():
        if mentions(bullet.text, words):
            return competency
    return "technical_depth"


def star_example(bullet: Bullet) -> StarExample:
    parts = star_parts(bullet)
    return StarExample(competency=competency_label(_competency(bullet)), **parts)


def hiring_manager_prep(task: Task, tools: WriterTools) -> HiringManagerPrepDraft:
    request: PrepRequest = task.data
    ctx = request.ctx
    bullets = _bullets(request)
    scored = []
    for line in requirement_lines(ctx.job_description):
        bullet = best_bullet(bullets, line)
        shared = overlap(bullet.text, job_terms(line)) if bullet else []
        scored.append((line, bullet, shared))
    matched = sorted((s for s in scored if s[2]), key=lambda s: -len(s[2]))
    strengths = [Strength(strength=f"Hands-on with {_terms_line(shared)}", requirement=line,
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
        likely_questions=_ordered_questions("hiring_manager", _weak(request), tools, 7),
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
    _stream(tools, "Hiring manager prep", [draft.overview])
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


def base_prep(task: Task, tools: WriterTools) -> BasePrepDraft:
    request: PrepRequest = task.data
    ctx = request.ctx
    bullets = _bullets(request)
    signals = _screening_signals(request, bullets)
    ranked = [(b, t) for b, t in ranked_bullets(bullets, ctx.job_description) if t][:3]
    drivers = [CallbackDriver(driver=f"Experience the job asks for: {_terms_line(t)}", evidence=b.text)
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
    _stream(tools, "Base preparation", [d.driver for d in drivers])
    return draft


# ----- one interview -----------------------------------------------------------------------------


def _note_topics(request: PrepRequest) -> list[str]:
    topics = []
    for r in request.earlier:
        first = r.notes.strip().split("\n")[0].strip()
        if first:
            topics.append(f"From your notes on the {stage_label(r.stage)} round ({r.when}): {first}")
    return topics


def interview_prep(task: Task, tools: WriterTools) -> InterviewPrepDraft:
    request: PrepRequest = task.data
    ctx = request.ctx
    info = request.interview
    stage = info.stage if info else "hiring_manager"
    bullets = _bullets(request)
    weak = request.weak
    targets = [f"{w.line()}" for w in weak] + _note_topics(request)
    if info and info.focus:
        targets.append(f"The focus you were told about: {info.focus}")
    questions = _ordered_questions(stage, _weak(request), tools, 5)
    predicted = []
    used: set[str] = set()
    for r in request.earlier:
        if r.notes.strip():
            topic = r.notes.strip().split("\n")[0].strip()
            questions.insert(0, f"Last time you discussed this: {topic} Can you go deeper?")
            break
    ranked = [b for b, _t in ranked_bullets(bullets, ctx.job_description)]
    for question in questions[:5]:
        bullet = best_bullet(bullets, question, used) or next(
            (b for b in ranked if b.text not in used), ranked[0] if ranked else None)
        if bullet is not None:
            used.add(bullet.text)
            answer = StarAnswer(**star_parts(bullet))
        else:
            answer = StarAnswer(situation=NO_BULLET, task="[Task]", action="[Action]", result="[Result]")
        weak_here = next((w for w in weak if mentions(question, tuple(w.competency.split("_")))),
                         None)
        why = (f"Targets a weak spot: {competency_label(weak_here.competency)}" if weak_here
               else f"Common in a {stage_label(stage)} round")
        predicted.append(PredictedQuestion(question=question, why=why, answer=answer))
    when = info.when if info else "the interview"
    weak_names = ", ".join(competency_label(w.competency) for w in weak) or "your weakest answers"
    roadmap = Roadmap(
        foundation_review=["Reread the job description and the base preparation",
                           "Reread the resume bullets quoted below and the numbers behind them"],
        active_practice=[f"Run a mock {stage_label(stage)} session in the app (n) on {weak_names}",
                         "Say each STAR answer below aloud and fill every [placeholder]"],
        polish_integration=["Cut each answer to about two minutes, result first",
                            "Rehearse the resume defenses until they sound natural"],
        final_confidence_check=[f"The day before {when}: reread the questions for the interviewer",
                                "Check the logistics (link, place, time) and rest"],
    )
    role = (info.interviewer_role if info else "") or "the interviewer"
    asks = [
        InterviewerQuestion(question="What does a great first six months look like in this role?",
                            rationale="Shows you think in outcomes; tells you what to stress."),
        InterviewerQuestion(question=f"What is the hardest problem on your plate right now as {role}?",
                            rationale="Invites a real conversation where you can map your experience."),
        InterviewerQuestion(question="How does the team decide what to build and what to drop?",
                            rationale="Reveals how much ownership the role has."),
        InterviewerQuestion(question="What do people who do well here have in common?",
                            rationale="Shows the culture and the bar."),
        InterviewerQuestion(question="Is there anything from today I can clarify?",
                            rationale="Lets you repair a weak answer before you leave."),
    ]
    risky = [b for b in bullets if any(ch.isdigit() for ch in b.text)
             or mentions(b.text, ("led", "zero", "all", "every"))][:3]
    defense = [ResumeDefense(bullet=b.text, risk="They may ask how you measured it and what "
                             "part was yours, not the team's.",
                             defense="Name your own decisions, how the number was measured "
                             "([how it was measured]) and what you would do differently.")
               for b in risky]
    dives = []
    if stage == "technical":
        technical = [(b, w) for b, w in ranked_bullets(bullets, ctx.job_description)
                     if w and _competency(b) in ("technical_depth", "problem_solving")]
        for b, words in technical[:3]:
            if words:
                dives.append(DeepDive(topic=_terms_line(words), review=[
                    f"How you used {words[0]} in: {b.text}",
                    "The trade-offs you chose and the alternatives you rejected",
                    "Failure modes and how you would debug them"],
                    likely_probe=f"Walk me through the design behind: {b.text}"))
    draft = InterviewPrepDraft(
        targets=targets or ["No mock session or earlier round recorded yet: run a mock session "
                            "to find your weak spots"],
        roadmap=roadmap,
        predicted_questions=predicted,
        questions_for_interviewer=asks,
        resume_defense=defense,
        technical_deep_dives=dives,
    )
    _stream(tools, "Interview prep", draft.targets)
    return draft
