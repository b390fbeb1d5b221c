"""Help and the command palette tell the truth: they list the keys that work on the
screen in front of the user, under the names the config file gave them."""

from __future__ import annotations

from interview_tui.config import load_settings
from interview_tui.screens.help import HelpScreen
from interview_tui.screens.home import HomeScreen
from interview_tui.screens.profile_form import ProfileForm
from tests.fakes.pilot import settle


def palette_titles(app) -> list[str]:
    return [c.title for c in app.get_system_commands(app.screen)]


async def test_help_over_home_lists_what_works_there(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert "Resume (r)" not in palette_titles(app)  # nothing to resume yet
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = app.screen._text
        here = text.split("## Everywhere")[0]
        assert "| `n` | Set up a mock interview |" in here
        assert "| `h` | Review past sessions |" in here
        assert "`r`" not in here  # resume is not offered with nothing to resume
        # Textual's keys of every screen are not this screen's: they are under Everywhere.
        assert "`tab`" not in here and "Copy selected text" not in here
        assert "| `tab` | Focus Next |" in text.split("## Everywhere")[1]
        assert "| `f1`, `?` |" in text and "`ctrl+q`" in text
        assert "**L5A**" in text  # the levels are explained


async def test_f1_works_inside_a_form_and_lists_the_forms_keys(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProfileForm)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        here = app.screen._text.split("## Everywhere")[0]
        assert "| `ctrl+s` | Save and close |" in here
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ProfileForm)


async def test_a_remapped_key_shows_its_new_name_in_menu_help_and_palette(
    make_app, tmp_path, monkeypatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"home.new" = "ctrl+o"\n', encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_TUI_CONFIG", str(config))
    app = make_app()
    app.settings = load_settings(data_dir=tmp_path / "data")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        menu = [str(o.prompt) for o in app.screen.query_one("#actions")._options]
        assert menu[0] == "[b]ctrl+o[/b]  New mock interview"
        assert "New interview (ctrl+o)" in palette_titles(app)
        await pilot.press("f1")
        await settle(pilot)
        assert "| `ctrl+o` | Set up a mock interview |" in app.screen._text
