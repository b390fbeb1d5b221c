"""The intro pitch trainer ("tell me about yourself") for one application.

Three tabs: the template (from the resume and the job description; ``g`` writes a new
version), practice (type an attempt, or start the 90-second clock with ctrl+t, say it
aloud, stop the clock and type what you said; ctrl+s stores it and writes feedback), and
the attempts table (every attempt's scores side by side; enter reopens one). The editor's
text is kept as a draft while you type, and never cleared by an error.
"""

from __future__ import annotations

import time
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from interview_tui.screens.access import workspace
from interview_tui.screens.pitch_attempt import PitchAttemptScreen
from interview_tui.screens.widgets.answer_box import AnswerBox
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.format import SCORE_COLORS, local_time, score_style
from interview_tui.screens.widgets.keys import key_for, press
from interview_tui.screens.widgets.pitch_views import AttemptView, TemplateView
from interview_tui.screens.widgets.press_twice import PressTwice
from interview_tui.services.coach.base import CoachError
from interview_tui.services.pitch import Attempt
from interview_tui.services.pitch_models import PitchTemplateDocument
from interview_tui.services.pitch_rules import TIMER_SECONDS, PitchRejected, clean_pitch
from interview_tui.services.text import format_duration


def _score(value: int | None) -> Text:
    if value is None:
        return Text("—", style="dim")
    return Text(str(value), style=f"bold {SCORE_COLORS[score_style(value)]}")


class PitchScreen(Screen[None]):
    DEFAULT_CSS = """
    PitchScreen #heading { height: 1; padding: 0 1; text-style: bold; }
    PitchScreen TabbedContent { height: 1fr; }
    PitchScreen TabPane { padding: 0; }
    PitchScreen #practise-pane { height: 1fr; }
    PitchScreen #timer { height: auto; padding: 0 1; color: $text-muted; }
    PitchScreen #timer.-running { color: $accent; text-style: bold; }
    PitchScreen #timer.-over { color: $warning; text-style: bold; }
    PitchScreen AnswerBox { height: 9; min-height: 6; }
    PitchScreen #feedback { height: 1fr; }
    PitchScreen #status { height: auto; padding: 0 1; color: $text-muted; }
    PitchScreen #attempts { height: 1fr; }
    PitchScreen #template-scroll { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Feedback", id="pitch.submit", priority=True,
                tooltip="Store this attempt and get feedback on it"),
        Binding("ctrl+t", "timer", "Clock", id="pitch.timer", priority=True,
                tooltip="Start the 90-second clock, say your pitch aloud, press again to stop"),
        Binding("ctrl+l", "clear", "Clear", id="pitch.clear", priority=True,
                tooltip="Empty the editor for a fresh attempt (press twice; ctrl+z undoes it; "
                        "your attempts are kept)"),
        # The tabs' own labels show these keys; the footer keeps its room for the rest.
        Binding("f2", "show('template')", "Template", id="pitch.tab_template", show=False),
        Binding("f3", "show('practise')", "Practise", id="pitch.tab_practise", show=False),
        Binding("f4", "show('attempts')", "Attempts", id="pitch.tab_attempts", show=False),
        Binding("ctrl+g", "generate", "New template", id="pitch.generate", priority=True,
                tooltip="Write a new version of the template"),
        Binding("ctrl+r", "again", "Feedback again", id="pitch.again", priority=True,
                show=False, tooltip="Write the feedback on the shown attempt again"),
        Binding("ctrl+o", "offline", "Offline coach", id="pitch.offline", priority=True,
                tooltip="Do the step that failed with the offline coach"),
        Binding("escape", "back", "Back", id="pitch.back"),
    ]

    def __init__(self, application_id: int) -> None:
        super().__init__()
        self.application_id = application_id
        self.attempts: list[Attempt] = []
        self.shown: Attempt | None = None
        self.template: PitchTemplateDocument | None = None
        self._timer_start: float | None = None
        self._spoken: float | None = None  # seconds said aloud, for the next attempt
        self._failed: tuple[str, int | None] | None = None  # ("template"|"feedback", attempt)
        self._press_twice = PressTwice(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Intro pitch", id="heading")
        with TabbedContent(initial="practise"):
            with TabPane("Template", id="template"), VerticalScroll(id="template-scroll"):
                yield Static("Loading…", id="template-body", classes="muted")
            with TabPane("Practise", id="practise"), Vertical(id="practise-pane"):
                yield Static("", id="timer")
                yield AnswerBox(id="box")
                with VerticalScroll(id="feedback"):
                    yield Static("Type your pitch and press ctrl+s for feedback, or press "
                                 "ctrl+t, say it aloud against the 90-second clock, press ctrl+t "
                                 "again and type what you said.", id="feedback-hint",
                                 classes="muted")
            with TabPane("Attempts", id="attempts-tab"):
                yield DataTable(id="attempts", cursor_type="row", zebra_stripes=True)
        yield Static("", id="status")
        yield Footer()

    @property
    def box(self) -> AnswerBox:
        return self.query_one(AnswerBox)

    def on_mount(self) -> None:
        self.sub_title = "Intro pitch"
        self.box.editor.placeholder = ("Your pitch: current role and impact, previous role, why "
                                       "this role. ctrl+s for feedback.")
        tabs = self.query_one(TabbedContent)
        for pane, name in (("template", "Template"), ("practise", "Practise")):
            tabs.get_tab(pane).label = self._tab_label(name, pane)
        tabs.get_tab("attempts-tab").label = self._tab_label("Attempts", "attempts")
        table = self.query_one("#attempts", DataTable)
        for label in ("#", "When", "Words", "~Time", "Aloud", "Content", "Structure", "Tone"):
            table.add_column(label, key=label)
        self.set_interval(0.5, self._tick)
        self._tick()
        self._load()

    # ----- loading -------------------------------------------------------------------

    @work(exclusive=True, group="pitch-load", exit_on_error=False)
    async def _load(self) -> None:
        pitch = workspace(self).pitch
        ctx = await pitch.context(self.application_id)
        self.query_one("#heading", Static).update(
            Text(f"Intro pitch · {ctx.company} · {ctx.role}"))
        draft = await pitch.draft(self.application_id)
        if draft and not self.box.text:
            self.box.load(draft)
        self.box.editor.focus()
        self._show_attempts(await pitch.attempts(self.application_id))
        template = await pitch.template(self.application_id)
        if template is None:
            await self._generate(offline=False)
        else:
            self._show_template(template.content(PitchTemplateDocument), template.author,
                                template.model, template.version)

    def _show_template(self, t: PitchTemplateDocument, author: str, model: str, version: int) -> None:
        self.template = t
        scroll = self.query_one("#template-scroll", VerticalScroll)
        scroll.remove_children()
        scroll.mount(TemplateView(t, author=author, model=model, version=version,
                                  regenerate_key=key_for(self, "generate")))

    def _show_attempts(self, attempts: list[Attempt]) -> None:
        self.attempts = attempts
        table = self.query_one("#attempts", DataTable)
        table.clear()
        for a in reversed(attempts):  # the newest on top
            table.add_row(
                Text(str(a.number)), Text(local_time(a.created_at)), Text(str(a.words)),
                Text(format_duration(a.estimated_seconds)),
                Text(format_duration(a.spoken_seconds) if a.spoken_seconds else "—"),
                _score(a.content_score), _score(a.structure_score), _score(a.tone_score),
                key=str(a.id),
            )
        tab = self.query_one(TabbedContent).get_tab("attempts-tab")
        tab.label = self._tab_label(f"Attempts ({len(attempts)})", "attempts")
        if self.shown is None and attempts:
            self._show_attempt(attempts[-1])

    def _tab_label(self, name: str, pane: str) -> str:
        return f"{name} {key_for(self, f'show({pane!r})')}"

    def _show_attempt(self, attempt: Attempt) -> None:
        self.shown = attempt
        feedback = self.query_one("#feedback", VerticalScroll)
        feedback.remove_children()
        feedback.mount(AttemptView(attempt, show_text=True, regenerate_key=key_for(self, "again")))
        self.refresh_bindings()

    def _status(self, text: str) -> None:
        self.query_one("#status", Static).update(Text(text))

    def _stream(self, text: str) -> None:
        self._status(" ".join(text.split())[-200:])

    # ----- the template ----------------------------------------------------------------

    def action_generate(self) -> None:
        self._generate_worker(False)

    @work(exclusive=True, group="pitch-coach", exit_on_error=False)
    async def _generate_worker(self, offline: bool) -> None:
        await self._generate(offline=offline)

    async def _generate(self, *, offline: bool) -> None:
        self._status("Writing your pitch template…")
        try:
            doc = await workspace(self).pitch.generate_template(
                self.application_id, on_text=self._stream, offline=offline)
        except CoachError as exc:
            self._coach_failed(exc, ("template", None))
            return
        self._status("")
        self._show_template(doc.content(PitchTemplateDocument), doc.author, doc.model, doc.version)
        if doc.version > 1:
            self.notify(f"Template version {doc.version} written.", title="Template")

    # ----- practice --------------------------------------------------------------------

    def action_timer(self) -> None:
        if self._timer_start is None:
            self._timer_start = time.monotonic()
            self._spoken = None
        else:
            self._spoken = time.monotonic() - self._timer_start
            self._timer_start = None
            self.notify(f"Said aloud in {format_duration(self._spoken)}. Now type what you said "
                        "and press ctrl+s.", title="Clock stopped")
            self.box.editor.focus()
        self._tick()

    def _tick(self) -> None:
        timer = self.query_one("#timer", Static)
        if self._timer_start is not None:
            elapsed = time.monotonic() - self._timer_start
            left = TIMER_SECONDS - elapsed
            text = (f"⏱ {format_duration(left)} left · say your pitch aloud, then ctrl+t"
                    if left > 0 else f"⏱ over by {format_duration(-left)} · wrap up and press ctrl+t")
            timer.set_class(left > 0, "-running")
            timer.set_class(left <= 0, "-over")
        elif self._spoken is not None:
            text = (f"Said aloud in {format_duration(self._spoken)} · type what you said, then "
                    "ctrl+s")
            timer.set_classes("")
        else:
            text = "ctrl+t starts the 90-second clock"
            timer.set_classes("")
        timer.update(text)

    def action_clear(self) -> None:
        self.action_show("practise")
        self.box.after_typing(self._clear_now)

    def _clear_now(self) -> None:
        # As in the interview: press twice (unless the text is a stored attempt), one
        # undoable edit, the empty draft saved at once. The clock's time stays: it belongs
        # to the attempt about to be typed.
        text = self.box.text
        stored = any(a.text == text for a in self.attempts)
        if text and not stored and not self._press_twice.confirmed(
            "clear", f"The editor will be emptied (your attempts are kept). Press "
                     f"{key_for(self, 'clear')} again to clear it (ctrl+z brings it back)."):
            return
        self.box.clear()

    @on(AnswerBox.Paused)
    def _paused(self, event: AnswerBox.Paused) -> None:
        self._save_draft(event.text)

    @work(exclusive=True, group="pitch-draft", exit_on_error=False)
    async def _save_draft(self, text: str) -> None:
        await workspace(self).pitch.save_draft(self.application_id, text)
        self.box.mark_saved(text)

    def action_submit(self) -> None:
        self.action_show("practise")
        self.box.after_typing(self._submit_now)

    def _submit_now(self) -> None:
        text = self.box.text
        try:
            clean_pitch(text)
        except PitchRejected as exc:
            # The editor keeps its text: nothing typed is lost.
            self.notify(str(exc), title="Not submitted", severity="error", timeout=10)
            self.box.editor.focus()
            return
        if self._timer_start is not None:
            self.action_timer()
        self.box.cancel_pause()
        self._submit(text, self._spoken)

    @work(exclusive=True, group="pitch-coach", exit_on_error=False)
    async def _submit(self, text: str, spoken: float | None) -> None:
        pitch = workspace(self).pitch
        try:
            attempt = await pitch.submit(self.application_id, text, spoken_seconds=spoken)
        except PitchRejected as exc:
            self.notify(str(exc), title="Not submitted", severity="error", timeout=10)
            return
        self.box.mark_saved(text)
        self._spoken = None
        self._tick()
        self._show_attempt(attempt)
        self._show_attempts(await pitch.attempts(self.application_id))
        await self._write_feedback(attempt.id, offline=False)

    async def _write_feedback(self, attempt_id: int, *, offline: bool) -> None:
        pitch = workspace(self).pitch
        self._status("Writing feedback…")
        try:
            attempt = await pitch.write_feedback(attempt_id, on_text=self._stream, offline=offline)
        except CoachError as exc:
            self._coach_failed(exc, ("feedback", attempt_id))
            return
        self._status("")
        self._show_attempt(attempt)
        self._show_attempts(await pitch.attempts(self.application_id))

    def _coach_failed(self, exc: CoachError, step: tuple[str, int | None]) -> None:
        self._failed = step
        self._status("")
        self.refresh_bindings()
        again = "generate" if step[0] == "template" else "again"
        self.notify(f"{exc.message} "
                    + press(self, (again, "to try again"), ("offline", "to use the offline coach")),
                    title="The coach could not answer", severity="error", timeout=12)

    def action_again(self) -> None:
        if self.shown is not None:
            self._again(self.shown.id, False)

    @work(exclusive=True, group="pitch-coach", exit_on_error=False)
    async def _again(self, attempt_id: int, offline: bool) -> None:
        await self._write_feedback(attempt_id, offline=offline)

    def action_offline(self) -> None:
        if self._failed is None:
            return
        step, attempt_id = self._failed
        self._failed = None
        if step == "template":
            self._generate_worker(True)
        elif attempt_id is not None:
            self._again(attempt_id, True)

    # ----- tabs and the table ----------------------------------------------------------

    def action_show(self, tab: str) -> None:
        panes = {"template": "template", "practise": "practise", "attempts": "attempts-tab"}
        self.query_one(TabbedContent).active = panes[tab]
        if tab == "practise":
            self.box.editor.focus()
        elif tab == "attempts":
            self.query_one("#attempts", DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "again":
            return True if self.shown is not None else None
        if action == "offline":
            return self._failed is not None
        return True

    @on(DataTable.RowSelected, "#attempts")
    def _reopen(self, event: DataTable.RowSelected) -> None:
        attempt_id = int(event.row_key.value or 0)

        def practise(text: str | None) -> None:
            if text:
                self.box.load(text)
                self.action_show("practise")
                self.notify("Attempt loaded into the editor: change it and press ctrl+s.")
            self._reload()

        self.app.push_screen(PitchAttemptScreen(attempt_id), practise)

    @work(exclusive=True, group="pitch-load", exit_on_error=False)
    async def _reload(self) -> None:
        self._show_attempts(await workspace(self).pitch.attempts(self.application_id))

    def action_back(self) -> None:
        self.app.pop_screen()
