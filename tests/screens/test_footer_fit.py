"""At 80×24 every screen's footer shows all the keys it offers (the rest are show=False:
still in help, f1, and the command palette), so nothing important falls off the end."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from interview_tui.screens.widgets.footer import Footer
from interview_tui.services.debrief_models import DebriefInput
from interview_tui.services.profiles import ensure_demo_profile
from tests.fakes import snapshot_data as data
from tests.fakes.bulk_sessions import populate_sessions
from tests.fakes.pilot import settle

Go = Callable[[Pilot[Any]], Awaitable[None]]


def keys(*pressed: str) -> Go:
    async def go(pilot: Pilot[Any]) -> None:
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return go


def call(method: str, *then: str) -> Go:
    async def go(pilot: Pilot[Any]) -> None:
        getattr(pilot.app, method)(ensure_demo_profile().id)
        await settle(pilot)
        await keys(*then)(pilot)

    return go


async def debrief_report(pilot: Pilot[Any]) -> None:
    from interview_tui.screens.debrief_report import DebriefReportScreen

    doc = await pilot.app.workspace.debrief.write(ensure_demo_profile().id, DebriefInput(
        stage="hiring_manager", date="2025-03-12", feeling=6,
        went_badly="I rambled on the disagreement question"))
    pilot.app.push_screen(DebriefReportScreen(doc.id))
    await settle(pilot)


async def thank_you(pilot: Pilot[Any]) -> None:
    await debrief_report(pilot)
    await keys("e")(pilot)


SCREENS: dict[str, Go] = {
    "home": keys(),
    "setup": keys("n"),
    "interview_answer": keys("n", "ctrl+s"),
    "history": keys("h"),
    "review": keys("h", "enter"),
    "question_bank": keys("b"),
    "progress": keys("g"),
    "drill": keys("d"),
    "applications": keys("a"),
    "application": keys("a", "enter"),
    "prep_document": keys("a", "enter", "1"),
    "pitch_template": call("open_pitch", "f2"),
    "pitch_practise": call("open_pitch", "f3"),
    "pitch_attempts": call("open_pitch", "f4"),
    "debrief_form": call("open_debrief"),
    "debrief_report": debrief_report,
    "thank_you": thank_you,
}


def session(build: Callable[[], int]) -> Callable[[], Go]:
    """A session in the state ``build`` leaves it in, opened in the interview screen."""

    def prepare() -> Go:
        session_id = build()

        async def go(pilot: Pilot[Any]) -> None:
            pilot.app.open_interview(session_id)
            await settle(pilot)

        return go

    return prepare


def home_with_an_unfinished_session() -> Go:
    data.practice_history()
    return keys()


SESSIONS: dict[str, Callable[[], Go]] = {
    "home_resume": home_with_an_unfinished_session,
    "interview_follow_up": session(data.on_follow_up),
    "interview_feedback": session(data.question_feedback),
    "summary": session(data.completed_session),
}


# On a follow-up the interview has one key more than fits; the footer drops the screen's
# last keys and keeps the way out and help (tests/screens/test_app.py tests that rule).
MAY_DROP = {"interview_follow_up": ("Timer", "Clear")}


@pytest.mark.parametrize("name", [*SCREENS, *SESSIONS])
def test_every_footer_key_fits_at_80_columns(make_app, name: str) -> None:
    app = make_app()
    populate_sessions(2)
    go = SESSIONS[name]() if name in SESSIONS else SCREENS[name]

    async def check() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await go(pilot)
            footer = app.screen.query_one(Footer)
            footer.render()
            line = str(footer.render())
            assert footer.dropped == MAY_DROP.get(name, ()), f"{type(app.screen).__name__}: {line!r}"
            assert "^q Quit  f1 Help" in line, line

    asyncio.run(check())
