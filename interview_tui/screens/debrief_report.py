"""One debrief: the overall score and six dimensions with their reasons, strengths,
opportunities, what you should have said (grounding-checked), coaching points, action
items and adjustments for the next stage. ``e`` opens the thank-you email."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalGroup, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from interview_tui.screens.access import workspace
from interview_tui.screens.widgets.feedback import _paragraph, _section
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.format import score_markup
from interview_tui.screens.widgets.grounded_text import GroundedText
from interview_tui.screens.widgets.keys import key_for, press
from interview_tui.screens.widgets.pitch_views import author_line
from interview_tui.services.catalog import stage_label
from interview_tui.services.coach.base import CoachError
from interview_tui.services.debrief_models import DIMENSIONS, Debrief
from interview_tui.services.document_store import DocumentVersion


class DebriefView(VerticalGroup):
    DEFAULT_CSS = """
    DebriefView { height: auto; padding: 0 1; }
    DebriefView .section { margin-bottom: 1; }
    DebriefView .dimensions { margin-bottom: 1; }
    DebriefView .better-q { text-style: bold; }
    DebriefView .better-mine { color: $text-muted; }
    """

    def __init__(self, doc: DocumentVersion, *, regenerate_key: str = "r") -> None:
        super().__init__()
        self.doc = doc
        self._key = regenerate_key
        self.debrief = doc.content(Debrief)

    def compose(self) -> ComposeResult:
        d, r = self.debrief, self.debrief.report
        who = f" with {d.input.interviewer_name}" if d.input.interviewer_name else ""
        yield Static(Content.from_markup(
            f"[b]$stage interview · $date$who[/b] · Overall {score_markup(r.overall_score)} "
            "[dim]· version $version[/dim]", stage=stage_label(d.input.stage), date=d.input.date,
            who=who, version=str(self.doc.version)), classes="section")
        yield Static(Content(r.summary), classes="section")
        width = max(len(label) for label in DIMENSIONS.values())
        lines = [Content.from_markup("[b]By dimension[/b]")]
        for key, label in DIMENSIONS.items():
            dim = getattr(r.dimensions, key)
            lines.append(Content.from_markup(f"$label  {score_markup(dim.score)}  [dim]$reason[/dim]",
                                             label=label.ljust(width), reason=dim.reason))
        yield Static(Content("\n").join(lines), classes="dimensions")
        for widget in (_section("Strengths", r.strengths),
                       _section("Opportunities", r.opportunities)):
            if widget is not None:
                yield widget
        if r.should_have_said:
            yield Static(Content.from_markup("[b]What you should have said[/b]"))
            for i, b in enumerate(r.should_have_said):
                yield Static(Content(b.question), classes="better-q")
                yield Static(Content(f"You said: {b.your_answer}"), classes="better-mine")
                flagged = d.answer_flags[i] if i < len(d.answer_flags) else d.ungrounded
                yield GroundedText("A stronger answer", b.stronger_answer, flagged,
                                   regenerate_key=self._key, sources="your resume or what you said")
        for widget in (_section("Coaching points", r.coaching_points),
                       _section("Action items", r.action_items),
                       _section("For the next stage", r.next_stage_adjustments)):
            if widget is not None:
                yield widget
        if d.input.learned.strip():
            learned = _paragraph("What you learned (your notes)", d.input.learned)
            if learned is not None:
                yield learned
        yield author_line(self.doc.author, self.doc.model)


class DebriefReportScreen(Screen[None]):
    DEFAULT_CSS = """
    DebriefReportScreen VerticalScroll { height: 1fr; }
    DebriefReportScreen #status { height: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "email", "Thank-you email", id="report.email",
                tooltip="Write (or open) the thank-you email to the interviewer"),
        Binding("r", "again", "Debrief again", id="report.again",
                tooltip="Write this debrief again from the same input (a new version)"),
        Binding("o", "offline", "Offline", id="report.offline",
                tooltip="Write this debrief again with the offline coach"),
        Binding("escape", "back", "Back", id="report.back"),
    ]

    def __init__(self, debrief_id: int) -> None:
        super().__init__()
        self.debrief_id = debrief_id
        self.doc: DocumentVersion | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="body")
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Debrief"
        self._load()

    @work(exclusive=True, group="report", exit_on_error=False)
    async def _load(self) -> None:
        self._show(await workspace(self).documents.get(self.debrief_id))

    def _show(self, doc: DocumentVersion) -> None:
        self.doc = doc
        self.debrief_id = doc.id
        body = self.query_one("#body", VerticalScroll)
        body.remove_children()
        body.mount(DebriefView(doc, regenerate_key=key_for(self, "again")))
        body.scroll_home(animate=False)
        body.focus()

    def action_email(self) -> None:
        from interview_tui.screens.thank_you import ThankYouScreen

        self.app.push_screen(ThankYouScreen(self.debrief_id))

    def action_again(self) -> None:
        self._again(False)

    def action_offline(self) -> None:
        self._again(True)

    @work(exclusive=True, group="report", exit_on_error=False)
    async def _again(self, offline: bool) -> None:
        if self.doc is None:
            return
        status = self.query_one("#status", Static)
        status.update("Writing the debrief again…")
        data = self.doc.content(Debrief).input
        try:
            doc = await workspace(self).debrief.write(self.doc.application_id, data,
                                                      offline=offline)
        except CoachError as exc:
            status.update("")
            self.notify(f"{exc.message} "
                        + press(self, ("again", "to try again"), ("offline", "for the offline coach")),
                        title="The coach could not answer", severity="error", timeout=12)
            return
        status.update("")
        self._show(doc)
        self.notify(f"Debrief version {doc.version} written.")

    def action_back(self) -> None:
        self.app.pop_screen()
