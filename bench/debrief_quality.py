"""Debrief notes on hand-labelled lines: which of the six dimensions each typed line
("what went well", "what went badly") speaks to, as the offline debrief reads it.

The labelled set (``bench/data/debrief_notes.json``) has ``dev`` lines, read while the
cue words were written, and ``held_out`` lines scored only once the rules were final.
Baseline: the detector that says every line speaks to every dimension (its micro-F1 is
what the label balance alone gives).
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.common import Result, say

SLOWED = False  # labelled quality: it fails on a weaker reading, not a slower one

LABELS = Path(__file__).parent / "data" / "debrief_notes.json"


def score(part: str) -> tuple[float, float, int]:
    """(micro-F1, baseline micro-F1, lines) on one part of the set."""
    from interview_tui.services.debrief_rules import _CUES

    lines = [x for x in json.loads(LABELS.read_text(encoding="utf-8"))["lines"]
             if x["set"] == part]
    tp = fp = fn = btp = bfp = 0
    for line in lines:
        got = {k for k, cue in _CUES.items() if cue.search(line["text"])}
        want = set(line["dimensions"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        btp, bfp = btp + len(want), bfp + len(_CUES) - len(want)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return f1, 2 * btp / (2 * btp + bfp) if btp else 0.0, len(lines)


def run(quick: bool = False) -> list[Result]:
    dev, held = score("dev"), score("held_out")
    say(f"dev: {dev[2]} lines, micro-F1 {dev[0]:.2f} (baseline {dev[1]:.2f})")
    say(f"held out: {held[2]} lines, micro-F1 {held[0]:.2f} (baseline {held[1]:.2f})")
    ratio = held[0] / held[1] if held[1] else None
    return [Result(
        "Debrief notes to dimensions (labelled)",
        f"held-out F1 {held[0]:.2f}, dev F1 {dev[0]:.2f} ({held[2] + dev[2]} lines)",
        ratio, "every-dimension detector's F1 on the held-out set", "F1 >= 0.8, >= 2x",
        held[0] >= 0.8 and ratio is not None and ratio >= 2,
    )]


if __name__ == "__main__":
    for result in run():
        print(result)
