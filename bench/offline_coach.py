"""Offline coach: answers analysed per second on a fixed corpus.

The corpus is a dozen answers of every kind the coach sees (strong and vague stories,
follow-ups, a design answer, a long ramble), each with its question, analysed against the
demo profile's resume and job description. The offline coach runs on the event loop, so
the time per analysis is time the interface cannot draw.

Baseline: one regex pass splitting the same answers into lower-case words, the least any
text analysis has to do. The ratio says how many such passes one analysis costs.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable

from bench.common import Result, say

QUESTIONS = (
    "Tell me about a time you made a significant performance or reliability improvement.",
    "Describe a disagreement with a colleague about a technical decision. How did you resolve it?",
    "How would you design a pipeline that ingests carrier events without losing any?",
    "Why do you want to join Northwind Freight, and why now?",
)
EXTRA = (
    "We had a lot of incidents, so I basically rewrote the alerting. I deleted about 60 "
    "alerts nobody acted on, added SLO burn-rate pages for the top five services and wrote "
    "runbooks. Pages per week went from 35 to 9 within two months and nobody quit the rota.",
    "My colleague wanted to shard the database and I thought we should partition first, "
    "because sharding would have doubled our operational load. I wrote a one-page comparison "
    "with the numbers, we agreed to try partitioning for a quarter, and it held up to 3x the "
    "traffic, so we never needed the shards.",
    "I would put a durable log in front of everything, Kafka probably, and make every consumer "
    "idempotent with a key per carrier event. Then replays are safe. The trade-off is storage "
    "and some latency, versus never losing an event, which matters more for tracking. I'd "
    "monitor consumer lag and dead-letter anything that fails three times.",
    "Honestly I think it's kind of a good fit, you know? I've done logistics before and I "
    "like the problems, I guess. The team seems nice and I want to grow, so yeah.",
    "So the project, um, it was basically a migration. We moved things to the new system and "
    "there were some issues, like, various things broke and we fixed them. In the end it "
    "went fine I think, and people were happy overall. I learned a lot about planning. "
    "Next time I would plan better and maybe talk to more people earlier, you know, to get "
    "everyone aligned and stuff. It was a good experience and the team worked hard. " * 3,
)


def corpus() -> list[tuple[str, str]]:
    """(question, answer) pairs: fixed, so runs compare."""
    from tests.fakes.answers import FOLLOW_UP, STRONG, VAGUE

    answers = (STRONG, VAGUE, FOLLOW_UP, *EXTRA)
    return [(QUESTIONS[i % len(QUESTIONS)], a) for i, a in enumerate(answers)] + [
        (QUESTIONS[(i + 1) % len(QUESTIONS)], a) for i, a in enumerate(answers)
    ]


def _per_second(work: Callable[[], None], items: int, seconds: float) -> float:
    """Items per second, running ``work`` (all items once) for about ``seconds``."""
    done, started = 0, time.perf_counter()
    for _ in range(100_000):  # bounded
        work()
        done += items
        if time.perf_counter() - started >= seconds:
            break
    return done / (time.perf_counter() - started)


def run(quick: bool = False) -> list[Result]:
    from interview_tui.services.coach.base import Exchange, InterviewContext, QuestionTurn
    from interview_tui.services.coach.offline import OfflineCoach
    from interview_tui.services.profiles import demo_profile_data

    data = demo_profile_data()
    ctx = InterviewContext("hiring_manager", "medium", "neutral", "Northwind Freight",
                           "Senior Backend Engineer", data["application"]["job_description"],
                           "Priya Shah", "Alex Rivera", data["candidate"]["resume_text"], "L5A")
    turns = [QuestionTurn(1, q, "ownership", (Exchange(q, a, 60.0),)) for q, a in corpus()]
    coach = OfflineCoach(seed=1)
    loop = asyncio.new_event_loop()

    def analyse() -> None:
        for turn in turns:
            loop.run_until_complete(coach.analyze_response(ctx, turn))

    def feedback() -> None:
        for turn in turns:
            loop.run_until_complete(coach.question_feedback(ctx, turn))

    word = re.compile(r"[a-z']+")

    def tokenize() -> None:
        for turn in turns:
            word.findall(turn.exchanges[0].answer.lower())

    seconds = 0.5 if quick else 2.0
    try:
        analyse()  # warm caches (question bank, compiled patterns)
        rate = _per_second(analyse, len(turns), seconds)
        feedback_rate = _per_second(feedback, len(turns), seconds / 2)
    finally:
        loop.close()
    base = _per_second(tokenize, len(turns), seconds / 2)
    words = sum(len(word.findall(a.lower())) for _, a in corpus())
    say(f"corpus: {len(turns)} answers, {words / len(turns):.0f} words on average")
    say(f"analyze_response: {rate:,.0f} answers/s ({1000 / rate:.2f} ms each)")
    say(f"question_feedback: {feedback_rate:,.0f} questions/s ({1000 / feedback_rate:.2f} ms each)")
    say(f"baseline, one regex word split: {base:,.0f} answers/s; analysis costs "
        f"{base / rate:,.0f} of those")
    return [Result(
        "Offline coach",
        f"{rate:,.0f} answers/s ({1000 / rate:.2f} ms); feedback {1000 / feedback_rate:.2f} ms",
        base / rate, "one regex word split of the same answer",
    )]


if __name__ == "__main__":
    run()
