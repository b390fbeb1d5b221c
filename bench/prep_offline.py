"""Offline prep quality on a labelled set: STAR parts split from resume bullets, and the
resume bullets chosen as talking points for a job description.

- STAR split: each bullet is labelled with the words its action and its result hold (or
  no result, when the bullet states none). A bullet counts as right when every labelled
  part holds its words and a bullet with no result leaves the result a placeholder (an
  invented result is the worst error, so it is counted apart). Baseline: the whole
  bullet as the action, the result always a placeholder (what a writer that does not
  split would do).
- Talking points: for each job description the bullets a reviewer would pick are
  labelled; precision of the top three ranked bullets, against the first three bullets
  in resume order.

The labelled items are written for this benchmark, apart from the tests' examples.
"""

from __future__ import annotations

from bench.common import Result, say

# (bullet, action words, result words or None when the bullet states no result)
STAR = (
    ("Rebuilt the search indexer in Rust; indexing time dropped from 6 hours to 40 minutes.",
     "Rebuilt the search indexer", "indexing time dropped"),
    ("Introduced contract tests between 14 services, cutting integration bugs by half.",
     "Introduced contract tests", "cutting integration bugs"),
    ("Grew the data platform team from 2 to 7 engineers.", "Grew the data platform team",
     "from 2 to 7"),
    ("Lowered AWS spend by $1.2M a year by moving batch jobs to spot instances.",
     "by moving batch jobs", "Lowered AWS spend"),
    ("Owned the on-call handbook and trained 20 engineers on incident command.",
     "Owned the on-call handbook", None),
    ("Wrote the public API docs and the SDK quick-start guides.", "Wrote the public API docs",
     None),
    ("Migrated 300 cron jobs to Airflow with no missed runs during the cut-over.",
     "Migrated 300 cron jobs", "with no missed runs"),
    ("Designed the fraud-scoring service that blocks 2,000 bad orders a week.",
     "Designed the fraud-scoring service", "blocks 2,000 bad orders"),
    ("Partnered with legal to ship GDPR data-export tooling ahead of the audit.",
     "Partnered with legal", None),
    ("Shipped offline mode for the driver app — crash-free sessions rose to 99.8%.",
     "Shipped offline mode", "crash-free sessions rose"),
    ("Reduced checkout p99 latency by 35% by caching tax lookups.", "by caching tax lookups",
     "Reduced checkout p99 latency"),
    ("Ran quarterly architecture reviews for the payments group.",
     "Ran quarterly architecture reviews", None),
)

# Written after the splitter's last change and never used to adjust it: a held-out check.
STAR_HELD_OUT = (
    ("Automated the release checklist, so a release now takes 20 minutes instead of a day.",
     "Automated the release checklist", "a release now takes 20 minutes"),
    ("Negotiated the data-sharing contract with two carriers.",
     "Negotiated the data-sharing contract", None),
    ("Built a feature-flag service used by 40 teams.", "Built a feature-flag service",
     "used by 40 teams"),
    ("Halved support tickets by redesigning the onboarding emails.",
     "by redesigning the onboarding emails", "Halved support tickets"),
    ("Rewrote the billing reconciler in Go, which removed 3 nightly failures a week.",
     "Rewrote the billing reconciler", "removed 3 nightly failures"),
    ("Mentored two interns who both received return offers.", "Mentored two interns",
     "both received return offers"),
    ("Set up the team's first SLOs and error budgets.", "Set up the team's first SLOs", None),
    ("Launched the self-serve refunds page; refund calls fell 60%.",
     "Launched the self-serve refunds page", "refund calls fell 60%"),
)

SLOWED = False  # labelled quality: it fails on a weaker writer, not a slower one

RESUME = """Riley Chen
Senior Engineer, Quanta Retail, 2020-present
- Led the move of order processing to an event-driven design on Kafka.
- Built a PostgreSQL partitioning scheme for the 4 TB orders table.
- Organised the team's book club and lunch-and-learn sessions.
- Cut the Android app's cold start from 3.1 s to 1.2 s.
Engineer, Fieldline, 2016-2020
- Wrote Terraform modules for the company's AWS accounts.
- Kept the Jenkins build farm running and upgraded it twice.
- Designed the idempotent ingestion API for partner inventory feeds.
- Answered customer tickets during the holiday peak.
"""
# (job description, the bullets a reviewer would talk about: their first words)
RANKING = (
    ("You will:\n- Build event-driven services with Kafka.\n- Design idempotent APIs for "
     "partners.\n- Scale PostgreSQL to billions of rows.\n",
     ("Led the move", "Built a PostgreSQL", "Designed the idempotent")),
    ("You will:\n- Own our AWS infrastructure as code (Terraform).\n- Run and improve the CI "
     "build farm.\n- Keep cloud costs in check.\n",
     ("Wrote Terraform", "Kept the Jenkins")),
    ("You will:\n- Make our Android app fast: startup time, rendering.\n- Work with product "
     "on mobile releases.\n", ("Cut the Android",)),
)


def star_scores(items: tuple = STAR) -> tuple[float, float, int]:
    """(share right, baseline share right, invented results)."""
    from interview_tui.services.coach.offline_prep_material import PLACEHOLDERS, Bullet, star_parts

    right = baseline = invented = 0
    for text, action, result in items:
        parts = star_parts(Bullet(text, job=""))
        has_result = PLACEHOLDERS["result"] not in parts["result"]
        ok_result = (result in parts["result"]) if result else not has_result
        if result is None and has_result:
            invented += 1
        right += int(action in parts["action"] and ok_result)
        baseline += int(result is None)  # the whole bullet as the action, no result
    return right / len(items), baseline / len(items), invented


def ranking_scores() -> tuple[float, float]:
    """(precision of the top 3 ranked bullets, of the first 3 in resume order)."""
    from interview_tui.services.coach.offline_prep_material import ranked_bullets, resume_bullets

    bullets = resume_bullets(RESUME)
    ours = order = 0.0
    for jd, wanted in RANKING:
        k = min(3, len(wanted))
        top = [b.text for b, _terms in ranked_bullets(bullets, jd)[:k]]
        first = [b.text for b in bullets[:k]]
        ours += sum(any(t.startswith(w) for w in wanted) for t in top) / k
        order += sum(any(t.startswith(w) for w in wanted) for t in first) / k
    return ours / len(RANKING), order / len(RANKING)


def run(quick: bool = False) -> list[Result]:
    star, star_base, invented = star_scores()
    held, held_base, held_invented = star_scores(STAR_HELD_OUT)
    rank, rank_base = ranking_scores()
    say(f"STAR split: {star:.0%} of {len(STAR)} bullets right (baseline {star_base:.0%}), "
        f"{invented} invented results")
    say(f"STAR split, held out: {held:.0%} of {len(STAR_HELD_OUT)} right (baseline "
        f"{held_base:.0%}), {held_invented} invented results")
    say(f"talking points: precision {rank:.0%} (resume order {rank_base:.0%})")
    return [
        Result("Offline prep: STAR parts from bullets", f"{star:.0%} of {len(STAR)} right, "
               f"{invented} invented results", star / star_base if star_base else None,
               "whole bullet as the action", ">= 75% right, 0 invented",
               star >= 0.75 and invented == 0),
        Result("Offline prep: STAR parts, held out", f"{held:.0%} of {len(STAR_HELD_OUT)} right, "
               f"{held_invented} invented results", held / held_base if held_base else None,
               "whole bullet as the action", ">= 75% right, 0 invented",
               held >= 0.75 and held_invented == 0),
        Result("Offline prep: talking points", f"precision@3 {rank:.0%}",
               rank / rank_base if rank_base else None, "first bullets in resume order",
               ">= 80%", rank >= 0.8),
    ]


if __name__ == "__main__":
    run()
