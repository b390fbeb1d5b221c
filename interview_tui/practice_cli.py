"""`interview-tui questions generate --application ID --type TYPE [--count N]`."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import TYPE_CHECKING

from interview_tui.cli_common import BAD_INPUT, OK, fail

if TYPE_CHECKING:
    from interview_tui.config import Settings
    from interview_tui.services.question_library import BankEntry


def generate(args: argparse.Namespace, settings: Settings) -> int:
    """Generate a practice set with the configured coach (the database is open)."""
    from interview_tui.bank_cli import entry_json
    from interview_tui.services.coach import make_coach
    from interview_tui.services.coach.base import CoachError
    from interview_tui.services.practice_set import PracticeSetError, applications_line
    from interview_tui.services.workspace import Workspace
    from interview_tui.store.models import JobApplication

    if args.application is None:
        ids = [a.id for a in JobApplication.select(JobApplication.id)]
        if len(ids) != 1:
            return fail(f"say which application with --application ID. {applications_line()}")
        args.application = ids[0]

    workspace = Workspace(coach_factory=lambda: make_coach(settings), prefetch=False)

    async def run() -> list[BankEntry]:
        try:
            return await workspace.practice.generate(
                args.application, args.practice_type, args.count
            )
        finally:
            await workspace.aclose()

    plural = "" if args.count == 1 else "s"
    print(f"Writing {args.count} {args.practice_type.replace('_', '-')} question{plural} with "
          f"{settings.coach_label}...", file=sys.stderr)
    try:
        added = asyncio.run(run())
    except PracticeSetError as exc:
        return fail(str(exc), BAD_INPUT)
    except CoachError as exc:
        return fail(f"the coach could not write the set: {exc.message}", BAD_INPUT)
    if args.json:
        print(json.dumps([entry_json(e) for e in added], indent=2, ensure_ascii=False))
        return OK
    if not added:
        print("No new questions: every one written is already in your bank.")
        return OK
    for number, entry in enumerate(added, start=1):
        print(f"{number}. [{entry.key}] {entry.text}")
        print(f"   {entry.competency} · {entry.difficulty}")
        print(f"   Guidance: {entry.guidance}")
        for follow in entry.follow_ups:
            print(f"   Follow-up: {follow}")
        print(f"   Example answer: {entry.example_answer}")
        if entry.ungrounded:
            print(f"   Not in your resume (check): {', '.join(entry.ungrounded)}")
    print(f"Saved {len(added)} questions into the bank for application {args.application}.")
    return OK
