"""`interview-tui export progress --format md|html [-o FILE]`: the progress report."""

from __future__ import annotations

import argparse
import sys

from interview_tui.cli_common import force_option, write_output
from interview_tui.config import Settings


def register(export: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``progress`` to the ``export`` command's subcommands."""
    parser = export.add_parser("progress", help="the progress report (scores, competencies, plan)")
    parser.add_argument("--format", choices=("md", "html"), default="md")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    parser.add_argument("--application", type=int, help="only this application's sessions")
    parser.add_argument("--stage", help="only this stage (recruiter_screen, hiring_manager, technical)")
    force_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from interview_tui.services.catalog import STAGES, stage_label
    from interview_tui.services.progress import ProgressFilter
    from interview_tui.services.progress_report import progress_html, report_markdown
    from interview_tui.store import StoreError, close_database, open_database

    if args.stage and args.stage not in STAGES:
        print(f"interview-tui: unknown stage {args.stage!r}; choose one of {', '.join(STAGES)}",
              file=sys.stderr)
        return 2
    if not settings.db_path.exists():
        print(f"interview-tui: no database at {settings.db_path} yet; practise first.",
              file=sys.stderr)
        return 1
    try:
        open_database(settings.db_path)
    except StoreError as exc:
        print(f"interview-tui: {exc}", file=sys.stderr)
        return 2
    try:
        scope = ", ".join(
            part for part in (
                f"application {args.application}" if args.application else "",
                stage_label(args.stage) if args.stage else "",
            ) if part
        )
        markdown = report_markdown(ProgressFilter(args.application, args.stage), scope)
    finally:
        close_database()
    text = progress_html(markdown) if args.format == "html" else markdown
    if not args.output:
        sys.stdout.write(text)
        return 0
    written = write_output(args, text)
    if written is None:
        return 2
    print(written.message("Wrote the progress report to"), file=sys.stderr)
    return 0
