"""Importing resumes and job descriptions: every format, and every way a file can be bad."""

from __future__ import annotations

import io
import os
import random
import re
import sys
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest

from interview_tui.services import documents
from interview_tui.services.documents import (
    MAX_DOCUMENT_BYTES,
    SUPPORTED_EXTENSIONS,
    DocumentError,
    ImportedText,
    clean_document_text,
    read_document,
)

# ── building real files ───────────────────────────────────────────────────────


def make_pdf(pages: list[list[str] | None]) -> bytes:
    """A minimal valid PDF, one page per entry: lines of Helvetica text, or ``None`` for a
    page that only paints a rectangle (what a scanned image looks like to a text reader)."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    page_ids = []
    next_id = 4
    for lines in pages:
        page_id, content_id = next_id, next_id + 1
        next_id += 2
        page_ids.append(page_id)
        if lines is None:
            stream = b"0 0 1 rg 10 10 100 100 re f"
        else:
            parts = [b"BT /F1 12 Tf 72 720 Td 14 TL"]
            for line in lines:
                escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                parts.append(b"(" + escaped.encode("cp1252") + b") Tj T*")
            parts.append(b"ET")
            stream = b"\n".join(parts)
        objects[content_id] = b"<< /Length %d >>\nstream\n%b\nendstream" % (len(stream), stream)
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_id
        )
    kids = b" ".join(b"%d 0 R" % p for p in page_ids)
    objects[2] = b"<< /Type /Pages /Kids [%b] /Count %d >>" % (kids, len(page_ids))

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%b\nendobj\n" % (number, objects[number]))
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return out.getvalue()


def encrypted_copy(pdf: bytes, *, user_password: str, owner_password: str | None = None) -> bytes:
    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(path: Path, *, header: str | None = None) -> Path:
    document = docx.Document()
    document.add_heading("Jane Doe", level=1)
    document.add_paragraph("Senior engineer who shipped the billing rewrite 👩‍💻.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Skill"
    table.cell(0, 1).text = "Years"
    table.cell(1, 0).text = "Python"
    table.cell(1, 1).text = "7"
    document.add_paragraph("Education: BSc Computer Science")
    if header is not None:
        section = document.sections[0]
        section.header.is_linked_to_previous = False
        section.header.paragraphs[0].text = header
    document.save(str(path))
    return path


def assert_names_file(exc: pytest.ExceptionInfo[DocumentError], path: Path) -> None:
    assert str(path) in str(exc.value)
    assert exc.value.path == path


# ── plain text and markdown ──────────────────────────────────────────────────


def test_utf8_text_keeps_every_script(tmp_path: Path) -> None:
    source = "Jane Doe 👩‍💻\n张伟 — 工程师\nשלום עולם\nمرحبا\n"
    path = tmp_path / "resume.txt"
    path.write_text(source, encoding="utf-8")
    result = read_document(path)
    assert isinstance(result, ImportedText)
    assert result.text == source.strip("\n")
    assert result.warnings == []


def test_accepts_a_str_path_and_upper_case_extension(tmp_path: Path) -> None:
    path = tmp_path / "JOB.TXT"
    path.write_text("Staff engineer, payments", encoding="utf-8")
    assert read_document(str(path)).text == "Staff engineer, payments"


def test_markdown_with_bom_crlf_and_messy_whitespace(tmp_path: Path) -> None:
    path = tmp_path / "job.md"
    raw = "# Senior Engineer   \r\n\r\n\r\n\r\n  - Python    and\tSQL  \r\n\u00a0\r\n- Leadership\r\n\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + raw.encode("utf-8"))
    result = read_document(path)
    # Line breaks kept, blank-line runs collapsed to one, indentation kept,
    # runs of spaces inside a line collapsed, trailing spaces gone, BOM gone.
    assert result.text == "# Senior Engineer\n\n  - Python and\tSQL\n\n- Leadership"
    assert result.warnings == []


def test_control_characters_are_stripped(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes(b"Jane\x00 Doe\x07\n\x1b[31mRed\x1b[0m\x0cPage two\x7f")
    # A NUL makes a .txt look binary; without it, controls are simply dropped.
    with pytest.raises(DocumentError, match="binary"):
        read_document(path)
    path.write_bytes(b"Jane Doe\x07\n\x1b[31mRed\x1b[0m\x0cPage two\x7f")
    assert read_document(path).text == "Jane Doe\n[31mRed[0m\nPage two"


def test_invalid_utf8_bytes_still_import_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes("Café lead, ".encode() + b"\xff\xfe" + " naïve 🚀".encode())
    result = read_document(path)
    assert result.text.startswith("Café lead, ")
    assert result.text.endswith(" naïve 🚀")
    assert "\ufffd" in result.text
    assert len(result.warnings) == 1
    assert "undecodable" in result.warnings[0]
    assert "2 " in result.warnings[0]


def test_legacy_windows_text_is_read_as_cp1252_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes("Café – naïve résumé\r\n€100k budget".encode("cp1252"))
    result = read_document(path)
    assert result.text == "Café – naïve résumé\n€100k budget"
    assert any("not UTF-8" in w and "Windows-1252" in w for w in result.warnings)


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes("Jürgen 👋\r\nBerlin".encode("utf-16"))
    assert read_document(path) == ImportedText("Jürgen 👋\nBerlin", [])


def test_clean_document_text_spells_out_ligatures_and_drops_soft_hyphens() -> None:
    assert clean_document_text("e\ufb03cient \ufb01nance co\u00adordination") == (
        "efficient finance coordination"
    )
    assert clean_document_text("a\u2028b\u2029c") == "a\nb\nc"


# ── PDF ──────────────────────────────────────────────────────────────────────


def test_pdf_text_from_every_page(tmp_path: Path) -> None:
    path = tmp_path / "resume.pdf"
    path.write_bytes(
        make_pdf([["Jane Doe", "Senior Engineer (2019-2024)", "Café résumé"], ["Page two"]])
    )
    result = read_document(path)
    assert result.text == "Jane Doe\nSenior Engineer (2019-2024)\nCafé résumé\n\nPage two"
    assert result.warnings == []


def test_pdf_upper_case_extension(tmp_path: Path) -> None:
    path = tmp_path / "RESUME.PDF"
    path.write_bytes(make_pdf([["Hello"]]))
    assert read_document(path).text == "Hello"


def test_pdf_with_only_an_owner_password_imports(tmp_path: Path) -> None:
    path = tmp_path / "resume.pdf"
    path.write_bytes(
        encrypted_copy(make_pdf([["Jane Doe"]]), user_password="", owner_password="owner")
    )
    assert read_document(path).text == "Jane Doe"


def test_password_protected_pdf(tmp_path: Path) -> None:
    path = tmp_path / "resume.pdf"
    path.write_bytes(encrypted_copy(make_pdf([["Jane Doe"]]), user_password="secret"))
    with pytest.raises(DocumentError, match="password-protected") as exc:
        read_document(path)
    assert_names_file(exc, path)


def test_encrypted_pdf_without_the_crypto_dependency(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf.errors import DependencyError

    def needs_crypto(self: pypdf.PdfReader, password: str) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(pypdf.PdfReader, "decrypt", needs_crypto)
    path = tmp_path / "resume.pdf"
    path.write_bytes(encrypted_copy(make_pdf([["Jane"]]), user_password=""))
    with pytest.raises(DocumentError, match=r"encrypted.*cryptography"):
        read_document(path)


def test_scanned_pdf_without_text(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([None, None]))
    with pytest.raises(DocumentError, match=r"no extractable text.*scanned image") as exc:
        read_document(path)
    assert_names_file(exc, path)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"%PDF-1.4\n" + bytes(range(256)) * 10, id="garbage-after-header"),
        pytest.param(make_pdf([["hello world"]])[:300], id="truncated"),
    ],
)
def test_corrupt_pdf(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "resume.pdf"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match="damaged") as exc:
        read_document(path)
    assert_names_file(exc, path)


def test_file_named_pdf_that_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "resume.pdf"
    path.write_text("just some words", encoding="utf-8")
    with pytest.raises(DocumentError, match="not a PDF"):
        read_document(path)


def test_damaged_but_readable_pdf_warns_and_keeps_the_terminal_clean(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "resume.pdf"
    good = make_pdf([["hello world"]])
    path.write_bytes(re.sub(rb"startxref\n\d+", b"startxref\n9999", good))
    result = read_document(path)
    assert result.text == "hello world"
    assert any("structural problems" in w for w in result.warnings)
    out, err = capfd.readouterr()
    assert out == "" and err == ""  # pypdf's log lines would draw over the TUI


def test_a_page_that_fails_is_skipped_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = pypdf.PageObject.extract_text

    def flaky(self: pypdf.PageObject, *args: object, **kwargs: object) -> str:
        if "Two" in original(self):
            raise KeyError("/Font")
        return original(self)

    monkeypatch.setattr(pypdf.PageObject, "extract_text", flaky)
    path = tmp_path / "resume.pdf"
    path.write_bytes(make_pdf([["One"], ["Two"], ["Three"]]))
    result = read_document(path)
    assert result.text == "One\n\nThree"
    assert result.warnings == ["Could not read the text of page(s) 2; they were skipped."]


# ── Word ─────────────────────────────────────────────────────────────────────


def test_docx_paragraphs_tables_and_header(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "resume.docx", header="jane@example.com · +1 555 0100")
    result = read_document(path)
    assert result.text == (
        "jane@example.com · +1 555 0100\n"
        "Jane Doe\n"
        "Senior engineer who shipped the billing rewrite 👩‍💻.\n"
        "Skill | Years\n"
        "Python | 7\n"
        "Education: BSc Computer Science"
    )
    assert result.warnings == []


def test_docx_merged_cells_are_not_repeated(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Acme Corp"
    table.cell(0, 2).text = "2020"
    path = tmp_path / "resume.docx"
    document.save(str(path))
    assert read_document(path).text == "Acme Corp | 2020"


def test_docx_with_no_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    with pytest.raises(DocumentError, match="contains no text") as exc:
        read_document(path)
    assert_names_file(exc, path)


def _zip_without_word_parts() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    return out.getvalue()


def _docx_with_broken_xml(tmp_path: Path) -> bytes:
    good = make_docx(tmp_path / "good.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "match"),
    [
        pytest.param(lambda tmp: b"PK\x03\x04 not really a zip", "damaged", id="bad-zip"),
        pytest.param(lambda tmp: b"plain words", "damaged", id="not-a-zip"),
        pytest.param(lambda tmp: _zip_without_word_parts(), "damaged", id="zip-not-word"),
        pytest.param(_docx_with_broken_xml, "damaged", id="broken-xml"),
        pytest.param(
            lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
            "password-protected or an old Word .doc",
            id="encrypted-or-doc",
        ),
    ],
)
def test_corrupt_docx(tmp_path: Path, make, match: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "resume.docx"
    path.write_bytes(make(tmp_path))
    with pytest.raises(DocumentError, match=match) as exc:
        read_document(path)
    assert_names_file(exc, path)


# ── the file itself ──────────────────────────────────────────────────────────


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.pdf"
    with pytest.raises(DocumentError, match="no such file") as exc:
        read_document(path)
    assert_names_file(exc, path)


def test_a_directory(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.mkdir()
    with pytest.raises(DocumentError, match="directory") as exc:
        read_document(path)
    assert_names_file(exc, path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    os.mkfifo(path)
    with pytest.raises(DocumentError, match="not a regular file"):
        read_document(path)


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root ignores file permissions"
)
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_text("secret plans", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(DocumentError, match="permission denied") as exc:
            read_document(path)
    finally:
        path.chmod(0o600)
    assert_names_file(exc, path)


def test_permission_denied_on_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "resume.txt"
    path.write_text("secret plans", encoding="utf-8")
    real_open = Path.open

    def guarded_open(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    with pytest.raises(DocumentError, match="permission denied") as exc:
        read_document(path)
    assert_names_file(exc, path)


def test_permission_denied_on_stat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked" / "resume.txt"
    real_stat = Path.stat

    def guarded_stat(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", guarded_stat)
    with pytest.raises(DocumentError, match="permission denied"):
        read_document(path)


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("resume.rtf", r"\.rtf files are not supported"),
        ("resume.doc", r"old Word \.doc files are not supported; save it as \.docx"),
        ("resume", "no extension"),
        ("resume.pages", r"\.pages files are not supported"),
    ],
)
def test_unsupported_extension_lists_the_supported_ones(
    tmp_path: Path, name: str, match: str
) -> None:
    path = tmp_path / name
    path.write_text("words", encoding="utf-8")
    with pytest.raises(DocumentError, match=match) as exc:
        read_document(path)
    assert_names_file(exc, path)
    for extension in SUPPORTED_EXTENSIONS:
        assert extension in str(exc.value)


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.pdf", "empty.docx"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(DocumentError, match="is empty") as exc:
        read_document(path)
    assert_names_file(exc, path)


def test_whitespace_only_text_file(tmp_path: Path) -> None:
    path = tmp_path / "resume.md"
    path.write_bytes(b"  \r\n\r\n \t \x07\n")
    with pytest.raises(DocumentError, match="contains no text"):
        read_document(path)


@pytest.mark.parametrize("name", ["big.txt", "big.pdf", "big.docx"])
def test_file_too_large(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with path.open("wb") as fh:
        fh.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: no need to write 5 MB
    with pytest.raises(DocumentError, match="limit is 5 MB") as exc:
        read_document(path)
    assert_names_file(exc, path)


def test_a_file_at_the_limit_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    line = b"Led the migration of 40 services.\n"
    path.write_bytes(line * (MAX_DOCUMENT_BYTES // len(line)))
    assert read_document(path).text.startswith("Led the migration")


def test_error_messages_read_well(tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"
    with pytest.raises(DocumentError) as exc:
        read_document(path)
    assert str(exc.value) == f"Cannot import {path}: no such file."


@pytest.mark.parametrize("extension", [".txt", ".md", ".pdf", ".docx"])
def test_random_bytes_never_escape_as_anything_but_document_error(
    tmp_path: Path, extension: str
) -> None:
    rng = random.Random(extension)
    seeds: list[bytes] = [make_pdf([["hello", "world"]])]
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    seeds.append(buffer.getvalue())
    for attempt in range(60):
        if attempt % 2:
            data = bytearray(rng.choice(seeds))
            for _ in range(8):
                data[rng.randrange(len(data))] = rng.randrange(256)
        else:
            data = bytearray(rng.randbytes(rng.randint(1, 4000)))
        path = tmp_path / f"fuzz{extension}"
        path.write_bytes(bytes(data))
        try:
            result = read_document(path)
        except DocumentError:
            continue
        assert isinstance(result.text, str) and result.text


def test_no_textual_import() -> None:
    source = Path(documents.__file__).read_text(encoding="utf-8")
    assert "textual" not in re.findall(r"^\s*(?:from|import)\s+(\w+)", source, re.M)


def test_hosted_apps_import_no_files(tmp_path, monkeypatch):
    """serve-ssh sets INTERVIEW_TUI_NO_FILE_IMPORT: the server's files are not the user's."""
    path = tmp_path / "resume.txt"
    path.write_text("Staff engineer, payments", encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_TUI_NO_FILE_IMPORT", "1")
    with pytest.raises(DocumentError, match="importing files is off on this server"):
        read_document(path)
