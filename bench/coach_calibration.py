"""Calibration across fields: does a strong answer score the same whatever the job?

``tests/data/calibration_answers.txt`` holds single answers from nursing, teaching, sales,
finance, logistics, hospitality, trades, public service and design, each labelled with the
band a fair interviewer would give it (strong / middling / weak), and strong software
answers as the reference. The judge is domain-neutral when:

- the strong-band gap (mean software strong score minus mean non-software strong score)
  is at most 1.0 point: one point is less than the spread between two strong software
  answers, so a bigger gap means the field, not the answer, is being marked;
- in every field the bands are in order (mean strong > middling > weak), strictly.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from statistics import mean

from bench.coach_quality import DATA
from bench.common import say

CALIBRATION = "calibration_answers.txt"
BANDS = ("strong", "middling", "weak")
MAX_GAP = 1.0


@dataclass(frozen=True)
class Calibrated:
    field: str
    band: str
    kind: str
    stage: str
    question: str
    answer: str


def load(name: str = CALIBRATION) -> list[Calibrated]:
    items: list[Calibrated] = []
    head: list[str] = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            head = [p.strip() for p in line[3:].split("|", 4)]
        elif line.startswith("> ") and len(head) == 5:
            items.append(Calibrated(*head, line[2:].strip()))
    return items


def figures() -> tuple[str, bool]:
    """The calibration line for coach_quality and whether its targets are met."""
    from interview_tui.services.coach.judge import judge_answer

    scores: dict[tuple[str, str], list[int]] = defaultdict(list)
    levels: dict[str, Counter] = defaultdict(Counter)
    for item in load():
        j = judge_answer(item.question, item.answer, kind=item.kind)
        scores[(item.field, item.band)].append(j.score)
        group = "software" if item.field == "software" else "other"
        if item.band == "strong":
            levels[group][j.level] += 1
        say(f"  calibration {item.field}/{item.band}/{item.kind}: {j.score} {j.level}")
    fields = sorted({f for f, _ in scores})
    unordered = []
    for field in fields:
        means = [mean(scores[(field, b)]) for b in BANDS if scores.get((field, b))]
        say(f"  calibration {field}: " + ", ".join(
            f"{b} {mean(scores[(field, b)]):.1f}" for b in BANDS if scores.get((field, b))))
        if len(means) == len(BANDS) and not means[0] > means[1] > means[2]:
            unordered.append(field)
    band_means = {b: mean(s for (f, bb), v in scores.items() if bb == b for s in v)
                  for b in BANDS}
    software = mean(scores[("software", "strong")])
    other = mean(s for (f, b), v in scores.items() if b == "strong" and f != "software"
                 for s in v)
    gap = software - other

    def lv(group: str) -> str:
        return "/".join(f"{k} {n}" for k, n in sorted(levels[group].items()))

    text = (f"calibration across {len(fields) - 1} fields: band means "
            + ", ".join(f"{b} {band_means[b]:.1f}" for b in BANDS)
            + f"; strong software {software:.1f} vs other fields {other:.1f} (gap {gap:+.1f}, "
            f"target <= {MAX_GAP}); strong levels software {lv('software')}, other "
            f"{lv('other')}; bands out of order in {len(unordered)} field(s)"
            + (f" ({', '.join(unordered)})" if unordered else ""))
    say(text)
    return text, gap <= MAX_GAP and not unordered
