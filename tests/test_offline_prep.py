"""The offline prep writers' material: resume bullets, STAR splitting on a small labelled
set, job terms, dates. Nothing is invented: every part is the resume's words or a
visible placeholder."""

from __future__ import annotations

import pytest

from interview_tui.services.coach.offline_prep_material import (
    PLACEHOLDERS,
    Bullet,
    ranked_bullets,
    requirement_lines,
    resume_bullets,
    short_stints,
    star_parts,
    tenures,
    year_gaps,
)

# (bullet, {part: words that part must hold}); parts not named must be placeholders.
LABELLED = [
    ("Led the migration of the tracking service to Go; p95 latency fell from 900 ms to 180 ms.",
     {"action": "Led the migration", "result": "p95 latency fell"}),
    ("Reduced failed settlements by 22% by adding retry scheduling.",
     {"result": "Reduced failed settlements by 22%", "action": "by adding retry scheduling"}),
    ("Mentored 3 junior engineers; two were promoted within a year.",
     {"action": "Mentored 3 junior engineers", "result": "two were promoted"}),
    ("Ran the on-call redesign that cut pages per week from 35 to 9.",
     {"action": "Ran the on-call redesign", "result": "cut pages per week"}),
    ("Built the refunds API in Python and PostgreSQL.", {"action": "Built the refunds API"}),
    ("Designed a webhook pipeline handling 4 million events a day with zero lost events.",
     {"action": "Designed a webhook pipeline", "result": "with zero lost events"}),
    ("Worked with finance to define the dispute workflow.", {"action": "Worked with finance"}),
    ("Cut cloud spend 30% by rightsizing clusters — saving $400k a year.",
     {"result": "Cut cloud spend 30%", "action": "by rightsizing clusters"}),
]


@pytest.mark.parametrize(("text", "expected"), LABELLED)
def test_star_split_on_labelled_bullets(text, expected):
    parts = star_parts(Bullet(text, job=""))
    for part, words in expected.items():
        assert words in parts[part], (part, parts)
    for part in set(PLACEHOLDERS) - set(expected):
        assert parts[part] == PLACEHOLDERS[part] or parts[part] in text, (part, parts)
    # Every filled part is the bullet's own words.
    for part, value in parts.items():
        if PLACEHOLDERS[part] not in value:
            assert all(piece.strip(" ,.;") in text for piece in value.split("; ")), value


def test_the_job_line_opens_the_situation_with_a_placeholder():
    parts = star_parts(Bullet("Built the refunds API.", job="Engineer, Tillpoint, 2018-2021"))
    assert parts["situation"].startswith("As Engineer, Tillpoint, 2018-2021: ")
    assert PLACEHOLDERS["situation"] in parts["situation"]


RESUME = """Sam Lee
Engineer

Staff Engineer, Initech, 2023-present
- Led the platform team of six through a database migration to PostgreSQL.
• Cut deploy time from 40 to 8 minutes with a new CI pipeline.

Engineer, Globex, 2019-2020
* Wrote billing jobs in Python.

Engineer, Hooli, 2016-2017
- Kept the lights on for the payments service.
"""


def test_bullets_keep_their_job_and_dates_show_gaps_and_short_stints():
    bullets = resume_bullets(RESUME)
    assert [b.text[:8] for b in bullets] == ["Led the ", "Cut depl", "Wrote bi", "Kept the"]
    assert bullets[2].job == "Engineer, Globex, 2019-2020"
    jobs = tenures(RESUME)
    assert [j.start for j in jobs] == [2023, 2019, 2016]
    assert year_gaps(jobs) == [(2017, 2019), (2020, 2023)]
    assert [j.start for j in short_stints(jobs, 2026)] == [2019, 2016]


def test_unmarked_resume_uses_its_sentence_lines():
    bullets = resume_bullets("Pat\nI built the order service in Go for three years.\nSKILLS\n")
    assert [b.text for b in bullets] == ["I built the order service in Go for three years."]


def test_bullets_rank_by_the_job_descriptions_terms():
    jd = "You will:\n- Own our PostgreSQL migration.\n- Improve CI pipeline speed.\n"
    ranked = ranked_bullets(resume_bullets(RESUME), jd)
    assert ranked[0][0].text.startswith(("Led the platform", "Cut deploy"))
    assert ranked[-1][1] == []
    assert requirement_lines(jd) == ["Own our PostgreSQL migration.", "Improve CI pipeline speed."]


async def test_recruiter_red_flags_come_from_the_resumes_dates():
    from interview_tui.services.coach.base import ApplicationContext
    from interview_tui.services.coach.offline import OfflineCoach
    from interview_tui.services.prep_tasks import PrepRequest, prep_task

    ctx = ApplicationContext("Acme", "Backend Engineer", "", "", "Sam Lee", RESUME, "L5A")
    request = PrepRequest("recruiter_prep", 1, ctx, "2026-12-01")
    draft = await OfflineCoach().run(prep_task(request))
    flags = [f.flag for f in draft.red_flags]
    assert flags[0] == "A gap in your resume between 2017 and 2019"
    assert flags[1].startswith("2 short stints")
    assert "overqualified" in flags[2]  # a Staff engineer applying for Backend Engineer
