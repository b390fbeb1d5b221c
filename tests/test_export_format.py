"""Markdown to self-contained HTML."""

from __future__ import annotations

import re

from interview_tui.services.export_format import html_document


def test_html_is_self_contained_and_escapes_what_the_user_typed() -> None:
    page = html_document("Session <1>", "# Result\n\nI said <script>alert(1)</script> & more.")
    assert page.startswith("<!doctype html>") and "<title>Session &lt;1&gt;</title>" in page
    assert "<h1>Result</h1>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    # Nothing is fetched from anywhere: no remote links, scripts or fonts.
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page)


def test_tables_render() -> None:
    page = html_document("t", "| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<table>" in page and "<td>1</td>" in page
