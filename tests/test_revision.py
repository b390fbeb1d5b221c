"""Revised answers: the candidate's own material, in the kind's shape, never scored lower."""

from __future__ import annotations

import re

from interview_tui.services.coach.revision import revise, score_of
from tests.fakes.answers import STRONG, VAGUE

LEAD = "Tell me about a time you led a project through a difficult stretch."
RESUME = (
    "- Ran the on-call rotation redesign that cut pages per week from 35 to 9.\n"
    "- Built the refunds API in Python and PostgreSQL used by 1,200 merchants.\n"
)


def placeholders(text: str) -> list[str]:
    return re.findall(r"\[[^\]]*\]", text)


def test_a_revision_keeps_the_actions_and_results_and_drops_filler() -> None:
    answer = (
        "Um, so basically at Kestrel our checkout was failing for 5% of users. I was asked to "
        "fix it. I traced the failures to a timeout, you know, and I raised the retry budget. "
        "As a result failures fell to 0.5%."
    )
    text = revise(LEAD, answer).text
    for kept in ("I traced the failures to a timeout", "I raised the retry budget",
                 "failures fell to 0.5%"):
        assert kept in text
    assert "Um" not in text and "basically" not in text and "you know" not in text


def test_a_revision_is_never_scored_lower_and_is_higher_on_a_hedged_answer() -> None:
    question = "Tell me about a problem at work you solved recently. How did you approach it?"
    hedged = (
        "Um, I think at Kestrel our checkout, like, failed for about 5% of users, you know, "
        "every evening at peak. So yeah, basically I was asked to, um, look into it. I sort of "
        "traced the failures to a payment timeout in the logs, I guess, and I raised the retry "
        "budget and added an alert on the error rate, you know. I also wrote a runbook for the "
        "on-call engineers and, um, shared it with the payments team so they could tune their "
        "timeouts too. Um, failures fell from 5% to 0.5% within a week, I think, you know."
    )
    for answer in (STRONG, VAGUE, hedged):
        assert score_of(question, revise(question, answer).text, "behavioural") >= score_of(
            question, answer, "behavioural")
    assert score_of(question, revise(question, hedged).text, "behavioural") > score_of(
        question, hedged, "behavioural")


def test_one_short_placeholder_only_for_a_missing_part() -> None:
    no_result = (
        "At Kestrel our checkout was failing for 5% of users. I was asked to fix it. I traced "
        "the failures to a timeout and I raised the retry budget."
    )
    marks = placeholders(revise(LEAD, no_result).text)
    assert len(marks) <= 1
    assert not any(m.startswith(("[Situation", "[Action")) for m in marks)


def test_no_unrelated_resume_line_is_appended() -> None:
    text = revise(LEAD, STRONG, resume=RESUME).text
    assert "on-call" not in text and "refunds" not in text


def test_a_motivation_answer_gets_its_own_shape_not_star() -> None:
    answer = (
        "I want to work on payments at a larger scale. I've led the checkout rebuild at "
        "Fernhill, which handles most of our revenue. Your team builds the payment platform "
        "for several marketplaces."
    )
    text = revise("Why do you want to work here?", answer, kind="motivation").text
    assert not any(p.startswith(("[Situation", "[Task", "[Result")) for p in placeholders(text))
    assert text.index("Your team builds") < text.index("I want to work")


def test_a_revision_keeps_each_problem_before_the_steps_that_answer_it() -> None:
    question = "Tell me about a time you fixed a problem for customers."
    answer = (
        "At Lumen our support queue grew by 40% in March after a pricing change. Complaints "
        "doubled within two weeks. I called twenty customers and learned that the new invoice "
        "layout confused them. So I rewrote the invoice template with the billing team. "
        "Tickets went back to normal within a month."
    )
    text = revise(question, answer).text
    order = [text.index(s) for s in ("Complaints doubled", "learned that the new invoice",
                                     "So I rewrote", "Tickets went back")]
    assert order == sorted(order), text
