"""Run every benchmark: ``python -m bench`` (``make bench``); ``--quick`` for fewer runs.

``python -m bench startup scale`` runs only the named ones. The results table at the end
is Markdown, ready for the README.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

from bench.common import Result

BENCHMARKS = (
    "startup", "turn_overhead", "prefetch", "tokens", "scale", "offline_coach", "coach_quality",
    "prep_offline", "export_scale", "progress_scale", "ssh_start",
)


def machine() -> str:
    """CPU model, cores and Python version (no paths, nothing personal)."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}")


def table(results: list[Result]) -> str:
    lines = ["| Benchmark | Figures | Ratio | Baseline | Target | Verdict |",
             "|---|---|---|---|---|---|"]
    for r in results:
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}"
        lines.append(f"| {r.benchmark} | {r.figures} | {ratio} | {r.baseline} | {r.target} "
                     f"| {r.verdict} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs and a shorter session")
    parser.add_argument("only", nargs="*", metavar="NAME",
                        help=f"run only these: {', '.join(BENCHMARKS)}")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.only) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    results: list[Result] = []
    failed = []
    print(f"Machine: {machine()}", flush=True)
    for name in args.only or BENCHMARKS:
        print(f"\n== {name}", flush=True)
        started = time.perf_counter()
        module = __import__(f"bench.{name}", fromlist=["run"])
        try:
            results.extend(module.run(quick=args.quick))
        except Exception as exc:  # one broken benchmark must not hide the others
            print(f"  FAILED: {type(exc).__name__}: {exc}", flush=True)
            failed.append(name)
        print(f"  ({time.perf_counter() - started:.0f} s)", flush=True)
    print(f"\n{table(results)}\n\nMachine: {machine()}")
    if failed:
        print(f"Failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
