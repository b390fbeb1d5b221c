"""The live interview screen, driven by keyboard through Pilot on the real app."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static, TextArea

from interview_tui.app import InterviewApp
from interview_tui.screens.home import HomeScreen
from interview_tui.screens.interview import InterviewScreen
from interview_tui.screens.summary import SummaryScreen
from interview_tui.screens.widgets import answer_box
from interview_tui.screens.widgets.feedback import QuestionFeedbackPanel, SessionSummaryPanel
from interview_tui.screens.widgets.transcript import Transcript
from interview_tui.services.coach.base import CoachError, InterviewContext, QuestionTurn, TextSink
from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.coach.schemas import GeneratedQuestion, ResponseAnalysis
from interview_tui.services.interview import SessionSetup
from interview_tui.services.session_machine import State
from interview_tui.store.models import AnswerDraft, JobApplication, MockSession, Response
from tests.fakes.answers import FOLLOW_UP, STRONG, VAGUE
from tests.fakes.pilot import settle

SIZE = (80, 24)


# ----- helpers -------------------------------------------------------------------------


@dataclass
class Notes:
    """Every notification the app showed: (title, message, severity)."""

    items: list[tuple[str, str, str]] = field(default_factory=list)

    def of(self, severity: str) -> list[str]:
        return [f"{t}: {m}" for t, m, s in self.items if s == severity]


def record_notes(app: InterviewApp) -> Notes:
    notes = Notes()
    original = app.notify

    def notify(message: str, *, title: str = "", severity: str = "information", **kw: Any) -> None:
        notes.items.append((title, message, severity))
        original(message, title=title, severity=severity, **kw)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return notes


def demo_id() -> int:
    return JobApplication.get(JobApplication.is_demo == True).id  # noqa: E712


def text_of(widget: Widget) -> str:
    return str(widget.render())


def visible(widget: Widget) -> bool:
    """Displayed, and so is every container around it."""
    return all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))


def shown_text(screen: Widget) -> str:
    """The text of every Static on the screen, including collapsed transcript entries."""
    return "\n".join(text_of(s) for s in screen.query(Static) if s.display)


def header(screen: InterviewScreen) -> str:
    return text_of(screen.query_one("#progress", Static))


def latest_feedback(screen: InterviewScreen) -> str:
    """The last line of the last exchange in the transcript: the coach's brief feedback."""
    exchanges = screen.query_one(Transcript).query(".exchange")
    return text_of(exchanges.last()).splitlines()[-1]


def editor(screen: InterviewScreen) -> TextArea:
    return screen.query_one("#answer", TextArea)




async def open_interview(pilot: Pilot, setup: SessionSetup) -> InterviewScreen:
    await settle(pilot)
    screen = InterviewScreen(setup=setup)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))


async def answer(pilot: Pilot, screen: InterviewScreen, text: str) -> None:
    """Put ``text`` in the editor (the last word typed by key) and submit it."""
    head, _, last = text.rpartition(" ")
    editor(screen).load_text(f"{head} " if head else "")
    editor(screen).move_cursor(editor(screen).document.end)
    await type_text(pilot, last)
    await pilot.press("ctrl+s")
    await settle(pilot)


def session_state(session_id: int) -> State:
    return State(MockSession.get_by_id(session_id).state)


async def wait_until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 3.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not met in time")


# ----- a whole session -------------------------------------------------------------------


async def test_a_whole_session_by_keyboard(make_app: Callable[..., InterviewApp]) -> None:
    app = make_app()
    notes = record_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        setup = SessionSetup(application_id=demo_id(), question_count=2, persona="challenging")
        screen = await open_interview(pilot, setup)
        view = screen.view
        assert view is not None and view.state is State.AWAITING_ANSWER
        assert header(screen) == "Question 1 of 2"
        context = text_of(screen.query_one("#context", Static))
        assert view.context.company in context and "Challenging interviewer" in context
        assert text_of(screen.query_one("#coach-label", Static)) == app.coach_label
        assert view.pending_prompt and view.pending_prompt in text_of(screen.query_one("#prompt"))
        assert app.focused is editor(screen)
        assert screen.check_action("skip_follow_ups", ()) is False  # not on a follow-up

        # Enter makes a new line; ctrl+s submits.
        await type_text(pilot, "Um")
        await pilot.press("enter")
        assert editor(screen).text == "Um\n"
        editor(screen).load_text("")
        await answer(pilot, screen, VAGUE)

        # The answer is stored with its time, the editor is empty, and the challenging
        # interviewer follows up after brief feedback.
        response = Response.get()
        assert response.text == VAGUE and response.seconds_spent is not None
        assert editor(screen).text == ""
        assert header(screen) == "Question 1 of 2 · Follow-up 1 of 3"
        brief = latest_feedback(screen)
        assert brief.startswith(tuple(f"{n}/10 · Coach:" for n in range(1, 11)))
        assert VAGUE in shown_text(screen)  # the transcript shows the answer
        assert screen.check_action("skip_follow_ups", ()) is True

        # Skip the remaining follow-ups: the question's full feedback appears.
        await pilot.press("ctrl+k")
        await settle(pilot)
        assert header(screen) == "Question 1 of 2 · Feedback"
        panel = screen.query_one(QuestionFeedbackPanel)
        assert "Assessment" in shown_text(panel) and "Score" in shown_text(panel)
        assert screen.check_action("next_question", ()) is True
        assert not visible(editor(screen))

        # Next question, answered well, then its follow-ups answered or skipped.
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert header(screen) == "Question 2 of 2"
        await answer(pilot, screen, STRONG)
        if screen.view and screen.view.state is State.AWAITING_ANSWER:
            await answer(pilot, screen, FOLLOW_UP)
        while screen.view and screen.view.state is State.AWAITING_ANSWER:
            await pilot.press("ctrl+k")
            await settle(pilot)
        assert header(screen) == "Question 2 of 2 · Feedback"

        # On the last question there is no "next": ctrl+e finishes.
        assert screen.check_action("next_question", ()) is False
        assert screen.check_action("finish", ()) is True
        await pilot.press("ctrl+n")
        assert any("last question" in m for m in notes.of("information"))
        await pilot.press("ctrl+e")
        await settle(pilot)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        text = shown_text(summary)
        assert "Overall" in text and "By question" in text and "/10" in text
        assert session_state(view.id) is State.COMPLETED

        # A completed session opens straight on its summary; escape goes home.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.open_interview(view.id)
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.query_one(SessionSummaryPanel)
    assert notes.of("error") == []


async def test_keys_typed_just_before_ctrl_s_are_part_of_the_answer(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_interview(pilot, SessionSetup(application_id=demo_id()))
        editor(screen).load_text("I led the migration")
        editor(screen).move_cursor(editor(screen).document.end)
        await pilot.pause()
        # As a fast typist or a paste delivers them: no pause between the keys.
        for ch in " myself":
            app.post_message(events.Key("space" if ch == " " else ch, ch))
        app.post_message(events.Key("ctrl+s", None))
        await settle(pilot)
    assert Response.get().text == "I led the migration myself"


# ----- answers that are refused --------------------------------------------------------


async def test_empty_or_oversized_answer_is_refused_and_kept(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app()
    notes = record_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_interview(pilot, SessionSetup(application_id=demo_id()))
        await pilot.press("space", "space", "enter", "ctrl+s")
        await settle(pilot)
        assert any("empty" in m for m in notes.of("warning"))
        assert editor(screen).text == "  \n"

        huge = "word " * 4_001  # 20,005 characters, 20,004 without the trailing space
        editor(screen).load_text(huge)
        await pilot.press("ctrl+s")
        await settle(pilot)
        # The refusal and the meter count the same characters.
        assert any("is 20,004 characters; the limit is 20,000" in m for m in notes.of("warning"))
        assert editor(screen).text == huge
        assert "20,004/20,000 characters" in text_of(screen.query_one("#meter"))
        assert screen.view is not None and screen.view.state is State.AWAITING_ANSWER
    assert Response.select().count() == 0


# ----- drafts ----------------------------------------------------------------------------


async def test_draft_is_saved_while_typing_and_restored_after_restart(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_interview(pilot, SessionSetup(application_id=demo_id()))
        assert screen.view is not None
        session_id = screen.view.id
        await type_text(pilot, "At Parcelwise I led")
        # Saved about a second after the last keystroke, without leaving the screen.
        await wait_until(pilot, lambda: AnswerDraft.select().count() == 1)
        assert AnswerDraft.get().text == "At Parcelwise I led"
        meter = text_of(screen.query_one("#meter"))
        assert meter.startswith("4 words · ~0:02 spoken")

    app = make_app(open_session=session_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert editor(screen).text == "At Parcelwise I led"
        assert app.focused is editor(screen)
        assert header(screen) == "Question 1 of 5"
        # Keep typing and quit at once: the rest is not lost either.
        await type_text(pilot, " it")
        await pilot.press("ctrl+q")
    assert AnswerDraft.get().text == "At Parcelwise I led it"


async def test_escape_saves_the_draft_and_goes_home(make_app: Callable[..., InterviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_interview(pilot, SessionSetup(application_id=demo_id()))
        await type_text(pilot, "Half an answer")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert AnswerDraft.get().text == "Half an answer"


# ----- the coach failing, slow or cancelled ------------------------------------------------


class FailsOnce(OfflineCoach):
    """The offline coach, except that the first analysis fails."""

    failures = 1

    async def analyze_response(
        self, ctx: InterviewContext, turn: QuestionTurn, *, on_text: TextSink | None = None
    ) -> ResponseAnalysis:
        if self.failures:
            self.failures -= 1
            raise CoachError("overloaded", "The coach is overloaded right now.")
        return await super().analyze_response(ctx, turn, on_text=on_text)


async def test_coach_failure_shows_a_retry_banner_and_ctrl_r_recovers(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app(coach=FailsOnce(seed=1))
    notes = record_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_interview(pilot, SessionSetup(application_id=demo_id()))
        await answer(pilot, screen, STRONG)

        banner = screen.query_one("#banner", Static)
        assert visible(banner)
        assert text_of(banner) == (
            "The coach failed: The coach is overloaded right now. Press ctrl+r to retry, "
            "or ctrl+x to go on without the analysis of your answer."
        )
        assert notes.of("error") == ["The coach failed: The coach is overloaded right now."]
        assert Response.get().text == STRONG  # the answer was saved before the coach ran
        assert screen.check_action("retry", ()) is True
        assert session_state(Response.get().question.session_id) is State.EVALUATING

        await pilot.press("ctrl+r")
        await settle(pilot)
        assert not visible(banner)
        assert screen.view is not None
        assert screen.view.state in {State.AWAITING_ANSWER, State.QUESTION_REVIEW}
        assert "Coach:" in shown_text(screen)
    assert len(notes.of("error")) == 1


class FirstQuestionFails(OfflineCoach):
    """The offline coach, except that the first question cannot be generated."""

    failures = 1

    async def generate_question(self, ctx: InterviewContext, **kw: Any) -> GeneratedQuestion:
        if self.failures:
            self.failures -= 1
            raise CoachError("timeout", "The coach took too long to answer.")
        return await super().generate_question(ctx, **kw)


async def test_a_failed_start_retries_the_same_session(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app(coach=FirstQuestionFails(seed=1))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_interview(pilot, SessionSetup(application_id=demo_id()))
        assert "The coach took too long to answer. Press ctrl+r" in text_of(
            screen.query_one("#banner")
        )
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert header(screen) == "Question 1 of 5"
        assert screen.view is not None and screen.view.pending_prompt
    assert MockSession.select().count() == 1


class Slow(OfflineCoach):
    """Streams a burst of text, then waits until released."""

    def __init__(self) -> None:
        super().__init__(seed=1)
        self.release = asyncio.Event()

    async def analyze_response(
        self, ctx: InterviewContext, turn: QuestionTurn, *, on_text: TextSink | None = None
    ) -> ResponseAnalysis:
        text = ""
        for word in ("Reading", "your", "answer", "carefully"):
            text = f"{text} {word}".strip()
            if on_text is not None:
                on_text(text)
        await self.release.wait()
        return await super().analyze_response(ctx, turn, on_text=on_text)


async def test_thinking_streams_text_and_escape_cancels(make_app: Callable[..., InterviewApp]) -> None:
    coach = Slow()
    app = make_app(coach=coach)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_interview(pilot, SessionSetup(application_id=demo_id()))
        editor(screen).load_text(STRONG)
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: text_of(screen.query_one("#stream")) == "Reading your answer carefully"
        )
        assert visible(screen.query_one("#stream"))
        assert "thinking" in text_of(screen.query_one("#activity"))
        assert screen.check_action("submit", ()) is False
        assert screen.check_action("cancel", ()) is True

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)  # escape stopped the coach, not the screen
        assert "Press ctrl+r to continue" in text_of(screen.query_one("#banner"))
        session_id = Response.get().question.session_id
        assert session_state(session_id) is State.EVALUATING

        coach.release.set()
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert session_state(session_id) in {State.AWAITING_ANSWER, State.QUESTION_REVIEW}
        assert Response.select().count() == 1  # nothing was asked twice


# ----- hidden scores and the countdown -----------------------------------------------------


async def test_hidden_scores_stay_hidden_until_the_summary(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        setup = SessionSetup(
            application_id=demo_id(), question_count=1, persona="challenging", hide_scores=True
        )
        screen = await open_interview(pilot, setup)
        await answer(pilot, screen, VAGUE)
        assert header(screen).endswith("Follow-up 1 of 3")
        assert latest_feedback(screen).startswith("Coach:")  # brief feedback, no score
        assert "/10" not in shown_text(screen.query_one(Transcript))
        await pilot.press("ctrl+k")
        await settle(pilot)
        panel = screen.query_one(QuestionFeedbackPanel)
        assert "Assessment" in shown_text(panel)
        headline = text_of(panel.query_one(".headline", Static))
        assert "Score" not in headline and "Level" not in headline
        # Not even where the coach's prose names a score.
        assert "/10" not in shown_text(screen)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert "/10" in shown_text(app.screen)


async def test_countdown_tells_the_user_and_never_submits(
    make_app: Callable[..., InterviewApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(answer_box, "COUNTDOWN_SECONDS", 1)
    app = make_app()
    notes = record_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_interview(pilot, SessionSetup(application_id=demo_id()))
        await type_text(pilot, "Still talking")
        await pilot.press("ctrl+t")
        assert "⏱" in text_of(screen.query_one("#meter"))
        await wait_until(pilot, lambda: any("Time's up" in m for m in notes.of("warning")))
        assert "time's up" in text_of(screen.query_one("#meter"))
        assert editor(screen).text == "Still talking"
    assert Response.select().count() == 0
