"""Offline coach quality: ranking, gaming probes, revisions and grounding, on labelled data.

The labelled answer pairs (``tests/data/answer_pairs_*.txt``) hold a strong and a weak
answer to the same question for every kind of question and stage. Every fourth pair is
held out: it was written with the others but never looked at while the judge was tuned,
so the held-out figures estimate how the judge does on answers it has not seen.

Reported from one run:
- ranking accuracy: the strong answer scores strictly higher (a tie is a failure),
  overall, per kind, and for the tuning and held-out parts;
- gaming probes: answers built to fool a naive scorer; each must score at most 4;
- revision gain: score of the coach's own revision minus the answer's, on weak answers;
  none may be lower;
- grounding: the share of seeded fabrications flagged, and of honest rewordings flagged.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bench.common import Result, say

SLOWED = False  # labelled quality: it fails on a weaker judge, not a slower one

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
HOLDOUT_EVERY = 4  # pair number n (from 0) is held out when n % 4 == 3


@dataclass(frozen=True)
class Pair:
    number: int
    kind: str
    stage: str
    question: str
    strong: str
    weak: str

    @property
    def held_out(self) -> bool:
        return self.number % HOLDOUT_EVERY == HOLDOUT_EVERY - 1


FRESH_PAIRS = "fresh_pairs.txt"  # the second set, reported on its own line
FRESH_GROUNDING = "fresh_grounding.json"
BLIND_PAIRS = "blind_pairs.txt"  # the third set, written after the fixes to the second
BLIND_GROUNDING = "blind_grounding.json"


def load_pairs(pattern: str = "answer_pairs_*.txt") -> list[Pair]:
    """Every labelled pair in the files matching ``pattern``, numbered in file order."""
    pairs: list[Pair] = []
    for path in sorted(DATA.glob(pattern)):
        block: dict[str, str] = {}
        for line in [*path.read_text(encoding="utf-8").splitlines(), "## end"]:
            if line.startswith("## "):
                if block:
                    pairs.append(Pair(len(pairs), block["kind"], block["stage"],
                                      block["question"], block["+"], block["-"]))
                head = [p.strip() for p in line[3:].split("|", 2)]
                block = dict(zip(("kind", "stage", "question"), head, strict=False))
            elif line[:2] in ("+ ", "- "):
                block[line[0]] = line[2:].strip()
    return pairs


def probes() -> list[tuple[str, str, str]]:
    """(name, question, answer): answers built to game a naive scorer."""
    lead = "Tell me about a time you led a project through a difficult stretch."
    star = ("Situation: our team faced a big challenge with performance. Task: I needed to "
            "improve it quickly for our stakeholders. Action: I took ownership, analysed the "
            "problem, collaborated with stakeholders and implemented a solution. Result: "
            "performance improved by 45%, efficiency rose 30% and satisfaction grew 25%, and "
            "everyone was happy with the outcome and the impact it had on the business.")
    bread = ("Last Christmas my family asked me to bake bread for a party of thirty people. I "
             "was responsible for twelve loaves, and I had only one oven. I planned the proving "
             "times on a spreadsheet, I started the dough at five in the morning and I baked "
             "the loaves in four batches. As a result all twelve loaves were ready by noon, "
             "and my aunt said it was the best sourdough she had ever eaten.")
    weak = ("We had a project that was hard. The team worked on it and we fixed the main "
            "issues. It went okay in the end and people were fine with it.")
    ramble_unit = ("So the thing about that project is that there were many moving parts and "
                   "various people involved, and we had meetings about the plan, and then "
                   "another meeting about the meetings, and the requirements kept moving "
                   "around, and I was thinking about how to handle that, and the team was "
                   "doing their best with the tools we had at the time, which were fine. ")
    ramble = " ".join(
        f"{ramble_unit.strip()} In week {n} we also looked at item {n} on the list."
        for n in range(1, 31))
    paste = (" ".join([
        "At Parcelwise I led the migration of the tracking service to three services. I wrote "
        "the rollout plan, ran shadow traffic for two weeks and cut p95 latency from 900 ms to "
        "180 ms."] * 60))
    restate = ("A time I led a project through a difficult stretch. Leading a project through "
               "a difficult stretch is something I did, and I led the project through it.")
    spanish = ("En mi último trabajo lideré la migración del servicio de pagos. Yo organicé al "
               "equipo, hablé con los clientes y al final redujimos los errores un 40 por ciento.")
    drift = ("At Kestrel I rebuilt our search indexing pipeline so that new listings appeared "
             "within a minute instead of an hour. I profiled the indexer, moved it to batch "
             "writes with Elasticsearch's bulk API and added a queue in front of it. As a "
             "result indexing lag fell from 60 minutes to 40 seconds.")
    checkout = ("Situation: At my last company, our checkout service was slow and customers "
                "were complaining. Task: I was responsible for leading the project to improve "
                "it under a tight deadline. Action: I analysed the code, optimised the database "
                "queries, added caching and coordinated with the team and stakeholders. Result: "
                "Latency improved by 60%, conversion increased by 25% and revenue grew 40%, and "
                "the project was a big success.")
    return [
        ("STAR labels with invented percentages", lead, star),
        ("a 70-word STAR template with generic actions and a metric salad", lead, checkout),
        ("a STAR story about baking bread", lead, bread),
        ("a ramble of about 2,000 words", lead, ramble),
        ("one paragraph pasted 60 times", lead, paste),
        ("a weak answer with one invented result sentence", lead,
         weak + " As a result, we improved conversion by 40% and cut costs 3x."),
        ("the question restated", lead, restate),
        ("an answer in Spanish", lead, spanish),
        ("a good answer to another question (conflict)",
         "Tell me about a time you disagreed with a teammate. How did you handle it?", drift),
    ]


def _grounding_cases(name: str = "grounding_cases.json") -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _kinds() -> str:
    """How often the kind read from a question's text alone (as for a typed question or one
    a model wrote) is the kind it is labelled with, per set and on the bank."""
    from interview_tui.services.coach.question_bank import load_bank
    from interview_tui.services.coach.question_kinds import classify_question

    parts = []
    for label, rows in (("first set", [(p.question, p.kind) for p in load_pairs()]),
                        ("second", [(p.question, p.kind) for p in load_pairs(FRESH_PAIRS)]),
                        ("third", [(p.question, p.kind) for p in load_pairs(BLIND_PAIRS)]),
                        ("bank", [(q.text, q.kind) for q in load_bank()])):
        right = sum(classify_question(q) == k for q, k in rows)
        parts.append(f"{label} {right}/{len(rows)}")
    text = "question kinds from the text alone: " + ", ".join(parts)
    say(text)
    return text


def _consistency(quick: bool = False) -> str:
    """On every labelled answer of both sets: revisions that claim what the answer did not,
    and answers whose brief and full feedback disagree on the score or the level."""
    from interview_tui.services.claims import check_claims
    from interview_tui.services.coach.offline_interview import analyse, question_feedback

    invented = split = 0
    answers = [(p, a) for p in load_pairs() + load_pairs(FRESH_PAIRS) + load_pairs(BLIND_PAIRS)
               for a in (p.strong, p.weak)][::4 if quick else 1]
    for p, answer in answers:
        seen = analyse(p.question, [answer], kind=p.kind)
        said = re.sub(r"\[[^\]]*\]", " ", seen.revision.text)
        if check_claims(said, [answer]):
            invented += 1
            say(f"  revision claims more than the answer: {p.question}")
        full = question_feedback(p.question, [answer], kind=p.kind, competency=p.kind)
        if (seen.analysis.score, seen.analysis.level) != (full.score, full.level):
            split += 1
            say(f"  brief and full feedback disagree: {p.question}")
    text = (f"consistency on {len(answers)} answers: {invented} revisions claim more than the "
            f"answer, {split} brief/full disagreements")
    say(text)
    return text


def _set_figures(label: str, pairs_file: str, grounding_file: str) -> str:
    """Ranking, revision gain and grounding on one of the other labelled sets."""
    from interview_tui.services.claims import check_claims
    from interview_tui.services.coach.judge import judge_answer
    from interview_tui.services.coach.revision import revise

    wins = ties = lower = 0
    pairs = load_pairs(pairs_file)
    for p in pairs:
        strong = judge_answer(p.question, p.strong, kind=p.kind).score
        weak = judge_answer(p.question, p.weak, kind=p.kind).score
        wins += strong > weak
        ties += strong == weak
        revised = revise(p.question, [p.weak], kind=p.kind).text
        gain = judge_answer(p.question, revised, kind=p.kind).score - weak
        lower += gain < 0
        if strong <= weak:
            say(f"  {label} pair {p.number} ({p.kind}): strong {strong} vs weak {weak}: "
                f"{p.question}")
    caught = n_fab = flagged = n_honest = 0
    for case in _grounding_cases(grounding_file)["cases"]:
        for fab in case["fabricated"]:
            hit = bool(check_claims(fab, case["sources"]))
            caught += hit
            n_fab += 1
            if not hit:
                say(f"  {label} missed fabrication: {fab}")
        for honest in case["honest"]:
            found = check_claims(honest, case["sources"])
            flagged += bool(found)
            n_honest += 1
            if found:
                say(f"  {label} false flag: {honest} -> {[c.text for c in found]}")
    text = (f"{label}: ranking {100 * wins / len(pairs):.0f}% of {len(pairs)} "
            f"(ties {ties}), revision lower {lower}; grounding caught "
            f"{100 * caught / n_fab:.0f}% of {n_fab}, false flags "
            f"{100 * flagged / n_honest:.0f}% of {n_honest}")
    say(text)
    return text


def run(quick: bool = False) -> list[Result]:
    from interview_tui.services.claims import check_claims
    from interview_tui.services.coach.judge import judge_answer
    from interview_tui.services.coach.revision import revise

    pairs = load_pairs()
    rows = []
    per_kind: dict[tuple[str, str], list[bool]] = defaultdict(list)
    ties = 0
    gains: list[int] = []
    for p in pairs:
        strong = judge_answer(p.question, p.strong, kind=p.kind).score
        weak = judge_answer(p.question, p.weak, kind=p.kind).score
        ok = strong > weak
        ties += strong == weak
        part = "held-out" if p.held_out else "tuning"
        per_kind[(part, p.kind)].append(ok)
        per_kind[(part, "all")].append(ok)
        per_kind[("both", p.kind)].append(ok)
        per_kind[("both", "all")].append(ok)
        revised = revise(p.question, [p.weak], kind=p.kind).text
        gain = judge_answer(p.question, revised, kind=p.kind).score - weak
        gains.append(gain)
        rows.append((p.number, part, p.kind, strong, weak, gain))
        if not ok:
            say(f"  pair {p.number} ({part}, {p.kind}): strong {strong} vs weak {weak}")

    def share(part: str, kind: str) -> str:
        got = per_kind.get((part, kind), [])
        return f"{100 * sum(got) / len(got):.0f}% of {len(got)}" if got else "n/a"

    kinds = sorted({p.kind for p in pairs})
    for part in ("tuning", "held-out", "both"):
        say(f"ranking ({part}): {share(part, 'all')}; "
            + ", ".join(f"{k} {share(part, k)}" for k in kinds))
    probe_scores = []
    for name, question, answer in probes():
        score = judge_answer(question, answer).score
        probe_scores.append(score)
        say(f"  probe {score}/10: {name}")
    invented = " As a result, we improved conversion by 40% and cut costs 3x."
    lifts = [judge_answer(p.question, p.weak + invented, kind=p.kind).score
             - judge_answer(p.question, p.weak, kind=p.kind).score
             for p in pairs if p.kind != "technical"]
    say(f"  one invented result sentence added to {len(lifts)} weak answers: lift max "
        f"{max(lifts):+d}, mean {sum(lifts) / len(lifts):+.2f}")
    weak_only = pairs
    lower = sum(g < 0 for g in gains)
    higher = sum(g > 0 for g in gains)
    say(f"revision gain on {len(weak_only)} weak answers: mean {sum(gains) / len(gains):+.2f}, "
        f"higher {higher}, equal {len(gains) - higher - lower}, lower {lower}")

    cases = _grounding_cases()
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # caught, fab, flagged, honest
    for case in cases["cases"]:
        sources = case["sources"]
        part = "held-out" if case.get("held_out") else "tuning"
        for fab in case["fabricated"]:
            hit = bool(check_claims(fab, sources))
            for key in (part, "both"):
                tally[key][0] += hit
                tally[key][1] += 1
            if not hit:
                say(f"  missed fabrication ({part}): {fab}")
        for honest in case["honest"]:
            found = check_claims(honest, sources)
            for key in (part, "both"):
                tally[key][2] += bool(found)
                tally[key][3] += 1
            if found:
                say(f"  false flag ({part}): {honest} -> {[c.text for c in found]}")
    for part in ("tuning", "held-out"):
        c, n, f, h = tally[part]
        say(f"grounding ({part}): caught {c}/{n}, false flags {f}/{h}")
    caught, n_fab, flagged, n_honest = tally["both"]
    catch = 100 * caught / n_fab
    false = 100 * flagged / n_honest
    say(f"grounding: caught {caught}/{n_fab} ({catch:.0f}%), false flags {flagged}/{n_honest} "
        f"({false:.0f}%)")

    accuracy = 100 * sum(per_kind[("both", "all")]) / len(pairs)
    tune_acc = share("tuning", "all")
    held_acc = share("held-out", "all")
    worst_probe = max(probe_scores)
    ok = (accuracy >= 90 and worst_probe <= 4 and lower == 0 and catch >= 95 and false <= 5
          and max(lifts) <= 1)
    figures = (
        f"ranking {accuracy:.0f}% of {len(pairs)} pairs (tuning {tune_acc}, held-out "
        f"{held_acc}; ties {ties}); probes max {worst_probe}/10 over {len(probe_scores)}, an "
        f"invented result sentence lifts a weak answer by at most {max(lifts)}; "
        f"revision gain mean {sum(gains) / len(gains):+.2f}, {lower} lower, {higher} higher; "
        f"grounding caught {catch:.0f}% of {n_fab} (held-out {tally['held-out'][0]}/"
        f"{tally['held-out'][1]}), false flags {false:.0f}% of {n_honest} (held-out "
        f"{tally['held-out'][2]}/{tally['held-out'][3]})"
    )
    per_kind_text = "; ".join(f"{k} {share('both', k)}" for k in kinds)
    say(f"per kind: {per_kind_text}")
    figures += "; " + _set_figures("second set", FRESH_PAIRS, FRESH_GROUNDING)
    figures += "; " + _set_figures("third set", BLIND_PAIRS, BLIND_GROUNDING)
    figures += "; " + _kinds() + "; " + _consistency(quick)
    from bench.coach_calibration import figures as calibration

    calibrated, calibrated_ok = calibration()
    figures += "; " + calibrated
    ok = ok and calibrated_ok
    return [Result(
        benchmark="coach_quality",
        figures=re.sub(r"\s+", " ", figures),
        ratio=None,
        baseline="labelled pairs in tests/data (every 4th held out)",
        target="ranking >= 90%, probes <= 4, lift <= 1, no revision lower, caught >= 95%, "
               "false <= 5%; calibration gap <= 1.0, bands in order in every field",
        met=ok,
    )]
