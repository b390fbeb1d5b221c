"""The layers: nothing below the screens imports Textual, checked statically and at run time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "interview_tui"


def below_the_ui() -> list[Path]:
    return [
        p
        for p in PACKAGE.rglob("*.py")
        if p != PACKAGE / "app.py" and PACKAGE / "screens" not in p.parents
    ]


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_below_the_screens_imports_textual():
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(m for m in imported_modules(p) if m.split(".")[0] == "textual")
        for p in below_the_ui()
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(below_the_ui()) > 20, "the walk found the package"


def test_the_engine_runs_without_loading_textual():
    code = (
        "import sys, interview_tui.services.interview, interview_tui.services.coach.claude, "
        "interview_tui.services.coach.offline, interview_tui.services.history, interview_tui.cli; "
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
