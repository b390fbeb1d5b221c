"""How ``interview-tui analyze`` prints an analysis: readable text or JSON."""

from __future__ import annotations

from interview_tui.services.coach.offline_interview import Analysis
from interview_tui.services.coach.question_kinds import kind_label
from interview_tui.services.coach.rubrics import RUBRICS, band_anchor


def _rubric_rows(result: Analysis) -> list[dict[str, object]]:
    j = result.judgement
    rows = []
    for c in RUBRICS[j.kind]:
        m = j.marks[c.key]
        rows.append({"criterion": c.key, "name": c.name, "level": m.band,
                     "score": round(m.level, 2), "anchor": c.anchors[m.band], "quote": m.quote})
    return rows


def analysis_json(result: Analysis) -> dict[str, object]:
    """The analysis as a JSON-ready dict."""
    j, a = result.judgement, result.analysis
    return {
        "score": a.score,
        "level": a.level,
        "kind": j.kind,
        "question_kind": j.kind,  # the same, under the name the issue uses
        "kind_label": kind_label(j.kind),
        "band": band_anchor(a.score),
        "brief": a.brief_feedback,
        "notes": j.notes,
        "rubric": _rubric_rows(result),
        "strengths": a.strengths,
        "gaps": a.gaps,
        "follow_up_questions": a.follow_up_questions,
        "follow_up": a.follow_up_questions[0] if a.follow_up_questions else "",
        "revised_answer": result.revision.text,
        "flagged_claims": [c.as_dict() for c in result.flagged_claims],
    }


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", title, *(f"- {line}" for line in lines)] if lines else []


def analysis_text(result: Analysis) -> str:
    """The analysis as text for a terminal."""
    j, a = result.judgement, result.analysis
    out = [f"Score {a.score}/10, {a.level}, {kind_label(j.kind).lower()}",
           band_anchor(a.score), "", a.brief_feedback, "", "Rubric"]
    for row in _rubric_rows(result):
        quote = f" (“{row['quote']}”)" if row["quote"] else ""
        out.append(f"- {row['name']}: {row['level']}/2, {row['anchor']}{quote}")
    out += _section("Strengths", a.strengths)
    out += _section("Gaps", a.gaps)
    out += _section("Follow-up questions", a.follow_up_questions)
    out += ["", "Revised answer", result.revision.text]
    claims = [f"{c.kind} “{c.text}” at {c.start}-{c.end}" for c in result.flagged_claims]
    out += _section("Claims your resume doesn't back", claims)
    return "\n".join(out)
