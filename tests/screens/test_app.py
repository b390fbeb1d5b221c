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


async def test_footer_rebuilds_leave_no_dead_keys_behind(make_app):
    from interview_tui.screens.widgets.footer import Footer

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        for _ in range(20):
            app.screen.refresh_bindings()
            await pilot.pause()
        watchers = getattr(footer, "__watchers", {})
        watched_by = [node for entries in watchers.values() for node, _ in entries]
        assert watched_by, "the keys bind to the footer"
        assert all(node is footer or node.is_attached for node in watched_by)
        assert len(watched_by) <= len(footer.children) + 1
