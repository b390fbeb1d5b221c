"""Claims with their meaning: what a number counts, units, rates, fact words, names."""

from __future__ import annotations

from interview_tui.services.claims import check_claims

RESUME = (
    "Senior Software Engineer, Parcelwise, 2021-present\n"
    "- Designed a webhook pipeline handling 4 million carrier events a day.\n"
    "- Mentored 3 junior engineers.\n"
    "- Ran the on-call redesign that cut pages per week from 35 to 9.\n"
    "- Reduced failed card settlements by 22% with retry scheduling.\n"
)


def flagged(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in check_claims(text, [RESUME])]


def test_a_percentage_does_not_vouch_for_a_count() -> None:
    assert flagged("I hired 22 engineers.") == [("number", "22")]
    assert flagged("Failed settlements fell by 22 percent.") == []


def test_units_and_rates_must_match() -> None:
    assert flagged("The pipeline handled 4 million carrier events an hour.") == [
        ("number", "4 million")]
    assert flagged("The pipeline handled 4M carrier events a day.") == []
    assert flagged("I cut pages per week from 35 to 22.") == [("number", "22")]


def test_fact_changing_words_need_their_like() -> None:
    assert flagged("I halved the pages per week.") == [("fact", "halved")]
    assert flagged("I mentored 3 senior engineers.") == [("number", "3")]
    assert flagged("I mentored three junior engineers.") == []
    assert flagged("I led a team of 9.") == [("number", "9")]


def test_employers_anywhere_in_a_sentence_and_in_any_case() -> None:
    assert flagged("Stripe recruited me in 2021.") == [("employer", "Stripe")]
    assert flagged("Before that I was at google.") == [("employer", "google")]
    assert flagged("At PARCELWISE I designed the webhook pipeline.") == []


def test_each_flag_has_its_kind_and_span() -> None:
    text = "I led a team of 9 at Google."
    claims = check_claims(text, [RESUME])
    assert [(c.kind, text[c.start:c.end]) for c in claims] == [("number", "9"),
                                                               ("employer", "Google")]


def test_leading_what_the_resume_says_you_helped_with_is_flagged() -> None:
    resume = "- Helped the platform team with the Kafka migration.\n- Led the refunds API rebuild.\n"
    assert [(c.kind, c.text) for c in check_claims("I led the Kafka migration.", [resume])] == [
        ("role", "led")]
    assert check_claims("I led the refunds API rebuild.", [resume]) == []
    assert check_claims("I helped with the Kafka migration.", [resume]) == []


def test_degrees_must_be_the_ones_the_sources_hold() -> None:
    resume = "BSc Computer Science, University of Leeds, 2018"
    assert [c.text for c in check_claims("I have an MSc in Computer Science.", [resume])] == [
        "MSc"]
    assert check_claims("I have a BSc in Computer Science from Leeds.", [resume]) == []
