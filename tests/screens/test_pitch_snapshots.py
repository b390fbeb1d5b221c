"""Snapshots of the pitch trainer, the debrief and the thank-you email at 80×24 and
120×40, on data written by the offline coach before the app starts (frozen clock, see
tests/fakes/snapshot_fixture.py). Update with ``--snapshot-update`` and read the SVGs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, cast

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from interview_tui.app import InterviewApp
from interview_tui.screens.debrief import DebriefScreen
from interview_tui.screens.debrief_report import DebriefReportScreen
from interview_tui.screens.pitch import PitchScreen
from interview_tui.screens.thank_you import ThankYouScreen
from interview_tui.services.debrief_models import DebriefInput
from tests.fakes import snapshot_data as data
from tests.fakes.pilot import settle

SIZES = [(80, 24), (120, 40)]
WEAK = ("Um, so I guess I'm kind of a backend person at Parcelwise, basically. I do stuff with "
        "webhooks and things, and honestly it's fine. Before that I was at Tillpoint.")
GOOD = ("I'm a senior software engineer at Parcelwise, where I led the migration of our "
        "shipment-tracking service to three Go services, and p95 latency fell from 900 ms to "
        "180 ms. Before that I was a software engineer at Tillpoint, where I reduced failed card "
        "settlements by 22% with retry scheduling. What draws me to Northwind Freight is the "
        "shipment-event platform, and I'm looking for a role where I lead technical decisions.")
TRANSCRIPT = """\
Priya: Tell me about a time you improved reliability?
Alex: At Parcelwise our webhook pipeline was losing events. I designed an idempotent pipeline
with retries and deduplication keys. As a result we handled 4 million events a day with zero
lost events over 18 months.
Priya: How do you handle disagreements?
Alex: I think we usually just talk it out, maybe.
"""


def pitch_attempts() -> int:
    async def job(service: Any) -> int:
        ws, app_id = service.workspace, data.demo_id()
        await ws.pitch.generate_template(app_id)
        for text, spoken in ((WEAK, None), (GOOD, 71.0)):
            attempt = await ws.pitch.submit(app_id, text, spoken_seconds=spoken)
            await ws.pitch.write_feedback(attempt.id)
        return app_id

    return data.build(job)


def debrief() -> int:
    async def job(service: Any) -> int:
        doc = await service.workspace.debrief.write(data.demo_id(), DebriefInput(
            stage="hiring_manager", date="2025-03-12", transcript=TRANSCRIPT, feeling=6,
            went_badly="I rambled on the disagreement question"))
        return doc.id

    return data.build(job)


def app_of(pilot: Pilot) -> InterviewApp:
    return cast("InterviewApp", pilot.app)


async def open_pitch(pilot: Pilot, app_id: int, *keys: str) -> None:
    await settle(pilot)
    app_of(pilot).open_pitch(app_id)
    await settle(pilot)
    if keys:
        await pilot.press(*keys)
        await settle(pilot)


async def pitch(pilot: Pilot, app_id: int) -> None:
    await open_pitch(pilot, app_id)


async def pitch_table(pilot: Pilot, app_id: int) -> None:
    await open_pitch(pilot, app_id, "f4")


async def pitch_template(pilot: Pilot, app_id: int) -> None:
    await open_pitch(pilot, app_id, "f2")


async def debrief_form(pilot: Pilot, _: Any) -> None:
    await settle(pilot)
    app_of(pilot).open_debrief(data.demo_id())
    await settle(pilot)


async def report(pilot: Pilot, doc_id: int) -> None:
    await settle(pilot)
    pilot.app.push_screen(DebriefReportScreen(doc_id))
    await settle(pilot)


async def email(pilot: Pilot, doc_id: int) -> None:
    await settle(pilot)
    pilot.app.push_screen(ThankYouScreen(doc_id))
    await settle(pilot)


SCENARIOS: dict[str, tuple[Callable[[], Any] | None, Callable[[Pilot, Any], Awaitable[None]],
                           type[Screen[Any]]]] = {
    "pitch_feedback": (pitch_attempts, pitch, PitchScreen),
    "pitch_template": (pitch_attempts, pitch_template, PitchScreen),
    "pitch_attempts": (pitch_attempts, pitch_table, PitchScreen),
    "debrief_form": (None, debrief_form, DebriefScreen),
    "debrief_report": (debrief, report, DebriefReportScreen),
    "thank_you": (debrief, email, ThankYouScreen),
}


@pytest.mark.parametrize(("name", "size"), [
    pytest.param(name, size, id=f"{name}-{size[0]}x{size[1]}") for name in SCENARIOS
    for size in SIZES
])
def test_pitch_and_debrief_snapshots(
    name: str, size: tuple[int, int], snapshot_app: Callable[..., InterviewApp],
    snap_compare: Callable[..., bool],
) -> None:
    build, go, screen = SCENARIOS[name]
    app = snapshot_app()
    built = build() if build else None
    shown: list[Screen[Any]] = []

    async def run_before(pilot: Pilot) -> None:
        await go(pilot, built)
        shown.append(pilot.app.screen)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
    assert shown and isinstance(shown[0], screen), shown
