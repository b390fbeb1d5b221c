"""Each prep document kind as Markdown: one function per kind gives its sections, and
``document_markdown`` joins them under a header. The document view and the export use
the same text, so what is exported is what was shown.

A section the user edited is shown as they wrote it (``edited_sections``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pydantic import BaseModel

from interview_tui.services.document_kinds import label
from interview_tui.services.prep_models import (
    BasePrep,
    HiringManagerPrep,
    InterviewPrep,
    QuestionToAsk,
    RecruiterPrep,
    StarAnswer,
    StarExample,
    Written,
)

OFFLINE_NOTE = ("Written offline by the built-in coach, only from your resume, the job "
                "description, your notes and your mock sessions. It has no other knowledge.")


@dataclass(frozen=True)
class Section:
    key: str  # the draft model's field
    title: str
    body: str  # Markdown
    # The section's claims of the candidate's experience as plain text, for grounding;
    # None for a section that makes none (advice, questions, the company).
    claims: str | None
    edited: bool = False


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {_one_line(i)}" for i in items) or "_(none)_"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _joined(parts: Iterable[str]) -> str:
    """Claims as separate sentences (so each one's first word reads as a sentence start)."""
    return "\n".join(_one_line(p).rstrip(".") + "." for p in parts if p.strip())


def _star_claims(star: StarAnswer | StarExample) -> str:
    return _joined(getattr(star, part) for part in ("situation", "task", "action", "result"))


def _star(star: StarAnswer | StarExample) -> str:
    return "\n".join(
        f"- **{part.capitalize()}:** {_one_line(getattr(star, part))}"
        for part in ("situation", "task", "action", "result")
    )


def _asks(items: list[QuestionToAsk]) -> str:
    return "\n".join(f"- **{_one_line(q.question)}**  \n  _Why:_ {_one_line(q.reason)}"
                     for q in items) or "_(none)_"


def recruiter_sections(doc: RecruiterPrep) -> list[Section]:
    return [
        Section("overview", "Interview overview", doc.overview, None),
        Section("talking_points", "Key talking points", "\n".join(
            f"- **{_one_line(t.point)}**  \n  _From your resume:_ {_one_line(t.achievement)}"
            for t in doc.talking_points) or "_(none)_",
            _joined(x for t in doc.talking_points for x in (t.point, t.achievement))),
        Section("red_flags", "Red-flag mitigations", "\n".join(
            f"- **{_one_line(f.flag)}**  \n  {_one_line(f.mitigation)}" for f in doc.red_flags)
            or "_(none)_", None),
        Section("likely_questions", "Likely questions", _bullets(doc.likely_questions), None),
        Section("questions_to_ask", "Questions to ask", _asks(doc.questions_to_ask), None),
        Section("compensation_strategy", "Compensation strategy", doc.compensation_strategy, None),
        Section("timeline_strategy", "Timeline strategy", doc.timeline_strategy, None),
    ]


def hiring_manager_sections(doc: HiringManagerPrep) -> list[Section]:
    return [
        Section("overview", "Interview overview", doc.overview, None),
        Section("strengths", "Strengths to emphasise", "\n".join(
            f"- **{_one_line(s.strength)}**  \n  _Requirement:_ {_one_line(s.requirement)}  \n"
            f"  _Evidence:_ {_one_line(s.evidence)}" for s in doc.strengths) or "_(none)_",
            _joined(x for s in doc.strengths for x in (s.strength, s.evidence))),
        Section("gaps", "Gaps and workarounds", "\n".join(
            f"- **{_one_line(g.gap)}**  \n  {_one_line(g.workaround)}" for g in doc.gaps)
            or "_(none)_", None),
        Section("star_examples", "STAR examples", "\n\n".join(
            f"**{_one_line(s.competency)}**\n\n{_star(s)}" for s in doc.star_examples)
            or "_(none)_", _joined(_star_claims(s) for s in doc.star_examples)),
        Section("likely_questions", "Likely questions", _bullets(doc.likely_questions), None),
        Section("questions_to_ask", "Questions to ask", _asks(doc.questions_to_ask), None),
        Section("closing_strategy", "Closing strategy", doc.closing_strategy, None),
    ]


def _marked_jd(doc: BasePrep) -> str:
    """The job description as a quote, each screening signal in bold where it appears."""
    text = doc.job_description.strip()
    if not text:
        return "_(no job description given)_"
    signals = sorted({s.signal.strip() for s in doc.screening_signals if s.signal.strip()},
                     key=len, reverse=True)
    if signals:  # one pass, longest first, so a signal inside another is not marked twice
        pattern = "|".join(re.escape(signal) for signal in signals)
        text = re.sub(pattern, lambda m: f"**{m.group(0)}**", text, flags=re.I)
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines())


def base_sections(doc: BasePrep) -> list[Section]:
    brief = doc.company_brief
    written = doc.written_on or "an unknown date"
    return [
        Section("screening_signals", "Job description, signals marked",
                _marked_jd(doc) + "\n\n" + "\n".join(
                    f"- **{_one_line(s.signal)}**: {_one_line(s.why)}"
                    for s in doc.screening_signals), None),
        Section("callback_drivers", "Primary callback drivers", "\n".join(
            f"- **{_one_line(d.driver)}**  \n  _From your resume:_ {_one_line(d.evidence)}"
            for d in doc.callback_drivers) or "_(none)_",
            _joined(x for d in doc.callback_drivers for x in (d.driver, d.evidence))),
        Section("narrative", "Background narrative",
                f"**Opening.** {doc.narrative.opening}\n\n**Core.** {doc.narrative.core}\n\n"
                f"**Forward hook.** {doc.narrative.forward_hook}",
                _joined([doc.narrative.opening, doc.narrative.core])),
        Section("company_brief", "Company brief",
                f"> The coach's general knowledge, unverified, written {written}. Check it "
                f"before you rely on it.\n\n{brief.overview}\n\n**Products.** {brief.products}"
                f"\n\n**Culture and values.** {brief.culture_values}\n\n**The usual interview "
                f"process.** {brief.interview_process}\n\n**Talking points it suggests**\n\n"
                f"{_bullets(brief.talking_points)}\n\n**Questions it suggests**\n\n"
                f"{_bullets(brief.questions)}\n\n**To research**\n\n{_bullets(brief.to_research)}",
                ""),  # the coach's brief is not checked; what the user writes into it is
    ]


def interview_sections(doc: InterviewPrep) -> list[Section]:
    roadmap = doc.roadmap
    phases = (("Foundation Review", roadmap.foundation_review),
              ("Active Practice", roadmap.active_practice),
              ("Polish & Integration", roadmap.polish_integration),
              ("Final Confidence Check", roadmap.final_confidence_check))
    sections = [
        Section("targets", "What this prep targets", _bullets(doc.targets), None),
        Section("roadmap", "Roadmap", "\n\n".join(
            f"**{i}. {name}**\n\n{_bullets(steps)}" for i, (name, steps) in
            enumerate(phases, start=1)), None),
        Section("predicted_questions", "Predicted questions", "\n\n".join(
            f"**{i}. {_one_line(q.question)}**  \n_Why:_ {_one_line(q.why)}\n\n{_star(q.answer)}"
            for i, q in enumerate(doc.predicted_questions, start=1)) or "_(none)_",
            _joined(_star_claims(q.answer) for q in doc.predicted_questions)),
        Section("questions_for_interviewer", "Questions for the interviewer", "\n".join(
            f"- **{_one_line(q.question)}**  \n  _Rationale:_ {_one_line(q.rationale)}"
            for q in doc.questions_for_interviewer) or "_(none)_", None),
        Section("resume_defense", "Resume defense", "\n".join(
            f"- **{_one_line(r.bullet)}**  \n  _Risk:_ {_one_line(r.risk)}  \n"
            f"  _Defense:_ {_one_line(r.defense)}" for r in doc.resume_defense)
            or "_(no high-risk bullets found)_", _joined(r.defense for r in doc.resume_defense)),
    ]
    if doc.technical_deep_dives:
        sections.append(Section("technical_deep_dives", "Technical deep dives", "\n\n".join(
            f"**{_one_line(d.topic)}**\n\n{_bullets(d.review)}\n\n_Likely probe:_ "
            f"{_one_line(d.likely_probe)}" for d in doc.technical_deep_dives), None))
    return sections


SECTIONS: dict[str, Callable[..., list[Section]]] = {
    "recruiter_prep": recruiter_sections,
    "hiring_manager_prep": hiring_manager_sections,
    "base_prep": base_sections,
    "interview_prep": interview_sections,
}


def coach_sections(kind: str, doc: BaseModel) -> list[Section]:
    """The sections as the coach wrote them (the user's edits left out)."""
    return SECTIONS[kind](doc)


def sections(kind: str, doc: BaseModel) -> list[Section]:
    """The document's sections, with the user's edits in place of what the coach wrote."""
    edits = doc.edited_sections if isinstance(doc, Written) else {}
    return [
        Section(s.key, s.title, edits[s.key], None if s.claims is None else edits[s.key],
                True) if s.key in edits else s
        for s in coach_sections(kind, doc)
    ]


_PLACEHOLDER = re.compile(r"\[[^\]]*\]")
_LABEL = re.compile(r"(?:\*\*|_)[A-Z][\w &'-]{0,30}[:.](?:\*\*|_)")


def plain(markdown: str) -> str:
    """Markdown as plain claims: labels (**Result:**), [placeholders] and markup removed."""
    text = _PLACEHOLDER.sub(" ", _LABEL.sub(" ", markdown))
    text = re.sub(r"^\s*(?:[-*>]|\d+[.)])\s+", "", text, flags=re.M)
    return re.sub(r"[*_>#`]+", " ", text)


def document_markdown(
    kind: str, doc: BaseModel, *, title: str, author: str, version: int, edited: bool = False,
    flags: dict[str, list[str]] | None = None,
) -> str:
    """The whole document as Markdown; ``flags`` (section -> claims) adds grounding notes."""
    lines = [f"# {label(kind)}: {title}", "", f"_Version {version}, written by {author}"
             + (f" on {doc.written_on}" if isinstance(doc, Written) and doc.written_on else "")
             + (", edited by you" if edited else "") + "._", ""]
    if isinstance(doc, Written):
        if doc.offline:
            lines += [f"> {OFFLINE_NOTE}", ""]
        for missing in doc.missing:
            lines += [f"> **Missing:** {missing}.", ""]
    for section in sections(kind, doc):
        lines += [f"## {section.title}" + (" (edited)" if section.edited else ""), ""]
        claims = (flags or {}).get(section.key)
        if claims:
            quoted = ", ".join(f"“{c}”" for c in claims)
            lines += [f"> ⚠ Not found in your resume or answers: {quoted}. "
                      "Check it, edit the section (e) or write it again (s).", ""]
        lines += [section.body.strip() or "_(empty)_", ""]
    return "\n".join(lines).rstrip() + "\n"
