"""Settings: where data lives, which coach to use, and the user's preferences file.

Precedence, lowest first: defaults, the optional TOML file
(``user_config_dir/config.toml``), environment variables, command-line flags.
The API key is read from the environment only and is never stored or printed.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir, user_data_dir
from pydantic import BaseModel, Field

APP_NAME = "interview-tui"
DEFAULT_MODEL = "claude-sonnet-5-5"


class Settings(BaseModel):
    data_dir: Path
    config_file: Path
    model: str = DEFAULT_MODEL
    offline: bool = False
    coach_timeout_seconds: float = Field(default=60.0, gt=0)
    coach_max_retries: int = Field(default=2, ge=0)
    keymap: dict[str, str] = Field(default_factory=dict)

    @property
    def db_path(self) -> Path:
        return self.data_dir / "interview.db"

    @property
    def api_key_present(self) -> bool:
        return bool(os.environ.get("ANTHROPIC_API_KEY", "").strip())

    @property
    def coach_backend(self) -> str:
        return "claude" if self.api_key_present and not self.offline else "offline"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SystemExit(f"interview-tui: cannot read config file {path}: {exc}") from exc


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
    values: dict[str, Any] = {
        k: v
        for k, v in file_values.items()
        if k in {"model", "offline", "coach_timeout_seconds", "coach_max_retries", "keymap"}
    }
    chosen_dir = data_dir or env.get("INTERVIEW_TUI_DATA_DIR") or file_values.get("data_dir")
    values["data_dir"] = Path(chosen_dir or user_data_dir(APP_NAME)).expanduser()
    values["config_file"] = cfg_path
    if env.get("INTERVIEW_TUI_MODEL"):
        values["model"] = env["INTERVIEW_TUI_MODEL"]
    if env.get("INTERVIEW_TUI_OFFLINE", "").lower() in {"1", "true", "yes"}:
        values["offline"] = True
    if model:
        values["model"] = model
    if offline is not None and offline:
        values["offline"] = True
    return Settings(**values)
