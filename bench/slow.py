"""A deliberately slowed build, to show that every benchmark can fail.

``INTERVIEW_BENCH_SLOW=<ms>`` (``python -m bench --slow-build``) makes ``install()`` patch
the paths the benchmarks measure so that each costs about that much more CPU on the
event loop (or, for the token benchmark, defeats the prompt cache). Nothing in
``interview_tui`` knows about it: the patches are applied from here, by the benchmark
processes only. ``python -m bench.slow interview_tui`` runs the app's entry point with
the patches in place (the slowed startup child).
"""

from __future__ import annotations

import os
import runpy
import sys
import time

ENV = "INTERVIEW_BENCH_SLOW"
DEFAULT_MS = 150.0


def active() -> float:
    """Milliseconds of extra work per slowed point (0: a normal build)."""
    try:
        return max(float(os.environ.get(ENV, "0") or 0), 0.0)
    except ValueError:
        return 0.0


def burn(ms: float) -> None:
    """Use ``ms`` milliseconds of this thread's CPU, holding the GIL: at least that much
    wall time too, however busy the machine is."""
    end = time.thread_time() + ms / 1000
    while time.thread_time() < end:
        pass


_saved: list[tuple[type, str, object]] = []  # (class, attribute, original) while installed


def install() -> None:
    """Patch the measured paths, if ``INTERVIEW_BENCH_SLOW`` is set (once; ``uninstall``
    puts the originals back, for benchmarks run inside a test process)."""
    ms = active()
    if not ms or _saved:
        return
    from interview_tui.app import InterviewApp
    from interview_tui.screens.history import HistoryScreen
    from interview_tui.screens.home import HomeScreen
    from interview_tui.screens.interview import InterviewScreen
    from interview_tui.screens.progress import ProgressScreen
    from interview_tui.services.coach import offline
    from interview_tui.services.interview import InterviewService

    mount = InterviewApp.on_mount

    def on_mount(self: InterviewApp) -> None:
        burn(ms)  # before the first frame
        mount(self)
        self.call_after_refresh(burn, 3 * ms)  # right after it: a key pressed then waits

    apply_view = InterviewScreen._apply_view

    def _apply_view(self: InterviewScreen, view: object) -> None:
        burn(ms)
        apply_view(self, view)  # type: ignore[arg-type]

    start_prefetch = InterviewService._start_prefetch

    def _start_prefetch(self: InterviewService, view: object) -> None:
        import asyncio

        asyncio.get_running_loop().call_later(10 * ms / 1000, start_prefetch, self, view)

    loaded = HistoryScreen.on_history_screen_loaded

    def on_loaded(self: HistoryScreen, message: object) -> None:
        burn(ms)
        loaded(self, message)  # type: ignore[arg-type]

    render_actions = HomeScreen._render_actions

    def _render_actions(self: HomeScreen, summary: object) -> None:
        if summary is not None:
            burn(ms)
        render_actions(self, summary)  # type: ignore[arg-type]

    show = ProgressScreen._show

    def _show(self: ProgressScreen, report: object) -> None:
        burn(2 * ms)
        show(self, report)  # type: ignore[arg-type]

    run = offline.OfflineCoach.run

    async def coach_run(self, task, **kwargs):  # type: ignore[no-untyped-def]
        burn(ms / 5)
        return await run(self, task, **kwargs)

    for cls, name, patched in (
        (InterviewApp, "on_mount", on_mount),
        (InterviewScreen, "_apply_view", _apply_view),
        (InterviewService, "_start_prefetch", _start_prefetch),
        (HistoryScreen, "on_history_screen_loaded", on_loaded),
        (HomeScreen, "_render_actions", _render_actions),
        (ProgressScreen, "_show", _show),
        (offline.OfflineCoach, "run", coach_run),
    ):
        _saved.append((cls, name, cls.__dict__[name]))
        setattr(cls, name, patched)


def uninstall() -> None:
    """Undo ``install``."""
    while _saved:
        cls, name, original = _saved.pop()
        setattr(cls, name, original)




if __name__ == "__main__":
    install()
    module = sys.argv[1]
    sys.argv = [module, *sys.argv[2:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
