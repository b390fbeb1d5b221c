"""Prefetch: how often the next question is ready before the user asks for it.

A whole session is driven through the interview service against the fake Claude server
(fixed latency per call plus a delay per streamed chunk). On each question's feedback
the simulated user reads for a while, then asks for the next question. A transition is a
hit when the prefetched question had already arrived (``InterviewService.prefetch_stats``).
The baseline is the same session with prefetch off: the ratio compares how long the user
waits for the next question.
"""

from __future__ import annotations

import asyncio
import time

from bench.common import Result, claude_coach, data_dir, fake_claude, open_db, say

TARGET = 0.90
LATENCY = 0.05  # seconds before the fake answers each call
CHUNK_DELAY = 0.002  # seconds between streamed chunks (a question streams ~15 chunks)


async def _session(prefetch: bool, reading: float, questions: int) -> tuple[int, int, list[float]]:
    from interview_tui.services.interview import SessionSetup
    from interview_tui.services.profiles import ensure_demo_profile
    from interview_tui.services.session_machine import State
    from interview_tui.services.workspace import Workspace
    from tests.fakes.answers import answer_for

    with fake_claude(latency=LATENCY, chunk_delay=CHUNK_DELAY) as fake:
        service = Workspace(claude_coach(fake), prefetch=prefetch).interview
        waits: list[float] = []
        try:
            view = await service.start(SessionSetup(ensure_demo_profile().id,
                                                    question_count=questions))
            for _ in range(20 * questions):  # bounded: 4 responses + 1 move per question
                p = view.progress
                if view.state is State.AWAITING_ANSWER:
                    text = answer_for(p.question_number, p.response_number + 1)
                    await service.submit_answer(view.id, text, seconds_spent=30.0)
                    view = await service.run_pending(view.id)
                elif view.state is State.QUESTION_REVIEW and not p.is_last_question:
                    await asyncio.sleep(reading)  # the user reads the feedback
                    started = time.perf_counter()
                    view = await service.next_question(view.id)
                    waits.append(time.perf_counter() - started)
                else:
                    break
        finally:
            await service.workspace.aclose()
        stats = service.prefetch_stats
        return stats.hits, stats.misses, waits


def measure(prefetch: bool, reading: float, questions: int = 5) -> tuple[int, int, list[float]]:
    with data_dir() as tmp, open_db(tmp / "bench.db"):
        return asyncio.run(_session(prefetch, reading, questions))


def run(quick: bool = False) -> list[Result]:
    results = []
    questions = 3 if quick else 5
    for reading in (0.0, 1.0):
        hits, misses, waits = measure(True, reading, questions)
        _, _, cold = measure(False, reading, questions)
        share = hits / max(hits + misses, 1)
        wait, cold_wait = sum(waits) / len(waits), sum(cold) / len(cold)
        say(f"reading time {reading:.1f} s: {hits} of {hits + misses} next questions ready "
            f"in advance ({share:.0%}); wait for the next question {wait * 1000:.1f} ms "
            f"vs {cold_wait * 1000:.1f} ms without prefetch")
        results.append(Result(
            f"Prefetch (reading {reading:.0f} s)",
            f"{hits}/{hits + misses} ready ({share:.0%}); wait {wait * 1000:.0f} ms vs "
            f"{cold_wait * 1000:.0f} ms",
            wait / cold_wait, "wait without prefetch", f">= {TARGET:.0%} ready", share >= TARGET,
        ))
    return results


if __name__ == "__main__":
    run()
