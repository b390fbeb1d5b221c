"""interview-tui: keyboard-driven mock interviews in the terminal."""

__version__ = "0.1.0"
