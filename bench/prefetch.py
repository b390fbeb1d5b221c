"""Prefetch: how much of the wait for the next question the prefetch hides.

A whole session is driven through the interview service against the fake Claude server,
whose latency varies per call as a real model's does: a question takes 150-600 ms to
generate, an analysis 100-300 ms, a question's feedback 100-400 ms before it streams
(about 2 ms a chunk), so in some runs the next question is slower than the feedback
shown beside it. Latencies are drawn from a seed per call (the k-th question of a seed
takes as long in every run), and each reading time runs over several seeds.

The simulated user asks for the next question as soon as the feedback is complete
("at once"), or after reading it for a second. The same sessions run with prefetch
off; the share of the wait hidden is ``1 - wait with prefetch / wait without``, summed
over every next-question transition. Target: at least 50% hidden for a user who moves
on at once, 90% for one who reads for a second.
"""

from __future__ import annotations

import asyncio
import time

from bench.common import Result, claude_coach, data_dir, fake_claude, open_db, say

TARGETS = {0.0: 0.50, 1.0: 0.90}  # reading seconds -> share of the wait to hide
SPREAD = {"question": (0.15, 0.60), "analysis": (0.10, 0.30),
          "question_feedback": (0.10, 0.40), "session_feedback": (0.10, 0.30)}
CHUNK_DELAY = 0.002  # seconds between streamed chunks (a question streams ~15 chunks)


async def _session(prefetch: bool, reading: float, questions: int, seed: int,
                   ) -> tuple[int, int, list[float]]:
    from bench import slow
    from interview_tui.services.interview import SessionSetup
    from interview_tui.services.profiles import ensure_demo_profile
    from interview_tui.services.session_machine import State
    from interview_tui.services.workspace import Workspace
    from tests.fakes.answers import answer_for

    slow.install()
    with fake_claude(latency=0.0, chunk_delay=CHUNK_DELAY, spread=SPREAD, seed=seed) as fake:
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


def measure(prefetch: bool, reading: float, questions: int = 5,
            seed: int = 0) -> tuple[int, int, list[float]]:
    """(prefetched questions ready in time, not ready, each wait for the next question)."""
    with data_dir() as tmp, open_db(tmp / "bench.db"):
        return asyncio.run(_session(prefetch, reading, questions, seed))


def run(quick: bool = False) -> list[Result]:
    results = []
    questions, seeds = (3, 1) if quick else (5, 3)
    for reading, target in TARGETS.items():
        hits = misses = 0
        warm: list[float] = []
        cold: list[float] = []
        for seed in range(seeds):
            h, m, waits = measure(True, reading, questions, seed)
            hits, misses = hits + h, misses + m
            warm += waits
            cold += measure(False, reading, questions, seed)[2]
        hidden = 1 - sum(warm) / sum(cold)
        label = "at once" if not reading else f"after {reading:.0f} s"
        say(f"next pressed {label}: {hits} of {hits + misses} prefetched questions ready; "
            f"wait {sum(warm) / len(warm) * 1000:.0f} ms vs {sum(cold) / len(cold) * 1000:.0f} ms "
            f"without prefetch: {hidden:.0%} of the wait hidden (target >= {target:.0%})")
        results.append(Result(
            f"Prefetch (next {label})",
            f"{hidden:.0%} of the wait hidden; {hits}/{hits + misses} ready; wait "
            f"{sum(warm) / len(warm) * 1000:.0f} ms vs {sum(cold) / len(cold) * 1000:.0f} ms",
            sum(warm) / sum(cold), "wait without prefetch", f">= {target:.0%} hidden",
            hidden >= target,
        ))
    return results


if __name__ == "__main__":
    run()
