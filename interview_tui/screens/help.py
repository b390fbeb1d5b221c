"""Help: the keys of the screen it was opened over, the keys that work everywhere, and
how a mock interview works. The key tables come from the bindings in force, so they
list only keys that work there, under their remapped names."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

from interview_tui.screens.widgets.keys import sentence_key
from interview_tui.services.catalog import LEVELS

ABOUT = """\
## How a mock interview works

Choose a job application, a stage, a difficulty and an interviewer persona. Answer each
question; the interviewer may follow up up to three times. You get brief feedback after
every answer, full feedback per question and a summary with a readiness verdict at the
end (8 or more: Ready; 6 to 7.9: Almost Ready; below 6: Needs Practice). Everything is
saved as you go: quit at any time and resume from the home screen.

**Your own questions**: the question bank (from home) lists the shipped questions and
yours; add, import or generate a practice set for an application, and sessions use them.
**Drills** are quick loops (question, answer, feedback, next; no follow-ups) on one
focus; they count in your progress like any session. **Adaptive difficulty** (setup
and drills): two scores of 8+ in a row make the next question hard, two below 5 easy.
**Answer again**: from a question's feedback, a review or a summary, answer a question
again; the attempts are shown side by side with their scores.


**Preparing for a real interview**: open Applications from home. An application's page
holds its scheduled interviews (with your notes after each), its preparation documents
(base preparation, recruiter screen, hiring manager, and per interview) and its mock
sessions. Documents can be edited section by section, regenerated (the old version stays),
and exported to Markdown.

Speaking time is estimated at 140 words per minute; aim for 60–120 seconds for a main
answer.

**Intro pitch and debriefs** (command palette, `ctrl+p`): the *Intro pitch trainer*
practises "tell me about yourself" (100–150 words, 60–90 seconds) with a template, timed
attempts and scored feedback; *Debrief an interview* turns a transcript or your notes from a
real interview into scores, stronger answers and a thank-you email.

**Coach**: Claude when `ANTHROPIC_API_KEY` is set, otherwise the built-in offline coach,
which needs no network. If the coach fails, you can retry, continue with the offline
coach, or go on without what failed. **Keys can be remapped** in the config file
(`[keymap]` with ids such as `"interview.submit" = "ctrl+enter"`).
"""


def _levels() -> str:
    lines = ["## Levels", "", "Each answer is placed at the level it demonstrates:", ""]
    lines += [f"- **{level}**: {meaning}" for level, meaning in LEVELS.items()]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(rows: dict[str, list[str]], what: dict[str, str]) -> str:
    if not rows:
        return "_No keys of its own here._"
    lines = ["| Key | What |", "|---|---|"]
    lines += [
        f"| {', '.join(f'`{k}`' for k in keys)} | {_cell(what[action])} |"
        for action, keys in rows.items()
    ]
    return "\n".join(lines)


def _add(rows: dict[str, list[str]], what: dict[str, str], key: str, binding: Binding) -> None:
    shown = sentence_key(key)
    if shown not in rows.setdefault(binding.action, []):
        rows[binding.action].append(shown)
    what.setdefault(binding.action, binding.tooltip or binding.description)


# Keys every Textual screen has (next field, previous field, copy): listed under
# "Everywhere", not among the keys of the screen in front of the user.
_EVERY_SCREEN = frozenset(b.action for b in Screen.BINDINGS if isinstance(b, Binding))


def _screen_rows(
    screen: Screen[Any], rows: dict[str, list[str]], what: dict[str, str], *, common: bool
) -> None:
    for key, active in screen.active_bindings.items():
        # The screen's own keys, not each widget's cursor keys.
        if (active.node is screen and active.enabled and active.binding.description
                and (active.binding.action in _EVERY_SCREEN) == common):
            _add(rows, what, key, active.binding)


def screen_keys(screen: Screen[Any]) -> str:
    """A Markdown table of the keys of ``screen`` itself that work right now."""
    rows: dict[str, list[str]] = {}  # action -> keys, first seen first
    what: dict[str, str] = {}
    _screen_rows(screen, rows, what, common=False)
    return _table(rows, what)


def app_keys(screen: Screen[Any]) -> str:
    """A Markdown table of the app's keys that work over ``screen`` (in a dialog: the
    priority ones only, as Textual gives a dialog no other app keys)."""
    app = screen.app
    rows: dict[str, list[str]] = {}
    what: dict[str, str] = {}
    # Textual keeps no public map of the app's own bindings (with the keymap applied).
    for key, bindings in app._bindings.key_to_bindings.items():
        for binding in bindings:
            if not binding.description or binding.action == "command_palette":
                continue
            if screen.is_modal and not binding.priority:
                continue
            _add(rows, what, key, binding)
    _screen_rows(screen, rows, what, common=True)
    palette = sentence_key(app.COMMAND_PALETTE_BINDING)
    rows["command_palette"] = [palette]
    what["command_palette"] = "Command palette: the actions of this screen, and themes"
    return _table(rows, what)


def help_text(screen: Screen[Any]) -> str:
    """The whole help page for ``screen``."""
    title = (
        getattr(screen, "dialog_title", "")
        or screen.sub_title
        or type(screen).__name__.removesuffix("Screen")
    )
    return "\n\n".join(
        [
            "# interview-tui help",
            f"## Keys here ({title})",
            screen_keys(screen),
            "## Everywhere",
            app_keys(screen),
            ABOUT,
            _levels(),
        ]
    )


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "close", "Close", id="help.close"),
    ]

    def __init__(self, about: Screen[Any]) -> None:
        super().__init__()
        self._text = help_text(about)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self._text)

    def action_close(self) -> None:
        self.dismiss(None)
