"""Command line: run the app (default), doctor, analyze, check-claims, serve-ssh, users,
questions, export, sessions, backup, restore."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from interview_tui import __version__, analyze_cli
from interview_tui.config import Settings, load_settings
from interview_tui.hosting import cli as hosting_cli

_VALUE_OPTIONS = ("--data-dir", "--config", "--model")


def _names_a_command(argv: Sequence[str]) -> bool:
    """Whether ``argv`` has a command word (or asks for help), so the parser needs the
    commands: a plain launch skips importing and building them (bench/startup.py)."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help") or not word.startswith("-"):
            return True
        if word in _VALUE_OPTIONS:
            next(words, None)
    return False


def _parser(commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interview-tui", description="Keyboard-driven mock interviews in your terminal."
    )
    parser.add_argument("--version", action="version", version=f"interview-tui {__version__}")
    parser.add_argument("--data-dir", help="where the database lives (env INTERVIEW_TUI_DATA_DIR)")
    parser.add_argument("--config", help="config file (default: the platform's config dir)")
    parser.add_argument("--offline", action="store_true", help="use the offline coach")
    parser.add_argument("--model", help="Claude model to use")
    sub = parser.add_subparsers(dest="command")
    if not commands:
        return parser
    sub.add_parser("run", help="start the app (the default)")
    sub.add_parser("doctor", help="show version, paths, schema and coach; never a secret")
    hosting_cli.register(sub)
    analyze_cli.register(sub)
    from interview_tui import backup_cli, bank_cli, export_cli

    for module in (bank_cli, export_cli, backup_cli):
        module.register(sub)
    for command in sub.choices.values():
        _accept_global_options(command)
    return parser


def _accept_global_options(command: argparse.ArgumentParser) -> None:
    """``interview-tui doctor --data-dir DIR`` works as well as ``--data-dir DIR doctor``:
    given after the command, a global option overrides; not given, it leaves the value
    before the command alone (SUPPRESS), and a command's own option of that name wins."""
    options: tuple[tuple[str, str, str], ...] = (
        ("--data-dir", "store", "where the database lives (env INTERVIEW_TUI_DATA_DIR)"),
        ("--config", "store", "config file (default: the platform's config dir)"),
        ("--offline", "store_true", "use the offline coach"),
        ("--model", "store", "Claude model to use"),
    )
    for flag, action, helptext in options:
        try:
            command.add_argument(flag, action=action, default=argparse.SUPPRESS, help=helptext)
        except argparse.ArgumentError:
            continue  # the command has its own option of that name


def doctor(settings: Settings) -> int:
    """Print what a bug report needs. Returns a process exit code."""
    from interview_tui.store import (
        SCHEMA_VERSION,
        StoreError,
        integrity_problems,
        schema_version,
        write_access_problem,
    )

    lines = [
        ("version", __version__),
        ("python", sys.version.split()[0]),
        ("data directory", str(settings.data_dir)),
        ("database", str(settings.db_path)),
        ("config file", f"{settings.config_file}{'' if settings.config_file.exists() else ' (none)'}"),
    ]
    code = 0
    if settings.db_path.exists():
        try:
            found = schema_version(settings.db_path)
            note = "" if found == SCHEMA_VERSION else f" (this version expects {SCHEMA_VERSION})"
            if found > SCHEMA_VERSION:
                note = (
                    f" - NEWER than this interview-tui (which knows {SCHEMA_VERSION}); "
                    "upgrade interview-tui to open it. The file will not be changed."
                )
                code = 1
            lines.append(("schema version", f"{found}{note}"))
            problems = integrity_problems(settings.db_path)
            if problems:
                lines.append(("integrity", f"DAMAGED (quick_check: {'; '.join(problems)}). "
                                           "Copy the file somewhere safe before using it."))
                code = 1
            else:
                lines.append(("integrity", "ok (quick_check)"))
        except StoreError as exc:
            lines.append(("schema version", f"unreadable: {exc}"))
            code = 1
    else:
        lines.append(("schema version", f"no database yet (will be created at {SCHEMA_VERSION})"))
    problem = write_access_problem(settings.db_path) if settings.db_path.parent.exists() else None
    if problem:
        lines.append(("access", f"READ-ONLY: {problem}"))
        code = 1
    if settings.coach_backend == "claude":
        lines.append(("coach", f"Claude (model {settings.model})"))
        lines.append(("api key", "set (ANTHROPIC_API_KEY)"))
    else:
        why = "--offline" if settings.offline else "no ANTHROPIC_API_KEY"
        lines.append(("coach", f"offline ({why}); Claude model {settings.model} when online"))
    width = max(len(k) for k, _ in lines)
    for key, value in lines:
        print(f"{key.ljust(width)}  {value}")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parser(_names_a_command(argv)).parse_args(argv)
    if args.command in analyze_cli.COMMANDS:
        return analyze_cli.run(args)
    settings = load_settings(
        data_dir=args.data_dir, offline=args.offline, model=args.model, config_file=args.config
    )
    if args.command == "doctor":
        return doctor(settings)
    if args.command in hosting_cli.COMMANDS:
        return hosting_cli.run(args, settings)
    handler = getattr(args, "handler", None)
    if handler is not None:
        code: int = handler(args, settings)
        return code
    # Importing Textual and the app makes ~100k objects that live as long as the process;
    # collecting while they are made only re-scans them. The app freezes them and turns
    # the collector back on after its first frame (InterviewApp._warm_up).
    gc.disable()
    from interview_tui.app import run_app

    return run_app(settings)
