"""Per-turn overhead: what the app adds to the model's own time, driven through the UI.

The real app runs headless (100x32) with ClaudeCoach pointed at the fake Claude server
(50 ms before each answer, 5 ms between streamed chunks of 12 characters). A whole
5-question session is driven by key presses, as a user would: each answer is put in the
editor and sent with ctrl+s (the fake scores every answer 7, so each question gets its
three follow-ups), then ctrl+n for the next question and ctrl+e to finish.

A turn runs from the key press to the first frame written (outside an open update
batch) with its result (the next prompt, the question's feedback panel, or the summary
screen). Before each key the harness waits until the app has written the editor's text
and gone quiet (no frame for 30 ms), as it is when a person who has just typed presses
the key: the frames that follow a result (a scroll, a resize) belong to that turn, not
to the next one. Model time is the time, within the turn, during which the fake server was
serving at least one request (its latency, its streaming and its own JSON work);
overhead = wall time - model time. It includes everything the app does: the service's
database transactions, the SDK, JSON validation, the screen's layout and paint. Beside
it, the app's CPU time per turn (``time.process_time``: every thread of the process, the
fake runs in another) from the key press until the app is quiet again after the result,
which a busy machine moves far less than wall time; it also counts work done while the
model streams (parsing, the 15 Hz redraw) and the frames after the result.

The same session then runs on the offline coach (no model at all: the whole turn is
the app's) and through the interview service alone (no UI), as a second baseline. The
process starts as ``cli.main`` starts the app: the collector off until the app's
warm-up freezes the start-up objects and turns it back on.

Streaming: every text preview the coach hands the screen (``on_text``) is timestamped,
and so is every frame; the delay is from a preview's arrival to the first frame painted
after the screen drew it (or anything newer). The screen redraws streamed text on a
timer at 15 Hz by design, so up to ~67 ms of that delay is the timer.
"""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
import time
from dataclasses import dataclass, field

from bench.common import (
    ROOT,
    Result,
    claude_coach,
    data_dir,
    fake_claude,
    median,
    open_db,
    say,
    warmed_up,
)

TARGET_MS = 30
LATENCY, CHUNK_DELAY = 0.05, 0.005
QUIET = 0.03  # no frame for this long: the app has finished with a turn


@dataclass
class Probe:
    """Timestamps taken inside the app: idle moments, stream arrivals, draws and frames."""

    idle_at: float | None = None  # the coach became idle (the turn's result is applied)
    ready_at: float | None = None  # first frame painted with the turn's result
    arrivals: list[tuple[float, int]] = field(default_factory=list)  # (time, preview number)
    drawn: int | None = None  # the latest preview drawn since the last frame
    seen: int = 0  # previews received so far
    shown: list[tuple[float, int]] = field(default_factory=list)  # (frame time, newest preview)
    written: float = 0.0  # when the latest frame was written

    async def settled(self, since: float, quiet: float = QUIET) -> None:
        """Wait until a frame has been written after ``since`` and none for ``quiet``
        seconds (each bounded: a change that paints nothing does not hang the run)."""
        deadline = time.perf_counter() + 1.0
        while self.written <= since and time.perf_counter() < deadline:
            await asyncio.sleep(0.002)
        deadline = time.perf_counter() + 2.0
        while time.perf_counter() - self.written < quiet and time.perf_counter() < deadline:
            await asyncio.sleep(0.002)

    def delays(self) -> list[float]:
        out = []
        frames = iter(self.shown)
        frame = next(frames, None)
        for at, number in self.arrivals:
            while frame is not None and frame[1] < number:
                frame = next(frames, None)
            if frame is not None:
                out.append(frame[0] - at)
        return out


def _instrument(app, probe: Probe, is_ready) -> None:  # type: ignore[no-untyped-def]
    original = app._display

    def display(screen, renderable) -> None:  # type: ignore[no-untyped-def]
        original(screen, renderable)
        if renderable is None or app._batch_count:
            return  # Textual writes nothing inside an open update batch
        now = probe.written = time.perf_counter()
        if probe.drawn is not None:
            probe.shown.append((now, probe.drawn))
            probe.drawn = None
        if probe.ready_at is None and probe.idle_at is not None and is_ready(screen):
            probe.ready_at = now

    app._display = display


def _watch_screen(screen, probe: Probe) -> None:  # type: ignore[no-untyped-def]
    """Wrap the interview screen's coach sinks and status redraw (instance attributes)."""
    set_activity, on_text = screen._set_activity, screen._on_coach_text
    status = screen.coach_status
    draw, step = status._draw, screen._on_coach_step

    def _set_activity(activity) -> None:  # type: ignore[no-untyped-def]
        set_activity(activity)
        if activity is None:
            probe.idle_at = time.perf_counter()

    def _on_coach_text(text: str) -> None:
        probe.seen += 1
        probe.arrivals.append((time.perf_counter(), probe.seen))
        on_text(text)

    def _draw() -> None:
        tail = status.query_one("#stream")  # mounted with the screen, after this wrapping
        before = tail.text
        draw()
        if tail.text != before:
            probe.drawn = probe.seen

    def _on_coach_step(view) -> None:  # type: ignore[no-untyped-def]
        step(view)
        probe.drawn = probe.seen  # the streamed text is replaced by the result itself

    screen._set_activity, screen._on_coach_text = _set_activity, _on_coach_text
    screen._on_coach_step, status._draw = _on_coach_step, _draw


async def _session(questions: int, *, freeze: bool = True, offline: bool = False,
                   ) -> tuple[list[tuple[str, float, float, float]], list[float]]:
    from interview_tui.app import InterviewApp
    from interview_tui.config import load_settings
    from interview_tui.screens.interview import InterviewScreen
    from interview_tui.screens.summary import SummaryScreen
    from interview_tui.screens.widgets.feedback import QuestionFeedbackPanel
    from interview_tui.services.coach.offline import OfflineCoach
    from interview_tui.services.interview import SessionSetup
    from interview_tui.services.profiles import ensure_demo_profile
    from interview_tui.services.session_machine import State
    from tests.fakes.answers import answer_for

    turns: list[tuple[str, float, float, float]] = []  # (kind, wall, model, app CPU)
    with _model(offline) as fake:
        coach = OfflineCoach(seed=1) if fake is None else claude_coach(fake)
        if freeze:
            gc.disable()  # as cli.main does; the app's warm-up freezes and re-enables it
        app = InterviewApp(load_settings(), coach=coach)
        probe = Probe()

        def is_ready(screen) -> bool:  # type: ignore[no-untyped-def]
            if isinstance(screen, SummaryScreen):
                return True
            if not isinstance(screen, InterviewScreen) or screen.view is None:
                return False
            if screen.view.state is State.QUESTION_REVIEW:
                return any(p.is_mounted for p in screen.query(QuestionFeedbackPanel))
            return screen.view.state is State.AWAITING_ANSWER

        _instrument(app, probe, is_ready)
        async with app.run_test(size=(100, 32)) as pilot:
            await warmed_up()
            await app.workers.wait_for_complete()
            await pilot.pause()
            for clock in gc.callbacks:  # count the collections of the session, not of the set-up
                if isinstance(clock, GCClock):
                    clock.reset()

            async def turn(kind: str, act) -> None:  # type: ignore[no-untyped-def]
                probe.idle_at = probe.ready_at = None
                started, cpu = time.perf_counter(), time.process_time()
                await act()
                for _ in range(6000):  # bounded: 60 s
                    if probe.ready_at is not None:
                        break
                    await asyncio.sleep(0.01)
                else:
                    raise RuntimeError(f"turn {kind!r} never finished")
                await probe.settled(probe.ready_at)  # the frames that follow the result
                cpu = time.process_time() - cpu
                wall = probe.ready_at - started
                model = 0.0 if fake is None else fake.busy_within(started, probe.ready_at)
                turns.append((kind, wall, model, cpu))

            screen = InterviewScreen(setup=SessionSetup(ensure_demo_profile().id,
                                                        stage="hiring_manager",
                                                        question_count=questions))
            _watch_screen(screen, probe)

            async def start() -> None:
                await app.push_screen(screen)

            await turn("start", start)
            for _ in range(30 * questions):  # bounded
                view = screen.view
                if isinstance(app.screen, SummaryScreen) or view is None:
                    break
                p = view.progress
                if view.state is State.AWAITING_ANSWER:
                    loaded = time.perf_counter()
                    screen.answer_box.load(answer_for(p.question_number, p.response_number + 1))
                    await probe.settled(loaded)  # typed, and on the screen
                    kind = "answer" if p.response_number == 0 else "follow-up answer"
                    await turn(kind, lambda: pilot.press("ctrl+s"))
                elif p.is_last_question:
                    await turn("finish", lambda: pilot.press("ctrl+e"))
                else:
                    await turn("next question", lambda: pilot.press("ctrl+n"))
            await app.workers.wait_for_complete()
        close = getattr(coach, "aclose", None)
        if close is not None:
            await close()
    return turns, probe.delays()


def _model(offline: bool):  # type: ignore[no-untyped-def]
    """The fake Claude server, or nothing at all for the offline coach."""
    from contextlib import nullcontext

    return nullcontext(None) if offline else fake_claude(latency=LATENCY, chunk_delay=CHUNK_DELAY)


async def _service_session(questions: int) -> list[tuple[str, float, float, float]]:
    """The same session through the interview service alone: the baseline without a UI
    (each turn: kind, wall, model, CPU of the process during the turn)."""
    from interview_tui.services.interview import SessionSetup
    from interview_tui.services.profiles import ensure_demo_profile
    from interview_tui.services.session_machine import State
    from interview_tui.services.workspace import Workspace
    from tests.fakes.answers import answer_for

    turns: list[tuple[str, float, float, float]] = []
    with fake_claude(latency=LATENCY, chunk_delay=CHUNK_DELAY) as fake:
        service = Workspace(claude_coach(fake)).interview

        async def turn(kind: str, work) -> object:  # type: ignore[no-untyped-def]
            started, cpu = time.perf_counter(), time.process_time()
            view = await work
            ended, cpu = time.perf_counter(), time.process_time() - cpu
            turns.append((kind, ended - started, fake.busy_within(started, ended), cpu))
            return view

        view = await turn("start", service.start(SessionSetup(
            ensure_demo_profile().id, stage="hiring_manager", question_count=questions)))
        for _ in range(30 * questions):  # bounded
            p = view.progress  # type: ignore[attr-defined]
            if view.state is State.AWAITING_ANSWER:  # type: ignore[attr-defined]
                async def answer(view=view, p=p):  # type: ignore[no-untyped-def]
                    text = answer_for(p.question_number, p.response_number + 1)
                    stored = await service.submit_answer(view.id, text, seconds_spent=30.0)
                    return await service.run_pending(view.id, stored=stored)

                view = await turn("answer", answer())
            elif view.state is State.QUESTION_REVIEW:  # type: ignore[attr-defined]
                step = service.finish if p.is_last_question else service.next_question
                view = await turn("next", step(view.id))  # type: ignore[attr-defined]
            else:
                break
        await service.workspace.aclose()
    return turns


def measure(questions: int = 5) -> tuple[list, list[float], list, list, dict]:
    """One session in a fresh process, as the app runs: (turns, stream delays, service
    turns, offline turns, costs); each turn is (kind, wall, model, app CPU) in seconds
    (service turns have no CPU); costs has the full garbage collections of the UI session."""
    out = subprocess.run([sys.executable, "-m", "bench.turn_overhead", "--child", str(questions)],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    if out.returncode:
        raise RuntimeError(f"turn_overhead child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.splitlines()[-1])  # type: ignore[no-any-return]


class GCClock:
    """Time spent in full (generation 2) garbage collections while it is installed."""

    def __init__(self) -> None:
        self.count, self.seconds, self._start = 0, 0.0, 0.0

    def reset(self) -> None:
        self.count, self.seconds = 0, 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.count += 1
            self.seconds += time.perf_counter() - self._start


def _child(questions: int) -> None:
    from bench import slow

    slow.install()
    gc_clock = GCClock()
    with data_dir() as tmp, open_db(tmp / "data" / "interview.db"):
        gc.callbacks.append(gc_clock)
        turns, delays = asyncio.run(_session(questions))
        gc.callbacks.remove(gc_clock)
    with data_dir() as tmp, open_db(tmp / "data" / "interview.db"):
        offline_turns, _ = asyncio.run(_session(questions, offline=True))
    with data_dir() as tmp, open_db(tmp / "data" / "interview.db"):
        service_turns = asyncio.run(_service_session(questions))
    costs = {"gc_count": gc_clock.count, "gc_seconds": gc_clock.seconds}
    print(json.dumps([turns, delays, service_turns, offline_turns, costs]))


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def run(quick: bool = False) -> list[Result]:
    turns, delays, service_turns, offline_turns, costs = measure(2 if quick else 5)
    over = [(t[1] - t[2]) * 1000 for t in turns]
    cpu = [t[3] * 1000 for t in turns]
    service = [(t[1] - t[2]) * 1000 for t in service_turns]
    offline = [t[1] * 1000 for t in offline_turns]
    offline_cpu = [t[3] * 1000 for t in offline_turns]
    wall = sum(t[1] for t in turns)
    model = sum(t[2] for t in turns)
    say(f"Claude coach (fake server): {len(turns)} turns, wall {wall:.2f} s, model {model:.2f} s "
        f"(latency {LATENCY * 1000:.0f} ms, {CHUNK_DELAY * 1000:.0f} ms a chunk)")
    for kind in sorted({t[0] for t in turns}):
        mine = [(t[1] - t[2]) * 1000 for t in turns if t[0] == kind]
        say(f"  {kind:17} x{len(mine):<2} overhead median {median(mine):5.1f} ms, "
            f"max {max(mine):5.1f} ms")
    mean, cpu_mean = _mean(over), _mean(cpu)
    say(f"overhead per turn: mean {mean:.1f} ms, median {median(over):.1f} ms, "
        f"p90 {_pct(over, 0.9):.1f} ms; app CPU mean {cpu_mean:.1f} ms, median "
        f"{median(cpu):.1f} ms a turn  (target <= {TARGET_MS} ms)")
    say(f"{costs['gc_count']} full garbage collections took {costs['gc_seconds'] * 1000:.0f} ms "
        f"during the Claude session's turns")
    off_mean, off_cpu = _mean(offline), _mean(offline_cpu)
    say(f"offline coach (no model): {len(offline)} turns, wall mean {off_mean:.1f} ms, median "
        f"{median(offline):.1f} ms; app CPU mean {off_cpu:.1f} ms a turn")
    service_mean = _mean(service)
    service_cpu = _mean([t[3] * 1000 for t in service_turns])
    say(f"the Claude session through the service alone (no UI): mean {service_mean:.1f} ms, "
        f"median {median(service):.1f} ms a turn; CPU mean {service_cpu:.1f} ms")
    ms = [d * 1000 for d in delays]
    say(f"streamed text, arrival to screen: median {median(ms):.0f} ms, p95 {_pct(ms, 0.95):.0f} ms, "
        f"max {max(ms):.0f} ms over {len(ms)} previews (redraw timer: 67 ms)")
    return [
        Result("Per-turn overhead (Claude coach)",
               f"wall - model: mean {mean:.1f} ms, median {median(over):.1f} ms; app CPU mean "
               f"{cpu_mean:.1f} ms ({len(turns)} turns); service alone {service_mean:.1f} ms "
               f"(CPU {service_cpu:.1f} ms)",
               wall / model, "model time (wall / model)", f"<= {TARGET_MS} ms/turn",
               mean <= TARGET_MS),
        Result("Per-turn overhead (offline coach)",
               f"wall mean {off_mean:.1f} ms, median {median(offline):.1f} ms; app CPU mean "
               f"{off_cpu:.1f} ms ({len(offline)} turns)",
               None, "no model: all of it is the app", f"<= {TARGET_MS} ms/turn",
               off_mean <= TARGET_MS),
        Result("Stream chunk to screen", f"median {median(ms):.0f} ms, p95 {_pct(ms, 0.95):.0f} ms",
               None, "", ""),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(int(sys.argv[2]))
    else:
        run()
