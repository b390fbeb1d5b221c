"""Grounding: claims in generated text that no source supports."""

from __future__ import annotations

import json
from importlib import resources

from interview_tui.services.grounding import claims, find_ungrounded

RESUME = json.loads(
    resources.files("interview_tui.data").joinpath("demo_profile.json").read_text("utf-8")
)["candidate"]["resume_text"]


def test_text_made_of_source_facts_is_grounded() -> None:
    text = (
        "At Parcelwise I led the migration to three Go services, and p95 latency fell from "
        "900 ms to 180 ms. Before that, at Tillpoint, I reduced failed card settlements by 22%."
    )
    assert find_ungrounded(text, [RESUME]) == []


def test_invented_numbers_employers_and_titles_are_flagged() -> None:
    text = (
        "At Stripe I was promoted to Staff Engineer in 2023, saving $2M and cutting costs by "
        "35%. I mentored five engineers at Parcelwise."
    )
    assert find_ungrounded(text, [RESUME]) == [
        "Stripe",
        "Staff Engineer",
        "2023",
        "$2M",
        "35%",
        "five",
    ]


def test_numbers_match_by_value_across_spellings() -> None:
    for spelling in ("4 million", "4,000,000", "4M", "4m", "four million"):
        assert find_ungrounded(f"The pipeline handled {spelling} events a day.", [RESUME]) == []
    assert find_ungrounded("It handled 5 million events.", [RESUME]) == ["5 million"]


def test_percentages_need_a_percentage_in_the_sources() -> None:
    assert find_ungrounded("Settlements failed 22 percent less.", [RESUME]) == []
    assert find_ungrounded("We had 35% fewer pages.", ["We went from 35 pages to 9."]) == ["35%"]


def test_years_and_durations() -> None:
    assert find_ungrounded("I joined in 2021 and stayed 18 months on it.", [RESUME]) == []
    assert find_ungrounded("I joined in 2016.", [RESUME]) == ["2016"]
    assert find_ungrounded("It took 7 weeks.", [RESUME]) == ["7 weeks"]


def test_names_are_case_insensitive_and_may_come_from_any_source() -> None:
    answer = "We moved the reports to BigQuery."
    assert find_ungrounded("The reports moved to bigquery at PARCELWISE.", [RESUME, answer]) == []
    assert find_ungrounded("I deployed it on Kubernetes.", [RESUME]) == ["Kubernetes"]


def test_multi_word_names() -> None:
    assert find_ungrounded("I studied at the University of Leeds.", [RESUME]) == []
    assert find_ungrounded("I worked with Northwind Freight.", [RESUME]) == ["Northwind Freight"]


def test_sentence_initial_common_words_are_not_names() -> None:
    text = (
        "Customers loved it. Everything went well. Results were great. Afterwards, the team "
        "celebrated. Honestly, it was fun. [Task: what you were responsible for.]"
    )
    assert find_ungrounded(text, [RESUME]) == []


def test_a_name_at_the_start_of_a_sentence_is_still_seen_when_used_elsewhere() -> None:
    text = "Acme hired me. Later I left Acme."
    assert find_ungrounded(text, [RESUME]) == ["Acme"]


def test_titles_match_when_their_words_are_in_a_source_title() -> None:
    assert find_ungrounded("As a senior engineer I owned the tracking service.", [RESUME]) == []
    assert find_ungrounded("I was the engineering manager.", [RESUME]) == ["engineering manager"]


def test_tokens_that_only_look_like_numbers_are_ignored() -> None:
    assert (
        find_ungrounded("Our p99 and Q3 targets used EC2.", ["Our p99 and Q3 targets used EC2."])
        == []
    )
    assert [c for k, c in claims("p99 latency") if k == "number"] == []


def test_each_claim_is_reported_once_in_order() -> None:
    assert find_ungrounded("It cost $5k at Acme. Then $5k again at ACME.", []) == [
        "$5k",
        "Acme",
    ]


def test_no_sources_flags_every_claim() -> None:
    assert find_ungrounded("I cut latency by 40% at Parcelwise.", []) == ["40%", "Parcelwise"]
