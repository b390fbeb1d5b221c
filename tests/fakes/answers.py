"""Canned candidate answers for driving sessions in tests."""

from __future__ import annotations

STRONG = (
    "At Parcelwise our shipment-tracking service was a monolith and p95 latency had reached "
    "900 ms, so customers complained weekly. I was asked to lead the migration. I split it into "
    "three Go services, wrote the rollout plan and ran shadow traffic for two weeks myself. "
    "As a result p95 latency fell from 900 ms to 180 ms and support tickets about tracking "
    "dropped by 40%."
)
VAGUE = (
    "Um, I think we basically worked on a lot of things, you know, and the team kind of made "
    "stuff better overall. It was sort of a good project and maybe people liked it, I guess, "
    "so yeah, it went fine and we learned things."
)
FOLLOW_UP = (
    "I personally wrote the idempotency keys for the webhook pipeline, which handles 4 million "
    "events a day, and we lost zero events over 18 months."
)


def answer_for(question_number: int, response_number: int) -> str:
    """Alternate strong and vague main answers; follow-ups get a specific answer."""
    if response_number > 1:
        return FOLLOW_UP
    return STRONG if question_number % 2 else VAGUE
