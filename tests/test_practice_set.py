"""Practice sets: written by either coach, saved into the bank for the application."""

from __future__ import annotations

import re

import pytest

from interview_tui.services.catalog import COMPETENCIES, PRACTICE_STAGES, PRACTICE_TYPES
from interview_tui.services.coach.claude import ClaudeCoach
from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.coach.offline_practice import NOTE
from interview_tui.services.practice_set import PracticeSetError
from interview_tui.services.question_library import BankFilter, browse, own_for_session
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import CoachCall, JobApplication
from tests.fakes.anthropic_server import FakeAnthropic, reply

_BRACKETS = re.compile(r"\[[^\]]*\]")


def _resume_sentences(resume: str) -> set[str]:
    out = set()
    for raw in resume.splitlines():
        line = raw.strip(" -•*\t")
        if line:
            out.add(f"I {line[0].lower()}{line[1:]}".rstrip(".") + ".")
    return out


@pytest.fixture
async def offline_ws(demo_application):
    ws = Workspace(OfflineCoach(seed=1))
    yield ws
    ws.close()


@pytest.mark.parametrize("practice_type", list(PRACTICE_TYPES))
async def test_the_offline_coach_chooses_by_the_job_and_answers_from_the_resume(
    offline_ws, demo_application, practice_type
) -> None:
    added = await offline_ws.practice.generate(demo_application.id, practice_type, 3)
    stage = PRACTICE_STAGES[practice_type]
    assert len(added) == 3
    resume = demo_application.candidate.resume_text
    allowed = _resume_sentences(resume)
    for entry in added:
        assert entry.stage == stage and entry.competency in COMPETENCIES[stage]
        assert entry.source == "generated" and entry.category == practice_type
        assert entry.application_id == demo_application.id
        assert entry.guidance and 2 <= len(entry.follow_ups) <= 4
        # Outside the bracketed prompts, every sentence is a line of the resume.
        said = [s.strip() for s in re.split(r"(?<=\.)\s+", _BRACKETS.sub("", entry.example_answer))]
        assert all(s in allowed for s in said if s), said
        assert entry.ungrounded == ()
    again = await offline_ws.practice.generate(demo_application.id, practice_type, 3)
    assert not {e.text for e in again} & {e.text for e in added}, "a new set never repeats"
    listed = browse(BankFilter(application_id=demo_application.id, stage=stage))
    assert {e.key for e in listed} == {e.key for e in (*added, *again)}
    own = own_for_session(stage, demo_application.id)
    assert {e.text for e in added} <= {q.text for q in own}, "sessions and drills can ask them"
    calls = list(CoachCall.select().where(CoachCall.purpose == "practice_set"))
    assert len(calls) == 2 and all(c.application_id == demo_application.id for c in calls)


async def test_the_offline_set_prefers_questions_on_the_jobs_terms(offline_ws, demo_application):
    app = JobApplication.create(
        candidate=demo_application.candidate, company="Kitewire", role="Backend Engineer",
        job_description="You will own Kafka consumers, queues and event pipelines; "
        "idempotency and replay matter more than anything.",
    )
    added = await offline_ws.practice.generate(app.id, "technical", 2)
    assert any("Kafka" in e.text or "queue" in e.text for e in added), [e.text for e in added]


async def test_bad_requests_are_refused_before_any_call(offline_ws, demo_application) -> None:
    with pytest.raises(PracticeSetError, match="Unknown type"):
        await offline_ws.practice.generate(demo_application.id, "trivia", 3)
    with pytest.raises(PracticeSetError, match="1 to 10"):
        await offline_ws.practice.generate(demo_application.id, "technical", 0)
    with pytest.raises(PracticeSetError, match="no application 99"):
        await offline_ws.practice.generate(99, "technical", 3)
    assert CoachCall.select().count() == 0


async def test_claude_writes_the_set_and_invented_claims_are_flagged(
    fake_anthropic: FakeAnthropic, demo_application
) -> None:
    fake_anthropic.enqueue(reply({
        "note": "",
        "questions": [
            {"text": "Tell me about the Parcelwise tracking migration and how you ran it.",
             "competency": "Leadership", "difficulty": "hard",
             "guidance": "Situation, your plan, the rollout, the latency result.",
             "follow_ups": ["What went wrong in the rollout?", "Who disagreed?"],
             "example_answer": "I led the migration to three Go services; p95 fell from 900 ms "
                               "to 180 ms."},
            {"text": "Describe a time you grew an engineer on your team.",
             "competency": "not-a-competency", "difficulty": "medium",
             "guidance": "STAR.", "follow_ups": ["How do you know it worked?"],
             "example_answer": "At Google I mentored 12 engineers."},
            {"text": "An extra question beyond the count.", "competency": "leadership",
             "difficulty": "easy", "guidance": "-", "follow_ups": [], "example_answer": "-"},
        ],
    }))
    coach = ClaudeCoach("claude-test", base_url=fake_anthropic.base_url, api_key="k",
                        max_retries=0, timeout=5.0)
    ws = Workspace(coach)
    try:
        added = await ws.practice.generate(demo_application.id, "behavioural", 2)
    finally:
        await ws.aclose()
    body = fake_anthropic.requests[-1]
    prompt = body["messages"][0]["content"]
    assert "practice set of 2 behavioural interview questions" in prompt
    assert "hiring manager" in prompt and "ONLY from facts in the candidate's resume" in prompt
    assert demo_application.candidate.resume_text in body["system"][0]["text"]
    assert [e.competency for e in added] == ["leadership", "problem_solving"]
    assert added[0].ungrounded == ()
    assert "Google" in added[1].ungrounded
    assert {e.source for e in added} == {"generated"}
    call = CoachCall.get(CoachCall.purpose == "practice_set")
    assert call.backend == "claude" and call.application_id == demo_application.id


def test_the_note_says_it_was_written_offline() -> None:
    assert NOTE.startswith("Written offline")
