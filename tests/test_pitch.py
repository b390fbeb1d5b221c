"""The pitch trainer's service, rules and offline writer; the Claude path on the fake API."""

from __future__ import annotations

import pytest

from interview_tui.services.coach.base import CoachError
from interview_tui.services.coach.claude import ClaudeCoach
from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.pitch_models import PitchTemplateDocument
from interview_tui.services.pitch_rules import (
    PitchRejected,
    clean_pitch,
    structure_score,
)
from interview_tui.services.text import word_count
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import CoachCall, PitchAttempt
from tests.fakes.anthropic_server import overloaded, reply

GOOD = (
    "I'm a senior software engineer at Parcelwise, where I led the migration of our "
    "shipment-tracking service to three Go services, and p95 latency fell from 900 ms to 180 ms. "
    "I also designed our webhook pipeline, which handles 4 million carrier events a day. Before "
    "that I was a software engineer at Tillpoint, where I reduced failed card settlements by 22% "
    "with retry scheduling and reconciliation reports. What draws me to Northwind Freight is the "
    "shipment-event platform: it is the reliability work I enjoy most. I'm looking for a role "
    "where I can lead technical decisions across teams and keep mentoring engineers."
)
RAMBLING = (
    "Um, so, I guess I'm kind of a backend person at Parcelwise, basically. I do stuff with "
    "webhooks and things. Honestly I hate my current manager. I cut costs by 40% there, maybe. "
    "Sorry, this is not very interesting."
)


@pytest.fixture
async def ws(demo_application):
    workspace = Workspace(OfflineCoach(seed=1))
    yield workspace
    await workspace.aclose()


def claude(fake) -> ClaudeCoach:
    return ClaudeCoach("claude-sonnet-5-5", api_key="sk-ant-test", base_url=fake.base_url,
                       max_retries=0)


@pytest.mark.parametrize(("words", "score"), [
    (100, 10), (150, 10), (151, 7), (200, 7), (201, 5), (99, 8), (80, 8), (79, 6), (60, 6),
    (59, 4), (40, 4), (39, 2), (20, 2),
])
def test_structure_is_scored_by_length(words: int, score: int) -> None:
    assert structure_score(words) == score


@pytest.mark.parametrize("text", ["", "   ", "Hello", "I am a software engineer at Acme."])
def test_an_empty_or_tiny_pitch_is_refused_with_the_word_count(text: str) -> None:
    with pytest.raises(PitchRejected) as caught:
        clean_pitch(text)
    message = str(caught.value)
    assert ("empty" in message) or f"{word_count(text)} word" in message
    assert "still in the editor" in message or "empty" in message


async def test_the_offline_template_is_100_to_150_words_from_the_resume(ws, demo_application):
    doc = await ws.pitch.generate_template(demo_application.id)
    template = doc.content(PitchTemplateDocument)
    assert 100 <= word_count(template.pitch) <= 150
    assert "Parcelwise" in template.pitch and "Tillpoint" in template.pitch
    assert any(n in template.pitch for n in ("4 million", "900 ms", "35 to 9", "22%"))
    assert "Northwind Freight" in template.pitch  # why this role
    assert "offline" in template.delivery_note.lower()
    assert template.ungrounded == []
    again = await ws.pitch.generate_template(demo_application.id)
    assert again.version == 2 and again.content(PitchTemplateDocument).pitch == template.pitch


async def test_attempts_are_numbered_stored_first_and_scored(ws, demo_application):
    first = await ws.pitch.submit(demo_application.id, RAMBLING)
    row = PitchAttempt.get_by_id(first.id)
    assert row.number == 1 and row.feedback is None  # stored before any coach call
    scored = await ws.pitch.write_feedback(first.id)
    second = await ws.pitch.write_feedback((await ws.pitch.submit(demo_application.id, GOOD)).id)
    assert (scored.number, second.number) == (1, 2)
    assert scored.structure_score == structure_score(word_count(RAMBLING)) == 2
    assert second.structure_score == 10 and 100 <= second.words <= 150
    assert second.content_score > scored.content_score
    assert second.tone_score > scored.tone_score
    fb = second.feedback
    assert {"current_role", "impact_number", "previous_role", "why_this_role"} <= set(fb.parts_covered)
    weak = scored.feedback
    assert any("40%" in o and "not in your resume" in o for o in weak.opportunities)
    assert any("negative" in o for o in weak.opportunities)
    assert "offline" in weak.coaching_note.lower()
    # The revised pitch keeps only what the resume backs: the invented 40% is gone.
    assert "40%" not in weak.revised_pitch and "hate" not in weak.revised_pitch
    assert 100 <= word_count(weak.revised_pitch) <= 150
    assert scored.ungrounded == () and second.ungrounded == ()
    listed = await ws.pitch.attempts(demo_application.id)
    assert [a.number for a in listed] == [1, 2]
    assert [a.content_score for a in listed] == [scored.content_score, second.content_score]


async def test_a_spoken_attempt_keeps_its_clock_time(ws, demo_application):
    attempt = await ws.pitch.submit(demo_application.id, GOOD, spoken_seconds=97.0)
    done = await ws.pitch.write_feedback(attempt.id)
    assert done.spoken_seconds == 97.0
    assert "1:37 said aloud (over the 90 seconds)" in done.feedback.coaching_note


async def test_the_draft_survives_until_the_attempt_is_stored(ws, demo_application):
    await ws.pitch.save_draft(demo_application.id, "half a pitch")
    assert await ws.pitch.draft(demo_application.id) == "half a pitch"
    await ws.pitch.submit(demo_application.id, GOOD)
    assert await ws.pitch.draft(demo_application.id) == ""


async def test_claude_feedback_is_grounding_checked_and_the_structure_rule_wins(
    fake_anthropic, demo_application
):
    ws = Workspace(claude(fake_anthropic))
    try:
        attempt = await ws.pitch.submit(demo_application.id, GOOD)
        invented = GOOD.replace("22%", "22%, and I cut cloud costs by 37% at Acme Logistics")
        fake_anthropic.enqueue(reply({
            "content_score": 9, "tone_score": 8, "parts_covered": ["current_role"],
            "strengths": ["Clear"], "opportunities": ["Shorter"], "revised_pitch": invented,
            "coaching_note": "Slow down.",
        }))
        done = await ws.pitch.write_feedback(attempt.id)
    finally:
        await ws.aclose()
    assert done.author == "claude" and done.content_score == 9
    assert done.structure_score == 10  # from the length rule, whatever the model says
    assert "37%" in done.ungrounded and "Acme Logistics" in done.ungrounded
    request = fake_anthropic.requests[-1]
    user = request["messages"][0]["content"]
    assert GOOD in user and "Structure is scored by length and is 10/10" in user
    assert "Parcelwise" in request["system"][0]["text"]  # the application's cached prefix
    call = CoachCall.select().order_by(CoachCall.id.desc()).get()
    assert (call.purpose, call.application_id) == ("pitch_feedback", demo_application.id)


async def test_claude_template_and_a_failed_call_leave_the_attempt_stored(
    fake_anthropic, demo_application
):
    ws = Workspace(claude(fake_anthropic))
    try:
        doc = await ws.pitch.generate_template(demo_application.id)
        assert doc.author == "claude" and doc.content(PitchTemplateDocument).pitch
        attempt = await ws.pitch.submit(demo_application.id, GOOD)
        fake_anthropic.enqueue(overloaded())
        with pytest.raises(CoachError):
            await ws.pitch.write_feedback(attempt.id)
        kept = await ws.pitch.attempt(attempt.id)
        assert kept.text == GOOD and kept.feedback is None
        offline = await ws.pitch.write_feedback(attempt.id, offline=True)
        assert offline.author == "offline" and offline.feedback is not None
    finally:
        await ws.aclose()


def test_the_rules_hold_on_the_held_out_labelled_pitches() -> None:
    """Quality on pitches labelled after the rules were written (bench/pitch_quality.py)."""
    from bench.pitch_quality import score

    held = score("held_out")
    assert held.f1 >= 0.85 and held.f1 > held.baseline_f1
    assert held.unbacked_caught == held.unbacked_total and held.false_unbacked == 0
    assert held.revised_flags == 0 and held.seeded_caught == held.pitches
