"""Waiting on the real app in Pilot tests."""

from __future__ import annotations

from textual.pilot import Pilot

from interview_tui.screens.interview import InterviewScreen


async def settle(pilot: Pilot) -> None:
    """Wait until workers are done, the coach is idle and the results are drawn."""
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if not (isinstance(screen, InterviewScreen) and screen.coach_status.busy):
            break
    else:
        raise AssertionError("the coach never became idle")
    for _ in range(3):  # call_later / call_after_refresh chains (feedback panels, scrolling)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
