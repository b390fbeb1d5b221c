"""The roles a plain-text resume lists, read by layout: a role heading (a line with a
year or "present", not a bullet) followed by its bullet lines. Used by the offline
writers of the pitch, the debrief and the email, which may only reuse resume facts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview_tui.services.coach.answer_signals import content_stems, find_quantities

_YEARS = re.compile(r"\b(?:19|20)\d\d\b|\bpresent\b|\bcurrent\b|\bnow\b", re.I)
_BULLET = re.compile(r"^\s*(?:[-•*–·]|\d+[.)])\s+")
_SPLIT = re.compile(r"\s*(?:,|\s\|\s|\s@\s|\sat\s|\s[–—-]\s)\s*")
_DATES = re.compile(
    r"\(?\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?"
    r"(?:19|20)\d\d\b.*$|\(?\bpresent\b.*$",
    re.I,
)


@dataclass(frozen=True)
class Role:
    title: str
    employer: str
    dates: str
    bullets: tuple[str, ...]

    @property
    def quantified(self) -> tuple[str, ...]:
        """Bullets that state a number (a percentage, money, a count, a before and after)."""
        return tuple(b for b in self.bullets if find_quantities(b))


def _heading(line: str) -> tuple[str, str, str] | None:
    """(title, employer, dates) of a role heading, or None if the line is not one."""
    if not _YEARS.search(line) or len(line.split()) > 16:
        return None
    dates_match = _DATES.search(line)
    dates = dates_match.group(0).strip(" ()") if dates_match else ""
    head = line[: dates_match.start()] if dates_match else line
    head = head.strip(" ,|–—-(")
    pieces = [p.strip() for p in _SPLIT.split(head) if p.strip()]
    if not pieces:
        return None
    title = pieces[0]
    employer = re.sub(r"\s*\(.*?\)\s*", " ", pieces[1]).strip() if len(pieces) > 1 else ""
    if not re.search(r"[A-Za-z]", title) or title.lower().startswith(("bsc", "msc", "ba ", "phd")):
        return None
    return title, employer, dates


def roles(resume_text: str) -> list[Role]:
    """The resume's roles, most recent first as the resume lists them."""
    found: list[Role] = []
    current: tuple[str, str, str] | None = None
    bullets: list[str] = []
    for raw in resume_text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _BULLET.match(raw):
            if current is not None:
                bullets.append(_BULLET.sub("", raw).strip())
            continue
        heading = _heading(line)
        if heading is not None or line.isupper():
            if current is not None:
                found.append(Role(*current, tuple(bullets)))
            current, bullets = heading, []
    if current is not None:
        found.append(Role(*current, tuple(bullets)))
    return [r for r in found if r.bullets or r.employer]


def relevance(line: str, text: str) -> int:
    """How many content words ``line`` shares with ``text`` (the job description, a question)."""
    return len(content_stems(line) & content_stems(text))


def resume_bullets(resume_text: str) -> list[str]:
    """Every bullet line of the resume, in order."""
    return [_BULLET.sub("", raw).strip() for raw in resume_text.splitlines() if _BULLET.match(raw)]
