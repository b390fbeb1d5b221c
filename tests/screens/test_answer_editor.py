"""The answer editor's own keys and wording: select all, clear, the meter, the transcript."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.cells import cell_len, get_character_cell_size
from textual.pilot import Pilot
from textual.widgets import TextArea

from interview_tui.app import InterviewApp
from interview_tui.screens.help import screen_keys
from interview_tui.screens.interview import InterviewScreen
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.transcript import exchange_content
from interview_tui.services.interview import SessionSetup
from interview_tui.services.session_view import ExchangeView
from interview_tui.store.models import AnswerDraft, JobApplication
from tests.fakes.pilot import settle


def demo_id() -> int:
    return JobApplication.get(JobApplication.is_demo == True).id  # noqa: E712


async def open_interview(pilot: Pilot) -> InterviewScreen:
    await settle(pilot)
    screen = InterviewScreen(setup=SessionSetup(application_id=demo_id()))
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))


def editor(screen: InterviewScreen) -> TextArea:
    return screen.query_one("#answer", TextArea)


async def test_clear_is_in_the_footer_and_both_are_in_help(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(pilot)
        footer = str(screen.query_one(Footer).render())
        # Select all gave its footer room to Home and Quit at 80 columns; help lists it.
        assert "^l Clear" in footer and "Select all" not in footer
        keys = screen_keys(screen)
        assert "`ctrl+a`" in keys and "Select the whole answer" in keys
        assert "`ctrl+l`" in keys and "Clear the answer" in keys


async def test_select_all_selects_the_whole_answer(make_app: Callable[..., InterviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot)
        await type_text(pilot, "First line")
        await pilot.press("enter")
        await type_text(pilot, "second line")
        await pilot.press("ctrl+a")
        await settle(pilot)
        assert editor(screen).selected_text == "First line\nsecond line"
        await type_text(pilot, "x")  # typing replaces the selection
        await settle(pilot)
        assert editor(screen).text == "x"


async def test_clear_asks_once_then_empties_the_answer_and_its_draft(
    make_app: Callable[..., InterviewApp],
) -> None:
    app = make_app()
    notes: list[str] = []
    original = app.notify
    app.notify = lambda message, **kw: (notes.append(message), original(message, **kw))[1]  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot)
        await type_text(pilot, "An answer I regret")
        # Stored as the draft, as a pause in typing does.
        screen.answer_box.mark_saved(editor(screen).text)
        await screen.service.save_draft(screen.session_id or 0, editor(screen).text)
        await pilot.press("ctrl+l")
        await settle(pilot)
        # The first press only warns, naming the key that confirms.
        assert editor(screen).text == "An answer I regret"
        assert any("Press ctrl+l again" in note for note in notes)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert editor(screen).text == ""
        assert AnswerDraft.get().text == ""  # a restart does not bring it back
        await pilot.press("ctrl+z")  # but undo does
        await settle(pilot)
        assert editor(screen).text == "An answer I regret"
        # An empty answer has nothing to clear and nothing to confirm.
        notes.clear()
        editor(screen).load_text("")
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert notes == []


def test_the_transcript_says_the_time_is_typing_time() -> None:
    exchange = ExchangeView(
        number=1, prompt="Tell me about a migration.", answer="We moved it in a week.",
        submitted_at=datetime(2026, 1, 1), seconds_spent=27, analysis=None, asked_follow_up=None,
    )
    assert "(6 words · typed in 0:27)" in exchange_content(exchange, hide_scores=False).plain


async def test_emoji_keep_one_width_so_the_border_holds(
    make_app: Callable[..., InterviewApp],
) -> None:
    """Joined emoji (❤️, 👍🏽, a family) are as wide as their parts, whatever the terminal's
    grapheme support, and every editor line is drawn exactly as wide as the editor."""
    app = make_app()
    async with app.run_test(size=(40, 24)) as pilot:
        screen = await open_interview(pilot)
        await type_text(pilot, "Loved it ")
        editor(screen).insert("❤")  # two code points, one after the other
        editor(screen).insert("\ufe0f")
        await settle(pilot)
        await type_text(pilot, " team")
        await settle(pilot)
        assert editor(screen).text == "Loved it ❤ team"
        assert editor(screen).cursor_location == (0, len("Loved it ❤ team"))
        editor(screen).insert(" 👍🏽 👨\u200d👩\u200d👧 " + "❤\ufe0f" * 30)
        await settle(pilot)
        text = editor(screen).text
        assert "👍" in text and "👨👩👧" in text and "\ufe0f" not in text
        for line in text.splitlines():
            assert cell_len(line) == sum(get_character_cell_size(ch) for ch in line)
        box = editor(screen)
        for y in range(box.size.height):
            assert box.render_line(y).cell_length == box.size.width
