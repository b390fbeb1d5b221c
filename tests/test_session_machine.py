"""The session state machine: its whole transition table and the seed rules."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from interview_tui.services.catalog import COMPETENCIES, STAGES
from interview_tui.services.session_machine import (
    DEFAULT_QUESTIONS,
    MAX_FOLLOW_UPS,
    MAX_QUESTIONS,
    MAX_RESPONSES,
    MIN_QUESTIONS,
    Event,
    IllegalTransition,
    Progress,
    State,
    allowed_events,
    competency_for,
    infer_target_level,
    readiness,
    session_score,
    transition,
    validate_question_count,
    wants_follow_up,
)

S, E = State, Event
ILLEGAL = None

# One representative progress per state: question 2 of 5, mid-session.
REPRESENTATIVE: dict[State, Progress] = {
    S.CREATED: Progress(S.CREATED, 5, 0, 0),
    S.ASKING: Progress(S.ASKING, 5, 2, 0),
    S.AWAITING_ANSWER: Progress(S.AWAITING_ANSWER, 5, 2, 0),  # main answer not given yet
    S.EVALUATING: Progress(S.EVALUATING, 5, 2, 1),
    S.QUESTION_REVIEW: Progress(S.QUESTION_REVIEW, 5, 2, 2),
    S.SUMMARIZING: Progress(S.SUMMARIZING, 5, 5, 1),
    S.COMPLETED: Progress(S.COMPLETED, 5, 5, 1),
    S.ABANDONED: Progress(S.ABANDONED, 5, 2, 1),
}

# The full table, written out: every state × every event → next progress or ILLEGAL.
EXPECTED: dict[State, dict[Event, Progress | None]] = {
    S.CREATED: {
        E.START: Progress(S.ASKING, 5, 1, 0),
        E.QUESTION_READY: ILLEGAL,
        E.ANSWER_SUBMITTED: ILLEGAL,
        E.FOLLOW_UP: ILLEGAL,
        E.QUESTION_DONE: ILLEGAL,
        E.MOVE_ON: ILLEGAL,
        E.NEXT: ILLEGAL,
        E.FINISH: ILLEGAL,
        E.SUMMARY_READY: ILLEGAL,
        E.ABANDON: Progress(S.ABANDONED, 5, 0, 0),
    },
    S.ASKING: {
        E.START: ILLEGAL,
        E.QUESTION_READY: Progress(S.AWAITING_ANSWER, 5, 2, 0),
        E.ANSWER_SUBMITTED: ILLEGAL,
        E.FOLLOW_UP: ILLEGAL,
        E.QUESTION_DONE: ILLEGAL,
        E.MOVE_ON: ILLEGAL,
        E.NEXT: ILLEGAL,
        E.FINISH: ILLEGAL,
        E.SUMMARY_READY: ILLEGAL,
        E.ABANDON: Progress(S.ABANDONED, 5, 2, 0),
    },
    S.AWAITING_ANSWER: {
        E.START: ILLEGAL,
        E.QUESTION_READY: ILLEGAL,
        E.ANSWER_SUBMITTED: Progress(S.EVALUATING, 5, 2, 1),
        E.FOLLOW_UP: ILLEGAL,
        E.QUESTION_DONE: ILLEGAL,
        E.MOVE_ON: ILLEGAL,  # only once the main answer is in; see test below
        E.NEXT: ILLEGAL,
        E.FINISH: Progress(S.SUMMARIZING, 5, 2, 0),  # question 1 was answered: end early
        E.SUMMARY_READY: ILLEGAL,
        E.ABANDON: Progress(S.ABANDONED, 5, 2, 0),
    },
    S.EVALUATING: {
        E.START: ILLEGAL,
        E.QUESTION_READY: ILLEGAL,
        E.ANSWER_SUBMITTED: ILLEGAL,
        E.FOLLOW_UP: Progress(S.AWAITING_ANSWER, 5, 2, 1),
        E.QUESTION_DONE: Progress(S.QUESTION_REVIEW, 5, 2, 1),
        E.MOVE_ON: ILLEGAL,
        E.NEXT: ILLEGAL,
        E.FINISH: ILLEGAL,
        E.SUMMARY_READY: ILLEGAL,
        E.ABANDON: Progress(S.ABANDONED, 5, 2, 1),
    },
    S.QUESTION_REVIEW: {
        E.START: ILLEGAL,
        E.QUESTION_READY: ILLEGAL,
        E.ANSWER_SUBMITTED: ILLEGAL,
        E.FOLLOW_UP: ILLEGAL,
        E.QUESTION_DONE: ILLEGAL,
        E.MOVE_ON: ILLEGAL,
        E.NEXT: Progress(S.ASKING, 5, 3, 0),
        E.FINISH: Progress(S.SUMMARIZING, 5, 2, 2),  # ending early is allowed
        E.SUMMARY_READY: ILLEGAL,
        E.ABANDON: Progress(S.ABANDONED, 5, 2, 2),
    },
    S.SUMMARIZING: {
        E.START: ILLEGAL,
        E.QUESTION_READY: ILLEGAL,
        E.ANSWER_SUBMITTED: ILLEGAL,
        E.FOLLOW_UP: ILLEGAL,
        E.QUESTION_DONE: ILLEGAL,
        E.MOVE_ON: ILLEGAL,
        E.NEXT: ILLEGAL,
        E.FINISH: ILLEGAL,
        E.SUMMARY_READY: Progress(S.COMPLETED, 5, 5, 1),
        E.ABANDON: Progress(S.ABANDONED, 5, 5, 1),
    },
    S.COMPLETED: {
        E.START: ILLEGAL,
        E.QUESTION_READY: ILLEGAL,
        E.ANSWER_SUBMITTED: ILLEGAL,
        E.FOLLOW_UP: ILLEGAL,
        E.QUESTION_DONE: ILLEGAL,
        E.MOVE_ON: ILLEGAL,
        E.NEXT: ILLEGAL,
        E.FINISH: ILLEGAL,
        E.SUMMARY_READY: ILLEGAL,
        E.ABANDON: ILLEGAL,
    },
    S.ABANDONED: {
        E.START: ILLEGAL,
        E.QUESTION_READY: ILLEGAL,
        E.ANSWER_SUBMITTED: ILLEGAL,
        E.FOLLOW_UP: ILLEGAL,
        E.QUESTION_DONE: ILLEGAL,
        E.MOVE_ON: ILLEGAL,
        E.NEXT: ILLEGAL,
        E.FINISH: ILLEGAL,
        E.SUMMARY_READY: ILLEGAL,
        E.ABANDON: ILLEGAL,
    },
}


def test_the_expected_table_covers_every_state_and_event() -> None:
    assert set(EXPECTED) == set(State) == set(REPRESENTATIVE)
    for state, row in EXPECTED.items():
        assert list(row) == list(Event), state


@pytest.mark.parametrize(
    ("state", "event"),
    list(itertools.product(State, Event)),
    ids=lambda v: v.value,
)
def test_transition_table(state: State, event: Event) -> None:
    expected = EXPECTED[state][event]
    progress = REPRESENTATIVE[state]
    if expected is ILLEGAL:
        with pytest.raises(IllegalTransition) as exc:
            transition(progress, event)
        assert exc.value.state is state
        assert exc.value.event is event
        message = str(exc.value)
        assert f"'{state.value}'" in message
        assert f"'{event.value}'" in message
    else:
        assert transition(progress, event) == expected


def test_transition_does_not_mutate_its_input() -> None:
    progress = Progress(S.EVALUATING, 5, 2, 1)
    transition(progress, E.FOLLOW_UP)
    assert progress == Progress(S.EVALUATING, 5, 2, 1)


# ── follow-ups ───────────────────────────────────────────────────────────────


def test_follow_up_cap_constants() -> None:
    assert MAX_FOLLOW_UPS == 3
    assert MAX_RESPONSES == 4


@pytest.mark.parametrize("response_number", [1, 2, 3])
def test_follow_up_allowed_after_responses_1_to_3(response_number: int) -> None:
    progress = Progress(S.EVALUATING, 5, 1, response_number)
    after = transition(progress, E.FOLLOW_UP)
    assert after == Progress(S.AWAITING_ANSWER, 5, 1, response_number)
    assert after.follow_ups_used == response_number - 1


def test_a_fourth_follow_up_is_refused() -> None:
    progress = Progress(S.EVALUATING, 5, 1, 4)
    assert progress.follow_ups_used == 3
    with pytest.raises(IllegalTransition, match="at most 3 follow-ups") as exc:
        transition(progress, E.FOLLOW_UP)
    assert "'follow_up'" in str(exc.value) and "'evaluating'" in str(exc.value)
    assert E.FOLLOW_UP not in allowed_events(progress)
    assert transition(progress, E.QUESTION_DONE).state is S.QUESTION_REVIEW


def test_responses_count_1_to_4_through_transitions() -> None:
    progress = Progress(S.AWAITING_ANSWER, 5, 1, 0)
    seen = []
    for _ in range(MAX_RESPONSES):
        progress = transition(progress, E.ANSWER_SUBMITTED)
        seen.append(progress.response_number)
        if progress.response_number < MAX_RESPONSES:
            progress = transition(progress, E.FOLLOW_UP)
    assert seen == [1, 2, 3, 4]
    with pytest.raises(IllegalTransition):
        transition(progress, E.FOLLOW_UP)


@pytest.mark.parametrize("response_number", [1, 2, 3])
def test_move_on_declines_further_follow_ups(response_number: int) -> None:
    progress = Progress(S.AWAITING_ANSWER, 5, 2, response_number)
    assert transition(progress, E.MOVE_ON) == Progress(S.QUESTION_REVIEW, 5, 2, response_number)


def test_move_on_refused_before_the_main_answer() -> None:
    progress = Progress(S.AWAITING_ANSWER, 5, 2, 0)
    with pytest.raises(IllegalTransition, match="main question has not been answered") as exc:
        transition(progress, E.MOVE_ON)
    assert "'move_on'" in str(exc.value) and "'awaiting_answer'" in str(exc.value)


# ── next / finish ────────────────────────────────────────────────────────────


def test_next_refused_on_the_last_question() -> None:
    progress = Progress(S.QUESTION_REVIEW, 5, 5, 1)
    assert progress.is_last_question
    with pytest.raises(IllegalTransition, match="last question; finish instead") as exc:
        transition(progress, E.NEXT)
    assert "'next'" in str(exc.value) and "'question_review'" in str(exc.value)
    assert transition(progress, E.FINISH) == Progress(S.SUMMARIZING, 5, 5, 1)


def test_next_on_a_one_question_session() -> None:
    progress = Progress(S.QUESTION_REVIEW, 1, 1, 1)
    with pytest.raises(IllegalTransition):
        transition(progress, E.NEXT)


def test_next_resets_the_response_count() -> None:
    progress = Progress(S.QUESTION_REVIEW, 5, 4, 3)
    assert transition(progress, E.NEXT) == Progress(S.ASKING, 5, 5, 0)


# ── abandon ──────────────────────────────────────────────────────────────────

UNFINISHED = [s for s in State if s not in {S.COMPLETED, S.ABANDONED}]


@pytest.mark.parametrize("state", UNFINISHED, ids=lambda s: s.value)
def test_abandon_from_every_unfinished_state(state: State) -> None:
    progress = REPRESENTATIVE[state]
    assert not progress.is_final
    after = transition(progress, E.ABANDON)
    assert after == replace(progress, state=S.ABANDONED)
    assert after.is_final


@pytest.mark.parametrize("state", [S.COMPLETED, S.ABANDONED], ids=lambda s: s.value)
def test_abandon_refused_once_ended(state: State) -> None:
    progress = REPRESENTATIVE[state]
    assert progress.is_final
    with pytest.raises(IllegalTransition, match="already ended") as exc:
        transition(progress, E.ABANDON)
    assert f"'{state.value}'" in str(exc.value) and "'abandon'" in str(exc.value)


# ── allowed_events ───────────────────────────────────────────────────────────


@pytest.mark.parametrize("state", list(State), ids=lambda s: s.value)
def test_allowed_events_match_the_table(state: State) -> None:
    expected = [e for e, result in EXPECTED[state].items() if result is not ILLEGAL]
    assert allowed_events(REPRESENTATIVE[state]) == expected


@pytest.mark.parametrize(
    ("progress", "expected"),
    [
        (Progress(S.CREATED), [E.START, E.ABANDON]),
        (Progress(S.AWAITING_ANSWER, 5, 1, 0), [E.ANSWER_SUBMITTED, E.ABANDON]),
        (Progress(S.AWAITING_ANSWER, 5, 1, 2), [E.ANSWER_SUBMITTED, E.MOVE_ON, E.FINISH, E.ABANDON]),
        (Progress(S.AWAITING_ANSWER, 5, 3, 0), [E.ANSWER_SUBMITTED, E.FINISH, E.ABANDON]),
        (Progress(S.EVALUATING, 5, 1, 3), [E.FOLLOW_UP, E.QUESTION_DONE, E.ABANDON]),
        (Progress(S.EVALUATING, 5, 1, 4), [E.QUESTION_DONE, E.ABANDON]),
        (Progress(S.QUESTION_REVIEW, 5, 4, 1), [E.NEXT, E.FINISH, E.ABANDON]),
        (Progress(S.QUESTION_REVIEW, 5, 5, 1), [E.FINISH, E.ABANDON]),
        (Progress(S.COMPLETED, 5, 5, 1), []),
        (Progress(S.ABANDONED), []),
    ],
)
def test_allowed_events_in_edge_positions(progress: Progress, expected: list[Event]) -> None:
    assert allowed_events(progress) == expected


# ── question count ───────────────────────────────────────────────────────────


@pytest.mark.parametrize("count", range(MIN_QUESTIONS, MAX_QUESTIONS + 1))
def test_question_counts_1_to_10_are_valid(count: int) -> None:
    assert validate_question_count(count) == count
    assert Progress(S.CREATED, total_questions=count).total_questions == count


@pytest.mark.parametrize("count", [-1, 0, 11, 100])
def test_question_counts_outside_1_to_10_are_refused(count: int) -> None:
    with pytest.raises(ValueError, match=f"1 to 10 questions, not {count}"):
        validate_question_count(count)
    with pytest.raises(ValueError):
        Progress(S.CREATED, total_questions=count)


def test_default_question_count() -> None:
    assert DEFAULT_QUESTIONS == 5
    assert Progress(S.CREATED).total_questions == 5


# ── competencies ─────────────────────────────────────────────────────────────


@pytest.mark.parametrize("stage", list(STAGES))
def test_competency_rotation_wraps_around(stage: str) -> None:
    pool = COMPETENCIES[stage]
    assert len(pool) == 5
    rotation = [competency_for(stage, n) for n in range(1, MAX_QUESTIONS + 1)]
    assert rotation[:5] == list(pool)
    assert rotation[5:] == list(pool)  # question 6 starts over
    assert competency_for(stage, 6) == pool[0]


def test_competencies_per_stage() -> None:
    assert [competency_for("recruiter_screen", n) for n in (1, 2, 6)] == [
        "communication",
        "motivation",
        "communication",
    ]
    assert competency_for("hiring_manager", 1) == "leadership"
    assert competency_for("hiring_manager", 7) == "problem_solving"
    assert competency_for("technical", 5) == "technical_communication"
    assert competency_for("technical", 10) == "technical_communication"


def test_unknown_stage() -> None:
    with pytest.raises(ValueError, match="Unknown stage 'panel'"):
        competency_for("panel", 1)


# ── target level ─────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("job_description", "level"),
    [
        ("", "L4"),
        ("Software Engineer. 2+ years of Python. Leadership skills a plus.", "L4"),
        ("Software Engineer, 3-4 years of experience with SQL.", "L4"),
        ("Senior Software Engineer, payments platform.", "L5A"),
        ("Sr. Backend Developer", "L5A"),
        ("Tech Lead for the mobile team", "L5A"),
        ("Backend engineer with 5+ years of experience", "L5A"),
        ("Backend engineer, 6 yrs minimum", "L5A"),
        ("Staff Engineer, developer productivity", "L5B"),
        ("Principal Engineer", "L5B"),
        ("Head of Data", "L5B"),
        ("Solutions Architect", "L5B"),
        ("Engineer with 8 years building distributed systems", "L5B"),
        ("Senior engineer, 10+ years", "L5B"),
    ],
)
def test_infer_target_level(job_description: str, level: str) -> None:
    assert infer_target_level(job_description) == level


# ── scores and readiness ─────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([], None),
        ([7], 7.0),
        ([6, 7], 6.5),
        ([7, 8, 8], 7.7),
        ([10, 9, 8, 7, 6], 8.0),
        ([5.5, 6.25], 5.9),
    ],
)
def test_session_score_is_the_mean_to_one_decimal(
    scores: list[float], expected: float | None
) -> None:
    assert session_score(scores) == expected


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (None, "Needs Practice"),
        (0, "Needs Practice"),
        (5.9, "Needs Practice"),
        (6.0, "Almost Ready"),
        (7.9, "Almost Ready"),
        (8.0, "Ready"),
        (10, "Ready"),
    ],
)
def test_readiness_thresholds(score: float | None, label: str) -> None:
    assert readiness(score) == label


# ── follow-up decision per persona ───────────────────────────────────────────


@pytest.mark.parametrize(
    ("persona", "below"),
    [("friendly", 7), ("neutral", 8), ("challenging", 9), ("unknown", 8)],
)
def test_wants_follow_up_per_persona(persona: str, below: int) -> None:
    candidates = ["What was your part?"]
    assert wants_follow_up(persona, below - 1, 1, candidates) is True
    assert wants_follow_up(persona, below, 1, candidates) is False
    assert wants_follow_up(persona, 10, 1, candidates) is False
    assert wants_follow_up(persona, 1, 3, candidates) is True
    # Never beyond the cap, and never without a follow-up to ask.
    assert wants_follow_up(persona, 1, MAX_RESPONSES, candidates) is False
    assert wants_follow_up(persona, 1, 1, []) is False


# ── a whole session ──────────────────────────────────────────────────────────


def test_walk_a_whole_five_question_session_with_follow_ups() -> None:
    # How many follow-ups each question gets; question 4 hits the cap, question 5 is
    # answered once and then the user moves on from a follow-up.
    follow_ups = {1: 0, 2: 1, 3: 2, 4: 3, 5: 0}
    progress = Progress(S.CREATED)
    trail: list[tuple[str, int, int]] = []

    def step(event: Event) -> None:
        nonlocal progress
        assert event in allowed_events(progress)
        progress = transition(progress, event)
        trail.append((progress.state.value, progress.question_number, progress.response_number))

    step(E.START)
    for number in range(1, 6):
        if number > 1:
            step(E.NEXT)
        step(E.QUESTION_READY)
        step(E.ANSWER_SUBMITTED)
        for _ in range(follow_ups[number]):
            step(E.FOLLOW_UP)
            step(E.ANSWER_SUBMITTED)
        if follow_ups[number] == MAX_FOLLOW_UPS:
            assert E.FOLLOW_UP not in allowed_events(progress)
        if number == 5:
            step(E.FOLLOW_UP)
            step(E.MOVE_ON)
        else:
            step(E.QUESTION_DONE)
    step(E.FINISH)
    step(E.SUMMARY_READY)

    assert trail == [
        ("asking", 1, 0),
        ("awaiting_answer", 1, 0),
        ("evaluating", 1, 1),
        ("question_review", 1, 1),
        ("asking", 2, 0),
        ("awaiting_answer", 2, 0),
        ("evaluating", 2, 1),
        ("awaiting_answer", 2, 1),
        ("evaluating", 2, 2),
        ("question_review", 2, 2),
        ("asking", 3, 0),
        ("awaiting_answer", 3, 0),
        ("evaluating", 3, 1),
        ("awaiting_answer", 3, 1),
        ("evaluating", 3, 2),
        ("awaiting_answer", 3, 2),
        ("evaluating", 3, 3),
        ("question_review", 3, 3),
        ("asking", 4, 0),
        ("awaiting_answer", 4, 0),
        ("evaluating", 4, 1),
        ("awaiting_answer", 4, 1),
        ("evaluating", 4, 2),
        ("awaiting_answer", 4, 2),
        ("evaluating", 4, 3),
        ("awaiting_answer", 4, 3),
        ("evaluating", 4, 4),
        ("question_review", 4, 4),
        ("asking", 5, 0),
        ("awaiting_answer", 5, 0),
        ("evaluating", 5, 1),
        ("awaiting_answer", 5, 1),
        ("question_review", 5, 1),
        ("summarizing", 5, 1),
        ("completed", 5, 1),
    ]
    assert progress.is_final
    assert allowed_events(progress) == []
