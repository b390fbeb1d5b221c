"""Setup: choose a job application and the interview's options, then start.

Keyboard model: ↑/↓ (or tab) move between fields, ←/→ change a choice, the list of
applications uses ↑/↓ itself. Single-letter keys are safe here because the screen has
no text inputs; typing happens in the application and profile dialogs.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Button,
    Checkbox,
    Header,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets.option_list import Option

from interview_tui.screens.access import interview_app, workspace
from interview_tui.screens.setup_profile import ProfileActions
from interview_tui.screens.widgets.choice_set import ChoiceSet
from interview_tui.screens.widgets.footer import Footer
from interview_tui.screens.widgets.keys import key_for
from interview_tui.screens.widgets.question_count import QuestionCount
from interview_tui.services.catalog import DIFFICULTIES, PERSONAS, STAGES
from interview_tui.services.session_machine import MAX_QUESTIONS, MIN_QUESTIONS
from interview_tui.services.session_setup import SessionSetup
from interview_tui.services.setup_choices import (
    ApplicationRow,
    Choices,
    SetupData,
)

# How each persona changes the interviewer (mirrors prompts/coach_system.txt).
PERSONA_DESCRIPTIONS = {
    "friendly": "Warm and encouraging; follow-ups invite you to add detail.",
    "neutral": "Professional; follow-ups ask plainly for what is missing.",
    "challenging": "Brisk and sceptical; follow-ups probe vague claims and numbers.",
}

TALL = 34  # rows from which the job description preview fits


class SetupCheckbox(Checkbox):
    """A checkbox on which ↑/↓ move between fields, like on the other choices."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "app.focus_next", "Next field", show=False),
        Binding("up", "app.focus_previous", "Previous field", show=False),
    ]


# ----- the screen --------------------------------------------------------------------


class SetupScreen(ProfileActions):
    """Choose the application, stage, difficulty, persona and length; then start."""

    DEFAULT_CSS = """
    SetupScreen > VerticalScroll { padding: 0 2; }
    SetupScreen #jd-preview { display: none; }
    SetupScreen.-tall #jd-preview {
        display: block; height: 9; margin-bottom: 1; padding: 0 1;
        border: round $primary 30%; border-title-color: $text-muted; color: $text-muted;
    }
    SetupScreen #hint { height: auto; margin: 1 0 0 0; }
    SetupScreen #hint.first-run { background: $accent 20%; padding: 0 1; }
    SetupScreen #applications {
        height: auto; max-height: 8; margin-top: 1;
        border: round $primary 50%; border-title-color: $text; border-subtitle-color: $text-muted;
    }
    SetupScreen #applications:focus { border: round $primary; }
    SetupScreen .row { height: 1; }
    SetupScreen .row > .label { width: 13; color: $text-muted; }
    SetupScreen .row:focus-within > .label { color: $accent; text-style: bold; }
    SetupScreen #candidate-row { margin-bottom: 1; }
    SetupScreen #candidate { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    SetupScreen ChoiceSet { layout: horizontal; height: 1; width: 1fr; overflow: hidden; }
    SetupScreen ChoiceSet > RadioButton { width: auto; margin-right: 2; }
    SetupScreen #persona-description { padding-left: 13; height: auto; }
    SetupScreen #count-hint { width: 1fr; padding-left: 2; }
    SetupScreen #start-row { height: auto; margin-top: 1; padding-left: 13; }
    SetupScreen #start { min-width: 24; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", id="setup.start", priority=True,
                tooltip="Start the mock interview with these choices"),
        Binding("n", "new_application", "New application", id="setup.new_application",
                tooltip="Add a job application (company, role, job description)"),
        Binding("e", "edit_application", "Edit", id="setup.edit_application",
                tooltip="Edit the highlighted job application"),
        Binding("p", "edit_profile", "Profile", id="setup.edit_profile",
                tooltip="Edit your name, headline and resume"),
        Binding("c", "use_my_profile", "Demo job as me", id="setup.use_my_profile",
                tooltip="Practise the demo's job with your own profile (a copy; the demo "
                        "stays as it is)"),
        Binding("escape", "back", "Back", id="setup.back", tooltip="Back to the home screen"),
        Binding("down", "app.focus_next", "Next field", show=False),
        Binding("up", "app.focus_previous", "Previous field", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ApplicationRow] = []
        self._loaded_once = False
        self._has_own_profile = False
        self._profile_id: int | None = None
        self._profile_name = ""
        self._first_run = False
        self._starting = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("Loading your applications…", id="hint", classes="muted")
            applications = OptionList(id="applications")
            applications.border_title = "Job application"
            applications.border_subtitle = "n new · e edit"
            yield applications
            with Horizontal(classes="row", id="candidate-row"):
                yield Static("Candidate", classes="label")
                yield Static("", id="candidate")
            preview = Static("", id="jd-preview")
            preview.border_title = "Job description"
            yield preview
            with Horizontal(classes="row"):
                yield Static("Stage", classes="label")
                yield self._choice_set("stage", STAGES, "Recruiter screen, hiring manager or technical")
            with Horizontal(classes="row"):
                yield Static("Difficulty", classes="label")
                yield self._choice_set("difficulty", DIFFICULTIES, "How demanding the questions are")
            with Horizontal(classes="row"):
                yield Static("Interviewer", classes="label")
                yield self._choice_set("persona", PERSONAS, "The interviewer's tone and follow-ups")
            yield Static("", id="persona-description", classes="muted")
            with Horizontal(classes="row"):
                yield Static("Questions", classes="label")
                count = QuestionCount(id="question-count")
                count.tooltip = f"{MIN_QUESTIONS}-{MAX_QUESTIONS} questions: ←/→ or a digit (0 = 10)"
                yield count
                yield Static("←/→ or type 1-9, 0 for 10", id="count-hint", classes="muted")
            with Horizontal(classes="row"):
                yield Static("Scores", classes="label")
                yield SetupCheckbox(
                    "Hide scores during the session", id="hide-scores", compact=True,
                    tooltip="Keep scores out of sight while the session runs",
                )
            with Horizontal(classes="row"):
                yield Static("Adaptive", classes="label")
                yield SetupCheckbox(
                    "Difficulty follows scores (8+ twice: hard; <5 twice: easy)",
                    id="adaptive", compact=True,
                    tooltip="Let the difficulty follow your scores; the summary says when it changed",
                )
            with Horizontal(id="start-row"):
                yield Button("▶ Start interview", id="start", variant="primary",
                             tooltip="Start the mock interview (ctrl+s)")
        yield Footer()

    @staticmethod
    def _choice_set(name: str, options: dict[str, str], tooltip: str) -> ChoiceSet:
        choice_set = ChoiceSet(
            *(RadioButton(label, name=key) for key, label in options.items()),
            id=name, compact=True, tooltip=f"{tooltip} (←/→)",
        )
        return choice_set

    def on_mount(self) -> None:
        self.load()

    def on_resize(self) -> None:
        self.set_class(self.size.height >= TALL, "-tall")

    # ----- loading ----------------------------------------------------------------------

    @work(exclusive=True, group="setup-load", exit_on_error=False)
    async def load(self, select_id: int | None = None) -> None:
        """Read applications and remembered choices on the database thread."""
        self._apply(await workspace(self).setup.load(), select_id)

    def _apply(self, data: SetupData, select_id: int | None) -> None:
        self._rows = data.applications
        self._has_own_profile = data.has_own_profile
        self._profile_id, self._profile_name = data.profile_id, data.profile_name
        self._first_run = data.first_run
        first_load = not self._loaded_once
        self._loaded_once = True
        choices = data.choices
        ids = [row.id for row in self._rows]
        if select_id is None and not first_load:
            select_id = self._selected_id()
        if select_id not in ids:
            demo = next((row.id for row in self._rows if row.is_demo), None)
            if choices.application_id in ids:
                select_id = choices.application_id
            elif data.first_run and demo is not None:
                select_id = demo
            else:
                select_id = ids[0] if ids else None
        self._render_applications(select_id)
        if first_load:
            self._apply_choices(choices)
        self._render_hint()
        if first_load:
            if self._starts_now():
                self.query_one("#start", Button).focus()
            else:
                self.query_one("#applications", OptionList).focus()

    def _apply_choices(self, choices: Choices) -> None:
        self.query_one("#stage", ChoiceSet).choose_name(choices.stage)
        self.query_one("#difficulty", ChoiceSet).choose_name(choices.difficulty)
        self.query_one("#persona", ChoiceSet).choose_name(choices.persona)
        self.query_one(QuestionCount).value = choices.question_count
        self.query_one("#hide-scores", Checkbox).value = choices.hide_scores
        self._describe_persona(choices.persona)

    def _render_applications(self, select_id: int | None) -> None:
        options = self.query_one("#applications", OptionList)
        options.clear_options()
        if not self._rows:
            options.add_option(Option(Content.styled(
                "No job applications yet: press n to add one.", "dim"), id="none", disabled=True))
            self._render_candidate()
            return
        for row in self._rows:
            parts: list[str | tuple[str, str]] = [(row.company, "bold"), " · ", row.role]
            if row.interviewer:
                parts.append(f" · {row.interviewer}")
            if row.is_demo:
                parts.append(("  demo", "italic $accent"))
            options.add_option(Option(Content.assemble(*parts), id=str(row.id)))
        ids = [row.id for row in self._rows]
        options.highlighted = ids.index(select_id) if select_id in ids else 0
        self._render_candidate()

    def _starts_now(self) -> bool:
        """A first run on the demo, with no profile of your own: one key starts."""
        selected = self._selected_row()
        return (self._first_run and selected is not None and selected.is_demo
                and not self._has_own_profile)

    def _render_hint(self) -> None:
        hint = self.query_one("#hint", Static)
        starts_now = self._starts_now()
        hint.set_class(starts_now, "first-run")
        hint.set_class(not starts_now, "muted")
        start = key_for(self, "start")
        if starts_now:
            hint.update(Content.from_markup(
                "[b]Ready to go:[/b] the demo application (Alex Rivera, a backend engineer) is "
                "selected. Press [b]Enter[/b] or [b]$start[/b] to start now, or change the "
                "options first.", start=start,
            ))
            return
        selected = self._selected_row()
        if not self._rows:
            text = (f"Add the job you are preparing for with {key_for(self, 'new_application')}, "
                    f"then start with {start}.")
        else:
            text = f"Choose an application and the options, then start with {start}."
        if selected is not None and selected.candidate_is_demo and self._has_own_profile:
            # Say plainly whose resume this session is about.
            text += (f" This one uses the demo profile ({selected.candidate}), not yours: "
                     f"press {key_for(self, 'use_my_profile')} to practise this job as "
                     f"{self._profile_name}.")
        elif not self._has_own_profile:
            text += (f" Press {key_for(self, 'edit_profile')} to use your own resume instead "
                     "of the demo profile.")
        hint.update(text)

    def _render_candidate(self) -> None:
        row = self._selected_row()
        candidate = self.query_one("#candidate", Static)
        self.query_one("#jd-preview", Static).update(
            (row.job_description or "No job description: press e to add one.") if row else ""
        )
        if row is None:
            candidate.update(Content.styled("—", "dim"))
            return
        parts: list[str | tuple[str, str]] = [(row.candidate, "bold")]
        if row.candidate_is_demo:
            parts.append((" (demo profile)", "italic $accent"))
        if row.candidate_headline:
            parts.append((f" · {row.candidate_headline}", "dim"))
        candidate.update(Content.assemble(*parts))

    def _describe_persona(self, persona: str | None) -> None:
        self.query_one("#persona-description", Static).update(
            PERSONA_DESCRIPTIONS.get(persona or "", "")
        )

    # ----- reading the choices ----------------------------------------------------------

    def _selected_id(self) -> int | None:
        options = self.query_one("#applications", OptionList)
        if options.highlighted is None or not self._rows:
            return None
        option = options.get_option_at_index(options.highlighted)
        return int(option.id) if option.id and option.id.isdigit() else None

    def _selected_row(self) -> ApplicationRow | None:
        selected = self._selected_id()
        return next((row for row in self._rows if row.id == selected), None)

    def current_setup(self) -> SessionSetup | None:
        """The setup the screen shows, or None when no application is chosen."""
        application_id = self._selected_id()
        if application_id is None:
            return None
        return SessionSetup(
            application_id=application_id,
            stage=self.query_one("#stage", ChoiceSet).chosen or Choices.stage,
            difficulty=self.query_one("#difficulty", ChoiceSet).chosen or Choices.difficulty,
            persona=self.query_one("#persona", ChoiceSet).chosen or Choices.persona,
            question_count=self.query_one(QuestionCount).value,
            hide_scores=self.query_one("#hide-scores", Checkbox).value,
            adaptive=self.query_one("#adaptive", Checkbox).value,
        )

    # ----- events -----------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#applications")
    def _application_highlighted(self) -> None:
        self._render_candidate()
        if self._loaded_once:
            self._render_hint()
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#applications")
    def _application_chosen(self) -> None:
        # Enter on the list confirms the choice and moves on to the options.
        self.focus_next()

    @on(RadioSet.Changed, "#persona")
    def _persona_changed(self, event: RadioSet.Changed) -> None:
        self._describe_persona(event.pressed.name)

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    # ----- actions ----------------------------------------------------------------------

    def action_start(self) -> None:
        if not self._loaded_once or self._starting:
            return
        setup = self.current_setup()
        if setup is None:
            self.notify("Choose a job application first (n adds one).", title="Cannot start",
                        severity="warning")
            self.query_one("#applications", OptionList).focus()
            return
        try:
            setup.validate()
        except ValueError as exc:
            self.notify(str(exc), title="Cannot start", severity="error")
            return
        # A second ctrl+s while the first is on its way must not start a second session.
        self._starting = True
        self._start(setup)

    @work(group="setup-start", exit_on_error=False)
    async def _start(self, setup: SessionSetup) -> None:
        try:
            await workspace(self).setup.remember(setup)
            interview_app(self).start_interview(setup)
        finally:
            self._starting = False  # failures are reported by the app's worker handler

    def action_new_application(self) -> None:
        from interview_tui.screens.application_form import ApplicationForm

        self.app.push_screen(ApplicationForm(), self._application_saved)

    def action_edit_application(self) -> None:
        from interview_tui.screens.application_form import ApplicationForm

        row = self._selected_row()
        if row is None:
            self.notify("There is no application to edit; press n to add one.")
            return
        # The demo stays as shipped: editing it starts a new application from a copy.
        form = ApplicationForm(row.id, copy=row.is_demo)
        self.app.push_screen(form, self._application_saved)

    def _application_saved(self, application_id: int | None) -> None:
        if application_id is not None:
            self.load(application_id)
            self.query_one("#applications", OptionList).focus()

    def action_back(self) -> None:
        self.app.pop_screen()
