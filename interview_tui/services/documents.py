"""Importing a resume or a job description from a file.

``read_document(path)`` returns an ``ImportedText``: the cleaned text plus a list of
warnings the caller should show the user (for example "3 bytes could not be decoded"),
so a file that imports imperfectly still imports, and the user is told what to check.
Anything that prevents an import raises ``DocumentError`` whose message names the file
and the problem in words a user can act on; no other exception escapes.

Supported: ``.txt``, ``.md`` (and ``.markdown``, ``.text``), ``.pdf`` (pypdf, text
layer only: no OCR) and ``.docx`` (python-docx; body paragraphs and tables in order,
then page headers). Files larger than ``MAX_DOCUMENT_BYTES`` are refused.

Cleaning is light: control characters go (``text.strip_control_chars``), line breaks
are kept, trailing spaces and runs of spaces inside a line are collapsed, runs of blank
lines become one, common PDF ligatures are spelled out. Leading indentation is kept.
"""

from __future__ import annotations

import io
import logging
import os
import re
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from interview_tui.services.text import strip_control_chars

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown"})
SUPPORTED_EXTENSIONS: tuple[str, ...] = (".txt", ".md", ".pdf", ".docx")

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, or an encrypted .docx
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)
# Invisible characters that only get in the way in imported text: BOM / zero-width
# no-break space, soft hyphen. (Zero-width joiners stay: emoji and scripts need them.)
_INVISIBLE = str.maketrans({"\ufeff": None, "\u00ad": None})
_NEWLINE_LIKE = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x85": "\n", "\x0c": "\n"})
_INNER_SPACES = re.compile(r"(?<=\S)[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}")
_NBSP_LIKE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f]")
_BLANK_RUNS = re.compile(r"\n{3,}")


class DocumentError(Exception):
    """A file that cannot be imported; the message names the file and says why."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"Cannot import {path}: {problem}")


@dataclass
class ImportedText:
    """The imported text, and what the user should know about how it was read."""

    text: str
    warnings: list[str] = field(default_factory=list)


def supported_extensions_text() -> str:
    return ", ".join(SUPPORTED_EXTENSIONS)


def read_document(path: str | os.PathLike[str]) -> ImportedText:
    """Read a resume or job description from ``path``; ``DocumentError`` if impossible."""
    path = Path(path).expanduser()
    if os.environ.get("INTERVIEW_TUI_NO_FILE_IMPORT") == "1":
        # Set by serve-ssh: a hosted user has no files on the server, and the server's
        # files (or other users' exports) are not theirs to read.
        raise DocumentError(path, "importing files is off on this server; paste the text instead.")
    data = _read_bytes(path)
    suffix = path.suffix.lower()
    warnings: list[str] = []
    if suffix in TEXT_EXTENSIONS:
        raw = _decode_text(path, data, warnings)
    elif suffix == ".pdf":
        raw = _pdf_text(path, data, warnings)
    elif suffix == ".docx":
        raw = _docx_text(path, data)
    else:  # _read_bytes has already refused other extensions
        raise DocumentError(path, _unsupported(suffix))
    text = clean_document_text(raw)
    if not text:
        raise DocumentError(path, "the file contains no text.")
    return ImportedText(text=text, warnings=warnings)


def clean_document_text(text: str) -> str:
    """Control characters out, line breaks kept, spaces tidied; see the module docstring."""
    text = text.translate(_NEWLINE_LIKE)
    text = strip_control_chars(text).translate(_INVISIBLE).translate(_LIGATURES)
    lines = []
    for line in text.split("\n"):
        line = _INNER_SPACES.sub(" ", line.rstrip())
        lines.append(_NBSP_LIKE.sub(" ", line))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


# ── reading the file ────────────────────────────────────────────────────────────


def _unsupported(suffix: str) -> str:
    supported = supported_extensions_text()
    if suffix == ".doc":
        return f"old Word .doc files are not supported; save it as .docx (supported: {supported})."
    if not suffix:
        return f"the file has no extension, so its format is unknown (supported: {supported})."
    return f"{suffix} files are not supported (supported: {supported})."


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DocumentError(path, "no such file.") from None
    except PermissionError:
        raise DocumentError(path, "permission denied (cannot look at the file).") from None
    except OSError as exc:
        raise DocumentError(path, f"cannot access the file ({exc.strerror or exc}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError(path, "it is a directory, not a file.")
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(path, "it is not a regular file.")
    suffix = path.suffix.lower()
    if suffix not in TEXT_EXTENSIONS and suffix not in {".pdf", ".docx"}:
        raise DocumentError(path, _unsupported(suffix))
    if info.st_size > MAX_DOCUMENT_BYTES:
        raise DocumentError(path, _too_large(info.st_size))
    if info.st_size == 0:
        raise DocumentError(path, "the file is empty.")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_DOCUMENT_BYTES + 1)
    except PermissionError:
        raise DocumentError(path, "permission denied (cannot read the file).") from None
    except IsADirectoryError:
        raise DocumentError(path, "it is a directory, not a file.") from None
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc}).") from None
    if len(data) > MAX_DOCUMENT_BYTES:  # grew since stat()
        raise DocumentError(path, _too_large(len(data)))
    if not data:
        raise DocumentError(path, "the file is empty.")
    return data


def _too_large(size: int) -> str:
    limit_mb = MAX_DOCUMENT_BYTES / (1024 * 1024)
    return (
        f"the file is {size / (1024 * 1024):.1f} MB; the limit is {limit_mb:g} MB. "
        "A resume or job description is usually well under 1 MB."
    )


# ── plain text ──────────────────────────────────────────────────────────────────


def _decode_text(path: Path, data: bytes, warnings: list[str]) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return _utf8(data[3:], warnings)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        _warn_replaced(text.count("\ufffd"), warnings)
        return text
    if b"\x00" in data:
        raise DocumentError(path, "it looks like a binary file, not text; is the extension right?")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    if any(ord(ch) > 0x7F and ch != "\ufffd" for ch in text):
        # Valid multi-byte UTF-8 sequences around a few bad bytes: a damaged UTF-8 file.
        _warn_replaced(text.count("\ufffd"), warnings)
        return text
    # No valid UTF-8 beyond ASCII: most likely a legacy Windows (Western European) file.
    text = data.decode("cp1252", errors="replace")
    warnings.append(
        "The file is not UTF-8; it was read as Windows-1252 (Western European). "
        "Check accented letters and symbols."
    )
    _warn_replaced(text.count("\ufffd"), warnings)
    return text


def _utf8(data: bytes, warnings: list[str]) -> str:
    text = data.decode("utf-8", errors="replace")
    _warn_replaced(text.count("\ufffd"), warnings)
    return text


def _warn_replaced(count: int, warnings: list[str]) -> None:
    if count:
        noun = "byte sequence" if count == 1 else "byte sequences"
        warnings.append(
            f"{count} undecodable {noun} replaced with '\ufffd'; check the text around them."
        )


# ── PDF ─────────────────────────────────────────────────────────────────────────


class _CollectLogs(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def _quiet_pypdf() -> Iterator[_CollectLogs]:
    """pypdf logs damage it works around; keep that off the terminal (it would draw
    over the TUI) and count it instead."""
    logger = logging.getLogger("pypdf")
    handler = _CollectLogs()
    saved = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved


def _pdf_text(path: Path, data: bytes, warnings: list[str]) -> str:
    import warnings as py_warnings

    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    if b"%PDF-" not in data[:1024]:
        raise DocumentError(path, "it is not a PDF file (no PDF header); it may be damaged.")
    with _quiet_pypdf() as log, py_warnings.catch_warnings():
        py_warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    unlocked = reader.decrypt("")
                except DependencyError:
                    raise DocumentError(
                        path,
                        "the PDF is encrypted in a way that needs the 'cryptography' package. "
                        "Save an unprotected copy and import that.",
                    ) from None
                if not unlocked:
                    raise DocumentError(
                        path,
                        "the PDF is password-protected. Save an unprotected copy "
                        "(or export it as text) and import that.",
                    )
            pages = list(reader.pages)
        except DocumentError:
            raise
        except Exception as exc:  # pypdf raises many types on bad input, not only PdfReadError
            raise DocumentError(path, f"the PDF is damaged or not a PDF ({_short(exc)}).") from None
        texts: list[str] = []
        failed: list[int] = []
        for number, page in enumerate(pages, start=1):
            try:
                texts.append(page.extract_text() or "")
            except Exception:  # one bad page should not lose the rest
                failed.append(number)
                texts.append("")
    if not pages:
        raise DocumentError(path, "the PDF has no pages.")
    if not any(t.strip() for t in texts):
        if failed:
            raise DocumentError(path, "no text could be read from any page; the PDF is damaged.")
        raise DocumentError(
            path,
            "the PDF has no extractable text; it is probably a scanned image. "
            "Export it as text from the original, or paste the text instead.",
        )
    if failed:
        listed = ", ".join(str(n) for n in failed)
        warnings.append(f"Could not read the text of page(s) {listed}; they were skipped.")
    elif log.count:
        warnings.append(
            "The PDF has structural problems; check that the imported text is complete."
        )
    return "\n\n".join(t.strip("\n") for t in texts if t.strip())


def _short(exc: Exception) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return message if len(message) <= 120 else message[:117] + "..."


# ── Word ────────────────────────────────────────────────────────────────────────


def _docx_text(path: Path, data: bytes) -> str:
    import docx
    from docx.blkcntnr import BlockItemContainer
    from docx.document import Document as WordDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if data.startswith(_OLE_SIGNATURE):
        raise DocumentError(
            path,
            "this is not a .docx file: it is either password-protected or an old Word "
            ".doc renamed. Save an unprotected copy as .docx and import that.",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError(path, "the .docx file is damaged (it is not a valid Word document).")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx, zipfile and lxml each raise their own types
        raise DocumentError(
            path, f"the .docx file is damaged or not a Word document ({_short(exc)})."
        ) from None

    def blocks(container: WordDocument | BlockItemContainer) -> Iterator[str]:
        for item in container.iter_inner_content():
            if isinstance(item, Paragraph):
                yield item.text
            elif isinstance(item, Table):
                yield from table_lines(item)

    def table_lines(table: Table) -> Iterator[str]:
        for row in table.rows:
            cells: list[str] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                    continue
                seen.add(id(cell._tc))
                text = "\n".join(blocks(cell)).strip()
                if text:
                    cells.append(text.replace("\n", " / "))
            if cells:
                yield " | ".join(cells)

    try:
        body = list(blocks(document))
        header: list[str] = []
        for section in document.sections:
            if section.header.is_linked_to_previous:
                continue
            header.extend(
                line for line in blocks(section.header) if line.strip() and line not in header
            )
    except Exception as exc:
        raise DocumentError(path, f"the .docx file is damaged ({_short(exc)}).") from None
    # Headers often hold the name and contact details; put them first, once.
    lines = [line for line in header if line not in body]
    return "\n".join([*lines, *body])
