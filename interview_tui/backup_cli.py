"""`interview-tui backup FILE` and `interview-tui restore FILE`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from interview_tui.cli_common import BAD_INPUT, OK, fail

if TYPE_CHECKING:
    from interview_tui.config import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = sub.add_parser("backup", help="copy everything to one backup file")
    backup.add_argument("file")
    backup.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    backup.set_defaults(handler=run_backup)
    restore = sub.add_parser("restore", help="bring a backup into the data directory")
    restore.add_argument("file")
    restore.add_argument("--force", action="store_true",
                         help="replace the data already there without asking")
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace, settings: Settings) -> int:
    from interview_tui.services.backup import BackupError, backup_database

    try:
        info = backup_database(settings.db_path, args.file, force=args.force)
    except BackupError as exc:
        return fail(str(exc))
    print(f"Backed up {info.summary()} (schema version {info.schema_version}) to {info.path}.")
    return OK


def run_restore(args: argparse.Namespace, settings: Settings) -> int:
    from interview_tui.services.backup import (
        BackupError,
        RestoreNeedsConfirmation,
        inspect_backup,
        restore_database,
    )

    try:
        info = inspect_backup(args.file)
        try:
            result = restore_database(info.path, settings.db_path, replace=args.force)
        except RestoreNeedsConfirmation as exc:
            held = ", ".join(f"{n:,} {table}" for table, n in sorted(exc.counts.items()))
            print(f"{settings.data_dir} already holds data ({held}).", file=sys.stderr)
            if not sys.stdin.isatty():
                return fail("not restored: pass --force to replace it.", BAD_INPUT)
            answer = input(f"Replace it with the backup ({info.summary()})? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                print("Nothing was changed.")
                return BAD_INPUT
            result = restore_database(info.path, settings.db_path, replace=True)
    except BackupError as exc:
        return fail(str(exc))
    print(f"Restored {info.summary()} (schema version {info.schema_version}) into "
          f"{settings.data_dir}.")
    if result.previous is not None:
        print(f"The database it replaced is kept as {result.previous}.")
    return OK
