"""Debrief a real interview: a pasted or imported transcript, or typed answers (how it
felt, the questions, what went well and badly, what you learned), for a stage, a date
and optionally one of the application's scheduled interviews.

Everything typed is kept as a draft while you type (and restored after a crash); an
input the debrief cannot use gets a clear message and the form keeps every word.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from interview_tui.screens.access import workspace
from interview_tui.screens.debrief_report import DebriefReportScreen
from interview_tui.screens.widgets.document_field import DocumentField
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.format import local_time
from interview_tui.screens.widgets.keys import press
from interview_tui.services.catalog import STAGES
from interview_tui.services.coach.base import CoachError
from interview_tui.services.debrief import DebriefRejected, InterviewChoice, local_today
from interview_tui.services.debrief_models import Debrief, DebriefInput
from interview_tui.services.document_store import DocumentVersion

NEW_INTERVIEW = 0
DRAFT_DELAY = 1.0
NOTES = (("questions", "Questions asked", "One per line"),
         ("went_well", "What went well", "What landed: a story, a moment of rapport…"),
         ("went_badly", "What went badly", "Where you rambled, blanked, or lacked a number…"),
         ("learned", "What you learned", "About them, the role, or yourself"))


class DebriefScreen(Screen[None]):
    DEFAULT_CSS = """
    DebriefScreen VerticalScroll { height: 1fr; padding: 0 1; }
    DebriefScreen .row { height: 1; margin-bottom: 1; }
    DebriefScreen .label { width: 18; color: $text-muted; }
    DebriefScreen .row:focus-within > .label { color: $accent; text-style: bold; }
    DebriefScreen .row > Input { width: 1fr; }
    DebriefScreen .row > Select { width: 1fr; }
    DebriefScreen #earlier { height: auto; max-height: 6; margin-bottom: 1; }
    DebriefScreen DocumentField { height: 14; }
    DebriefScreen .note-title { height: 1; margin-top: 1; }
    DebriefScreen .note { height: 5; }
    DebriefScreen #status { height: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "debrief", "Debrief", id="debrief.submit", priority=True,
                tooltip="Write the debrief from what you entered"),
        Binding("ctrl+o", "import_file", "Import transcript", id="debrief.import", priority=True,
                tooltip="Import the transcript file named in the path box"),
        # Not ctrl+l (it clears an editor) nor ctrl+o (it imports the file, as in every form).
        Binding("ctrl+b", "offline", "Offline coach", id="debrief.offline", priority=True,
                tooltip="Write the debrief with the offline coach (after the coach failed)"),
        Binding("escape", "back", "Back", id="debrief.back",
                tooltip="Go back; what you typed stays as a draft"),
    ]

    def __init__(self, application_id: int, interview_id: int | None = None) -> None:
        super().__init__()
        self.application_id = application_id
        self.interview_id = interview_id
        self._choices: list[InterviewChoice] = []
        self._draft_timer: Timer | None = None
        self._loaded = False
        self._failed = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="form"):
            yield OptionList(id="earlier")
            with Horizontal(classes="row"):
                yield Static("Interview", classes="label")
                yield Select([("A new one, from the stage and date", NEW_INTERVIEW)],
                             value=NEW_INTERVIEW, allow_blank=False, id="interview", compact=True)
            with Horizontal(classes="row"):
                yield Static("Stage", classes="label")
                yield Select([(label, key) for key, label in STAGES.items()],
                             value="recruiter_screen", allow_blank=False, id="stage", compact=True)
            with Horizontal(classes="row"):
                yield Static("Date", classes="label")
                yield Input(local_today().isoformat(), placeholder="YYYY-MM-DD", id="date",
                            compact=True)
            with Horizontal(classes="row"):
                yield Static("Interviewer", classes="label")
                yield Input(placeholder="Who interviewed you (for the thank-you email)",
                            id="interviewer", compact=True)
            with Horizontal(classes="row"):
                yield Static("Overall feeling", classes="label")
                yield Input(placeholder="1-10", id="feeling", compact=True)
            yield DocumentField("Transcript", placeholder="Paste the transcript (speaker labels "
                                "such as 'Interviewer:' and 'Me:' help), or leave it empty and "
                                "fill in the answers below.", id="transcript")
            for key, title, placeholder in NOTES:
                yield Static(f"[b]{title}[/b]", classes="note-title")
                area = TextArea(id=key, classes="note", soft_wrap=True, tab_behavior="focus")
                area.placeholder = placeholder
                yield area
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Debrief"
        self.query_one("#earlier", OptionList).display = False
        self._load()

    # ----- loading -------------------------------------------------------------------

    @work(exclusive=True, group="debrief-load", exit_on_error=False)
    async def _load(self) -> None:
        service = workspace(self).debrief
        self._choices = await service.interviews(self.application_id)
        select = self.query_one("#interview", Select)
        select.set_options([("A new one, from the stage and date", NEW_INTERVIEW),
                            *((c.label, c.id) for c in self._choices)])
        earlier = await service.debriefs(self.application_id)
        self._show_earlier(earlier)
        draft = await service.draft(self.application_id)
        if draft is None and self.interview_id is not None:
            existing = next((d for d in earlier if d.interview_id == self.interview_id), None)
            draft = existing.content(Debrief).input if existing else None
        if draft is not None and (self.interview_id is None or draft.interview_id in
                                  (None, self.interview_id)):
            self._fill(draft)
        if self.interview_id is not None and any(c.id == self.interview_id for c in self._choices):
            select.value = self.interview_id
        interviewer = self.query_one("#interviewer", Input)
        if not interviewer.value:
            interviewer.value = (await workspace(self).pitch.context(self.application_id)
                                 ).interviewer_name
        self._loaded = True
        self.query_one("#transcript", DocumentField).text_area.focus(scroll_visible=False)

    def _show_earlier(self, earlier: list[DocumentVersion]) -> None:
        option_list = self.query_one("#earlier", OptionList)
        option_list.clear_options()
        for doc in earlier[:5]:
            d = doc.content(Debrief)
            option_list.add_option(Option(
                Text(f"Open the debrief of {STAGES.get(d.input.stage, d.input.stage)} · "
                     f"{d.input.date} · {d.report.overall_score}/10  (v{doc.version}, "
                     f"{local_time(doc.created_at)})"), id=str(doc.id)))
        option_list.display = bool(earlier)

    def _fill(self, data: DebriefInput) -> None:
        if data.interview_id and any(c.id == data.interview_id for c in self._choices):
            self.query_one("#interview", Select).value = data.interview_id
        if data.stage in STAGES:
            self.query_one("#stage", Select).value = data.stage
        self.query_one("#date", Input).value = data.date
        self.query_one("#interviewer", Input).value = data.interviewer_name
        self.query_one("#feeling", Input).value = str(data.feeling) if data.feeling else ""
        self.query_one("#transcript", DocumentField).load_text(data.transcript)
        for key, _title, _placeholder in NOTES:
            self.query_one(f"#{key}", TextArea).load_text(getattr(data, key))

    @on(Select.Changed, "#interview")
    def _interview_chosen(self, event: Select.Changed) -> None:
        choice = next((c for c in self._choices if c.id == event.value), None)
        if choice is None:
            return
        self.query_one("#stage", Select).value = choice.stage if choice.stage in STAGES else \
            self.query_one("#stage", Select).value
        if choice.scheduled_at is not None:
            self.query_one("#date", Input).value = choice.scheduled_at.date().isoformat()
        if choice.interviewer_name:
            self.query_one("#interviewer", Input).value = choice.interviewer_name

    @on(OptionList.OptionSelected, "#earlier")
    def _open_earlier(self, event: OptionList.OptionSelected) -> None:
        self.app.push_screen(DebriefReportScreen(int(event.option.id or 0)))

    # ----- the input -------------------------------------------------------------------

    def values(self, *, strict: bool = True) -> DebriefInput:
        """What the form holds, as typed. A feeling that is not 1-10 raises DebriefRejected
        (``strict``) or is left out (for the draft)."""
        raw = self.query_one("#feeling", Input).value.strip()
        feeling = None
        if raw.isdigit() and 1 <= int(raw) <= 10:
            feeling = int(raw)
        elif raw and strict:
            raise DebriefRejected(f"Overall feeling “{raw}” must be a whole number from 1 to 10.")
        interview = self.query_one("#interview", Select).value
        return DebriefInput(
            stage=str(self.query_one("#stage", Select).value),
            date=self.query_one("#date", Input).value,
            interview_id=interview if isinstance(interview, int) and interview else None,
            interviewer_name=self.query_one("#interviewer", Input).value.strip(),
            transcript=self.query_one("#transcript", DocumentField).text,
            feeling=feeling,
            **{key: self.query_one(f"#{key}", TextArea).text for key, _t, _p in NOTES},
        )

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if not self._loaded:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self._keep_draft)

    def _keep_draft(self) -> None:
        self._save_draft(self.values(strict=False))

    @work(exclusive=True, group="debrief-draft", exit_on_error=False)
    async def _save_draft(self, data: DebriefInput) -> None:
        await workspace(self).debrief.save_draft(self.application_id, data)

    def action_import_file(self) -> None:
        self.query_one("#transcript", DocumentField).import_file()

    def action_debrief(self) -> None:
        if not self._loaded:
            return
        try:
            data = self.values()
        except DebriefRejected as exc:
            self._rejected(str(exc))
            return
        self._write(data, False)

    def action_offline(self) -> None:
        if self._failed:
            self._failed = False
            try:
                self._write(self.values(), True)
            except DebriefRejected as exc:
                self._rejected(str(exc))

    def _rejected(self, message: str) -> None:
        # The form keeps every word; the cursor goes to the field the message is about.
        self.notify(message, title="Not debriefed yet", severity="error", timeout=12)
        lowered = message.lower()
        target = ("#feeling" if "feeling" in lowered else "#date" if "date" in lowered
                  or "future" in lowered else None)
        if target:
            self.query_one(target).focus()
        elif "transcript" in lowered:
            self.query_one("#transcript", DocumentField).text_area.focus()

    @work(exclusive=True, group="debrief-coach", exit_on_error=False)
    async def _write(self, data: DebriefInput, offline: bool) -> None:
        status = self.query_one("#status", Static)
        status.update("Writing your debrief…")

        def stream(text: str) -> None:
            status.update(Text(" ".join(text.split())[-200:]))

        try:
            doc = await workspace(self).debrief.write(self.application_id, data, on_text=stream,
                                                      offline=offline)
        except DebriefRejected as exc:
            status.update("")
            self._rejected(str(exc))
            return
        except CoachError as exc:
            status.update("")
            self._failed = True
            self.refresh_bindings()
            self.notify(f"{exc.message} "
                        + press(self, ("debrief", "to try again"),
                                ("offline", "to use the offline coach"))
                        + " Your input is kept.", title="The coach could not answer",
                        severity="error", timeout=12)
            return
        status.update("")
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self.app.switch_screen(DebriefReportScreen(doc.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._failed if action == "offline" else True

    def action_back(self) -> None:
        self.app.pop_screen()
