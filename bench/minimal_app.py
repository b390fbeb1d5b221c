"""The startup baseline: a minimal Textual app with one ``Static`` (``python -m bench.minimal_app``)."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello from a minimal Textual app.")


if __name__ == "__main__":
    Minimal().run()
