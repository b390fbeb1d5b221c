"""A child process that runs a whole session and freezes at a chosen point.

Usage: python -m tests.fakes.crash_child DB_PATH KILL_AT
Prints one line per point: ``POINT <n> <label>``; after ``SUBMITTED q r`` an answer is
known to be stored. At point KILL_AT it prints ``PAUSED`` and blocks, so the parent can
SIGKILL it there. Points are: just before every coach call (the state that led to it is
committed) and just after every step the service reports.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.interview import SessionSetup
from interview_tui.services.profiles import ensure_demo_profile
from interview_tui.services.session_machine import State
from interview_tui.services.workspace import Workspace
from interview_tui.store import open_database
from tests.fakes.answers import answer_for

counter = 0
kill_at = -1


def point(label: str) -> None:
    global counter
    counter += 1
    print(f"POINT {counter} {label}", flush=True)
    if counter == kill_at:
        print("PAUSED", flush=True)
        time.sleep(120)  # the parent kills us here; blocking on purpose


class PausingCoach(OfflineCoach):
    async def generate_question(self, ctx, **kw):
        point("before:question")
        return await super().generate_question(ctx, **kw)

    async def analyze_response(self, ctx, turn, **kw):
        point("before:analysis")
        return await super().analyze_response(ctx, turn, **kw)

    async def question_feedback(self, ctx, turn, **kw):
        point("before:question_feedback")
        return await super().question_feedback(ctx, turn, **kw)

    async def session_feedback(self, ctx, outcomes, **kw):
        point("before:session_feedback")
        return await super().session_feedback(ctx, outcomes, **kw)


async def main() -> None:
    open_database(Path(sys.argv[1]))
    app = ensure_demo_profile()
    service = Workspace(PausingCoach(seed=3)).interview

    def on_step(view):
        point(f"after:{view.state.value}")

    view = await service.start(
        SessionSetup(application_id=app.id, stage="hiring_manager", question_count=3),
        on_step=on_step,
    )
    print(f"SESSION {view.id}", flush=True)
    while view.state is not State.COMPLETED:
        p = view.progress
        if view.state is State.AWAITING_ANSWER:
            n = p.response_number + 1
            view = await service.submit_answer(view.id, answer_for(p.question_number, n))
            print(f"SUBMITTED {p.question_number} {n}", flush=True)
            point("after:answer_submitted")
            view = await service.run_pending(view.id, on_step=on_step)
        elif p.is_last_question:
            view = await service.finish(view.id, on_step=on_step)
        else:
            view = await service.next_question(view.id, on_step=on_step)
    print("DONE", flush=True)
    service.workspace.close()


if __name__ == "__main__":
    kill_at = int(sys.argv[2])
    asyncio.run(main())
