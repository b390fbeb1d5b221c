"""Prompt templates (text files beside this module) and the loader that fills them.

Templates use ``$name`` placeholders (``string.Template``), so braces in JSON examples
need no escaping. A missing placeholder value is an error, never a silent blank.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from string import Template


@cache
def load(name: str) -> Template:
    """The template ``name`` (without .txt) from this package."""
    return Template(files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8"))


def render(name: str, **values: object) -> str:
    """Fill template ``name``; every placeholder must be given."""
    return load(name).substitute({k: str(v) for k, v in values.items()})
