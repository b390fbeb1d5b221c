"""Markdown to a self-contained HTML page: no remote fonts, scripts or styles, so an
export opens anywhere, offline. Every export (sessions, documents, progress) is written
as Markdown first and turned into HTML here."""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

_STYLE = """
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1f23;
       max-width: 46rem; margin: 2.5rem auto; padding: 0 1.25rem; }
h1, h2, h3 { line-height: 1.25; } h1 { font-size: 1.7rem; } h2 { margin-top: 2rem; }
table { border-collapse: collapse; margin: 1rem 0; } th, td { border: 1px solid #ccd;
        padding: .3rem .6rem; text-align: left; vertical-align: top; }
blockquote { border-left: 3px solid #99a; margin: 1rem 0; padding: .1rem 1rem; color: #444; }
code { background: #f2f2f5; padding: 0 .25rem; border-radius: 3px; }
footer { margin-top: 3rem; color: #666; font-size: .85rem; }
@media (prefers-color-scheme: dark) { body { background: #17181b; color: #e4e4e8; }
  th, td { border-color: #444; } code { background: #26272b; } blockquote { color: #bbb; } }
"""

# html=False: text the user typed (answers, notes) can never become markup or script.
_MD = MarkdownIt("commonmark", {"html": False}).enable("table")


def markdown_to_html(markdown: str) -> str:
    """The body HTML for ``markdown``."""
    html: str = _MD.render(markdown)  # markdown-it types it Any
    return html


def html_head(title: str) -> str:
    """The start of a self-contained page, up to and including ``<body>``."""
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
    )


def html_tail(footer: str = "") -> str:
    """The end of the page that ``html_head`` began (for pages written piece by piece)."""
    foot = f"<footer>{escape(footer)}</footer>" if footer else ""
    return f"{foot}\n</body>\n</html>\n"


def html_document(title: str, markdown: str, *, footer: str = "") -> str:
    """A complete, self-contained HTML page for ``markdown``."""
    return f"{html_head(title)}{markdown_to_html(markdown)}{html_tail(footer)}"
