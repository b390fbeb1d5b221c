"""The benchmarks in a tiny configuration, so that they cannot rot.

Nothing here asserts a time: only that each benchmark still runs against the current
app and produces figures of the right shape.
"""

from __future__ import annotations

import pytest

from bench import __main__ as bench_main
from bench import (
    coach_quality,
    export_scale,
    offline_coach,
    prefetch,
    prep_offline,
    progress_scale,
    scale,
    startup,
    tokens,
    turn_overhead,
)
from bench.common import Result, data_dir, open_db


def test_results_table_and_machine() -> None:
    text = bench_main.table([Result("X", "1 ms", 1.5, "y", "<= 2", True)])
    assert "| X | 1 ms | 1.50 | y | <= 2 | met |" in text
    assert "Python" in bench_main.machine()


def test_offline_coach_runs() -> None:
    assert len(offline_coach.corpus()) >= 10
    (result,) = offline_coach.run(quick=True)
    assert result.ratio is not None and result.ratio > 0


def test_coach_quality_runs_on_a_labelled_set_of_every_kind_and_stage() -> None:
    pairs = coach_quality.load_pairs()
    assert len(pairs) >= 60
    assert {p.kind for p in pairs} >= {"behavioural", "technical", "motivation", "weakness",
                                      "overview"}
    assert {p.stage for p in pairs} == {"recruiter_screen", "hiring_manager", "technical"}
    assert all(p.strong and p.weak and p.strong != p.weak for p in pairs)
    assert any(p.held_out for p in pairs) and not all(p.held_out for p in pairs)
    (result,) = coach_quality.run(quick=True)
    assert result.benchmark == "coach_quality" and result.met is not None


def test_token_economy_counts_cached_and_naive_usage() -> None:
    cached = tokens.measure("demo", naive=False, questions=1)
    naive = tokens.measure("demo", naive=True, questions=1)
    assert cached.calls == naive.calls > 0
    assert naive.cache_read == naive.cache_write == 0
    assert cached.raw == naive.raw  # the same prompts, billed differently
    assert tokens.system_tokens("realistic") > tokens.system_tokens("demo")


def test_prep_after_a_session_reads_the_cache_unless_the_prefix_is_short() -> None:
    cached = tokens.prep_after_session("demo")
    assert cached.met and cached.ratio is not None and cached.ratio < 1
    short = tokens.prep_after_session("short")
    assert short.met and "below" in short.figures


def test_offline_prep_quality_runs() -> None:
    results = prep_offline.run(quick=True)
    assert len(results) == 3 and all(r.ratio is not None and r.ratio > 0 for r in results)


def test_prefetch_counts_transitions() -> None:
    hits, misses, waits = prefetch.measure(True, 0.0, questions=2)
    assert hits + misses == 1 and len(waits) == 1


def test_scale_populates_and_renders_history() -> None:
    import asyncio

    from interview_tui.services.history import list_sessions

    with data_dir() as tmp, open_db(tmp / "data" / "interview.db"):
        scale.populate(30)
        assert len(list_sessions()) == 30
        assert asyncio.run(scale._measure("history", freeze=False)) > 0
        assert asyncio.run(scale._measure("home", freeze=False)) > 0


def test_progress_scale_renders_progress_on_generated_data() -> None:
    import asyncio

    from interview_tui.services.progress import ProgressFilter, build_report
    from tests.fakes.scale_data import populate

    with data_dir() as tmp, open_db(tmp / "data" / "interview.db"):
        populate(40)
        report = build_report(ProgressFilter())
        assert report.sessions == 35 and report.competencies and report.avg_seconds
        shown, complete = asyncio.run(progress_scale._measure("progress", freeze=False))
        assert 0 < shown <= complete
        assert asyncio.run(progress_scale._measure("home", freeze=False))[0] > 0


def test_turn_overhead_drives_a_session_through_the_screens() -> None:
    import asyncio

    with data_dir() as tmp, open_db(tmp / "data" / "interview.db"):
        turns, delays = asyncio.run(turn_overhead._session(1, freeze=False))
    kinds = [kind for kind, _, _ in turns]
    assert kinds[0] == "start" and kinds[-1] == "finish"
    assert "follow-up answer" in kinds
    assert all(wall >= model >= 0 for _, wall, model in turns)
    assert delays  # streamed previews reached the screen


@pytest.mark.parametrize("kind", ["minimal", "app"])
def test_startup_child_reports_its_first_frame(kind: str) -> None:
    with data_dir() as tmp:
        first_frame, exited = startup.launch(kind, startup.child_env(tmp))
    assert 0 < first_frame <= exited


def test_ssh_start_measures_both_sides() -> None:
    from bench import ssh_start

    start, memory = ssh_start.run(quick=True)
    assert start.ratio is not None and start.ratio > 0 and start.met is not None
    assert "MB" in memory.figures and memory.met is not None
def test_export_scale_measures_a_streamed_and_a_naive_export(tmp_path) -> None:
    with data_dir() as tmp:
        db = tmp / "s.db"
        export_scale.populate(db, 12)
        for naive in (False, True):
            count, seconds, mb = export_scale.measure(db, tmp / "out.md", naive)
            assert count == 12 and seconds > 0 and mb > 0
            assert (tmp / "out.md").read_text().count("# Mock interview ") == 12
