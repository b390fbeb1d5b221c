"""The progress report as Markdown (one function renders it) and as self-contained HTML."""

from __future__ import annotations

from pathlib import Path

from interview_tui.clock import now
from interview_tui.services.catalog import SESSION_MODES, competency_label, stage_label
from interview_tui.services.export_format import html_document
from interview_tui.services.exports import ExportedFile, write_export
from interview_tui.services.progress import (
    ProgressFilter,
    ProgressReport,
    build_report,
    build_summary,
)

BARS = " ▁▂▃▄▅▆▇█"
REPORT_POINTS = 12  # rows of the "over time" table


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def sparkline(means: list[float]) -> str:
    return "".join(BARS[max(1, min(8, round(m / 10 * 8)))] for m in means)


def progress_markdown(report: ProgressReport, *, title: str = "Interview practice progress",
                      scope: str = "", over_time: ProgressReport | None = None) -> str:
    """The whole report. ``over_time``: the same report with few chart points, for the table."""
    lines = [f"# {title}", ""]
    if scope:
        lines += [f"_{scope}_", ""]
    if report.sessions == 0 and not report.competencies:
        return "\n".join([*lines, "No completed session yet.", ""])
    modes = ", ".join(f"{n} {SESSION_MODES.get(m, m).lower()}{'s' if n != 1 else ''}"
                      for m, n in sorted(report.by_mode.items()))
    first, latest, delta = report.first_score, report.latest_score, report.improvement
    lines += ["## Summary", "", f"- Completed sessions: {report.sessions:,} ({modes})"]
    if first is not None and latest is not None and delta is not None:
        lines.append(f"- Improvement: first session {first:.1f}, latest {latest:.1f}, {delta:+.1f}")
    if report.mean_score is not None:
        lines.append(f"- Mean session score: {report.mean_score:.1f}")
    ready, almost, needs = report.readiness_counts
    lines.append(f"- Readiness: Ready {ready:,}, Almost Ready {almost:,}, Needs Practice {needs:,}")
    if report.avg_seconds is not None:
        lines.append(f"- Average time per question: {report.avg_seconds:.0f} s "
                     f"(over {report.timed_questions:,} timed questions)")
    if report.strongest is not None:
        lines.append(f"- Strongest competency: {competency_label(report.strongest.competency)} "
                     f"({report.strongest.mean:.1f})")
    if report.weakest is not None:
        lines.append(f"- Weakest competency: {competency_label(report.weakest.competency)} "
                     f"({report.weakest.mean:.1f})")
    if report.trend:
        lines += ["", "## Score over time", "", f"`{sparkline([p.mean for p in report.trend])}` "
                  "(oldest to newest, 0-10)", ""]
        table = over_time.trend if over_time is not None else report.trend
        lines += ["| From | To | Sessions | Mean score | Readiness |", "|---|---|---:|---:|---|"]
        for p in table:
            lines.append(f"| {p.first_at:%Y-%m-%d} | {p.last_at:%Y-%m-%d} | {p.sessions:,} | "
                         f"{p.mean:.1f} | {p.readiness} |")
    if report.competencies:
        lines += ["", "## Scores per competency", "",
                  "| Competency | Questions | Average | Best | Lowest |", "|---|---:|---:|---:|---:|"]
        for c in report.competencies:
            lines.append(f"| {competency_label(c.competency)} | {c.questions:,} | {c.mean:.1f} | "
                         f"{c.best} | {c.worst} |")
    if report.plan:
        lines += ["", "## Practice plan", ""]
        for i, item in enumerate(report.plan, start=1):
            lines.append(f"{i}. **Drill {competency_label(item.competency)}** "
                         f"({stage_label(item.stage)}, {item.difficulty}): {_cell(item.why)}")
            for q in item.questions:
                lines.append(f"   - Next: {_cell(q)}")
            if item.redo is not None:
                lines.append(f"   - Redo: “{_cell(item.redo.text)}” (scored {item.redo.score})")
    return "\n".join([*lines, ""])


def progress_html(markdown: str, *, title: str = "Interview practice progress") -> str:
    return html_document(title, markdown, footer="ExportedFile by interview-tui from your local data.")


def report_markdown(f: ProgressFilter, scope: str = "") -> str:
    """The progress report for ``f`` as Markdown (on the database thread)."""
    return progress_markdown(
        build_report(f), scope=scope, over_time=build_summary(f, points=REPORT_POINTS)
    )


def export_files(f: ProgressFilter, folder: Path, scope: str = "") -> tuple[ExportedFile, ExportedFile]:
    """Write the report as Markdown and HTML into ``folder``; where each went."""
    markdown = report_markdown(f, scope)
    stem = folder / f"progress-{now():%Y%m%d-%H%M%S}"
    return (write_export(stem.with_suffix(".md"), markdown),
            write_export(stem.with_suffix(".html"), progress_html(markdown)))
