"""What the command-line commands share: opening the store, messages, exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from interview_tui.config import Settings

if TYPE_CHECKING:
    from interview_tui.services.exports import ExportedFile

OK, PARTIAL, BAD_INPUT = 0, 1, 2


def fail(message: str, code: int = BAD_INPUT) -> int:
    """Print ``message`` to stderr as interview-tui's and return ``code``."""
    print(f"interview-tui: {message}", file=sys.stderr)
    return code


def open_store(settings: Settings) -> str | None:
    """Open (creating or migrating) the user's database; the reason when it cannot be."""
    from interview_tui.store import StoreError, open_database

    try:
        open_database(settings.db_path)
    except StoreError as exc:
        return str(exc)
    return None


def close_store() -> None:
    from interview_tui.store import close_database

    close_database()


def force_option(parser: argparse.ArgumentParser) -> None:
    """``--force``: replace an existing ``-o`` file (without it an existing file is kept)."""
    parser.add_argument("--force", action="store_true",
                        help="replace FILE if it exists (otherwise an existing file is kept)")


def write_output(
    args: argparse.Namespace, content: str | Callable[[TextIO], object]
) -> ExportedFile | None:
    """Write an export to ``args.output``, refusing an existing file without ``--force``;
    where it went (``.message(...)`` says so), or None after printing why not."""
    from interview_tui.services.exports import ExportExists, ExportWriteError, write_export

    try:
        return write_export(args.output, content,
                            on_exists="replace" if args.force else "refuse")
    except ExportExists as exc:
        fail(f"{exc} Pass --force to replace it, or give another name.")
    except ExportWriteError as exc:
        fail(str(exc))
    return None
