"""Question kinds: the bank marks each question; typed questions are classified."""

from __future__ import annotations

import pytest

from interview_tui.services.coach.question_bank import kind_of, load_bank, without_lead_in
from interview_tui.services.coach.question_kinds import KINDS, classify_question


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Tell me about a time you resolved a conflict on your team.", "behavioural"),
        ("Give me an example of a deadline you missed and what you did.", "weakness"),
        ("What is your greatest weakness?", "weakness"),
        ("Design a notification service for a mobile app.", "technical"),
        ("How would you design a cache for product pages?", "technical"),
        ("What are the trade-offs between SQL and NoSQL?", "technical"),
        ("Why do you want to work here?", "motivation"),
        ("Why are you leaving your current job?", "motivation"),
        ("Tell me about yourself.", "overview"),
        ("Walk me through your resume.", "overview"),
        ("What are your salary expectations?", "logistics"),
        ("What's your notice period?", "logistics"),
        # How you work with people is a story question, though it shares "how do you handle"
        # with a design question.
        ("How do you handle disagreements?", "behavioural"),
        ("How do you deal with difficult customers?", "behavioural"),
        ("How do you give feedback to a colleague who is struggling?", "behavioural"),
        ("How do you handle competing priorities from two managers?", "behavioural"),
        ("How do you handle retries in a payment API?", "technical"),
        ("How do you approach testing a new service?", "technical"),
        # A system's failure is a design topic; your own is a weakness question.
        ("How do you handle partial failures between services?", "technical"),
        ("Tell me about a failure in your career.", "weakness"),
    ],
)
def test_typed_questions_are_classified(question: str, kind: str) -> None:
    assert classify_question(question) == kind


def test_every_bank_question_carries_a_known_kind_and_every_kind_is_used() -> None:
    kinds = {q.kind for q in load_bank()}
    assert kinds <= set(KINDS)
    assert {"behavioural", "technical", "motivation", "weakness", "overview"} <= kinds


def test_the_bank_mark_wins_over_the_classifier_even_behind_an_opener() -> None:
    # A bank question the classifier alone would read as another kind.
    entry = next(q for q in load_bank() if classify_question(q.text) != q.kind)
    assert kind_of(f"Next question. {entry.text}") == entry.kind


@pytest.mark.parametrize(
    ("asked", "question"),
    [
        ("Moving on. How do you handle disagreements?", "How do you handle disagreements?"),
        ("Thanks, that's helpful. Next one: Describe a time you changed your mind.",
         "Describe a time you changed your mind."),
        ("Moving on. I'll want numbers and your part. What did the launch change?",
         "What did the launch change?"),
        ("Now, tell me about a time you failed.", "Tell me about a time you failed."),
        # Context the question needs is not a lead-in.
        ("Imagine our checkout is slow. What would you check first?",
         "Imagine our checkout is slow. What would you check first?"),
        ("Next question.", "Next question."),
    ],
)
def test_the_question_without_its_lead_in(asked: str, question: str) -> None:
    assert without_lead_in(asked) == question


def test_a_bank_question_behind_an_opener_is_the_banks_text() -> None:
    entry = load_bank()[0]
    assert without_lead_in(f"Let's begin. I'll push for specifics. {entry.text}") == entry.text
