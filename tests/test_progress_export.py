"""`interview-tui export progress`: the report as Markdown and self-contained HTML."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from interview_tui.cli import main
from interview_tui.services.profiles import ensure_demo_profile
from interview_tui.services.progress import ProgressFilter, build_report
from interview_tui.services.progress_report import progress_markdown
from interview_tui.store import close_database, open_database
from tests.fakes.progress_data import Scored, add_scored_session

T0 = datetime(2026, 3, 2, 9, 0)


def _populate(data_dir: Path) -> None:
    open_database(data_dir / "interview.db")
    app = ensure_demo_profile()
    add_scored_session(app, T0, [Scored("communication", 5, 60), Scored("motivation", 6, 90)])
    add_scored_session(app, T0 + timedelta(days=1), [Scored("system_design", 8, 120),
                                                       Scored("debugging", 4, 30)],
                       stage="technical")
    add_scored_session(app, T0 + timedelta(days=2), [Scored("communication", 9, 45),
                                                       Scored("communication", 7, 75)])
    close_database()


def test_markdown_has_every_figure(demo_application) -> None:
    add_scored_session(demo_application, T0, [Scored("communication", 5, 60)])
    add_scored_session(demo_application, T0 + timedelta(days=1), [Scored("communication", 8, 30),
                                                                    Scored("debugging", 6, 30)])
    md = progress_markdown(build_report(ProgressFilter()))
    assert "- Completed sessions: 2 (2 mock interviews)" in md
    assert "- Improvement: first session 5.0, latest 7.0, +2.0" in md
    assert "- Average time per question: 40 s (over 3 timed questions)" in md
    assert "| Communication | 2 | 6.5 | 8 | 5 |" in md
    assert "- Weakest competency: Debugging (6.0)" in md
    assert "## Practice plan" in md and "**Drill Debugging**" in md


def test_export_progress_markdown_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _populate(tmp_path)
    assert main(["--data-dir", str(tmp_path), "--offline", "export", "progress"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Interview practice progress")
    assert "first session 5.5, latest 8.0, +2.5" in out
    assert "| 2026-03-02 | 2026-03-02 | 1 | 5.5 | Needs Practice |" in out


def test_export_progress_html_file_is_self_contained(tmp_path: Path) -> None:
    _populate(tmp_path)
    target = tmp_path / "progress.html"
    code = main(["--data-dir", str(tmp_path), "export", "progress", "--format", "html",
                 "-o", str(target), "--stage", "technical"])
    assert code == 0
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<table>" in html
    assert "first session 6.0, latest 6.0, +0.0" in html
    assert "http://" not in html and "https://" not in html and "<script" not in html


def test_export_progress_reports_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "export", "progress"]) == 1
    assert "no database" in capsys.readouterr().err
    _populate(tmp_path)
    assert main(["--data-dir", str(tmp_path), "export", "progress", "--stage", "nope"]) == 2
    assert "unknown stage" in capsys.readouterr().err
    (tmp_path / "a-file").write_text("not a folder")
    out = tmp_path / "a-file" / "x.md"
    assert main(["--data-dir", str(tmp_path), "export", "progress", "-o", str(out)]) == 2
    assert "Cannot write" in capsys.readouterr().err
