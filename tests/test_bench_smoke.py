"""The benchmarks in a tiny configuration, so that they cannot rot, and on a slowed build.

The first tests assert no time: only that each benchmark still runs against the current
app and produces figures of the right shape. The slowed-build tests show that a
benchmark fails when the path it measures gets slower (``bench/slow.py`` burns a fixed
amount of CPU there, far beyond the target, so a busy machine cannot hide it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import __main__ as bench_main
from bench import (
    coach_quality,
    debrief_quality,
    export_scale,
    offline_coach,
    pitch_quality,
    prefetch,
    prep_offline,
    progress_scale,
    scale,
    slow,
    startup,
    tokens,
    turn_overhead,
)
from bench.common import Result, data_dir, open_db
from tests.fakes.bulk_sessions import populate_sessions

SLOW_MS = "400"


def test_results_table_and_machine() -> None:
    text = bench_main.table([Result("X", "1 ms", 1.5, "y", "<= 2", True)])
    assert "| X | 1 ms | 1.50 | y | <= 2 | met |" in text
    assert "Python" in bench_main.machine()


def test_readme_regions_are_rewritten_between_their_marks(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("intro\n<!-- bench:table -->\nold\n<!-- /bench:table -->\nend\n")
    bench_main.replace_region(path, bench_main.TABLE_MARKS, "new\ntable")
    assert path.read_text() == "intro\n<!-- bench:table -->\nnew\ntable\n<!-- /bench:table -->\nend\n"
    for readme in (bench_main.ROOT / "README.md", bench_main.ROOT / "bench" / "README.md"):
        marks = bench_main.TABLE_MARKS if readme.parent == bench_main.ROOT else bench_main.FIGURE_MARKS
        assert all(mark in readme.read_text() for mark in marks)


def test_offline_coach_runs() -> None:
    assert all(len(answer.split()) == offline_coach.WORDS for _, answer in offline_coach.corpus())
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
def test_calibration_set_covers_every_field_and_band() -> None:
    from bench import coach_calibration

    items = coach_calibration.load()
    fields = {i.field for i in items} - {"software"}
    assert len(fields) >= 9 and len([i for i in items if i.field != "software"]) >= 30
    assert len([i for i in items if i.field == "software" and i.band == "strong"]) >= 10
    for field in fields:
        assert {i.band for i in items if i.field == field} == set(coach_calibration.BANDS)
    text, met = coach_calibration.figures()
    assert "gap" in text and isinstance(met, bool)


def test_pitch_quality_scores_both_parts_of_the_labelled_set() -> None:
    (result,) = pitch_quality.run(quick=True)
    assert result.ratio is not None and result.met is not None
    held = pitch_quality.score("held_out")
    assert held.pitches >= 8 and held.unbacked_total >= 2


def test_debrief_quality_scores_the_labelled_notes() -> None:
    (result,) = debrief_quality.run(quick=True)
    assert result.ratio is not None and result.met is not None


def test_token_economy_counts_cached_and_naive_usage() -> None:
    cached = tokens.measure("demo", naive=False, questions=1)
    naive = tokens.measure("demo", naive=True, questions=1)
    assert cached.calls == naive.calls > 0
    assert naive.cache_read == naive.cache_write == 0
    assert cached.cache_read > 0
    # The same prompts billed differently; the cached design's one shared reply schema is
    # larger than each task's own, but read from the cache.
    assert cached.raw > naive.raw and cached.billed < naive.billed / 2
    assert tokens.system_tokens("realistic") > tokens.system_tokens("demo")
    # At a person's pace the five-minute entries age; the analyses keep the prefix alive.
    paced = tokens.measure("demo", naive=False, questions=1, answer_seconds=tokens.PACE)
    assert paced.calls == cached.calls and paced.cache_read > 0
    stale = tokens.measure("demo", naive=False, questions=1, answer_seconds=400.0)
    assert stale.cache_read < paced.cache_read  # over five minutes an answer, it expires


def test_a_regenerated_prep_reads_the_cache_unless_the_prefix_is_short() -> None:
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


def test_scale_renders_history_and_home_on_realistic_sessions() -> None:
    from interview_tui.services.history import list_sessions
    from interview_tui.store.models import Analysis, QuestionFeedbackRow

    with data_dir() as tmp, open_db(tmp / "data" / "interview.db"):
        populate_sessions(30)
        assert len(list_sessions()) == 30
        assert Analysis.select().count() > 30 * 5 and QuestionFeedbackRow.select().count() > 100
        for screen in ("history", "home"):
            figures = asyncio.run(scale._measure(screen, collector_off=False))
            assert 0 < figures["first"] <= figures["whole"] and figures["stall"] >= 0


def test_progress_scale_renders_progress_on_generated_data() -> None:
    import asyncio

    from interview_tui.services.progress import ProgressFilter, build_report
    with data_dir() as tmp, open_db(tmp / "data" / "interview.db"):
        populate_sessions(40)
        report = build_report(ProgressFilter())
        assert report.sessions == 35 and report.competencies and report.avg_seconds
        shown, complete = asyncio.run(progress_scale._measure("progress", freeze=False))
        assert 0 < shown <= complete
        assert asyncio.run(progress_scale._measure("home", freeze=False))[0] > 0


def test_turn_overhead_drives_a_session_through_the_screens() -> None:
    with data_dir() as tmp, open_db(tmp / "data" / "interview.db"):
        turns, delays = asyncio.run(turn_overhead._session(1, freeze=False))
    kinds = [turn[0] for turn in turns]
    assert kinds[0] == "start" and kinds[-1] == "finish"
    assert "follow-up answer" in kinds
    assert all(wall >= model >= 0 and cpu > 0 for _, wall, model, cpu in turns)
    assert delays  # streamed previews reached the screen


@pytest.mark.parametrize("kind", ["minimal", "app"])
def test_startup_reports_the_first_written_frame(kind: str) -> None:
    with data_dir() as tmp:
        run = startup.launch(kind, startup.child_env(tmp), key_after=0.0 if kind == "app" else None)
    assert run.first_frame > 0
    assert (run.key is not None and run.key > 0) == (kind == "app")


# ----- a deliberately slowed build fails ---------------------------------------------


@pytest.fixture
def slowed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(slow.ENV, SLOW_MS)
    yield
    slow.uninstall()  # the in-process benchmarks patched the app's classes


def test_slowed_offline_coach_misses_its_target(slowed: None) -> None:
    (result,) = offline_coach.run(quick=True)
    assert result.met is False


def test_slowed_build_defeats_the_prompt_cache(slowed: None) -> None:
    usage = tokens.measure("demo", naive=False, questions=1)
    naive = tokens.measure("demo", naive=True, questions=1)
    assert usage.cache_read == 0 and usage.billed > naive.billed  # worse than naive


def test_slowed_startup_misses_both_targets(slowed: None) -> None:
    with data_dir() as tmp:
        env = startup.child_env(tmp)
        startup.launch("app", env)  # creates the database
        app = startup.launch("app", env, key_after=0.0)
        minimal = startup.launch("minimal", env)
    # CPU, not wall time: a busy machine can slow either process down, never add CPU
    # to the minimal app (the slowed build burns SLOW_MS of CPU before the first frame).
    assert app.cpu >= float(SLOW_MS) / 1000 and app.cpu / minimal.cpu > startup.TARGET
    # ... and three times as much right after it, before the key can be handled.
    assert app.key is not None and app.key > 3 * float(SLOW_MS) / 1000


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
