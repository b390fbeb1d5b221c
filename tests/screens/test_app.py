"""App-wide behaviour: help, minimum size, theme memory, keymap, command palette."""

from __future__ import annotations

from interview_tui.config import load_settings
from interview_tui.screens.help import HelpScreen
from interview_tui.screens.home import HomeScreen
from interview_tui.screens.too_small import TooSmallScreen
from interview_tui.services.preferences import get_preference
from tests.fakes.pilot import settle


async def test_f1_and_question_mark_open_help(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)


async def test_too_small_terminal_shows_a_message_then_recovers(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_theme_is_remembered(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
        await settle(pilot)
    assert get_preference("theme") == "nord"
    again = make_app(theme=get_preference("theme"))
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_keymap_from_the_config_file_remaps_bindings(make_app, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"home.new" = "ctrl+o"\n', encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_TUI_CONFIG", str(config))
    app = make_app()
    app.settings = load_settings(data_dir=tmp_path / "data")
    assert app.settings.keymap == {"home.new": "ctrl+o"}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert type(app.screen).__name__ == "SetupScreen"


async def test_command_palette_offers_the_apps_actions(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"New mock interview", "History", "Help", "Theme"} <= set(titles)


async def test_footer_shows_the_keys_that_apply_and_a_click_presses_one(make_app):
    from interview_tui.screens.setup import SetupScreen
    from interview_tui.screens.widgets.footer import Footer

    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        line = str(footer.render())
        for shown in ("n New interview", "h History", "^p palette"):
            assert shown in line, line
        assert "Resume" not in line  # nothing to resume yet
        assert not footer.children  # one line of text, no widget per key
        start = line.index("n New interview")
        await pilot.click(Footer, offset=(start + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        keys = str(app.screen.query_one(Footer).render())
        assert "New interview" not in keys and "Start" in keys, keys


async def test_footer_drops_keys_that_do_not_fit_whole(make_app):
    from interview_tui.screens.widgets.footer import Footer

    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        line = str(app.screen.query_one(Footer).render())
        assert len(line) <= 60
        assert not line.rstrip().endswith(("…", "Hel", "Qui")), line
        # The screen's later keys went; the way out and help stay at the end.
        assert line.split("│")[0].rstrip().endswith("^q Quit  f1 Help"), line
        assert "Applications" not in line and app.screen.query_one(Footer).dropped


async def test_command_palette_lists_each_action_once(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
    assert "History" in titles and "History (h)" not in titles  # home's h key is History
    assert "Applications (a)" not in titles and "Drill (d)" not in titles


async def test_home_is_the_bottom_screen_and_r_pressed_before_the_sessions_load_resumes(
    make_app,
):
    import asyncio

    from interview_tui.screens.interview import InterviewScreen
    from interview_tui.services.interview import SessionSetup
    from interview_tui.services.profiles import ensure_demo_profile

    app = make_app()
    ws = app.workspace
    view = await ws.interview.start(SessionSetup(application_id=ensure_demo_profile().id))
    release = asyncio.Event()
    overview = ws.history.overview

    async def slow_overview(*args, **kwargs):
        await release.wait()  # the sessions are still loading when r is pressed
        return await overview(*args, **kwargs)

    ws.history.overview = slow_overview
    async with app.run_test(size=(100, 30)) as pilot:
        assert [type(s) for s in app.screen_stack] == [HomeScreen]
        await pilot.press("r")
        assert isinstance(app.screen, HomeScreen)
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert app.screen.session_id == view.id


async def test_a_redo_from_the_summary_goes_back_to_it_and_its_footer_says_back(make_app):
    from interview_tui.screens.interview import InterviewScreen
    from interview_tui.screens.summary import SummaryScreen
    from interview_tui.screens.widgets.footer import Footer
    from tests.fakes import snapshot_data as data

    app = make_app()
    service = app.workspace.interview
    finished = await data.complete(service, await data.start(service, question_count=1),
                                   data.mixed)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_interview(finished.id)
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("a")  # answer the lowest-scored question again
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        footer = str(app.screen.query_one(Footer).render())
        assert "esc Back" in footer and "Home" not in footer, footer
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)


async def test_home_scrolls_when_its_glance_outgrows_80x24(make_app):
    from textual.containers import VerticalScroll
    from textual.widgets import OptionList

    from tests.fakes import snapshot_data as data

    app = make_app()
    service = app.workspace.interview
    for _ in range(3):
        await data.complete(service, await data.start(service, question_count=1), data.mixed)
    await data.start(service)  # unfinished: a resume line in the menu
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        page = home.query_one(VerticalScroll)
        assert isinstance(app.focused, OptionList)  # the menu first
        assert page.max_scroll_y > 0  # the last sessions are below the fold
        await pilot.press("tab", "end")
        await settle(pilot)
        glance = home.query_one("#glance")
        assert page.scroll_y == page.max_scroll_y
        assert glance.region.bottom <= page.region.bottom  # reachable by keyboard
