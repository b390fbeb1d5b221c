"""The offline judge marks the answer, not the field: the same shape earns the same credit
in catering, plumbing or teaching as in software."""

from __future__ import annotations

from interview_tui.services.coach.judge import judge_answer
from interview_tui.services.coach.revision import _shape, own_sentences

EVENT = "How would you plan the catering for a wedding of 200 guests in a field?"
EVENT_PLAN = (
    "I'd start with what has to be right on the day: the number of guests, the dietary "
    "needs and when each course has to go out. I'd book a marquee kitchen with two ovens and "
    "a cold store, plan a menu that can be prepared the day before, and agree a timeline "
    "with the venue manager and the photographer. The risks are the weather, the generator "
    "failing and staff turning up late, so I'd hire a backup generator, keep a reserve list "
    "of three waiters, and plan a cold menu in case the ovens go down."
)


def test_risks_named_in_plain_words_are_failure_modes() -> None:
    j = judge_answer(EVENT, EVENT_PLAN, kind="technical")
    assert j.marks["failure"].level >= 1.5
    assert j.marks["requirements"].level >= 1.0
    assert "off_topic" not in j.notes
    assert j.score >= 7


def test_a_plan_without_risks_gets_less_for_failure_modes() -> None:
    safe = EVENT_PLAN.split(" The risks")[0]
    assert judge_answer(EVENT, safe, kind="technical").marks["failure"].level < 1.0


def test_years_in_a_job_are_not_impact_and_a_trait_is_not_a_role() -> None:
    answer = ("I've been a chef for about twelve years in a few kitchens. I've cooked lots of "
              "different food like French and Italian. I'm a team player and I'm a hard worker. "
              "I'm looking for my next challenge.")
    j = judge_answer("Tell me about yourself.", answer, kind="overview")
    assert j.marks["impact"].level < 2.0
    assert j.marks["current"].level < 2.0
    assert j.marks["relevance"].level < 2.0


def test_a_measured_result_is_impact_whoever_the_subject_is() -> None:
    answer = ("I'm head chef at a 60-cover bistro in Leeds, where I've run the kitchen for "
              "three years. The change I'm proudest of was the new ordering system, which cut "
              "food waste from 12% to 5% of purchases. I'm applying because your group is "
              "opening a second site and I'd like to set up a kitchen from scratch.")
    assert judge_answer("Tell me about yourself.", answer, kind="overview").marks[
        "impact"].level == 2.0


def test_running_a_team_outside_software_shows_scope() -> None:
    answer = (
        "I was the shift leader in charge of a team of 14 at a parcel depot when the sorting "
        "belt broke down before the Christmas peak. I supervised the move to hand sorting, "
        "rang the engineer and set up a second loading bay. We cleared 9,000 parcels that "
        "night, all vans left on time, and the contingency plan I wrote was adopted across "
        "the region.")
    j = judge_answer("Tell me about a time you handled a crisis at work.", answer,
                     kind="behavioural")
    assert j.score >= 7 and j.level in ("L5A", "L5B")


def test_a_belief_or_a_lesson_is_never_the_outcome_of_a_revision() -> None:
    answer = ("We had a busy weekend at the hotel and two receptionists were off sick. I moved "
              "a porter onto the desk and did check-ins myself. Guest service is something I "
              "care about a lot. I've learned lots about staying calm this way.")
    parts = _shape(own_sentences([answer], "behavioural"), "behavioural")
    assert not any("care about" in s or "learned" in s for s in parts["outcome"])


def test_a_story_told_in_a_trade_s_own_words_is_working_life() -> None:
    answer = ("A tenant rang on a Sunday because water was coming through her ceiling from the "
              "flat above. I drove over, isolated the supply, found the split pipe under the "
              "bath and replaced the joint. The council's inspection the next week found no "
              "damp, and the resident wrote in to the housing officer.")
    j = judge_answer("Tell me about a time you went beyond what was expected of you.", answer,
                     kind="behavioural")
    assert "off_topic" not in j.notes and j.score >= 5


def test_changing_how_the_team_works_shows_scope_as_a_postmortem_does() -> None:
    answer = (
        "As duty manager at a care home I noticed that two residents had missed evening "
        "medication in one month, both on nights when agency staff were on. I checked the "
        "medication records for the quarter, found the agency staff were never shown the "
        "blister packs, and added a medication check to the handover sheet for every shift. "
        "There have been no missed doses in the eight months since.")
    j = judge_answer("Tell me about a time you spotted a problem before it got worse.", answer,
                     kind="behavioural")
    assert j.score >= 6 and j.level in ("L5A", "L5B")


def test_had_done_is_a_fact_and_a_target_beaten_is_an_outcome() -> None:
    answer = (
        "In March my branch was behind its mortgage target by a third because two advisers "
        "had left. I went through every customer we'd seen in the last year whose fixed rate "
        "was ending, rang each of them with the rates we'd just been given, and booked the "
        "appointments myself. We finished the quarter at 104% of target, and the area manager "
        "asked me to show the other branches how we'd done it.")
    j = judge_answer("Tell me about a time you turned around a difficult quarter.", answer,
                     kind="behavioural")
    assert j.marks["outcome"].level >= 1.0 and j.score >= 7
