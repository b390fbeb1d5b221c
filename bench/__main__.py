"""Run every benchmark: ``python -m bench`` (``make bench``); ``--quick`` for fewer runs.

``python -m bench startup scale`` runs only the named ones. The results table at the end
is Markdown; ``--write-readme`` also writes it into README.md and writes it, with every
benchmark's detailed figures, into bench/README.md, so both come from the same run.
``--slow-build`` runs a deliberately slowed build (``bench/slow.py``) and checks that
every benchmark with a target misses it.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import time
from pathlib import Path

from bench import slow
from bench.common import LOG, ROOT, Result

BENCHMARKS = (
    "startup", "turn_overhead", "prefetch", "tokens", "scale", "offline_coach", "coach_quality",
    "prep_offline", "export_scale", "progress_scale", "ssh_start", "pitch_quality",
    "debrief_quality",
)
TABLE_MARKS = ("<!-- bench:table -->", "<!-- /bench:table -->")
FIGURE_MARKS = ("<!-- bench:figures -->", "<!-- /bench:figures -->")


def machine() -> str:
    """CPU model, cores and Python version (no paths, nothing personal)."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        from importlib.metadata import version

        textual = f", Textual {version('textual')}"
    except Exception:
        textual = ""
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}{textual}")


def table(results: list[Result]) -> str:
    lines = ["| Benchmark | Figures | Ratio | Baseline | Target | Verdict |",
             "|---|---|---|---|---|---|"]
    for r in results:
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}"
        lines.append(f"| {r.benchmark} | {r.figures} | {ratio} | {r.baseline} | {r.target} "
                     f"| {r.verdict} |")
    return "\n".join(lines)


def replace_region(path: Path, marks: tuple[str, str], body: str) -> None:
    """Replace the text between the two marker lines of ``path`` with ``body``."""
    text = path.read_text(encoding="utf-8")
    start, end = (re.escape(m) for m in marks)
    pattern = re.compile(f"{start}\n.*?{end}", re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"{path.name} has no {marks[0]} ... {marks[1]} region")
    path.write_text(pattern.sub(lambda _: f"{marks[0]}\n{body}\n{marks[1]}", text),
                    encoding="utf-8")


def write_readmes(results: list[Result], details: dict[str, list[str]], quick: bool) -> None:
    when = time.strftime("%Y-%m-%d")
    kind = "a `--quick` run" if quick else "one `python -m bench` run"
    head = (f"From {kind} on {when}: {machine()}, shared with other jobs, so absolute "
            "times move by tens of percent between runs; ratios and CPU figures less so.")
    replace_region(ROOT / "README.md", TABLE_MARKS, f"{head}\n\n{table(results)}")
    blocks = [head, "", table(results)]
    for name, lines in details.items():
        blocks += ["", f"`{name}`:", "", "```", *lines, "```"]
    replace_region(ROOT / "bench" / "README.md", FIGURE_MARKS, "\n".join(blocks))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs and a shorter session")
    parser.add_argument("--write-readme", action="store_true",
                        help="write this run's table into README.md and bench/README.md")
    parser.add_argument("--slow-build", nargs="?", type=float, const=slow.DEFAULT_MS,
                        metavar="MS", help="slow the measured paths down (default "
                        f"{slow.DEFAULT_MS:.0f} ms each) and check every target is missed")
    parser.add_argument("only", nargs="*", metavar="NAME",
                        help=f"run only these: {', '.join(BENCHMARKS)}")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.only) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    if args.write_readme and (args.only or args.slow_build):
        parser.error("--write-readme needs every benchmark of a normal build")
    if args.slow_build:
        os.environ[slow.ENV] = str(args.slow_build)  # the benchmark children inherit it
    results: list[Result] = []
    details: dict[str, list[str]] = {}
    failed = []
    print(f"Machine: {machine()}", flush=True)
    for name in args.only or BENCHMARKS:
        print(f"\n== {name}", flush=True)
        started, logged = time.perf_counter(), len(LOG)
        module = __import__(f"bench.{name}", fromlist=["run"])
        try:
            found = module.run(quick=args.quick)
            if not getattr(module, "SLOWED", True):
                for result in found:
                    result.slowed = False
            results.extend(found)
        except Exception as exc:  # one broken benchmark must not hide the others
            print(f"  FAILED: {type(exc).__name__}: {exc}", flush=True)
            failed.append(name)
        details[name] = LOG[logged:]
        print(f"  ({time.perf_counter() - started:.0f} s)", flush=True)
    print(f"\n{table(results)}\n\nMachine: {machine()}")
    if failed:
        print(f"Failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    if args.slow_build:
        judged = [r for r in results if r.met is not None and r.slowed]
        apart = [r.benchmark for r in results if r.met is not None and not r.slowed]
        still_met = [r.benchmark for r in judged if r.met]
        print(f"\nSlowed build ({args.slow_build:.0f} ms): {len(judged) - len(still_met)} of "
              f"{len(judged)} targets missed" + (f"; still met: {', '.join(still_met)}"
                                                 if still_met else ""))
        if apart:
            print(f"Not judged here (a slowed build cannot move them): {', '.join(apart)}")
        return 1 if still_met else 0
    if args.write_readme:
        write_readmes(results, details, args.quick)
        print("\nWrote the table into README.md and bench/README.md.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
