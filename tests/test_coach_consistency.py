"""The offline coach agrees with itself on the labelled answers of every set.

The same answer scores the same however often and in whatever order it is judged; the
brief after an answer and the full feedback on the question give one score and level,
and the brief praises only what the full feedback lists as landing; a level never
outruns its score; and a revised answer claims nothing the answer did not say.
"""

from __future__ import annotations

import re

import pytest

from bench.coach_quality import BLIND_PAIRS, FRESH_PAIRS, Pair, load_pairs
from interview_tui.services.claims import check_claims
from interview_tui.services.coach.judge import judge_answer
from interview_tui.services.coach.offline_interview import analyse, question_feedback
from interview_tui.services.coach.revision import revise

# Every third pair of the three sets keeps the test quick; the benchmark checks them all.
PAIRS = [*load_pairs(), *load_pairs(FRESH_PAIRS), *load_pairs(BLIND_PAIRS)][::3]
_MIN_SCORE = {"L5B": 8, "L5A": 6, "L4": 1}


def _answers(pairs: list[Pair]) -> list[tuple[Pair, str]]:
    return [(p, a) for p in pairs for a in (p.strong, p.weak)]


@pytest.mark.parametrize(("pair", "answer"), _answers(PAIRS),
                         ids=lambda v: v.question[:30] if isinstance(v, Pair) else "")
def test_one_answer_one_verdict_in_every_view(pair: Pair, answer: str) -> None:
    first = judge_answer(pair.question, answer, kind=pair.kind)
    judge_answer(pair.question, pair.strong + " " + pair.weak, kind=pair.kind)  # other work
    assert judge_answer(pair.question, answer, kind=pair.kind).score == first.score
    assert not {s.key for s in first.strengths} & {g.key for g in first.gaps}
    assert first.score >= _MIN_SCORE[first.level]

    brief = analyse(pair.question, [answer], kind=pair.kind).analysis
    full = question_feedback(pair.question, [answer], kind=pair.kind, competency=pair.kind)
    assert (brief.score, brief.level) == (full.score, full.level) == (first.score, first.level)
    assert brief.strengths == full.what_landed


@pytest.mark.parametrize(("pair", "answer"), _answers(PAIRS),
                         ids=lambda v: v.question[:30] if isinstance(v, Pair) else "")
def test_a_revision_invents_nothing(pair: Pair, answer: str) -> None:
    revised = revise(pair.question, [answer], kind=pair.kind).text
    said = re.sub(r"\[[^\]]*\]", " ", revised)  # a placeholder asks; it claims nothing
    assert [c.text for c in check_claims(said, [answer])] == []
