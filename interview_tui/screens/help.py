"""Help: keys and how a mock interview works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# interview-tui

**A mock interview**: choose a job application, a stage, a difficulty and an
interviewer persona. Answer each question; the interviewer may follow up up to
three times. You get brief feedback after every answer, full feedback per question
and a summary with a readiness verdict at the end. Everything is saved as you go:
quit at any time and resume from the home screen.

| Key | Where | What |
|---|---|---|
| `ctrl+s` | answering | submit the answer (Enter makes a new line) |
| `ctrl+n` | feedback | next question |
| `ctrl+e` | interview | end the session and see the summary |
| `ctrl+k` | answering a follow-up | skip further follow-ups |
| `ctrl+r` | after an error | retry |
| `ctrl+a`, `a` | feedback, review, summary | answer a question again (attempts side by side) |
| `g`, `d` | home | progress and practice plan; drill one competency or category |
| `escape` | anywhere | back / cancel the coach |
| `ctrl+p` | anywhere | command palette (themes, actions) |
| `f1`, `?` | anywhere | this help |
| `ctrl+q` | anywhere | quit (your work is saved) |

**Drills** are quick loops (question, answer, feedback, next; no follow-ups) on one
focus; they count in your progress like any session. **Adaptive difficulty** (setup
and drills): two scores of 8+ in a row make the next question hard, two below 5 easy.

Speaking time is estimated at 140 words per minute; aim for 60–120 seconds for a
main answer.

**Coach**: Claude when `ANTHROPIC_API_KEY` is set, otherwise the built-in offline
coach, which needs no network. **Keys can be remapped** in the config file
(`keymap = { "interview.submit" = "ctrl+enter" }`).
"""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP)

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)
