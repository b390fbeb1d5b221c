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


def test_titles_of_any_trade_are_titles_not_names() -> None:
    resume = ("Charge Nurse, Riverside Hospital, 2018-present\n"
              "Regional Sales Manager, Hollin Foods, 2012-2018\n")
    # Reworded honestly: the words are all in one title of the resume.
    assert check_claims("As a charge nurse at Riverside I run the night shift.", [resume]) == []
    assert check_claims("I was the regional sales manager at Hollin Foods.", [resume]) == []
    # A title nobody gave you is a title claim, whatever the field, and never a "name".
    for text, title in (("As ward manager at Riverside I run the rota.", "ward manager"),
                        ("I was sales director at Hollin Foods.", "sales director"),
                        ("As Customer Success Manager I kept every account.",
                         "Customer Success Manager"),
                        ("I was promoted to Deputy Head of Nursing.", "Deputy Head")):
        found = [(c.kind, c.text) for c in check_claims(text, [resume])]
        assert ("title", title) in found or any(k == "title" and title.lower() in t.lower()
                                                for k, t in found), (text, found)
        assert all(k != "name" for k, _ in found), found


def test_money_named_in_words_is_money() -> None:
    resume = "- Closed £1.4m of new business in 2023.\n- Found €212,000 of duplicate charges."
    assert check_claims("I closed 1.4 million pounds of new business.", [resume]) == []
    assert check_claims("I found 212,000 euros of duplicate charges.", [resume]) == []
    assert [c.text for c in check_claims("I closed 2.4 million pounds.", [resume])] == [
        "2.4 million"]


def test_counts_read_with_the_whole_source_line() -> None:
    resume = ("Data Scientist, Fitloop (gym chain, 120 clubs), 2020-present\n"
              "- Lead a team of 5 accountants.\n"
              "- Cut the close from 10 to 6 working days.\n")
    assert check_claims("Fitloop is a chain of 120 gyms.", [resume]) == []
    assert check_claims("I manage five accountants.", [resume]) == []
    assert check_claims("We brought the close down from ten working days to six.",
                        [resume]) == []
    assert [c.text for c in check_claims("Fitloop has 220 gyms.", [resume])] == ["220"]
    assert [c.text for c in check_claims("I manage 5 engineers.", [resume])] == ["5"]


def test_years_spanned_by_a_range_and_acronyms_spelled_out() -> None:
    resume = "Chemistry Teacher, St Bede's School, 2015-2021\n- Grew annual recurring revenue."
    assert check_claims("I taught chemistry at St Bede's for six years.", [resume]) == []
    assert [c.text for c in check_claims("I taught there for eight years.", [resume])] == [
        "eight years"]
    assert check_claims("I grew ARR.", [resume]) == []
    assert [c.text for c in check_claims("I grew MRR.", [resume])] == ["MRR"]


def test_titles_told_as_ones_role_and_hyphenated_numbers() -> None:
    resume = ("Lecturer? no: Postdoctoral Researcher, University of Sheffield, 2021-present\n"
              "- Supervised 3 MSc students.\n"
              "- Delivered 6 schemes, the largest a 4-storey block of 64 flats.\n"
              "- Top score in a team of 25 for 6 consecutive quarters.\n"
              "- Built the 13-week cash-flow forecast.\n")
    assert [c.text for c in check_claims("As contracts director I delivered six schemes.",
                                         [resume])] == ["contracts director"]
    assert check_claims("As a qualified researcher I supervised three MSc students.",
                        [resume]) == []
    assert [c.text for c in check_claims("I supervised 3 PhD students.", [resume])] == ["3", "PhD"]
    assert [c.text for c in check_claims("The largest was a 6-storey block.", [resume])] == ["6"]
    assert check_claims("The largest was a four-storey block.", [resume]) == []
    assert check_claims("I was top in a team of twenty-five, six quarters in a row.",
                        [resume]) == []
    assert check_claims("I built the thirteen-week cash-flow forecast.", [resume]) == []
    assert check_claims("I manage as many as sixty operatives.", [resume + "- 60 operatives."]) \
        == []


def test_what_you_were_asked_to_do_is_not_a_title() -> None:
    resume = "Software Engineer, Parcelwise, 2021-present"
    assert check_claims("I was asked to lead the migration.", [resume]) == []
    assert check_claims("I'm a qualified engineer.", [resume]) == []


def test_another_persons_title_is_not_a_claim_about_the_candidate() -> None:
    resume = "Software Engineer, Acme, 2020-present"
    for text in ("I told our product manager the same day.",
                 "Our Product Director, Dana, asked me to review it.",
                 "The engineering manager and I agreed on a plan.",
                 "A senior engineer on my team paired with me."):
        assert [c for c in check_claims(text, [resume]) if c.kind == "title"] == [], text
    for text, title in (("I was the team lead at Acme.", "team lead"),
                        ("As a staff engineer at Acme I led it.", "staff engineer"),
                        ("I became engineering manager in 2022.", "engineering manager")):
        assert title in [c.text for c in check_claims(text, [resume])], text


def test_a_span_of_years_from_dates_with_months() -> None:
    resume = "Operations Analyst, Kestrel Foods, Jan 2019 - Mar 2023"
    assert check_claims("I worked at Kestrel Foods for four years.", [resume]) == []
    assert [c.text for c in check_claims("I was at Kestrel for six years.", [resume])] == [
        "six years"]
