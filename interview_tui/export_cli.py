"""`interview-tui export ...` and `interview-tui sessions`: sessions and documents out."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, TextIO

from interview_tui import progress_cli
from interview_tui.cli_common import (
    BAD_INPUT,
    OK,
    close_store,
    fail,
    force_option,
    open_store,
    write_output,
)
from interview_tui.services.catalog import STAGES

if TYPE_CHECKING:
    from interview_tui.config import Settings

STATUSES = ("unfinished", "finished", "completed", "abandoned")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser("export", help="export a session, a document or every session")
    export.set_defaults(handler=run_export)
    what = export.add_subparsers(dest="what", required=True)
    for name, helptext in (("session", "one mock session"), ("document", "one document version")):
        one = what.add_parser(name, help=helptext)
        one.add_argument("id", type=int)
        _format(one)
    every = what.add_parser("sessions", help="every session, streamed one at a time")
    every.add_argument("--stage", choices=STAGES)
    _format(every)
    progress_cli.register(what)

    sessions = sub.add_parser("sessions", help="list mock sessions")
    sessions.set_defaults(handler=run_sessions)
    sessions.add_argument("--json", action="store_true", help="print JSON")
    sessions.add_argument("--stage", choices=STAGES)
    sessions.add_argument("--status", choices=STATUSES)
    sessions.add_argument("--limit", type=int, help="only the newest N")


def _format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("md", "html"), default="md", dest="fmt")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    force_option(parser)


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    problem = open_store(settings)
    if problem:
        return fail(problem)
    try:
        if args.what == "sessions":
            return _export_all(args)
        return _export_one(args)
    finally:
        close_store()


def _export_one(args: argparse.Namespace) -> int:
    from interview_tui.services.document_store import DocumentNotFound
    from interview_tui.services.session_view import SessionNotFound

    try:
        if args.what == "session":
            from interview_tui.services.session_export import session_export

            _, text = session_export(args.id, args.fmt)
        else:
            from interview_tui.services.document_export import document_export

            _, text = document_export(args.id, args.fmt)
    except (SessionNotFound, DocumentNotFound) as exc:
        return fail(str(exc))
    if not args.output:
        sys.stdout.write(text)
        return OK
    written = write_output(args, text)
    if written is None:
        return BAD_INPUT
    print(written.message(f"Wrote {args.what} {args.id} to"), file=sys.stderr)
    return OK


def _export_all(args: argparse.Namespace) -> int:
    from interview_tui.services.session_export import write_sessions

    if not args.output:
        count = write_sessions(sys.stdout, args.fmt, stage=args.stage)
        print(f"Exported {count:,} sessions.", file=sys.stderr)
        return OK
    counted: list[int] = []

    def write(out: TextIO) -> None:
        counted.append(write_sessions(
            out, args.fmt, stage=args.stage,
            on_progress=lambda n: print(f"  {n:,} sessions...", file=sys.stderr),
        ))

    written = write_output(args, write)
    if written is None:
        return BAD_INPUT
    print(written.message(f"Exported {counted[0]:,} sessions to"), file=sys.stderr)
    return OK


def run_sessions(args: argparse.Namespace, settings: Settings) -> int:
    if args.limit is not None and args.limit < 1:
        return fail("--limit must be 1 or more.", BAD_INPUT)
    problem = open_store(settings)
    if problem:
        return fail(problem)
    try:
        from interview_tui.services.history import list_sessions
        from interview_tui.services.session_export import when

        rows = list_sessions(stage=args.stage, state=args.status, limit=args.limit)
        if args.json:
            print(json.dumps([{
                "id": r.id, "date": r.started_at.isoformat(timespec="seconds") + "Z",
                "application": {"company": r.company, "role": r.role}, "stage": r.stage,
                "score": r.overall_score, "readiness": r.readiness, "status": r.state_label,
                "state": r.state, "questions": f"{r.questions_asked}/{r.question_count}",
            } for r in rows], indent=2, ensure_ascii=False))
            return OK
        if not rows:
            filtered = args.stage or args.status
            print("No session matches those filters." if filtered else "No sessions yet.")
            return OK
        table = [("ID", "DATE", "APPLICATION", "STAGE", "SCORE", "READINESS", "STATUS")]
        table += [(
            str(r.id), when(r.started_at), f"{r.company} · {r.role}", r.stage_label,
            "—" if r.overall_score is None else f"{r.overall_score:.1f}",
            r.readiness or "—", r.state_label,
        ) for r in rows]
        widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
        for row in table:
            print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        return OK
    finally:
        close_store()
