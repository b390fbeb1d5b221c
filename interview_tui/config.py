"""Settings: where data lives, which coach to use, and the user's preferences file.

Precedence, lowest first: defaults, the optional TOML file
(``user_config_dir/config.toml``), environment variables, command-line flags.
The API key is read from the environment only and is never stored or printed.

This module is on the path to the first frame, so it uses a plain dataclass and checks
the few values a config file may set by hand (bench/: pydantic alone costs ~70 ms there).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "interview-tui"
DEFAULT_MODEL = "claude-sonnet-5-5"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    config_file: Path
    model: str = DEFAULT_MODEL
    offline: bool = False
    coach_timeout_seconds: float = 60.0
    coach_max_retries: int = 2
    keymap: dict[str, str] = field(default_factory=dict)

    @property
    def db_path(self) -> Path:
        return self.data_dir / "interview.db"

    @property
    def api_key_present(self) -> bool:
        return bool(os.environ.get("ANTHROPIC_API_KEY", "").strip())

    @property
    def coach_backend(self) -> str:
        return "claude" if self.api_key_present and not self.offline else "offline"

    @property
    def coach_label(self) -> str:
        """What the header says about the coach, known before any coach is built."""
        return coach_label(self.coach_backend, self.model)


def coach_label(backend: str, model: str) -> str:
    return f"Claude · {model}" if backend == "claude" else "Offline coach"


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}  # most people have no config file: skip even importing the parser
    import tomllib

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SystemExit(f"interview-tui: cannot read config file {path}: {exc}") from exc


def _checked(values: dict[str, Any], path: Path) -> dict[str, Any]:
    """The config file's values, or a clear exit naming the first wrong one."""

    def wrong(key: str, expected: str) -> SystemExit:
        return SystemExit(
            f"interview-tui: config file {path}: {key} must be {expected}, not {values[key]!r}"
        )

    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "model":
            if not isinstance(value, str) or not value.strip():
                raise wrong(key, "a model name")
            out[key] = value.strip()
        elif key == "offline":
            if not isinstance(value, bool):
                raise wrong(key, "true or false")
            out[key] = value
        elif key == "coach_timeout_seconds":
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise wrong(key, "a number of seconds above 0")
            out[key] = float(value)
        elif key == "coach_max_retries":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise wrong(key, "a whole number, 0 or more")
            out[key] = value
        elif key == "keymap":
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                raise wrong(key, 'a table of binding ids to keys, e.g. "home.new" = "ctrl+n"')
            out[key] = dict(value)
    return out


def load_settings(
    *,
    data_dir: str | Path | None = None,
    offline: bool | None = None,
    model: str | None = None,
    config_file: str | Path | None = None,
) -> Settings:
    """Build the settings from defaults, the config file, the environment and flags."""
    env = os.environ
    cfg_path = Path(
        config_file or env.get("INTERVIEW_TUI_CONFIG") or Path(user_config_dir(APP_NAME)) / "config.toml"
    ).expanduser()
    file_values = _read_toml(cfg_path)
    values = _checked(file_values, cfg_path)
    chosen_dir = data_dir or env.get("INTERVIEW_TUI_DATA_DIR") or file_values.get("data_dir")
    if chosen_dir is not None and not isinstance(chosen_dir, str | Path):
        raise SystemExit(f"interview-tui: config file {cfg_path}: data_dir must be a path")
    values["data_dir"] = Path(chosen_dir or user_data_dir(APP_NAME)).expanduser()
    values["config_file"] = cfg_path
    if env.get("INTERVIEW_TUI_MODEL"):
        values["model"] = env["INTERVIEW_TUI_MODEL"]
    if env.get("INTERVIEW_TUI_OFFLINE", "").lower() in {"1", "true", "yes"}:
        values["offline"] = True
    if model:
        values["model"] = model
    if offline:
        values["offline"] = True
    return Settings(**values)
