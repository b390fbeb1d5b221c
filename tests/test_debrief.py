"""Debriefs, their weak spots and the thank-you email: service, transcript reading, bad
input, the offline writers, and the Claude path on the fake API."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from interview_tui.services.coach.claude import ClaudeCoach
from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.debrief import DebriefRejected, check_input
from interview_tui.services.debrief_models import (
    DIMENSIONS,
    Debrief,
    DebriefInput,
    ThankYouDocument,
)
from interview_tui.services.transcript import parse_transcript
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import Interview
from tests.fakes.anthropic_server import reply

TODAY = date(2026, 12, 1)
TRANSCRIPT = """\
[00:00:05] Priya: Thanks for joining, Alex. Tell me about yourself?
[00:00:09] Alex: Um, so I'm a senior engineer at Parcelwise, I guess I do backend stuff,
you know, things like webhooks.
[00:01:02] Priya: Tell me about a time you improved reliability?
[00:01:05] Alex: At Parcelwise our webhook pipeline was losing events. I designed an idempotent
pipeline with retries and deduplication keys. As a result we handled 4 million events a day
with zero lost events over 18 months. I learned to test failure modes early.
[00:03:40] Priya: Great. How do you handle disagreements?
[00:03:44] Alex: I think we usually just talk it out, maybe.
"""


def typed(**kw) -> DebriefInput:
    values = {"stage": "recruiter_screen", "date": "2026-11-30"} | kw
    return DebriefInput(**values)


@pytest.fixture
async def ws(demo_application):
    workspace = Workspace(OfflineCoach(seed=1))
    yield workspace
    await workspace.aclose()


def test_a_labelled_transcript_reads_as_question_and_answer_pairs() -> None:
    pairs = parse_transcript(TRANSCRIPT, "Alex Rivera")
    assert [p.question for p in pairs] == [
        "Tell me about yourself?", "Tell me about a time you improved reliability?",
        "How do you handle disagreements?",
    ]
    assert pairs[1].answer.startswith("At Parcelwise") and "18 months" in pairs[1].answer


def test_an_unlabelled_transcript_uses_question_marks() -> None:
    pairs = parse_transcript("Why this company?\n\nI like freight.\n\nAnd your weakness?\n\nDetail.")
    assert [(p.question, p.answer) for p in pairs] == [
        ("Why this company?", "I like freight."), ("And your weakness?", "Detail."),
    ]


@pytest.mark.parametrize(("data", "words"), [
    (typed(), "Nothing to debrief yet"),
    (typed(transcript="   \n "), "Nothing to debrief yet"),
    (typed(transcript="word " * 50_000), "50,000 words; the limit is 20,000"),
    (typed(date="2026-12-05", feeling=6), "is in the future (today is 2026-12-01)"),
    (typed(date="next tuesday", feeling=6), "is not a date"),
    (typed(stage="lunch", feeling=6), "Choose the interview stage"),
    (typed(transcript="We chatted for a while and it went fine."), "No question and answer"),
])
def test_bad_input_gets_a_clear_message(data: DebriefInput, words: str) -> None:
    with pytest.raises(DebriefRejected) as caught:
        check_input(data, "Alex Rivera", TODAY)
    assert words in str(caught.value)


async def test_a_debrief_from_a_transcript(ws, demo_application):
    doc = await ws.debrief.write(demo_application.id, typed(stage="hiring_manager",
                                                            transcript=TRANSCRIPT, feeling=6),
                                 today=TODAY)
    debrief = doc.content(Debrief)
    report = debrief.report
    assert set(report.dimensions.model_dump()) == set(DIMENSIONS)
    for key in DIMENSIONS:
        dim = getattr(report.dimensions, key)
        assert 1 <= dim.score <= 10 and dim.reason
    assert "offline" in report.summary.lower()
    # The weakest answers come back with a stronger one; the best answer is named a strength.
    questions = [b.question for b in report.should_have_said]
    assert "How do you handle disagreements?" in questions
    better = next(b for b in report.should_have_said if "disagreements" in b.question)
    assert better.your_answer.startswith("I think we usually")
    intro = next(b for b in report.should_have_said if "yourself" in b.question)
    assert "Parcelwise" in intro.stronger_answer and "I guess" not in intro.stronger_answer
    assert any("improved reliability" in s for s in report.strengths)
    assert report.action_items and report.next_stage_adjustments and report.coaching_points
    assert debrief.ungrounded == []
    # The debrief sits on an interview made from its stage and date.
    interview = Interview.get_by_id(doc.interview_id)
    assert interview.stage == "hiring_manager" and interview.scheduled_at == datetime(2026, 11, 30)
    assert debrief.input.interview_id == interview.id
    assert await ws.debrief.draft(demo_application.id) is None  # saved: the draft is gone


async def test_a_debrief_from_typed_answers_on_a_scheduled_interview(ws, demo_application):
    interview = Interview.create(application=demo_application, stage="recruiter_screen",
                                 scheduled_at=datetime(2026, 11, 28, 15), interviewer_name="Sam")
    data = typed(interview_id=interview.id, feeling=4,
                 questions="Why Northwind Freight?\nTell me about a conflict with a colleague",
                 went_well="Good rapport with the recruiter",
                 went_badly="I rambled on the conflict question and gave no numbers",
                 learned="The team is moving to Kafka next year")
    doc = await ws.debrief.write(demo_application.id, data, today=TODAY)
    report = doc.content(Debrief).report
    assert doc.interview_id == interview.id and Interview.select().count() == 1
    assert report.dimensions.clarity.score < 6 and "rambled" in report.dimensions.clarity.reason
    assert report.dimensions.confidence.score <= 5  # a 4/10 feeling
    assert report.dimensions.tone.score >= 6 and "rapport" in report.dimensions.tone.reason
    assert any("conflict" in b.question for b in report.should_have_said)
    assert any("You noted" in o for o in report.opportunities)
    spots = await ws.debrief.weak_spots(demo_application.id)
    assert spots and any("conflict" in s for s in spots)
    assert len(spots) == len(set(spots)) <= 8


async def test_weak_spots_come_newest_first_across_interviews(ws, demo_application):
    assert await ws.debrief.weak_spots(demo_application.id) == []
    await ws.debrief.write(demo_application.id, typed(went_badly="I blanked on salary"),
                           today=TODAY)
    await ws.debrief.write(demo_application.id, typed(stage="technical", date="2026-12-01",
                                                      transcript=TRANSCRIPT), today=TODAY)
    spots = await ws.debrief.weak_spots(demo_application.id)
    assert any("disagreements" in s for s in spots)
    debriefs = await ws.debrief.debriefs(demo_application.id)
    assert [d.content(Debrief).input.stage for d in debriefs] == ["technical", "recruiter_screen"]


async def test_the_offline_email_is_the_debriefs_facts_and_saves_to_a_file(
    ws, demo_application, tmp_path
):
    doc = await ws.debrief.write(demo_application.id, typed(transcript=TRANSCRIPT), today=TODAY)
    email_doc = await ws.debrief.write_email(doc.id)
    email = email_doc.content(ThankYouDocument)
    assert email.to == "Priya Shah" and email.signature == "Alex Rivera"
    assert email.email.subject and "Senior Backend Engineer" in email.email.subject
    assert "Tell me about a time you improved reliability?" in email.email.moment
    assert "Parcelwise" in email.email.fit
    assert "Northwind Freight" in email.email.interest
    assert email.ungrounded == []
    paragraphs = email.body.split("\n\n")
    assert paragraphs[0] == "Dear Priya Shah," and len(paragraphs) == 5  # greeting, 3, sign-off
    path = (await ws.debrief.save_email_file(email_doc.id, tmp_path / "exports")).path
    assert path.read_text(encoding="utf-8") == email.text
    assert path.name == "thank-you-northwind-freight-recruiter-screen-2026-11-30-v1.txt"
    assert (await ws.debrief.save_email_file(email_doc.id, tmp_path / "exports")).unchanged
    path.write_text("Dear Priya, my own edit", encoding="utf-8")
    beside = await ws.debrief.save_email_file(email_doc.id, tmp_path / "exports")
    assert beside.path.name == path.name.replace("-v1.txt", "-v1-2.txt")
    assert path.read_text(encoding="utf-8") == "Dear Priya, my own edit"
    assert (await ws.debrief.email(doc.id)).id == email_doc.id


def claude(fake) -> ClaudeCoach:
    return ClaudeCoach("claude-sonnet-5-5", api_key="sk-ant-test", base_url=fake.base_url,
                       max_retries=0)


async def test_claude_debrief_and_email_are_grounding_checked(fake_anthropic, demo_application):
    ws = Workspace(claude(fake_anthropic))
    try:
        doc = await ws.debrief.write(demo_application.id, typed(transcript=TRANSCRIPT, feeling=7),
                                     today=TODAY)
        request = fake_anthropic.requests[-1]
        user = request["messages"][0]["content"]
        assert "Task: debrief." in user and "3 question-and-answer pairs" in user
        assert "Overall feeling: 7/10" in user and "deduplication keys" in user
        assert doc.author == "claude"
        fake_anthropic.enqueue(reply({
            "subject": "Thank you",
            "moment": "Thanks for the chat about reliability and the 4 million events a day.",
            "fit": "At Parcelwise I cut infrastructure costs by 45% for Globex.",
            "interest": "I remain keen on the role.",
        }))
        email = (await ws.debrief.write_email(doc.id)).content(ThankYouDocument)
    finally:
        await ws.aclose()
    assert "45%" in email.ungrounded and "Globex" in email.ungrounded
    assert "4 million" not in email.ungrounded  # said in the transcript and on the resume



async def test_an_invented_figure_in_a_stronger_answer_is_flagged_on_that_answer(
    fake_anthropic, demo_application
):
    ws = Workspace(claude(fake_anthropic))
    answer = {"question": "Q?", "your_answer": "I fixed it.",
              "stronger_answer": "At Parcelwise I cut p95 latency from 900 ms to 180 ms."}
    invented = answer | {"stronger_answer": "At Hooli I cut costs by 41%."}
    dims = {k: {"score": 6, "reason": "r"} for k in DIMENSIONS}
    fake_anthropic.enqueue(reply({
        "overall_score": 6, "summary": "s", "dimensions": dims, "strengths": [],
        "opportunities": [], "should_have_said": [answer, invented], "coaching_points": [],
        "action_items": [], "next_stage_adjustments": [],
    }))
    try:
        doc = await ws.debrief.write(demo_application.id, typed(transcript=TRANSCRIPT),
                                     today=TODAY)
    finally:
        await ws.aclose()
    debrief = doc.content(Debrief)
    assert debrief.answer_flags == [[], ["Hooli", "41%"]]
    assert debrief.ungrounded == ["Hooli", "41%"]


WEBVTT = """WEBVTT

1
00:00:01.000 --> 00:00:04.000
Priya Shah: Why do you want to join Northwind Freight?

2
00:00:05.000 --> 00:00:12.000
Alex Rivera: Your shipment-event platform is the work I do at Parcelwise.

3
00:00:13.000 --> 00:00:15.000
Priya Shah: What is your biggest weakness?

4
00:00:16.000 --> 00:00:20.000
Alex Rivera: I over-prepare, so I now timebox my design docs.
"""
OTTER = """Priya Shah  0:03
Why do you want to join Northwind Freight?

Alex Rivera  0:07
Your shipment-event platform is the work I do at Parcelwise.

Priya Shah  0:15
What is your biggest weakness?

Alex Rivera  0:19
I over-prepare, so I now timebox my design docs.
"""


@pytest.mark.parametrize("text", [WEBVTT, OTTER])
def test_caption_and_otter_exports_read_as_pairs(text: str) -> None:
    pairs = parse_transcript(text, "Alex Rivera")
    assert [(p.question, p.answer) for p in pairs] == [
        ("Why do you want to join Northwind Freight?",
         "Your shipment-event platform is the work I do at Parcelwise."),
        ("What is your biggest weakness?", "I over-prepare, so I now timebox my design docs."),
    ]


async def test_typed_notes_shape_the_stronger_answers_and_the_email(ws, demo_application):
    data = typed(questions="Why do you want to leave Parcelwise?\nWhat are your salary expectations?"
                           "\nTell me about a project you're proud of",
                 went_well="Talked about the webhook pipeline and its numbers",
                 went_badly="I was vague on salary and hesitated\nRambled on why I'm leaving")
    doc = await ws.debrief.write(demo_application.id, data, today=TODAY)
    better = {b.question: b for b in doc.content(Debrief).report.should_have_said}
    # Only the questions a note is about, each with its own note.
    assert set(better) == {"Why do you want to leave Parcelwise?",
                           "What are your salary expectations?"}
    assert "leaving" in better["Why do you want to leave Parcelwise?"].your_answer
    assert "Northwind Freight" in better["Why do you want to leave Parcelwise?"].stronger_answer
    assert better["What are your salary expectations?"].stronger_answer.startswith("[")
    assert doc.content(Debrief).ungrounded == []
    email = (await ws.debrief.write_email(doc.id)).content(ThankYouDocument).email
    assert "conversation about the webhook pipeline and its numbers." in email.moment
    assert "salary" not in email.moment and "leave" not in email.moment


def test_typed_notes_map_to_dimensions_on_held_out_lines() -> None:
    """Quality on lines scored only after the cue words were final (bench/debrief_quality.py)."""
    from bench.debrief_quality import score

    f1, baseline, lines = score("held_out")
    assert lines >= 10 and f1 >= 0.8 and f1 > 2 * baseline


async def test_a_debriefs_weak_spots_reach_the_next_interview_prep(ws, demo_application):
    from interview_tui.services.prep import load_request
    from interview_tui.services.prep_tasks import prep_task

    await ws.debrief.write(demo_application.id, typed(transcript=TRANSCRIPT), today=TODAY)
    spots = await ws.debrief.weak_spots(demo_application.id)
    nxt = Interview.create(application=demo_application, stage="hiring_manager",
                           scheduled_at=datetime(2026, 12, 8, 15))
    request, _sources = load_request("interview_prep", demo_application.id, nxt.id)
    assert request.debrief == tuple(spots)
    assert f"From a debrief: {spots[0]}" in prep_task(request).inputs["weak_spots"]  # Claude
    doc = (await ws.prep.generate("interview_prep", demo_application.id, nxt.id)).content()
    assert f"From your debrief: {spots[0]}" in doc.targets  # the offline coach


def test_a_prompt_without_a_question_mark_is_a_question() -> None:
    # Interviewers say "Tell me about yourself." as often as they ask it; its answer counts.
    pairs = parse_transcript(
        "Interviewer: Thanks for joining. Tell me about yourself.\n"
        "Me: I build payment systems; I led the refunds API used by 1,200 merchants.\n"
        "Interviewer: Great, thanks.\n"
        "Me: And I mentored three engineers.\n"
        "Interviewer: Walk me through a hard bug.\n"
        "Me: A race in the ledger writes.\n"
        "Interviewer: Why Northwind?\n"
        "Me: Logistics.\n", "Alex Rivera")
    assert [(p.question, p.answer) for p in pairs] == [
        ("Tell me about yourself.", "I build payment systems; I led the refunds API used by "
         "1,200 merchants. And I mentored three engineers."),
        ("Walk me through a hard bug.", "A race in the ledger writes."),
        ("Why Northwind?", "Logistics."),
    ]
