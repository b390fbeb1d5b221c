"""Exports from the app: a session or a document to Markdown or self-contained HTML,
written to a file the user chose (atomically: a failed write leaves no half file)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from interview_tui.services.db_runner import DbRunner


class ExportWriteError(OSError):
    pass


def default_export_path(what: str, item_id: int, fmt: str) -> Path:
    """Where an export goes unless the user says otherwise: ~/interview-tui-exports/."""
    return Path.home() / "interview-tui-exports" / f"{what}-{item_id}.{fmt}"


def default_file_mode() -> int:
    """What a newly created file gets under the user's umask (mkstemp makes 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_text_file(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` via a temporary file and a rename; a clear error if not."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise ExportWriteError(f"{target} is a directory; give a file name.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.chmod(temp, default_file_mode())
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ExportWriteError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    return target


class ExportService:
    """Exports, on the workspace's database thread (the file is written there too)."""

    def __init__(self, runner: DbRunner) -> None:
        self._runner = runner

    async def session_to_file(self, session_id: int, fmt: str, path: str | Path) -> Path:
        from interview_tui.services.session_export import session_export

        def run() -> Path:
            return write_text_file(path, session_export(session_id, fmt)[1])

        return await self._runner.run(run)

    async def document_to_file(self, document_id: int, fmt: str, path: str | Path) -> Path:
        from interview_tui.services.document_export import document_export

        def run() -> Path:
            return write_text_file(path, document_export(document_id, fmt)[1])

        return await self._runner.run(run)
