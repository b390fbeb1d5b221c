"""A weak spot's line reads as one sentence, whatever punctuation its gaps carry."""

from __future__ import annotations

from interview_tui.services.prep_tasks import WeakSpot


def test_gaps_join_without_stray_full_stops() -> None:
    spot = WeakSpot("motivation", 5.0, 2, ("Only one concrete step: walk through it, in order.",
                                           "No reflection: say what you learned."))
    line = spot.line()
    assert ".;" not in line
    assert line.endswith("in order; No reflection: say what you learned")
