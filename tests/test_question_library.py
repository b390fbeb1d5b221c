"""The user's own questions: stored, browsed beside the shipped bank, used in sessions."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.coach.question_bank import load_bank
from interview_tui.services.interview import SessionSetup
from interview_tui.services.question_import import check_question
from interview_tui.services.question_library import (
    BankFilter,
    add_questions,
    browse,
    delete_own,
    import_file,
    own_for_session,
)
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import JobApplication, OwnQuestion

MINE = "Tell me about the hardest trade-off you made on a data pipeline."


def test_added_questions_are_browsed_beside_the_shipped_ones(demo_application) -> None:
    report = add_questions(
        [check_question(MINE, stage="technical", competency="architecture_tradeoffs",
                        difficulty="hard")],
        source="added",
    )
    assert [e.text for e in report.added] == [MINE]
    technical = browse(BankFilter(stage="technical"))
    shipped = [q for q in load_bank() if q.stage == "technical"]
    assert len(technical) == len(shipped) + 1
    assert technical[0].text == MINE and technical[0].source == "added"
    assert technical[0].key == f"own-{report.added[0].own_id}"
    narrow = browse(BankFilter(stage="technical", competency="architecture_tradeoffs",
                               difficulty="hard", kind="behavioural"))
    assert MINE in [e.text for e in narrow]
    assert all(e.difficulty == "hard" and e.kind == "behavioural" for e in narrow)
    assert [e.text for e in browse(BankFilter(source="own"))] == [MINE]
    assert all(e.source == "shipped" for e in browse(BankFilter(source="shipped")))
    assert [e.text for e in browse(BankFilter(search="hardest PIPELINE"))] == [MINE]


def test_a_question_already_in_the_bank_is_not_stored_twice(demo_application) -> None:
    shipped = next(q for q in load_bank() if q.stage == "recruiter_screen")
    batch = [
        check_question(shipped.text.upper(), stage="recruiter_screen", line=1),
        check_question(MINE, stage="hiring_manager", line=2),
        check_question(f"  {MINE} ", stage="hiring_manager", line=3),
    ]
    report = add_questions(batch, source="imported")
    assert [e.text for e in report.added] == [MINE]
    assert [d.line for d in report.duplicates] == [1, 3]
    assert OwnQuestion.select().count() == 1


def test_import_keeps_the_good_lines(tmp_path: Path, demo_application) -> None:
    path = tmp_path / "q.txt"
    path.write_text(f"{MINE}\nno\n{MINE}\nWhy do you want to leave your current job?\n", "utf-8")
    report = import_file(path, stage="hiring_manager")
    assert [e.text for e in report.added] == [MINE, "Why do you want to leave your current job?"]
    assert [(r.line, "short" in r.reason) for r in report.rejected] == [(2, True)]
    assert [d.line for d in report.duplicates] == [3]
    assert not report.complete
    assert {e.source for e in report.added} == {"imported"}


def test_sessions_see_general_questions_and_their_own_applications_sets(demo_application) -> None:
    other = JobApplication.create(candidate=demo_application.candidate, company="Acme", role="SRE")
    general = check_question(MINE, stage="technical", competency="system_design")
    for_demo = check_question("Design the Northwind tracking feed for a million parcels a day.",
                              stage="technical", competency="system_design")
    for_other = check_question("Design Acme's paging rota for a global on-call team.",
                               stage="technical", competency="system_design")
    add_questions([general], source="added")
    add_questions([for_demo], source="generated", application_id=demo_application.id)
    add_questions([for_other], source="generated", application_id=other.id)
    texts = [q.text for q in own_for_session("technical", demo_application.id)]
    assert texts == [general.text, for_demo.text]
    assert [q.text for q in own_for_session("hiring_manager", demo_application.id)] == []
    assert [e.text for e in browse(BankFilter(application_id=other.id))] == [for_other.text]
    key = browse(BankFilter(application_id=other.id))[0].key
    assert delete_own(key) and not delete_own(key)
    assert not delete_own(load_bank()[0].id), "shipped questions cannot be deleted"


@pytest.mark.parametrize("difficulty", ["medium"])
async def test_an_offline_session_asks_the_users_own_question(demo_application, difficulty) -> None:
    mine = check_question(
        "Tell me about a time you changed a team's mind about how to estimate work.",
        stage="hiring_manager", competency="leadership", difficulty=difficulty,
    )
    add_questions([mine], source="added")
    ws = Workspace(OfflineCoach(seed=1))
    try:
        view = await ws.interview.start(SessionSetup(
            application_id=demo_application.id, stage="hiring_manager", difficulty=difficulty,
        ))
        assert view.questions[0].competency == "leadership"
        assert mine.text in view.questions[0].text
    finally:
        ws.close()


def test_claude_is_given_the_users_questions_for_the_competency() -> None:
    from interview_tui.prompts import render
    from interview_tui.services.coach.base import InterviewContext
    from interview_tui.services.coach.question_bank import BankQuestion
    from interview_tui.services.coach.tasks import question_task

    ctx = InterviewContext(stage="technical", difficulty="medium", persona="neutral",
                           company="Acme", role="SRE", job_description="", interviewer_name="",
                           candidate_name="Sam", resume_text="", target_level="L4")
    own = (
        BankQuestion("own-1", "technical", "debugging", "medium", "How do you chase a flaky test?", ""),
        BankQuestion("own-2", "technical", "system_design", "hard", "Design a pager rota.", ""),
        BankQuestion("own-3", "technical", "debugging", "easy", "Which debugger do you use most?", ""),
    )
    task = question_task(ctx, number=2, competency="debugging",
                         asked=["Which debugger do you use most?"], own=own)
    prompt = render(task.template, **task.inputs)
    assert "- How do you chase a flaky test?" in prompt
    assert "pager rota" not in prompt, "only the competency's own questions are named"
    assert prompt.count("Which debugger") == 1, "an asked one is not offered again"
    assert task.data.own == own
    plain = question_task(ctx, number=1, competency="debugging", asked=[])
    assert "word for word" in render(plain.template, **plain.inputs)
    assert plain.inputs["own"] == "(none)"
