"""One debrief: the overall score and six dimensions with their reasons, strengths,
opportunities, what you should have said (grounding-checked), coaching points, action
items and adjustments for the next stage. ``e`` opens the thank-you email."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalGroup
from textual.content import Content
from textual.widgets import Static

from interview_tui.screens.access import workspace
from interview_tui.screens.coach_written import CoachWrittenScreen
from interview_tui.screens.widgets.feedback import _paragraph, _section
from interview_tui.screens.widgets.format import score_markup
from interview_tui.screens.widgets.grounded_text import GroundedText
from interview_tui.screens.widgets.keys import key_for
from interview_tui.screens.widgets.pitch_views import author_line
from interview_tui.services.catalog import stage_label
from interview_tui.services.coach.base import TextSink
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


class DebriefReportScreen(CoachWrittenScreen[DocumentVersion, None]):
    SUB_TITLE = "Debrief"
    WRITING = "Writing the debrief again…"
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

    async def load(self) -> None:
        self.show(await workspace(self).documents.get(self.debrief_id))

    async def ask_coach(self, *, offline: bool, on_text: TextSink) -> DocumentVersion:
        assert self.doc is not None, "written again only once shown"
        return await workspace(self).debrief.write(
            self.doc.application_id, self.doc.content(Debrief).input, offline=offline,
            on_text=on_text)

    def show(self, result: DocumentVersion) -> None:
        self.doc = result
        self.debrief_id = result.id
        self.show_body(DebriefView(result, regenerate_key=key_for(self, "again")))

    def written(self, result: DocumentVersion) -> None:
        self.notify(f"Debrief version {result.version} written.")

    def action_again(self) -> None:
        if self.doc is not None:
            super().action_again()

    def action_offline(self) -> None:
        if self.doc is not None:
            super().action_offline()

    def action_email(self) -> None:
        from interview_tui.screens.thank_you import ThankYouScreen

        self.app.push_screen(ThankYouScreen(self.debrief_id))
