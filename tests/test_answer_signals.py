"""Deterministic answer signals, and the judge's score on the answers they describe."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from interview_tui.services.coach.answer_signals import (
    analyze_answer,
    find_quantities,
    star_part,
    stem,
)
from interview_tui.services.coach.judge import judge_answer
from interview_tui.services.text import speaking_seconds, word_count
from tests.fakes.answers import STRONG, VAGUE

PROFILE = json.loads(
    resources.files("interview_tui.data").joinpath("demo_profile.json").read_text("utf-8")
)
RESUME = PROFILE["candidate"]["resume_text"]
JD = PROFILE["application"]["job_description"]

# (question, strong answer, vague answer of similar length)
PAIRS = [
    (
        "Tell me about someone you've mentored. What did you do, and how did they grow?",
        "At Tillpoint in 2020 our refunds team had three junior engineers and reviews were "
        "taking days. I was asked to mentor them as the senior on the team. I set up weekly "
        "pairing sessions, wrote a review checklist and gave each of them ownership of one part "
        "of the refunds API. Within six months review turnaround fell from three days to one, "
        "and two of the three were promoted within a year.",
        "Mentoring is something I really enjoy and I think it's important for any team. Usually "
        "I try to help people when they need it and we generally work together on things, like "
        "reviewing code and talking about problems. Over time people on the team kind of got "
        "better at stuff and the team was happier overall, which was nice. I would say mentoring "
        "is a big part of how I like to work.",
    ),
    (
        "Tell me about an intermittent bug you tracked down. How did you reproduce it?",
        "Last year our checkout service started timing out for about 5% of requests every "
        "evening. I owned the investigation. I compared traces from slow and fast requests and "
        "found that a nightly report job held row locks on the orders table. I moved the report "
        "to a read replica and added a lock timeout alert. Timeouts dropped from 5% to under "
        "0.1% the next week, and we have not had a repeat in nine months.",
        "Debugging is basically about being systematic, you know. When something breaks we "
        "usually look at the logs and the dashboards and try to figure out what is going on. "
        "Sometimes it takes a while and you have to talk to a lot of people. In the end we "
        "normally find the problem and fix it, and then things are better. I think the key is "
        "to stay calm and keep trying different things until it works.",
    ),
    (
        "Tell me about a time you had to say no to a stakeholder. How did you do it?",
        "In 2022 the support team wanted a bulk-refund tool within two weeks, but our sprint was "
        "committed to an audit fix. I met their lead and walked through both deadlines. I "
        "proposed a script that support could run through a ticket, which I wrote in two days, "
        "and we shipped the full tool a month later. Support cleared a backlog of 400 refunds "
        "that week and the audit fix still landed on time.",
        "I always try to keep stakeholders happy and communicate with them as much as possible. "
        "When people ask for things we talk about priorities and figure out what makes sense "
        "for everyone. Sometimes you have to say no, but usually there is a way to make it work "
        "if you are flexible. Overall I think I have good relationships with most of the teams "
        "I work with, and they generally trust me.",
    ),
    (
        "Design a simple rate limiter for a public API. What would you track, and where?",
        "First I'd clarify the limits: say 100 requests per minute per API key, enforced across "
        "20 gateway nodes. I would use a token bucket per key stored in Redis, because it allows "
        "short bursts while capping the average rate. Each request runs one atomic script that "
        "refills and takes a token, so two nodes cannot double-spend. If Redis is down I'd fail "
        "open for 30 seconds rather than block all traffic, and alert. The trade-off is one "
        "extra network hop, roughly 1 ms.",
        "I would probably use some kind of rate limiting library, there are lots of good ones "
        "out there. Basically you want to count the requests and block people when they send "
        "too many, you know. You could store the counts somewhere like a database or a cache, "
        "whatever works best for the system. It depends on the requirements really, and you "
        "would want to make sure it is fast and reliable and scales well for everyone.",
    ),
    (
        "Tell me about a time you made a significant performance or reliability improvement.",
        STRONG,
        "Performance is something I care about a lot. Usually we would look at the things that "
        "are slow and try to make them better, and generally the team works together on that "
        "stuff. It is important to measure things and to talk to people, and overall we "
        "improved various parts of the system.",
    ),
]


STORY = "Tell me about a time you improved the performance of something you own."


def score(answer: str, question: str = "", difficulty: str = "medium", target: str = "L4") -> int:
    return judge_answer(question or STORY, answer, job_description=JD, difficulty=difficulty,
                        target_level=target).score


def test_star_parts_are_detected_in_a_structured_answer() -> None:
    s = analyze_answer(STRONG, "Tell me about a performance improvement.")
    assert s.star_parts == ("situation", "task", "action", "result")


def test_star_parts_missing_from_a_vague_answer() -> None:
    s = analyze_answer(VAGUE)
    assert not s.situation
    assert not s.task
    assert not s.action


def test_star_part_of_single_sentences() -> None:
    assert star_part("I was asked to lead the migration.", 1, 3) == "task"
    assert star_part("I rewrote the retry scheduler in Go.", 1, 3) == "action"
    assert star_part("As a result, failed settlements fell by 22%.", 1, 3) == "result"
    assert star_part("Back in 2019 our service was failing every night.", 0, 3) == "situation"


def test_quantities_cover_numbers_percentages_money_durations_and_counts() -> None:
    text = (
        "We saved $40k a year, cut errors by 22%, latency fell from 900 ms to 180 ms over two "
        "weeks, and 1,200 merchants adopted it; throughput doubled."
    )
    found = " | ".join(find_quantities(text))
    for expected in ("$40k", "22%", "900 ms", "180 ms", "two weeks", "1,200 merchants", "doubled"):
        assert expected in found


def test_a_bare_year_is_not_a_quantified_result() -> None:
    assert find_quantities("In 2019 I joined the team.") == []


def test_result_quantified_only_when_a_result_carries_a_number() -> None:
    assert analyze_answer(STRONG).result_quantified
    assert "40%" in analyze_answer(STRONG).result_quantities
    unquantified = "Three of us worked on it. As a result the service got much faster."
    assert not analyze_answer(unquantified).result_quantified


def test_ownership_counts_i_against_we() -> None:
    mine = analyze_answer("I designed the schema, I wrote the migration and I ran the rollout.")
    ours = analyze_answer("We designed the schema, we wrote the migration and our team shipped it.")
    assert mine.i_count == 3 and mine.we_count == 0 and mine.ownership_ratio == 1.0
    assert ours.i_count == 0 and ours.we_count == 3 and ours.ownership_ratio == 0.0


def test_hedging_i_does_not_count_as_ownership() -> None:
    s = analyze_answer("I think the team fixed it. I guess we shipped it.")
    assert s.i_count == 0


def test_fillers_and_hedges() -> None:
    s = analyze_answer(VAGUE)
    assert {"um", "basically", "you know"} <= set(s.fillers)
    assert {"I think", "kind of", "sort of", "maybe", "I guess"} <= set(s.hedges)
    assert s.filler_rate > 10


def test_like_as_a_verb_or_preposition_is_not_filler() -> None:
    s = analyze_answer("I'd like to talk about tools like Kafka. It was, like, slow.")
    assert s.fillers == ("like",)


def test_word_count_and_speaking_time_reuse_the_text_rules() -> None:
    s = analyze_answer(STRONG)
    assert s.word_count == word_count(STRONG)
    assert s.speaking_seconds == pytest.approx(speaking_seconds(STRONG))
    assert analyze_answer(" ".join(["word"] * 140)).speaking_seconds == pytest.approx(60.0)


def test_relevance_to_question_job_and_resume() -> None:
    question = "Tell me about an idempotent event pipeline you designed."
    answer = (
        "I designed the idempotent webhook pipeline at Parcelwise; it handles 4 million events."
    )
    s = analyze_answer(answer, question, JD, RESUME)
    assert {"designed", "idempotent", "pipeline"} <= set(s.question_terms)
    assert s.question_relevance > 0.5
    assert "idempotent" in s.jd_terms or "pipeline" in s.jd_terms
    assert any("webhook pipeline" in fact for fact in s.resume_facts)
    off_topic = analyze_answer("I enjoy hiking and cooking at weekends.", question, JD, RESUME)
    assert off_topic.question_relevance == 0.0
    assert off_topic.resume_facts == ()


def test_light_stemming_joins_word_forms() -> None:
    assert stem("migrated") == stem("migration") == stem("migrate")
    assert stem("services") == stem("service")
    assert stem("latencies") == stem("latency")


@pytest.mark.parametrize(("question", "strong", "vague"), PAIRS)
def test_specific_answers_rank_clearly_above_vague_ones(
    question: str, strong: str, vague: str
) -> None:
    assert abs(word_count(strong) - word_count(vague)) <= 0.3 * word_count(strong)
    for difficulty in ("easy", "medium", "hard"):
        good, bad = score(strong, question, difficulty), score(vague, question, difficulty)
        assert good >= bad + 3, (difficulty, good, bad)
        assert good >= 6
        assert bad <= 5


def test_very_short_answers_score_low() -> None:
    assert score("I fixed it and it worked.") <= 2
    assert score("I moved the job to a read replica and latency fell from 900 ms to 180 ms.") <= 4


def test_padding_with_filler_never_raises_the_score() -> None:
    short = "I moved the report job to a read replica and latency fell from 900 ms to 180 ms."
    padded = (
        "Um, so, like, basically, you know, I think I, um, moved the report job, like, to a read "
        "replica, you know, and, um, basically, I guess latency sort of fell, like, from 900 ms "
        "to 180 ms, you know, which was, um, kind of, like, basically good, I think, honestly."
    )
    assert score(padded) <= score(short)
    for _, strong, _ in PAIRS:
        noisy = strong.replace(". ", ". Um, basically, you know, like, ")
        assert score(noisy) <= score(strong)


def test_repeating_sentences_does_not_help() -> None:
    short = "I moved the report job to a read replica and latency fell from 900 ms to 180 ms."
    assert score(" ".join([short] * 5)) <= score(short)


def test_levels_follow_scope() -> None:
    question = "Tell me about a time you led a project through a difficult stretch."
    senior = (
        "In 2022 at Parcelwise our tracking migration was six weeks behind and two product teams "
        "were blocked on it. As the lead, my goal was to ship the first service before peak "
        "season. First I split the remaining work into three milestones, because the riskiest "
        "part was data backfill rather than the API. I moved two engineers to backfill, wrote the "
        "cutover runbook myself and set a roadmap with the other teams. As a result we shipped "
        "three weeks before peak, p95 latency fell from 900 ms to 180 ms, and we had zero "
        "rollbacks. I learned to surface the riskiest milestone first."
    )
    j = judge_answer(question, senior, target_level="L5B")
    assert j.score >= 8
    assert j.level in ("L5A", "L5B")
    assert judge_answer(question, VAGUE, target_level="L5B").level == "L4"


def test_scores_stay_in_range() -> None:
    for text in ("", "ok", VAGUE, STRONG, STRONG * 10):
        j = judge_answer(STORY, text, difficulty="hard", target_level="L5B")
        assert 1 <= j.score <= 10
        assert j.level in ("L4", "L5A", "L5B")


def test_analysis_is_deterministic() -> None:
    assert analyze_answer(STRONG, "q", JD, RESUME) == analyze_answer(STRONG, "q", JD, RESUME)
