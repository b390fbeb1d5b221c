"""PrepService with the offline coach: the four documents, weak spots reaching the next
round, missing input, edit, regenerate a section, versions, export."""

from __future__ import annotations

import pytest

from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.coach.offline_prep_material import PLACEHOLDERS, resume_bullets
from interview_tui.services.coach.question_bank import questions_for
from interview_tui.services.prep import PrepError, load_request
from interview_tui.services.prep_tasks import prep_task
from interview_tui.services.workspace import Workspace
from interview_tui.store.models import Candidate, CoachCall, Document, JobApplication
from tests.fakes.prep_data import NOTE_TOPIC, WEAK_GAP, two_rounds, weak_mock_session

KINDS = ("base_prep", "recruiter_prep", "hiring_manager_prep", "interview_prep")


@pytest.fixture
async def ws(demo_application):
    workspace = Workspace(OfflineCoach(seed=3))
    yield workspace
    await workspace.aclose()


def resume_of(app: JobApplication) -> str:
    return Candidate.get_by_id(app.candidate_id).resume_text


async def test_each_kind_is_written_offline_from_the_candidates_material(ws, demo_application):
    _first, second = two_rounds(demo_application.id)
    resume = resume_of(demo_application)
    bullets = {b.text for b in resume_bullets(resume)}
    streamed: list[str] = []
    docs = {}
    for kind in KINDS:
        version = await ws.prep.generate(kind, demo_application.id, second,
                                         on_text=streamed.append)
        assert version.author == "offline" and version.version == 1 and not version.edited
        docs[kind] = version.content()
        markdown = ws.prep.markdown(version, "Northwind")
        assert "Written offline by the built-in coach" in markdown
        # Nothing in a claim section is missing from the resume and answers.
        assert docs[kind].ungrounded == {}, (kind, docs[kind].ungrounded)
    assert streamed  # the writers show text as they go

    recruiter = docs["recruiter_prep"]
    assert 4 <= len(recruiter.talking_points) <= 6
    assert all(t.achievement in bullets for t in recruiter.talking_points)
    bank = {q.text for q in questions_for("recruiter_screen")}
    assert 5 <= len(recruiter.likely_questions) <= 7 and set(recruiter.likely_questions) <= bank
    assert 2 <= len(recruiter.red_flags) <= 3 and 3 <= len(recruiter.questions_to_ask) <= 4
    assert recruiter.compensation_strategy and recruiter.timeline_strategy

    manager = docs["hiring_manager_prep"]
    assert 3 <= len(manager.star_examples) <= 4
    for star in manager.star_examples:
        for part in ("situation", "task", "action", "result"):
            text = getattr(star, part)
            # Each part is the resume's own words, or a visible placeholder.
            assert PLACEHOLDERS[part] in text or any(text in b for b in bullets), (part, text)
    assert any(PLACEHOLDERS["task"] == s.task for s in manager.star_examples)
    assert set(manager.likely_questions) <= {q.text for q in questions_for("hiring_manager")}

    base = docs["base_prep"]
    assert 1 <= len(base.callback_drivers) <= 3
    assert all(d.evidence in bullets for d in base.callback_drivers)
    assert "no knowledge of Northwind Freight" in base.company_brief.overview
    assert base.company_brief.to_research
    base_md = ws.prep.markdown(await ws.documents.latest("base_prep", demo_application.id), "x")
    assert "general knowledge, unverified, written " + base.written_on in base_md
    assert "(**Kafka**, **PostgreSQL**)" in base_md  # the signals marked in the JD

    prep = docs["interview_prep"]
    assert 3 <= len(prep.predicted_questions) <= 5 and len(prep.questions_for_interviewer) == 5
    assert prep.technical_deep_dives  # a technical round
    assert prep.resume_defense and all(r.bullet in bullets for r in prep.resume_defense)
    md = ws.prep.markdown(await ws.documents.latest("interview_prep", demo_application.id,
                                                    second), "x")
    for phase in ("Foundation Review", "Active Practice", "Polish & Integration",
                  "Final Confidence Check"):
        assert phase in md
    assert CoachCall.select().where(CoachCall.purpose == "interview_prep").count() == 1


async def test_offline_documents_are_deterministic(ws, demo_application):
    first = await ws.prep.generate("hiring_manager_prep", demo_application.id)
    again = await ws.prep.generate("hiring_manager_prep", demo_application.id)
    assert again.version == 2
    strip = {"written_on"}
    assert {k: v for k, v in first.payload.items() if k not in strip} == {
        k: v for k, v in again.payload.items() if k not in strip}


async def test_weak_spots_and_earlier_notes_reach_the_next_round(ws, demo_application):
    weak_mock_session(demo_application.id)
    _first, second = two_rounds(demo_application.id)

    request, sources = load_request("interview_prep", demo_application.id, second)
    inputs = prep_task(request).inputs  # what Claude is sent
    assert "Stakeholder management: averaged 4.0/10" in inputs["weak_spots"]
    assert WEAK_GAP in inputs["weak_spots"]
    assert NOTE_TOPIC in inputs["rounds"]
    assert "I talked to the finance team a lot." in sources

    version = await ws.prep.generate("interview_prep", demo_application.id, second)
    doc = version.content()
    targets = " ".join(doc.targets)
    assert "Stakeholder management" in targets and NOTE_TOPIC in targets
    assert any(NOTE_TOPIC in q.question for q in doc.predicted_questions)
    # The recruiter screen, the first round, has no earlier round to learn from.
    first_request, _ = load_request("interview_prep", demo_application.id, _first)
    assert first_request.earlier == ()


async def test_missing_resume_and_job_description_are_said(ws, db_path):
    candidate = Candidate.create(name="Sam", resume_text="")
    app = JobApplication.create(candidate=candidate, company="Acme", role="Engineer")
    for kind in KINDS[:3]:
        version = await ws.prep.generate(kind, app.id)
        md = ws.prep.markdown(version, "Acme")
        assert "**Missing:** no resume" in md and "**Missing:** no job description" in md
        assert "[No resume line to draw on" in md


async def test_edit_section_adds_an_edited_version_and_flags_new_claims(ws, demo_application):
    first = await ws.prep.generate("recruiter_prep", demo_application.id)
    text = ws.prep.section_text(first, "talking_points")
    edited = await ws.prep.edit_section(
        first.id, "talking_points", text + "\n- Led a Kafka migration at Globex, saving 45%.")
    assert edited.version == 2 and edited.edited
    assert edited.content().ungrounded["talking_points"] == ["Globex", "45%"]
    md = ws.prep.markdown(edited, "x")
    assert "Key talking points (edited)" in md and "Globex" in md
    assert "Not found in your resume or answers: “Globex”, “45%”" in md
    # The first version is untouched and still readable.
    assert (await ws.documents.get(first.id)).payload == first.payload
    with pytest.raises(PrepError, match="empty"):
        await ws.prep.edit_section(first.id, "talking_points", "  \x00 ")
    with pytest.raises(PrepError, match="no section"):
        await ws.prep.edit_section(first.id, "nonsense", "text")


async def test_regenerate_one_section_keeps_the_rest(ws, demo_application):
    first = await ws.prep.generate("recruiter_prep", demo_application.id)
    edited = await ws.prep.edit_section(first.id, "overview", "My own overview.")
    edited = await ws.prep.edit_section(edited.id, "talking_points", "- Only this.")
    redone = await ws.prep.regenerate_section(edited.id, "talking_points")
    doc = redone.content()
    assert redone.version == 4
    assert "talking_points" not in doc.edited_sections
    assert doc.edited_sections == {"overview": "My own overview."}
    assert redone.edited  # the overview is still the user's


async def test_export_writes_markdown_and_html(ws, demo_application, tmp_path):
    version = await ws.prep.generate("base_prep", demo_application.id)
    path = (await ws.prep.export(version.id, tmp_path / "exports")).path
    assert path.parent == tmp_path / "exports" and path.suffix == ".md"
    text = path.read_text(encoding="utf-8")
    assert text == ws.prep.markdown(version, "Northwind Freight · Senior Backend Engineer",
                                    flags=False)
    html = (await ws.prep.export(version.id, tmp_path, str(tmp_path / "prep.html"))).path
    assert html.read_text(encoding="utf-8").startswith("<!doctype html>")
    into_dir = (await ws.prep.export(version.id, tmp_path, str(tmp_path))).path
    assert into_dir.parent == tmp_path and into_dir.name.endswith("-v1.md")
    path.write_text("my own edits\n", encoding="utf-8")
    beside = await ws.prep.export(version.id, tmp_path / "exports")
    assert beside.path == path.with_name(f"{path.stem}-2.md") and beside.note
    assert path.read_text(encoding="utf-8") == "my own edits\n"


async def test_interview_prep_needs_an_interview(ws, demo_application):
    with pytest.raises(ValueError, match="interview no longer exists"):
        await ws.prep.generate("interview_prep", demo_application.id, 999)
    assert Document.select().count() == 0


async def test_a_weak_competency_steers_the_predicted_questions(ws, demo_application):
    from interview_tui.services.schedule import save_interview

    weak_mock_session(demo_application.id)  # stakeholder management scored 4/10
    save_interview(demo_application.id, {"stage": "recruiter_screen", "when": "2026-12-01",
                                          "notes": "She asked how I worked with finance."})
    later = save_interview(demo_application.id, {"stage": "hiring_manager",
                                                 "when": "2026-12-09"})
    doc = (await ws.prep.generate("interview_prep", demo_application.id, later.id)).content()
    first, second = doc.predicted_questions[:2]
    assert "She asked how I worked with finance." in first.question
    assert "finance" in first.answer.action  # answered from the resume line about finance
    assert second.why.startswith("Targets a weak spot: Stakeholder management")
    assert "Stakeholder management" in " ".join(doc.roadmap.active_practice)
