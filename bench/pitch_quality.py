"""Pitch rules on hand-labelled pitches: which template parts each tells, which figures
the resume does not back, and whether the offline revised pitch stays grounded.

The labelled set (``bench/data/pitch_labels.json``) has a ``dev`` part, read while the
rules were written, and a ``held_out`` part labelled afterwards and never tuned on; both
are reported. Baseline: the trivial detector that says every pitch tells every part
(its micro-F1 is what the label balance alone gives). Also reported: figures not in the
resume that the rules catch, and claims ``find_ungrounded`` finds in the offline revised
pitches, with and without an invented figure seeded into each.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bench.common import Result, say

SLOWED = False  # labelled quality: it fails on weaker rules, not slower ones

LABELS = Path(__file__).parent / "data" / "pitch_labels.json"
PARTS = ("current_role", "impact_number", "previous_role", "achievement", "why_this_role",
         "looking_for")
SEEDED = "I also cut onboarding time by 37% at Initech."


@dataclass(frozen=True)
class Scores:
    f1: float
    baseline_f1: float
    unbacked_caught: int
    unbacked_total: int
    false_unbacked: int
    revised_flags: int
    seeded_caught: int
    pitches: int


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def labelled() -> tuple[dict[str, dict[str, str]], list[dict]]:
    from interview_tui.services.profiles import demo_profile_data

    data = json.loads(LABELS.read_text(encoding="utf-8"))
    demo = demo_profile_data()
    profiles = {"demo": {**demo["application"], "resume_text": demo["candidate"]["resume_text"]},
                **data["profiles"]}
    return profiles, data["pitches"]


def score(part: str) -> Scores:
    """Every measure on the pitches of one part of the set ("dev" or "held_out")."""
    from interview_tui.services.coach.base import ApplicationContext
    from interview_tui.services.coach.offline_pitch import revised_pitch
    from interview_tui.services.grounding import find_ungrounded
    from interview_tui.services.pitch import grounding_sources
    from interview_tui.services.pitch_rules import numbers_in, read_pitch
    from interview_tui.services.resume_outline import roles

    profiles, pitches = labelled()
    tp = fp = fn = btp = bfp = 0
    caught = total = false = flags = seeded = 0
    chosen = [p for p in pitches if p["set"] == part]
    for item in chosen:
        prof = profiles[item["profile"]]
        reading = read_pitch(item["text"], roles(prof["resume_text"]), company=prof["company"],
                             job_description=prof["job_description"],
                             resume_text=prof["resume_text"])
        got, want = set(reading.parts), set(item["parts"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        btp, bfp = btp + len(want), bfp + len(PARTS) - len(want)
        found = [numbers_in(q) for q in reading.unbacked_quantities]
        for label in item["unbacked"]:
            total += 1
            caught += any(numbers_in(label) <= f for f in found)
        false += sum(1 for f in found if not any(numbers_in(x) <= f for x in item["unbacked"]))
        ctx = ApplicationContext(company=prof["company"], role=prof["role"],
                                 job_description=prof["job_description"], interviewer_name="",
                                 candidate_name="", resume_text=prof["resume_text"],
                                 target_level="L5A")
        revised = revised_pitch(item["text"], ctx)
        sources = grounding_sources(ctx, item["text"])
        flags += len(find_ungrounded(revised, sources))
        flagged = find_ungrounded(f"{revised} {SEEDED}", sources)
        seeded += "37%" in flagged and "Initech" in flagged
    return Scores(_f1(tp, fp, fn), _f1(btp, bfp, 0), caught, total, false, flags, seeded,
                  len(chosen))


def run(quick: bool = False) -> list[Result]:
    dev, held = score("dev"), score("held_out")
    for name, s in (("dev", dev), ("held out", held)):
        say(f"{name}: {s.pitches} pitches, part micro-F1 {s.f1:.2f} (baseline {s.baseline_f1:.2f}),"
            f" unbacked figures caught {s.unbacked_caught}/{s.unbacked_total} "
            f"({s.false_unbacked} false), revised-pitch flags {s.revised_flags}, "
            f"seeded inventions flagged {s.seeded_caught}/{s.pitches}")
    ratio = held.f1 / held.baseline_f1 if held.baseline_f1 else None
    met = (held.f1 >= 0.85 and ratio is not None and ratio >= 1.2
           and held.unbacked_caught == held.unbacked_total and held.revised_flags == 0
           and held.seeded_caught == held.pitches)
    return [Result(
        "Pitch parts and grounding (labelled)",
        f"held-out F1 {held.f1:.2f}, dev F1 {dev.f1:.2f}; unbacked figures "
        f"{held.unbacked_caught + dev.unbacked_caught}/{held.unbacked_total + dev.unbacked_total};"
        f" revised-pitch flags {held.revised_flags + dev.revised_flags}; seeded flagged "
        f"{held.seeded_caught + dev.seeded_caught}/{held.pitches + dev.pitches}",
        ratio, "every-part detector's F1 on the held-out set",
        "F1 >= 0.85, >= 1.2x; all unbacked and seeded figures caught; 0 flags", met,
    )]


if __name__ == "__main__":
    for result in run():
        print(result)
