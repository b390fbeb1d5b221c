"""Exports: where they go, and writing them without ever losing a file.

Every export (a session, a document, the progress report, every session, the thank-you
email; from the app or the command line) goes through ``write_export``:

- unless the user names a path, into ``exports_dir(data_dir)``, ``<data dir>/exports/``,
  so a hosted user's exports stay in their own data directory;
- through a temporary file and a rename, so a failed write leaves no half file;
- never over an existing file unless asked: the app writes the next free numbered name
  (``report-2.md``) and says so, the command line refuses unless ``--force``. A file that
  already holds exactly this text is left alone and reported as such.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from interview_tui.services.db_runner import DbRunner

OnExists = Literal["number", "refuse", "replace"]


class ExportWriteError(OSError):
    pass


class ExportExists(ExportWriteError):
    """The target is there and the caller did not allow replacing it; nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; nothing was written.")
        self.path = path


@dataclass(frozen=True)
class ExportedFile:
    """Where an export went: ``path`` differs from ``wanted`` when that name was taken."""

    path: Path
    wanted: Path
    unchanged: bool = False  # ``path`` already held exactly this text; it was not touched

    @property
    def note(self) -> str:
        """What the user should be told besides the path ('' when nothing is surprising)."""
        if self.unchanged:
            return f"{self.path.name} already holds this export; it was left as it was."
        if self.path != self.wanted:
            return f"{self.wanted.name} was already there, so this is {self.path.name}."
        return ""

    def message(self, lead: str = "Saved to") -> str:
        """One line for a notification, a status line or stderr: where, and anything odd."""
        if self.unchanged:
            return f"{self.path} already holds this export; it was left as it was."
        return " ".join(part for part in (f"{lead} {self.path}.", self.note) if part)


def exports_dir(data_dir: Path) -> Path:
    """Where exports go unless the user names a path: ``<data dir>/exports/``."""
    return data_dir / "exports"


def default_export_path(data_dir: Path, what: str, item_id: int, fmt: str) -> Path:
    """The file a ``what`` export of ``item_id`` gets unless the user says otherwise."""
    return exports_dir(data_dir) / f"{what}-{item_id}.{fmt}"


def default_file_mode() -> int:
    """What a newly created file gets under the user's umask (mkstemp makes 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def numbered(path: Path) -> Iterator[Path]:
    """``path``, then ``stem-2.suffix``, ``stem-3.suffix`` ... (a bounded walk)."""
    yield path
    for n in range(2, 10_000):
        yield path.with_name(f"{path.stem}-{n}{path.suffix}")


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _place(temp: Path, target: Path, on_exists: OnExists, data: bytes | None) -> ExportedFile:
    """Give the finished temporary file its name; never replaces a file unless told to."""
    if on_exists == "replace":
        os.replace(temp, target)
        return ExportedFile(target, target)
    for candidate in numbered(target):
        if data is not None and _holds(candidate, data):
            return ExportedFile(candidate, target, unchanged=True)
        try:
            # A hard link fails if the name is taken: no window between check and write.
            os.link(temp, candidate)
        except FileExistsError:
            if on_exists == "refuse":
                raise ExportExists(candidate) from None
            continue
        except OSError:
            # A file system without hard links: check, then rename.
            if candidate.exists():
                if on_exists == "refuse":
                    raise ExportExists(candidate) from None
                continue
            os.replace(temp, candidate)
        return ExportedFile(candidate, target)
    raise ExportWriteError(f"Cannot write {target}: too many numbered copies beside it.")


def write_export(
    path: str | Path,
    content: str | Callable[[TextIO], object],
    *,
    on_exists: OnExists = "number",
) -> ExportedFile:
    """Write ``content`` (text, or a function that writes to the file) to ``path``.

    Atomic (a temporary file, then a rename); an existing file is kept and the next
    numbered name used (``number``), or ``ExportExists`` raised (``refuse``), or it is
    replaced (``replace``). Any failure is an ``ExportWriteError`` with a clear message.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise ExportWriteError(f"{target} is a directory; give a file name.")
    data = content.encode("utf-8") if isinstance(content, str) else None
    if data is not None and on_exists != "replace" and _holds(target, data):
        return ExportedFile(target, target, unchanged=True)
    if on_exists == "refuse" and target.exists():
        raise ExportExists(target)  # before a long streamed write, not after it
    temp: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        temp = Path(name)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if isinstance(content, str):
                fh.write(content)
            else:
                content(fh)
        os.chmod(temp, default_file_mode())
        return _place(temp, target, on_exists, data)
    except ExportWriteError:
        raise
    except OSError as exc:
        raise ExportWriteError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)


class ExportService:
    """Exports from the app, on the workspace's database thread (the file is written there
    too); an existing file is never replaced (see ``write_export``)."""

    def __init__(self, runner: DbRunner) -> None:
        self._runner = runner

    async def session_to_file(self, session_id: int, fmt: str, path: str | Path) -> ExportedFile:
        from interview_tui.services.session_export import session_export

        def run() -> ExportedFile:
            return write_export(path, session_export(session_id, fmt)[1])

        return await self._runner.run(run)
