"""The question bank's dialogs: add a question, import a file, generate a practice set.

Each is a ``ModalScreen`` that checks what it can on the spot and dismisses with a plain
request (or ``None`` on escape); the bank screen does the work in its workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from interview_tui.services.catalog import (
    COMPETENCIES,
    DIFFICULTIES,
    PRACTICE_STAGES,
    PRACTICE_TYPES,
    STAGES,
    competency_label,
)
from interview_tui.services.practice_set import MAX_COUNT
from interview_tui.services.question_import import NewQuestion, QuestionRejected, check_question
from interview_tui.services.setup_choices import ApplicationRow

T = TypeVar("T")
GUESS = "guess"


@dataclass(frozen=True)
class ImportRequest:
    path: str
    stage: str
    difficulty: str


@dataclass(frozen=True)
class GenerateRequest:
    application_id: int
    practice_type: str
    count: int


class _Dialog(ModalScreen[T]):
    DEFAULT_CSS = """
    _Dialog { align: center middle; }
    _Dialog > Vertical {
        width: 90; max-width: 96%; height: auto; max-height: 90%;
        border: round $accent; border-title-style: bold; background: $surface; padding: 0 1;
    }
    _Dialog .row { height: 1; margin-top: 1; }
    _Dialog .label { width: 14; color: $text-muted; }
    _Dialog .row:focus-within > .label { color: $accent; text-style: bold; }
    _Dialog .row > Input, _Dialog .row > Select { width: 1fr; }
    _Dialog #hint { color: $text-muted; margin-top: 1; height: auto; }
    _Dialog #buttons { height: auto; align-horizontal: right; margin: 1 0 0 0; }
    _Dialog #buttons > Button { margin-left: 2; min-width: 14; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "OK", id="dialog.submit", priority=True,
                tooltip="Go ahead with what the form says"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close; nothing changes"),
    ]
    dialog_title = ""  # not Screen.TITLE: ExportDialog sets its own per instance
    HINT = ""
    OK_LABEL = "OK"

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.dialog_title
            yield from self.fields()
            yield Static(self.HINT, id="hint", markup=False)
            with Horizontal(id="buttons"):
                yield Button(f"{self.OK_LABEL}  ctrl+s", id="ok", variant="primary", compact=True)
                yield Button("Cancel  esc", id="cancel", compact=True)

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    @staticmethod
    def row(label: str, widget: Input | Select[str]) -> Horizontal:
        widget.compact = True
        return Horizontal(Static(label, classes="label"), widget, classes="row")

    def value(self, selector: str) -> str:
        select = self.query_one(selector, Select)
        return "" if select.value is Select.NULL else str(select.value)

    def action_submit(self) -> None:
        raise NotImplementedError

    def refuse(self, message: str) -> None:
        self.notify(message, title="Not yet", severity="error", timeout=8)

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _stages() -> list[tuple[str, str]]:
    return [(label, key) for key, label in STAGES.items()]


def _difficulties() -> list[tuple[str, str]]:
    return [(label, key) for key, label in DIFFICULTIES.items()]


class AddQuestionDialog(_Dialog[NewQuestion | None]):
    dialog_title = "Add a question of your own"
    HINT = ("Your questions are asked in sessions and drills on their stage, before the "
            "shipped ones, when their competency comes up.")
    OK_LABEL = "Add"

    def __init__(self, stage: str = "hiring_manager") -> None:
        super().__init__()
        self._stage = stage

    def fields(self) -> ComposeResult:
        yield self.row("Question", Input(placeholder="Tell me about a time ...", id="text"))
        yield self.row("Stage", Select(_stages(), value=self._stage, allow_blank=False, id="stage"))
        yield self.row("Competency", Select(self._competencies(self._stage), value=GUESS,
                                            allow_blank=False, id="competency"))
        yield self.row("Difficulty", Select(_difficulties(), value="medium", allow_blank=False,
                                            id="difficulty"))
        yield self.row("Guidance", Input(placeholder="optional: what a strong answer covers",
                                         id="guidance"))

    @staticmethod
    def _competencies(stage: str) -> list[tuple[str, str]]:
        return [("Guess from the question", GUESS),
                *[(competency_label(c), c) for c in COMPETENCIES[stage]]]

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Select.Changed, "#stage")
    def _stage_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            competency = self.query_one("#competency", Select)
            competency.set_options(self._competencies(str(event.value)))
            competency.value = GUESS

    def action_submit(self) -> None:
        competency = self.value("#competency")
        try:
            question = check_question(
                self.query_one("#text", Input).value,
                stage=self.value("#stage"),
                competency=None if competency == GUESS else competency,
                difficulty=self.value("#difficulty"),
                guidance=self.query_one("#guidance", Input).value,
            )
        except QuestionRejected as exc:
            self.refuse(f"Not added: {exc}.")
            self.query_one("#text", Input).focus()
            return
        self.dismiss(question)


class ImportDialog(_Dialog[ImportRequest | None]):
    dialog_title = "Import questions from a file"
    HINT = ("A text file holds one question a line (# starts a comment); JSON is a list of "
            "questions or of objects with text, stage, competency, difficulty, guidance. "
            "Bad lines are reported with their line numbers; the good ones are kept.")
    OK_LABEL = "Import"

    def fields(self) -> ComposeResult:
        yield self.row("File", Input(placeholder="~/questions.txt or .json", id="path"))
        yield self.row("Stage", Select(_stages(), value="hiring_manager", allow_blank=False,
                                       id="stage"))
        yield self.row("Difficulty", Select(_difficulties(), value="medium", allow_blank=False,
                                            id="difficulty"))

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def action_submit(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        if not path:
            self.refuse("Type the path of the file to import.")
            return
        self.dismiss(ImportRequest(path, self.value("#stage"), self.value("#difficulty")))


class GenerateDialog(_Dialog[GenerateRequest | None]):
    dialog_title = "Generate a practice set"
    HINT = ("Each question comes with its competency, difficulty, guidance, likely follow-ups "
            "and an example answer built only from your resume; the set is saved into the "
            "bank for this application and used in its sessions and drills.")
    OK_LABEL = "Generate"

    def __init__(self, applications: list[ApplicationRow], application_id: int | None) -> None:
        super().__init__()
        self._applications = applications
        self._chosen = application_id

    def fields(self) -> ComposeResult:
        options = [(f"{a.company} · {a.role}", str(a.id)) for a in self._applications]
        first = str(self._chosen) if self._chosen else (options[0][1] if options else None)
        yield self.row("Application", Select(options, value=first or Select.NULL,
                                             id="application"))
        yield self.row("Type", Select(
            [(f"{label} ({STAGES[PRACTICE_STAGES[key]].lower()})", key)
             for key, label in PRACTICE_TYPES.items()],
            value="behavioural", allow_blank=False, id="type"))
        yield self.row("Questions", Input("5", id="count", type="integer",
                                          placeholder=f"1 to {MAX_COUNT}"))

    def action_submit(self) -> None:
        application = self.value("#application")
        if not application:
            self.refuse("Choose an application (add one in the setup screen first).")
            return
        raw = self.query_one("#count", Input).value.strip()
        count = int(raw) if raw.isdigit() else 0
        if not 1 <= count <= MAX_COUNT:
            self.refuse(f"Ask for 1 to {MAX_COUNT} questions.")
            self.query_one("#count", Input).focus()
            return
        self.dismiss(GenerateRequest(int(application), self.value("#type"), count))
