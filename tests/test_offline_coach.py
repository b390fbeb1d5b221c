"""OfflineCoach: valid models, gap-first follow-ups, grounded revised answers, determinism."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from dataclasses import replace
from importlib import resources

import pytest

from interview_tui.services.coach.base import (
    CallRecord,
    Coach,
    CoachError,
    Exchange,
    InterviewContext,
    QuestionOutcome,
    QuestionTurn,
)
from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.coach.question_bank import load_bank
from interview_tui.services.coach.schemas import (
    GeneratedQuestion,
    QuestionFeedback,
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
from interview_tui.services.session_machine import competency_for
from tests.fakes.answers import FOLLOW_UP, STRONG, VAGUE

PROFILE = json.loads(
    resources.files("interview_tui.data").joinpath("demo_profile.json").read_text("utf-8")
)
RESUME = PROFILE["candidate"]["resume_text"]
APP = PROFILE["application"]
QUESTION = (
    "Tell me about a time you made a significant performance or reliability improvement. "
    "How did you find the bottleneck?"
)
# Good story, no number in the result.
NO_NUMBERS = (
    "At Parcelwise our tracking service was a monolith and customers complained about slow "
    "pages every week. I was asked to lead the fix. I profiled the slowest endpoints, found the "
    "database calls that blocked each request, and split the service so that tracking reads "
    "no longer waited on writes. I wrote the rollout plan myself and ran shadow traffic before "
    "the switch. As a result the pages became much faster and the complaints stopped."
)
# Good story with numbers, but all "we".
ALL_WE = (
    "At Parcelwise our tracking service was a monolith and p95 latency had reached 900 ms. "
    "We were asked to fix it before peak season. We profiled the endpoints, we split the "
    "service into three Go services and we ran shadow traffic for two weeks. As a result p95 "
    "latency fell from 900 ms to 180 ms and support tickets dropped by 40%."
)


def make_ctx(**changes: object) -> InterviewContext:
    ctx = InterviewContext(
        stage="hiring_manager",
        difficulty="medium",
        persona="neutral",
        company=APP["company"],
        role=APP["role"],
        job_description=APP["job_description"],
        interviewer_name=APP["interviewer_name"],
        candidate_name=PROFILE["candidate"]["name"],
        resume_text=RESUME,
        target_level="L5A",
    )
    return replace(ctx, **changes)


def turn_of(
    *answers: str, prompts: tuple[str, ...] = (), competency: str = "technical_depth"
) -> QuestionTurn:
    prompts = (QUESTION, *prompts)
    prompts += tuple(f"Follow-up {n}?" for n in range(len(prompts), len(answers)))
    exchanges = tuple(Exchange(prompt=p, answer=a) for p, a in zip(prompts, answers, strict=False))
    return QuestionTurn(number=1, text=QUESTION, competency=competency, exchanges=exchanges)


def sentences(text: str) -> int:
    return len([s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s])


def test_offline_coach_satisfies_the_protocol() -> None:
    coach: Coach = OfflineCoach()
    assert coach.info.backend == "offline"
    assert coach.info.model == "offline-v1"
    assert coach.info.label == "Offline coach"


async def test_a_task_the_offline_coach_has_no_writer_for_is_a_clear_coach_error() -> None:
    calls: list[CallRecord] = []
    task = Task(purpose="horoscope", output=GeneratedQuestion, template="question",
                context=make_ctx().application)
    with pytest.raises(CoachError) as err:
        await OfflineCoach().run(task, on_call=calls.append)
    assert "cannot write horoscope" in err.value.message and not err.value.retryable
    assert [(c.purpose, c.error_kind) for c in calls] == [("horoscope", "invalid_output")]


async def test_generate_question_comes_from_the_bank() -> None:
    q = await OfflineCoach().generate_question(
        make_ctx(), number=1, competency="leadership", asked=[]
    )
    assert isinstance(q, GeneratedQuestion)
    assert q.competency == "leadership"
    entry = next(e for e in load_bank() if e.text in q.text)
    assert (entry.stage, entry.competency, entry.difficulty) == (
        "hiring_manager",
        "leadership",
        "medium",
    )
    assert q.guidance == entry.guidance


async def test_persona_phrases_the_opening() -> None:
    coach = OfflineCoach(seed=2)
    texts = {
        persona: (
            await coach.generate_question(
                make_ctx(persona=persona), number=1, competency="leadership", asked=[]
            )
        ).text
        for persona in ("friendly", "neutral", "challenging")
    }
    assert len(set(texts.values())) == 3
    assert re.search(r"thanks|great", texts["friendly"], re.I)
    assert re.search(r"specific|details", texts["challenging"], re.I)


async def test_a_session_of_questions_never_repeats() -> None:
    coach = OfflineCoach(seed=5)
    for stage in ("recruiter_screen", "hiring_manager", "technical"):
        asked: list[str] = []
        for number in range(1, 11):
            q = await coach.generate_question(
                make_ctx(stage=stage),
                number=number,
                competency=competency_for(stage, number),
                asked=asked,
            )
            assert all(q.text not in a and a not in q.text for a in asked)
            asked.append(q.text)


async def test_an_impossible_question_is_a_coach_error_and_is_logged() -> None:
    calls: list[CallRecord] = []
    coach = OfflineCoach()
    task = question_task(make_ctx(), number=1, competency="debugging", asked=[])
    with pytest.raises(CoachError) as err:
        await coach.run(task, on_call=calls.append)
    assert not err.value.retryable
    assert calls[-1].purpose == "question" and calls[-1].error_kind == err.value.kind


async def test_analysis_is_a_valid_model_with_specific_feedback() -> None:
    analysis = await OfflineCoach().analyze_response(make_ctx(), turn_of(STRONG))
    assert isinstance(analysis, ResponseAnalysis)
    assert analysis.score >= 7
    assert 2 <= len(analysis.follow_up_questions) <= 3
    assert any("40%" in s or "180 ms" in s for s in analysis.strengths)
    assert 1 <= sentences(analysis.brief_feedback) <= 2


async def test_vague_answer_scores_low_with_gaps_named() -> None:
    analysis = await OfflineCoach().analyze_response(make_ctx(), turn_of(VAGUE))
    assert analysis.score <= 3
    gaps = " ".join(analysis.gaps)
    assert "Filler and hedging" in gaps and "'Um'" in gaps  # quoted as said
    assert "Your own part is missing" in gaps and "No outcome" in gaps
    assert analysis.strengths == []  # nothing to praise, and nothing praised
    assert 1 <= sentences(analysis.brief_feedback) <= 2


async def test_follow_ups_target_the_biggest_gap_first() -> None:
    coach = OfflineCoach()
    no_numbers = await coach.analyze_response(make_ctx(), turn_of(NO_NUMBERS))
    assert "by how much" in no_numbers.follow_up_questions[0]
    assert any("outcome is vague" in g for g in no_numbers.gaps)
    all_we = await coach.analyze_response(make_ctx(), turn_of(ALL_WE))
    assert "yourself" in all_we.follow_up_questions[0]
    vague = await coach.analyze_response(make_ctx(), turn_of(VAGUE))
    assert "turn out" in vague.follow_up_questions[0]


async def test_follow_ups_adapt_to_the_competency() -> None:
    analysis = await OfflineCoach().analyze_response(
        make_ctx(), turn_of(NO_NUMBERS, competency="debugging")
    )
    assert analysis.follow_up_questions[0].startswith("How did you confirm the fix worked")


async def test_follow_ups_never_repeat_within_a_turn() -> None:
    coach = OfflineCoach()
    answers = [VAGUE]
    prompts: list[str] = []
    for _ in range(3):
        analysis = await coach.analyze_response(
            make_ctx(), turn_of(*answers, prompts=tuple(prompts))
        )
        asked = {QUESTION.casefold(), *(p.casefold() for p in prompts)}
        assert not asked & {f.casefold() for f in analysis.follow_up_questions}
        assert len(analysis.follow_up_questions) >= 2
        prompts.append(analysis.follow_up_questions[0])
        answers.append(VAGUE)


async def test_challenging_persona_pushes_harder_and_friendly_asks_fewer() -> None:
    coach = OfflineCoach()
    neutral = await coach.analyze_response(make_ctx(), turn_of(NO_NUMBERS))
    hard = await coach.analyze_response(make_ctx(persona="challenging"), turn_of(NO_NUMBERS))
    friendly = await coach.analyze_response(make_ctx(persona="friendly"), turn_of(NO_NUMBERS))
    assert hard.follow_up_questions[0] == "So what was the outcome? Give me the number."
    assert hard.follow_up_questions != neutral.follow_up_questions
    assert len(friendly.follow_up_questions) == 2
    hedged = await coach.analyze_response(make_ctx(persona="challenging"), turn_of(VAGUE))
    assert any("How sure are you" in f for f in hedged.follow_up_questions)


async def test_a_good_follow_up_answer_raises_the_score_and_is_acknowledged() -> None:
    coach = OfflineCoach()
    first = await coach.analyze_response(make_ctx(), turn_of(NO_NUMBERS))
    second = await coach.analyze_response(
        make_ctx(),
        turn_of(
            NO_NUMBERS,
            "The p95 latency fell from 900 ms to 180 ms, and complaints dropped by 40%.",
            prompts=(first.follow_up_questions[0],),
        ),
    )
    assert second.score > first.score
    assert second.brief_feedback.startswith("That added a measured outcome")
    assert not any("outcome" in g for g in second.gaps)


async def test_analysis_without_an_answer_is_a_coach_error() -> None:
    with pytest.raises(CoachError):
        await OfflineCoach().analyze_response(make_ctx(), turn_of())


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[A-Za-z0-9%$.,'-]+", text)}


@pytest.mark.parametrize(
    "answers",
    [(STRONG,), (VAGUE,), (VAGUE, FOLLOW_UP), (NO_NUMBERS, FOLLOW_UP), (ALL_WE,), ("Um, yes.",)],
)
async def test_revised_answer_uses_only_the_candidates_words_and_resume(
    answers: tuple[str, ...],
) -> None:
    feedback = await OfflineCoach().question_feedback(make_ctx(), turn_of(*answers))
    assert isinstance(feedback, QuestionFeedback)
    revised = feedback.revised_answer
    assert find_ungrounded(revised, [RESUME, *answers]) == []
    # Apart from the bracketed prompts for missing parts (and "I" before a resume bullet),
    # every word comes from the answers or the resume.
    own = re.sub(r"\[[^\]]*\]", " ", revised)
    allowed = _words(" ".join(answers)) | _words(RESUME) | {"i"}
    stray = {w.strip(".,") for w in _words(own)} - {w.strip(".,") for w in allowed}
    assert not stray - {""}, stray


async def test_revised_answer_is_in_star_order_and_drops_filler() -> None:
    feedback = await OfflineCoach().question_feedback(make_ctx(), turn_of(VAGUE, FOLLOW_UP))
    revised = feedback.revised_answer
    assert "Um" not in revised and "you know" not in revised
    assert "idempotency keys" in revised
    assert len(re.findall(r"\[", revised)) <= 1  # one short placeholder at most
    scrambled = (
        "As a result p95 latency fell from 900 ms to 180 ms and support tickets about tracking "
        "dropped by 40%. I split it into three Go services, wrote the rollout plan and ran "
        "shadow traffic for two weeks myself. At Parcelwise our shipment-tracking service was a "
        "monolith and p95 latency had reached 900 ms, so customers complained weekly."
    )
    for answer in (STRONG, scrambled):
        strong = (await OfflineCoach().question_feedback(make_ctx(), turn_of(answer)))
        text = strong.revised_answer
        assert text.index("At Parcelwise") < text.index("I split it") < text.index("As a result")
        assert re.findall(r"\[[^\]]*\]", text) == ["[Lesson: what you do differently since.]"]


async def test_revised_answer_never_scores_below_the_answer_and_keeps_its_actions() -> None:
    coach = OfflineCoach()
    for answers in [(STRONG,), (VAGUE,), (NO_NUMBERS,), (ALL_WE,), (VAGUE, FOLLOW_UP)]:
        turn = turn_of(*answers)
        feedback = await coach.question_feedback(make_ctx(), turn)
        revised_turn = turn_of(re.sub(r"\[[^\]]*\]", " ", feedback.revised_answer))
        rescored = await coach.question_feedback(make_ctx(), revised_turn)
        assert rescored.score >= feedback.score, answers
    feedback = await coach.question_feedback(make_ctx(), turn_of(NO_NUMBERS))
    for action in ("I profiled the slowest endpoints", "I wrote the rollout plan myself"):
        assert action in feedback.revised_answer


async def test_revised_answer_adds_a_relevant_resume_line_and_never_an_unrelated_one() -> None:
    question = "Tell me about a time you improved on-call health for your team."
    answer = (
        "Our on-call rotation was exhausting: engineers were paged at night several times a week. "
        "I was asked to fix the rotation and I reviewed every alert with the team."
    )
    turn = QuestionTurn(1, question, "leadership", (Exchange(question, answer),))
    revised = (await OfflineCoach().question_feedback(make_ctx(), turn)).revised_answer
    assert "I ran the on-call rotation redesign that cut pages per week from 35 to 9." in revised
    assert find_ungrounded(revised, [RESUME, answer]) == []
    strong = (await OfflineCoach().question_feedback(make_ctx(), turn_of(STRONG))).revised_answer
    assert "on-call" not in strong and "refunds" not in strong


async def test_a_design_answer_keeps_its_order_without_star_prompts() -> None:
    question = "Design a simple rate limiter for a public API. What would you track, and where?"
    answer = (
        "I would use a token bucket per API key stored in Redis, because it allows short bursts. "
        "Each request runs one atomic script that takes a token. If Redis is down I'd fail open "
        "rather than block all traffic."
    )
    turn = QuestionTurn(1, question, "system_design", (Exchange(question, answer),))
    revised = (
        await OfflineCoach().question_feedback(make_ctx(stage="technical"), turn)
    ).revised_answer
    placeholders = re.findall(r"\[([A-Za-z]+):", revised)
    assert placeholders in (["Requirements"], ["Scale"])  # no numbers or scale given
    assert (
        revised.index("token bucket") < revised.index("atomic script") < revised.index("fail open")
    )
    assert "[Situation" not in revised and "[Trade-off" not in revised
    assert find_ungrounded(revised, [RESUME, answer]) == []


async def test_question_feedback_content() -> None:
    feedback = await OfflineCoach().question_feedback(make_ctx(difficulty="hard"), turn_of(VAGUE))
    assert feedback.score <= 3
    assert 2 <= sentences(feedback.assessment) <= 3
    assert feedback.what_didnt and feedback.coaching
    assert any("pause" in c for c in feedback.coaching)
    good = await OfflineCoach().question_feedback(make_ctx(), turn_of(STRONG))
    assert good.score > feedback.score
    assert good.what_landed


async def test_session_feedback_reflects_scores_and_recurring_gaps() -> None:
    coach = OfflineCoach()
    ctx = make_ctx()
    outcomes = []
    for number, answers in enumerate([(VAGUE,), (STRONG,), (VAGUE,)], start=1):
        fb = await coach.question_feedback(ctx, turn_of(*answers))
        outcomes.append(
            QuestionOutcome(
                number,
                QUESTION,
                competency_for("hiring_manager", number),
                fb.score,
                fb.level,
                answers,
                fb,
            )
        )
    summary = await coach.session_feedback(ctx, outcomes)
    assert isinstance(summary, SessionFeedback)
    assert "Needs Practice" in summary.assessment or "Almost Ready" in summary.assessment
    assert any("2 of 3" in a for a in summary.areas_to_improve)
    assert not any(a.startswith("Weak on") for a in summary.areas_to_improve)
    assert summary.strengths and summary.coaching_priorities and summary.next_steps
    assert any("question 1" in s or "question 3" in s for s in summary.next_steps)


async def test_session_feedback_with_no_outcomes() -> None:
    summary = await OfflineCoach().session_feedback(make_ctx(), [])
    assert summary.assessment and summary.next_steps


async def test_on_text_receives_growing_text_without_sleeping(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def no_sleep(*_: object, **__: object) -> None:
        raise AssertionError("the offline coach must not sleep")

    monkeypatch.setattr(asyncio, "sleep", no_sleep)
    coach = OfflineCoach()
    chunks: list[str] = []
    feedback = await coach.question_feedback(
        make_ctx(), turn_of(VAGUE, FOLLOW_UP), on_text=chunks.append
    )
    assert len(chunks) >= 3
    assert all(b.startswith(a) and len(b) > len(a) for a, b in itertools.pairwise(chunks))
    assert chunks[0] == feedback.assessment
    assert feedback.revised_answer in chunks[-1]

    chunks.clear()
    summary = await coach.session_feedback(
        make_ctx(),
        [QuestionOutcome(1, QUESTION, "leadership", 4, "L4", (VAGUE,))],
        on_text=chunks.append,
    )
    assert len(chunks) >= 3 and chunks[0] == summary.assessment

    chunks.clear()
    analysis = await coach.analyze_response(make_ctx(), turn_of(STRONG), on_text=chunks.append)
    assert chunks[-1] == analysis.brief_feedback


async def test_every_call_is_recorded_with_zero_tokens() -> None:
    calls: list[CallRecord] = []
    coach = OfflineCoach()
    ctx = make_ctx()
    for task in (
        question_task(ctx, number=1, competency="leadership", asked=[]),
        analysis_task(ctx, turn_of(STRONG)),
        question_feedback_task(ctx, turn_of(STRONG)),
        session_feedback_task(
            ctx, [QuestionOutcome(1, QUESTION, "leadership", 8, "L5A", (STRONG,))]
        ),
    ):
        await coach.run(task, on_call=calls.append)
    assert [c.purpose for c in calls] == [
        "question",
        "analysis",
        "question_feedback",
        "session_feedback",
    ]
    for c in calls:
        assert (c.backend, c.model) == ("offline", "offline-v1")
        assert c.input_tokens == c.output_tokens == c.cache_read_tokens == c.cache_write_tokens == 0
        assert c.latency_ms >= 0 and c.error_kind is None


async def test_same_inputs_same_outputs() -> None:
    async def run(coach: OfflineCoach) -> list[object]:
        ctx = make_ctx(persona="challenging", difficulty="hard")
        turn = turn_of(VAGUE, FOLLOW_UP, prompts=("What was the measurable result?",))
        q = await coach.generate_question(ctx, number=3, competency="leadership", asked=[QUESTION])
        a = await coach.analyze_response(ctx, turn)
        f = await coach.question_feedback(ctx, turn)
        s = await coach.session_feedback(
            ctx,
            [QuestionOutcome(1, QUESTION, "leadership", f.score, f.level, (VAGUE, FOLLOW_UP), f)],
        )
        return [q, a, f, s]

    assert await run(OfflineCoach(seed=9)) == await run(OfflineCoach(seed=9))
