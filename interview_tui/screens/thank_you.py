"""The thank-you email after an interview: subject and three short paragraphs, with the
grounding check beside it. ``c`` copies it to the clipboard (where the terminal allows),
``s`` saves it to a text file (the path is shown), ``r`` writes it again."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from interview_tui.screens.access import interview_app, workspace
from interview_tui.screens.coach_written import CoachWrittenScreen
from interview_tui.screens.widgets.grounded_text import GroundedText
from interview_tui.screens.widgets.keys import key_for
from interview_tui.screens.widgets.pitch_views import author_line
from interview_tui.services.coach.base import TextSink
from interview_tui.services.debrief_models import ThankYouDocument
from interview_tui.services.document_store import DocumentVersion
from interview_tui.services.exports import exports_dir


class ThankYouScreen(CoachWrittenScreen[DocumentVersion, None]):
    DEFAULT_CSS = """
    ThankYouScreen #body { padding: 0 1; }
    ThankYouScreen .section { margin-bottom: 1; }
    """
    SUB_TITLE = "Thank-you email"
    WRITING = "Writing the email…"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy", "Copy", id="email.copy", tooltip="Copy the email to the clipboard"),
        Binding("s", "save", "Save to file", id="email.save",
                tooltip="Save the email as a text file (the path is shown)"),
        Binding("r", "again", "Write again", id="email.again",
                tooltip="Write a new version of the email"),
        Binding("o", "offline", "Offline", id="email.offline",
                tooltip="Write a new version with the offline coach"),
        Binding("escape", "back", "Back", id="email.back"),
    ]

    def __init__(self, debrief_id: int) -> None:
        super().__init__()
        self.debrief_id = debrief_id
        self.email: DocumentVersion | None = None
        self.saved_to: str | None = None

    async def load(self) -> None:
        email = await workspace(self).debrief.email(self.debrief_id)
        if email is None:
            await self.write(offline=False)
        else:
            self.show(email)

    async def ask_coach(self, *, offline: bool, on_text: TextSink) -> DocumentVersion:
        return await workspace(self).debrief.write_email(self.debrief_id, offline=offline,
                                                         on_text=on_text)

    def show(self, result: DocumentVersion) -> None:
        self.email = result
        stored = result.content(ThankYouDocument)
        self.show_body(
            Static(Content.from_markup("[b]To[/b] $to [dim]· version $v[/dim]",
                                       to=stored.to or "(no interviewer named)",
                                       v=str(result.version)),
                   classes="section"),
            GroundedText(f"Subject: {stored.email.subject}", stored.body, stored.ungrounded,
                         regenerate_key=key_for(self, "again"),
                         sources="your resume or your debrief"),
            author_line(result.author, result.model),
        )

    def action_copy(self) -> None:
        if self.email is None:
            return
        self.app.copy_to_clipboard(self.email.content(ThankYouDocument).text)
        self.notify("Copied the subject and email. If your terminal does not pass the "
                    "clipboard on, press s to save it to a file instead.", title="Copied")

    def action_save(self) -> None:
        self._save()

    @work(exclusive=True, group="email-save", exit_on_error=False)
    async def _save(self) -> None:
        if self.email is None:
            return
        directory = exports_dir(interview_app(self).settings.data_dir)
        try:
            written = await workspace(self).debrief.save_email_file(self.email.id, directory)
        except OSError as exc:
            self.notify(f"Could not save the email: {exc.strerror or exc}", severity="error",
                        title="Not saved", timeout=10)
            return
        self.saved_to = str(written.path)
        self.status.update(Content(written.message()))
        self.notify(written.message(), title="Email saved", markup=False)
