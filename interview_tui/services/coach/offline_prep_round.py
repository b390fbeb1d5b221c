"""The offline coach's prep for one scheduled interview: what it targets (the weak
spots of the application's mock sessions, the topics of the notes from earlier rounds,
the focus given), a four-phase roadmap, predicted questions from the bank with STAR
answers split from resume bullets, questions for the interviewer, resume defense and,
for a technical round, deep dives. Built only from the candidate's material.
"""

from __future__ import annotations

from interview_tui.services.catalog import competency_label, stage_label
from interview_tui.services.coach.offline_prep import (
    NO_BULLET,
    bank_picks,
    bullets_of,
    competency_of,
    stream_title,
    terms_line,
)
from interview_tui.services.coach.offline_prep_material import (
    best_bullet,
    mentions,
    ranked_bullets,
    star_parts,
)
from interview_tui.services.coach.offline_writers import WriterTools
from interview_tui.services.coach.tasks import Task
from interview_tui.services.prep_models import (
    DeepDive,
    InterviewerQuestion,
    InterviewPrepDraft,
    PredictedQuestion,
    ResumeDefense,
    Roadmap,
    StarAnswer,
)
from interview_tui.services.prep_tasks import PrepRequest


def _note_topics(request: PrepRequest) -> list[str]:
    topics = []
    for r in request.earlier:
        first = r.notes.strip().split("\n")[0].strip()
        if first:
            topics.append(f"From your notes on the {stage_label(r.stage)} round ({r.when}): {first}")
    return topics


def interview_prep(task: Task[InterviewPrepDraft], tools: WriterTools) -> InterviewPrepDraft:
    request: PrepRequest = task.data
    ctx = request.ctx
    info = request.interview
    stage = info.stage if info else "hiring_manager"
    bullets = bullets_of(request)
    weak = request.weak
    targets = [f"{w.line()}" for w in weak] + _note_topics(request)
    targets += [f"From your debrief: {spot}" for spot in request.debrief]
    if info and info.focus:
        targets.append(f"The focus you were told about: {info.focus}")
    weak_by_name = {w.competency: w for w in weak}
    # (question, the words its answer should match, why it is likely)
    entries = []
    for r in request.earlier:
        if r.notes.strip():
            topic = r.notes.strip().split("\n")[0].strip()
            entries.append((f"From the {stage_label(r.stage)} round, your note: “{topic}” What "
                            "would you say if they asked about it again, in more depth?", topic,
                            f"Your notes from the {stage_label(r.stage)} round raised it"))
            break
    for text, competency in bank_picks(stage, list(weak_by_name), tools, 5):
        spot = weak_by_name.get(competency)
        entries.append((text, text, f"Targets a weak spot: {spot.line()}" if spot
                        else f"Common in a {stage_label(stage)} round "
                        f"({competency_label(competency)})"))
    predicted = []
    used: set[str] = set()
    ranked = [b for b, _t in ranked_bullets(bullets, ctx.job_description)]
    for question, match, why in entries[:5]:
        bullet = best_bullet(bullets, match, used) or next(
            (b for b in ranked if b.text not in used), ranked[0] if ranked else None)
        if bullet is not None:
            used.add(bullet.text)
            answer = StarAnswer(**star_parts(bullet))
        else:
            answer = StarAnswer(situation=NO_BULLET, task="[Task]", action="[Action]",
                                result="[Result]")
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
                     if w and competency_of(b) in ("technical_depth", "problem_solving")]
        for b, words in technical[:3]:
            if words:
                dives.append(DeepDive(topic=terms_line(words), review=[
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
    stream_title(tools, "Interview prep", draft.targets)
    return draft
