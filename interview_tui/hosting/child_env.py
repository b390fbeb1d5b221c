"""What a hosted app process is started with: its command line and a clean environment.

Nothing comes from the client except the terminal type and colour depth, both checked.
Everything else, above all the data directory, is decided here from the authenticated
user name (see ``UserRegistry.data_dir``).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

_TERM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
_COLORTERMS = {"truecolor", "24bit"}
DEFAULT_TERM = "xterm-256color"
APP_COMMAND: tuple[str, ...] = (sys.executable, "-m", "interview_tui")
# Variables of the *server's* environment a child may need to find its own code.
_FROM_SERVER = ("PYTHONPATH", "TZ")


def clean_term(term: str | None) -> str:
    return term if term and _TERM.fullmatch(term) else DEFAULT_TERM


def clean_colorterm(value: str | None) -> str | None:
    return value if value in _COLORTERMS else None


def app_argv(
    user_dir: Path,
    *,
    offline: bool,
    model: str | None,
    command: Sequence[str] = APP_COMMAND,
) -> list[str]:
    argv = [*command, "--data-dir", str(user_dir), "--config", str(user_dir / "config.toml")]
    if offline:
        argv.append("--offline")
    if model:
        argv += ["--model", model]
    return argv


def app_environment(
    user_dir: Path,
    *,
    term: str | None,
    colorterm: str | None,
    coach: tuple[str, str] | None,
    server_env: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The whole environment of a hosted app. ``coach`` is (proxy URL, per-connection
    token) when Claude is on; the server's real key is never part of it."""
    server_env = os.environ if server_env is None else server_env
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(user_dir),
        "LANG": "C.UTF-8",
        "TERM": clean_term(term),
        "INTERVIEW_TUI_DATA_DIR": str(user_dir),
        "INTERVIEW_TUI_CONFIG": str(user_dir / "config.toml"),
        "INTERVIEW_TUI_NO_FILE_IMPORT": "1",  # the server's files are not the user's
        "INTERVIEW_TUI_HOSTED": "1",  # the key is the server's business, not the user's
    }
    env.update({k: server_env[k] for k in _FROM_SERVER if server_env.get(k)})
    if (depth := clean_colorterm(colorterm)) is not None:
        env["COLORTERM"] = depth
    if coach is not None:
        env["ANTHROPIC_BASE_URL"], env["ANTHROPIC_API_KEY"] = coach
    return env
