"""The application page: its scheduled interviews, prep documents and mock sessions.

Keys schedule and edit interviews, open or write each prep document, and open a mock
session. Everything is read through ``workspace.prep.page`` in one async worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from interview_tui.screens.access import interview_app, workspace
from interview_tui.screens.confirm import ConfirmDialog
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.format import local_time
from interview_tui.services.catalog import stage_label
from interview_tui.services.document_kinds import label
from interview_tui.services.prep import PER_APPLICATION

if TYPE_CHECKING:
    from interview_tui.services.document_store import DocumentVersion
    from interview_tui.services.prep import ApplicationPage

OWN_SCREENS = frozenset({"pitch_template", "debrief", "thank_you_email"})
KIND_KEYS = {"1": "base_prep", "2": "recruiter_prep", "3": "hiring_manager_prep"}
FINISHED = {"completed", "abandoned"}


class ApplicationScreen(Screen[None]):
    DEFAULT_CSS = """
    ApplicationScreen > VerticalScroll { padding: 0 1; }
    ApplicationScreen #title { margin-top: 1; }
    ApplicationScreen #missing { color: $warning; height: auto; }
    ApplicationScreen .heading { margin-top: 1; text-style: bold; }
    ApplicationScreen OptionList { height: auto; max-height: 12; border: round $primary 50%; }
    ApplicationScreen OptionList:focus { border: round $primary; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "schedule", "Schedule", id="application.schedule",
                tooltip="Schedule an interview for this application"),
        # The headings name e, 1-4 and b; the footer keeps room for what they do not.
        Binding("e", "edit_interview", "Edit interview", id="application.edit_interview",
                show=False, tooltip="Edit the selected interview, or write its notes after it"),
        Binding("x", "delete_interview", "Delete", id="application.delete_interview",
                show=False, tooltip="Delete the selected interview and its prep (asks first)"),
        Binding("1", "document('base_prep')", "Base prep", id="application.base_prep",
                show=False, tooltip="Open or write the base preparation"),
        Binding("2", "document('recruiter_prep')", "Recruiter prep",
                id="application.recruiter_prep", show=False, tooltip="Open or write the recruiter screen prep"),
        Binding("3", "document('hiring_manager_prep')", "HM prep",
                id="application.hiring_manager_prep", show=False,
                tooltip="Open or write the hiring manager prep"),
        Binding("4", "document('interview_prep')", "Interview prep",
                id="application.interview_prep", show=False,
                tooltip="Open or write the prep for the selected interview"),
        Binding("t", "pitch", "Pitch", id="application.pitch",
                tooltip="Practise your intro pitch ('tell me about yourself') for this job"),
        Binding("b", "debrief", "Debrief", id="application.debrief",
                tooltip="Debrief the selected interview (or a new one) after it happened"),
        Binding("j", "edit_application", "Edit application", id="application.edit",
                tooltip="Edit the company, role, interviewer and job description"),
        Binding("escape", "back", "Back", id="application.back", tooltip="Back"),
    ]

    def __init__(self, application_id: int) -> None:
        super().__init__()
        self.application_id = application_id
        self.page: ApplicationPage | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("Loading…", id="title", classes="title")
            yield Static("", id="missing")
            yield Static("Interviews  [dim](s schedule · e edit · enter/4 its prep · b debrief it)[/dim]",
                         classes="heading")
            yield OptionList(id="interviews")
            yield Static("Prep documents  [dim](1 base · 2 recruiter · 3 hiring manager · "
                         "t pitch)[/dim]", classes="heading")
            yield OptionList(id="documents")
            yield Static("Mock sessions  [dim](enter to review or resume)[/dim]",
                         classes="heading")
            yield OptionList(id="sessions")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Application"
        self.query_one("#interviews", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    # ----- loading ----------------------------------------------------------------------

    @work(exclusive=True, group="application", exit_on_error=False)
    async def reload(self) -> None:
        self._show(await workspace(self).prep.page(self.application_id))

    def _show(self, page: ApplicationPage) -> None:
        self.page = page
        self.query_one("#title", Static).update(escape(page.title))
        missing = []
        if not page.has_resume:
            missing.append("No resume in your profile: documents will say what is missing.")
        if not page.has_job_description:
            missing.append("No job description: press j to paste it.")
        self.query_one("#missing", Static).update("\n".join(missing))
        self.query_one("#missing", Static).display = bool(missing)
        self._fill("#interviews", [
            Option(escape(i.title + (f" · {i.focus}" if i.focus else "")
                          + ("  (notes written)" if i.notes.strip() else "")), id=f"i-{i.id}")
            for i in page.interviews
        ], "No interviews scheduled: press s to add one.")
        documents = []
        written = {d.kind for d in page.documents if d.interview_id is None}
        titles = {i.id: i.title for i in page.interviews}
        for d in page.documents:
            what = label(d.kind)
            if d.interview_id is not None:
                what += f" · {titles.get(d.interview_id, 'interview')}"
            mark = ", edited" if d.edited else ""
            documents.append(Option(
                f"{escape(what)}  [dim]v{d.version} · {d.author}{mark} · "
                f"{local_time(d.created_at)}[/dim]", id=f"d-{d.id}"))
        for key, kind in KIND_KEYS.items():
            if kind not in written:
                documents.append(Option(f"{label(kind)}  [dim]not written yet: press {key}[/dim]",
                                        id=f"k-{kind}"))
        self._fill("#documents", documents, "")
        self._fill("#sessions", [
            Option(f"{stage_label(s.stage)} · {local_time(s.started_at)} · "
                   + (f"{s.overall_score:.1f} ({s.readiness})" if s.overall_score is not None
                      else s.state.replace("_", " ")), id=f"s-{s.id}")
            for s in page.sessions
        ], "No mock sessions for this application yet (n on the home screen).")

    def _fill(self, selector: str, options: list[Option], empty: str) -> None:
        widget = self.query_one(selector, OptionList)
        highlighted = widget.highlighted
        widget.clear_options()
        widget.add_options(options or [Option(empty, disabled=True)])
        if options:
            widget.highlighted = min(highlighted or 0, len(options) - 1)

    def _selected(self, selector: str, prefix: str) -> int | None:
        widget = self.query_one(selector, OptionList)
        if widget.highlighted is None:
            return None
        option_id = widget.get_option_at_index(widget.highlighted).id or ""
        return int(option_id[len(prefix):]) if option_id.startswith(prefix) else None

    # ----- actions ------------------------------------------------------------------------

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        kind, _, value = option_id.partition("-")
        if kind == "i":
            self._open_document("interview_prep", int(value))
        elif kind == "d":
            self._open_version(int(value))
        elif kind == "k":
            self._open_document(value, None)
        elif kind == "s":
            self._open_session(int(value))

    def action_schedule(self) -> None:
        from interview_tui.screens.interview_form import InterviewForm

        self.app.push_screen(InterviewForm(self.application_id))

    def action_edit_interview(self) -> None:
        from interview_tui.screens.interview_form import InterviewForm

        interview_id = self._selected("#interviews", "i-")
        if interview_id is None:
            self.notify("No interview selected: press s to schedule one.")
            return
        self.app.push_screen(InterviewForm(self.application_id, interview_id))

    def action_delete_interview(self) -> None:
        interview_id = self._selected("#interviews", "i-")
        if interview_id is None:
            self.notify("No interview selected.")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(interview_id)

        self.app.push_screen(ConfirmDialog("Delete this interview?",
                                           "Its notes and its prep documents go with it."),
                             answered)

    @work(exclusive=True, group="application-delete", exit_on_error=False)
    async def _delete(self, interview_id: int) -> None:
        await workspace(self).schedule.delete(interview_id)
        self.notify("Interview deleted.")
        self.reload()

    def action_document(self, kind: str) -> None:
        if kind in PER_APPLICATION:
            self._open_document(kind, None)
            return
        interview_id = self._selected("#interviews", "i-")
        if interview_id is None:
            self.notify("Select an interview first (press s to schedule one).")
            return
        self._open_document(kind, interview_id)

    def _open_document(self, kind: str, interview_id: int | None) -> None:
        from interview_tui.screens.prep_document import DocumentScreen

        self.app.push_screen(DocumentScreen(self.application_id, kind, interview_id))

    def action_pitch(self) -> None:
        interview_app(self).open_pitch(self.application_id)

    def action_debrief(self) -> None:
        interview_app(self).open_debrief(self.application_id,
                                         self._selected("#interviews", "i-"))

    def _open_version(self, document_id: int) -> None:
        from interview_tui.screens.prep_document import DocumentScreen

        if self.page is None:
            return
        doc = next((d for d in self.page.documents if d.id == document_id), None)
        if doc is not None and doc.kind in OWN_SCREENS:
            self._open_own(doc)
        elif doc is not None:
            self.app.push_screen(DocumentScreen(self.application_id, doc.kind, doc.interview_id))

    def _open_own(self, doc: DocumentVersion) -> None:
        """The pitch template, a debrief or an email opens in its own screen."""
        from interview_tui.screens.debrief_report import DebriefReportScreen
        from interview_tui.screens.thank_you import ThankYouScreen

        if doc.kind == "pitch_template":
            interview_app(self).open_pitch(self.application_id)
            return
        debrief = next((d for d in (self.page.documents if self.page else [])
                        if d.kind == "debrief" and d.interview_id == doc.interview_id), None)
        if debrief is None:
            return
        screen = DebriefReportScreen if doc.kind == "debrief" else ThankYouScreen
        self.app.push_screen(screen(debrief.id))

    def _open_session(self, session_id: int) -> None:
        session = next((s for s in (self.page.sessions if self.page else []) if s.id == session_id),
                       None)
        if session is not None and session.state in FINISHED:
            from interview_tui.screens.review import ReviewScreen

            self.app.push_screen(ReviewScreen(session_id))
        else:
            interview_app(self).open_interview(session_id)

    def action_edit_application(self) -> None:
        from interview_tui.screens.application_form import ApplicationForm

        self.app.push_screen(ApplicationForm(self.application_id))

    def action_back(self) -> None:
        self.app.pop_screen()
