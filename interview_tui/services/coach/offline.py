"""OfflineCoach: a Coach that needs no key and no network.

``run(task)`` hands the task to the writer for its purpose: the mock interview's four
are methods here; documents' writers live in their own modules, named in
``offline_writers.WRITERS``. Questions come from the shipped bank; analysis comes from
``answer_signals``. Feedback is assembled from what the signals found, and revised answers
reuse only the candidate's own sentences and resume lines, so the offline coach never
invents a fact.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from pydantic import BaseModel

from interview_tui.services.coach import offline_feedback as fb
from interview_tui.services.coach.answer_signals import (
    AnswerSignals,
    analyze_answer,
    content_stems,
    is_vague,
    question_kind,
    score_signals,
    split_sentences,
    star_part,
)
from interview_tui.services.coach.base import (
    CallRecord,
    CallSink,
    CoachError,
    CoachInfo,
    InterviewContext,
    QuestionOutcome,
    QuestionTurn,
    TextSink,
)
from interview_tui.services.coach.offline_phrases import OPENERS, PLACEHOLDERS
from interview_tui.services.coach.offline_writers import WriterTools, find_writer
from interview_tui.services.coach.question_bank import (
    BankQuestion,
    QuestionBankExhausted,
    load_bank,
    pick_question,
)
from interview_tui.services.coach.schemas import (
    GeneratedQuestion,
    QuestionFeedback,
    ResponseAnalysis,
    SessionFeedback,
)
from interview_tui.services.coach.tasks import (
    OutcomesRequest,
    QuestionRequest,
    Task,
    TurnRequest,
)
from interview_tui.services.session_machine import readiness, session_score
from interview_tui.services.text import word_count

BACKEND = "offline"
MODEL = "offline-v1"
MAX_GAPS = 5  # more than this reads as a wall of criticism; the biggest come first
M = TypeVar("M", bound=BaseModel)

# The call-log sink of the ``run`` in progress (per asyncio task, so a prefetch that
# runs beside another call reports to its own sink).
_on_call: ContextVar[CallSink | None] = ContextVar("offline_on_call", default=None)


def _stream(on_text: TextSink | None, sections: list[str]) -> None:
    # The sink gets the whole text so far each time, as a streaming model would give it.
    if on_text is None:
        return
    text = ""
    for section in sections:
        if not section:
            continue
        text = f"{text}\n\n{section}" if text else section
        on_text(text)


def _bullets(title: str, items: list[str]) -> str:
    return f"{title}\n" + "\n".join(f"- {i}" for i in items) if items else ""


def _signals(ctx: InterviewContext, question: str, answers: list[str]) -> AnswerSignals:
    return analyze_answer("\n".join(answers), question, ctx.job_description, ctx.resume_text)


class OfflineCoach:
    """A deterministic Coach: same inputs, same outputs; no network, no key."""

    def __init__(self, *, seed: int = 0) -> None:
        self.seed = seed
        self.info = CoachInfo(backend=BACKEND, model=MODEL)

    async def run(
        self,
        task: Task[M],
        *,
        on_text: TextSink | None = None,
        on_call: CallSink | None = None,
    ) -> M:
        """Write ``task``'s output with the writer for its purpose."""
        token = _on_call.set(on_call)
        try:
            result = await self._write(task, on_text)
        finally:
            _on_call.reset(token)
        if not isinstance(result, task.output):
            raise TypeError(f"offline writer for {task.purpose!r} returned {type(result).__name__}")
        return result

    async def _write(self, task: Task[Any], on_text: TextSink | None) -> BaseModel:
        data = task.data
        if task.purpose == "question" and isinstance(data, QuestionRequest):
            return await self.generate_question(
                data.ctx,
                number=data.number,
                competency=data.competency,
                asked=[*data.asked, *data.recent],
                own=data.own,
                on_text=on_text,
            )
        if task.purpose == "analysis" and isinstance(data, TurnRequest):
            return await self.analyze_response(data.ctx, data.turn, on_text=on_text)
        if task.purpose == "question_feedback" and isinstance(data, TurnRequest):
            return await self.question_feedback(data.ctx, data.turn, on_text=on_text)
        if task.purpose == "session_feedback" and isinstance(data, OutcomesRequest):
            return await self.session_feedback(data.ctx, list(data.outcomes), on_text=on_text)
        writer = find_writer(task.purpose)
        with self._call(task.purpose):
            if writer is None:
                raise CoachError(
                    "invalid_output",
                    f"The offline coach cannot write {task.purpose.replace('_', ' ')}.",
                    retryable=False,
                )
            return writer(task, WriterTools(self.seed, on_text, self._choose))

    @contextmanager
    def _call(self, purpose: str) -> Iterator[None]:
        start = time.perf_counter()
        error_kind = None
        try:
            yield
        except CoachError as exc:
            error_kind = exc.kind
            raise
        finally:
            on_call = _on_call.get()
            if on_call is not None:
                on_call(
                    CallRecord(
                        purpose=purpose,
                        backend=BACKEND,
                        model=MODEL,
                        latency_ms=(time.perf_counter() - start) * 1000.0,
                        error_kind=error_kind,
                    )
                )

    def _choose(self, options: tuple[str, ...], *key: object) -> str:
        digest = hashlib.sha256(":".join(map(str, (self.seed, *key))).encode()).digest()
        return options[digest[0] % len(options)]

    async def generate_question(
        self,
        ctx: InterviewContext,
        *,
        number: int,
        competency: str,
        asked: list[str],
        own: tuple[BankQuestion, ...] = (),
        on_text: TextSink | None = None,
    ) -> GeneratedQuestion:
        """A bank question for ``competency``, opened in the persona's voice, never one in ``asked``."""
        with self._call("question"):
            try:
                entry = pick_question(
                    ctx.stage, competency, ctx.difficulty, asked, self.seed, own=own
                )
            except (QuestionBankExhausted, ValueError) as exc:
                raise CoachError("invalid_output", str(exc), retryable=False) from exc
            openers = OPENERS.get(ctx.persona, OPENERS["neutral"])
            opener = self._choose(openers["first" if number == 1 else "next"], number, entry.id)
            text = f"{opener} {entry.text}".strip()
            _stream(on_text, [text])
            return GeneratedQuestion(
                text=text, competency=entry.competency, guidance=entry.guidance
            )

    async def analyze_response(
        self, ctx: InterviewContext, turn: QuestionTurn, *, on_text: TextSink | None = None
    ) -> ResponseAnalysis:
        """Score the question's answers so far and target follow-ups at the biggest gaps."""
        with self._call("analysis"):
            if not turn.exchanges:
                raise CoachError(
                    "invalid_output", "There is no answer to analyse yet.", retryable=False
                )
            answers = [e.answer for e in turn.exchanges]
            signals = _signals(ctx, turn.text, answers)
            score, level = score_signals(signals, ctx.difficulty, ctx.target_level)
            strengths = fb.strengths(signals)
            gaps = fb.gaps(signals, ctx, answers)
            asked = {fb.norm(e.prompt) for e in turn.exchanges} | {fb.norm(turn.text)}
            wanted = 2 if ctx.persona == "friendly" else 3
            follow_ups = fb.follow_ups(gaps, turn.competency, ctx.persona, asked, wanted)
            added: list[str] = []
            if len(answers) > 1:
                before = {s.key for s in fb.strengths(_signals(ctx, turn.text, answers[:-1]))}
                added = [s.short for s in strengths if s.key not in before]
            brief = fb.brief(score, ctx.persona, strengths, gaps, added)
            _stream(on_text, [brief])
            return ResponseAnalysis(
                score=score,
                level=level,
                strengths=[s.text for s in strengths],
                gaps=[g.text for g in gaps[:MAX_GAPS]],
                follow_up_questions=follow_ups,
                brief_feedback=brief,
            )

    async def question_feedback(
        self, ctx: InterviewContext, turn: QuestionTurn, *, on_text: TextSink | None = None
    ) -> QuestionFeedback:
        """Feedback over every exchange of the question, with a revised answer in STAR order."""
        with self._call("question_feedback"):
            answers = [e.answer for e in turn.exchanges]
            signals = _signals(ctx, turn.text, answers)
            score, level = score_signals(signals, ctx.difficulty, ctx.target_level)
            strengths = fb.strengths(signals)
            gaps = fb.gaps(signals, ctx, answers)
            coaching = [g.coaching for g in gaps[:4]]
            guidance = _guidance_for(turn.text)
            if guidance:
                coaching.append(f"What a strong answer to this question covers — {guidance}")
            assessment = fb.assessment(
                score, level, ctx.target_level, turn.competency, strengths, gaps
            )
            revised = revised_answer(turn, ctx.resume_text)
            feedback = QuestionFeedback(
                score=score,
                level=level,
                assessment=assessment,
                what_landed=[s.text for s in strengths],
                what_didnt=[g.text for g in gaps[:MAX_GAPS]],
                coaching=coaching,
                revised_answer=revised,
            )
            _stream(
                on_text,
                [
                    assessment,
                    _bullets("What landed", feedback.what_landed),
                    _bullets("What didn't", feedback.what_didnt),
                    _bullets("Coaching", coaching),
                    f"Revised answer\n{revised}",
                ],
            )
            return feedback

    async def session_feedback(
        self,
        ctx: InterviewContext,
        outcomes: list[QuestionOutcome],
        *,
        on_text: TextSink | None = None,
    ) -> SessionFeedback:
        """A summary from the questions' scores, levels and the gaps that kept recurring."""
        with self._call("session_feedback"):
            feedback = _session_feedback(ctx, outcomes)
            _stream(
                on_text,
                [
                    feedback.assessment,
                    _bullets("Strengths", feedback.strengths),
                    _bullets("Areas to improve", feedback.areas_to_improve),
                    _bullets("Coaching priorities", feedback.coaching_priorities),
                    _bullets("Next steps", feedback.next_steps),
                ],
            )
            return feedback


_STRIP_FILLERS = re.compile(
    r"(?:,\s*)?\b(?:um+|uh+|erm+|ah+|hmm+|basically|literally|so yeah|and stuff|or whatever)\b,?"
    r"|(?:,\s*)?\byou know(?=\s*[,.!?]|$),?|\bi mean,|(?:,\s*|^)like,",
    re.I,
)
_LEADING_HEDGE = re.compile(
    r"^(?:(?:so|and|well|yeah|okay|ok)\b[,\s]*)*"
    r"(?:(?:i think|i guess|i feel like|i suppose|honestly|actually)\b[,\s]*)+",
    re.I,
)


def strip_filler(sentence: str) -> str:
    """``sentence`` without filler words or an opening hedge; every fact left untouched."""
    s = _STRIP_FILLERS.sub(" ", sentence)
    s = _LEADING_HEDGE.sub("", s.strip())
    s = re.sub(r"\s+([,.;!?])", r"\1", s)
    s = re.sub(r"([,;])(?:\s*[,;])+", r"\1", s)
    s = re.sub(r"[,;]+([.!?])", r"\1", s)
    s = re.sub(r"^[,;.\s]+", "", s)
    s = re.sub(r"\s{2,}", " ", s).strip()
    return s[:1].upper() + s[1:]


def _guidance_for(question: str) -> str:
    text = fb.norm(question)
    for entry in load_bank():
        if fb.norm(entry.text) in text:
            return entry.guidance
    return ""


_META = re.compile(r"^(?:does that answer|that's (?:it|about it|all)|yeah|so yeah|i hope)", re.I)
_LIMITS = {"situation": 2, "task": 2, "action": 4, "result": 3}
_SCENARIO_LIMIT = 10
_IRREGULAR_WORDS = (
    "built led ran wrote made cut drove set took grew won taught kept brought rewrote"
)
_IRREGULAR_PAST = frozenset(_IRREGULAR_WORDS.split())


def _first_person(line: str) -> str | None:
    """A resume bullet in the first person ("Led X" → "I led X"), or None if not verb-led."""
    first = line.split()[0].lower()
    if first.endswith("ed") or first in _IRREGULAR_PAST:
        text = f"I {line[0].lower()}{line[1:]}"
        return text if text.endswith((".", "!", "?")) else f"{text}."
    return None


def _relevant_resume_lines(resume_text: str, question: str, answers_text: str) -> list[str]:
    """Up to two verb-led resume bullets on the question's topic that the answers didn't use."""
    # Short stems ("ran", "cut", "team") overlap by accident; only longer ones signal topic.
    topic = {st for st in content_stems(f"{question} {answers_text}") if len(st) >= 5}
    told = content_stems(answers_text)
    scored = []
    for i, raw in enumerate(resume_text.splitlines()):
        line = raw.strip(" -•*\t")
        if len(line.split()) < 5 or (line_text := _first_person(line)) is None:
            continue
        stems = content_stems(line)
        overlap = len(stems & topic)
        already_told = len(stems & told) >= 0.6 * max(len(stems), 1)
        if overlap >= 2 and not already_told:
            scored.append((-overlap, i, line_text))
    return [text for _, _, text in sorted(scored)[:2]]


def _own_sentences(turn: QuestionTurn, story: bool) -> list[tuple[str, str | None]]:
    """The candidate's substantive sentences, filler removed, each with its STAR part."""
    kept: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for n, exchange in enumerate(turn.exchanges):
        sentences = split_sentences(exchange.answer)
        for i, sentence in enumerate(sentences):
            clean = strip_filler(sentence)
            key = fb.norm(clean)
            if word_count(clean) < 4 or clean.endswith("?") or _META.match(clean):
                continue
            if key in seen or is_vague(clean, story):
                continue
            seen.add(key)
            # Position only hints at the part in the main answer; follow-ups answer one gap.
            part = star_part(clean, i, len(sentences)) if n == 0 else star_part(clean, 1, 3)
            kept.append((clean if clean.endswith((".", "!", "?")) else f"{clean}.", part))
    return kept


def revised_answer(turn: QuestionTurn, resume_text: str) -> str:
    """The candidate's own sentences (all exchanges) plus relevant resume lines, reordered.

    Stories go into STAR order; design answers keep their order. Filler is removed and
    nothing is added except bracketed prompts for missing parts, so every fact in the
    result comes from the answers or the resume.
    """
    story = question_kind(turn.text) != "scenario"
    kept = _own_sentences(turn, story)
    answers_text = " ".join(e.answer for e in turn.exchanges)
    resume = _relevant_resume_lines(resume_text, turn.text, answers_text)
    if not story:
        sentences = [text for text, _ in kept][:_SCENARIO_LIMIT]
        signals = analyze_answer(" ".join(sentences))
        pieces = [] if signals.quantities else [PLACEHOLDERS["scale"]]
        pieces += sentences or [PLACEHOLDERS["action"]]
        pieces += resume[:1]
        pieces += [] if signals.reasoning_count else [PLACEHOLDERS["tradeoff"]]
        return " ".join(pieces)
    parts: dict[str, list[str]] = {p: [] for p in _LIMITS}
    previous = "situation"
    for text, part in kept:
        # A sentence with no cue of its own continues the part before it.
        previous = part or previous
        parts[previous].append(text)
    for line in resume:
        part = star_part(line, 1, 3)
        parts["result" if part == "result" else "action"].append(line)
    pieces = []
    for part, limit in _LIMITS.items():
        pieces.extend(parts[part][:limit] or [PLACEHOLDERS[part]])
    return " ".join(pieces)


def _session_feedback(ctx: InterviewContext, outcomes: list[QuestionOutcome]) -> SessionFeedback:
    if not outcomes:
        return SessionFeedback(
            assessment="No question was answered in this session, so there is nothing to assess yet.",
            next_steps=["Start a new session and answer at least one question out loud."],
        )
    mean = session_score([o.score for o in outcomes])
    ready = readiness(mean)
    gap_counts: Counter[str] = Counter()
    strength_counts: Counter[str] = Counter()
    gap_by_key = {}
    for o in outcomes:
        signals = _signals(ctx, o.text, list(o.answers))
        for g in fb.gaps(signals, ctx, list(o.answers)):
            gap_counts[g.key] += 1
            gap_by_key.setdefault(g.key, g)
        strength_counts.update(s.key for s in fb.strengths(signals))
    return fb.session_summary(ctx, outcomes, mean, ready, gap_counts, gap_by_key, strength_counts)
