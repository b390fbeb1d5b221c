"""Settings from the config file, the environment and flags, and clear errors for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_tui.config import DEFAULT_MODEL, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    settings = load_settings(config_file=tmp_path / "none.toml", data_dir=tmp_path / "d")
    assert settings.model == DEFAULT_MODEL
    assert settings.coach_timeout_seconds == 60.0 and settings.coach_max_retries == 2
    assert settings.keymap == {} and settings.db_path == tmp_path / "d" / "interview.db"


def test_file_then_environment_then_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = write(tmp_path, 'model = "file-model"\ncoach_timeout_seconds = 5\n'
                          'coach_max_retries = 0\n[keymap]\n"home.new" = "ctrl+n"\n')
    settings = load_settings(config_file=cfg, data_dir=tmp_path)
    assert (settings.model, settings.coach_timeout_seconds, settings.coach_max_retries) == (
        "file-model", 5.0, 0)
    assert settings.keymap == {"home.new": "ctrl+n"}
    monkeypatch.setenv("INTERVIEW_TUI_MODEL", "env-model")
    assert load_settings(config_file=cfg, data_dir=tmp_path).model == "env-model"
    assert load_settings(config_file=cfg, data_dir=tmp_path, model="flag").model == "flag"


def test_the_coach_label_is_known_before_any_coach_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = tmp_path / "none.toml"
    assert load_settings(config_file=cfg).coach_label == "Offline coach"
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
    assert load_settings(config_file=cfg, model="m1").coach_label == "Claude · m1"
    assert load_settings(config_file=cfg, offline=True).coach_label == "Offline coach"


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("coach_timeout_seconds = 0", "coach_timeout_seconds must be a number of seconds above 0"),
        ('coach_timeout_seconds = "soon"', "coach_timeout_seconds must be"),
        ("coach_max_retries = -1", "coach_max_retries must be a whole number"),
        ("coach_max_retries = 1.5", "coach_max_retries must be a whole number"),
        ('offline = "yes"', "offline must be true or false"),
        ('model = ""', "model must be a model name"),
        ('keymap = "ctrl+n"', "keymap must be a table"),
        ("data_dir = 3", "data_dir must be a path"),
    ],
)
def test_a_wrong_value_stops_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str, named: str
) -> None:
    monkeypatch.delenv("INTERVIEW_TUI_DATA_DIR", raising=False)  # else it wins over the file
    cfg = write(tmp_path, line + "\n")
    with pytest.raises(SystemExit) as stopped:
        load_settings(config_file=cfg)
    assert named in str(stopped.value) and str(cfg) in str(stopped.value)


def test_an_unreadable_file_stops_with_a_clear_message(tmp_path: Path) -> None:
    cfg = write(tmp_path, "model = \n")
    with pytest.raises(SystemExit, match="cannot read config file"):
        load_settings(config_file=cfg)
