"""Where the offline coach finds the writer for a task purpose beyond the interview's own.

Each entry names ``module:function``; the module is imported the first time its task
runs. A writer is a plain function ``(task, tools) -> task.output`` that builds the
document only from the candidate's own material in the task.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any

from pydantic import BaseModel

from interview_tui.services.coach.base import TextSink

WRITERS: dict[str, str] = {
    "base_prep": "interview_tui.services.coach.offline_prep:base_prep",
    "recruiter_prep": "interview_tui.services.coach.offline_prep:recruiter_prep",
    "hiring_manager_prep": "interview_tui.services.coach.offline_prep:hiring_manager_prep",
    "interview_prep": "interview_tui.services.coach.offline_prep_round:interview_prep",
    "practice_set": "interview_tui.services.coach.offline_practice:practice_set",
    "pitch_template": "interview_tui.services.coach.offline_pitch:pitch_template",
    "pitch_feedback": "interview_tui.services.coach.offline_pitch:pitch_feedback",
    "debrief": "interview_tui.services.coach.offline_debrief:debrief",
    "thank_you_email": "interview_tui.services.coach.offline_debrief:thank_you_email",
}


@dataclass(frozen=True)
class WriterTools:
    """What a writer may use besides its task: the coach's seed and the text sink."""

    seed: int
    on_text: TextSink | None
    choose: Callable[..., str]

    def stream(self, sections: list[str]) -> None:
        """Show the text so far, section by section, as a streaming model would."""
        stream_sections(self.on_text, sections)

    def digest(self, *key: object) -> int:
        """A stable number from ``key`` and the seed (for deterministic choices)."""
        raw = ":".join(map(str, (self.seed, *key))).encode()
        return int.from_bytes(hashlib.sha256(raw).digest()[:4], "big")


def stream_sections(on_text: TextSink | None, sections: list[str]) -> None:
    """Give ``on_text`` the whole text so far after each non-empty section."""
    if on_text is None:
        return
    text = ""
    for section in sections:
        if section:
            text = f"{text}\n\n{section}" if text else section
            on_text(text)


Writer = Callable[[Any, WriterTools], BaseModel]


@cache
def find_writer(purpose: str) -> Writer | None:
    target = WRITERS.get(purpose)
    if target is None:
        return None
    module, _, name = target.partition(":")
    writer: Writer = getattr(import_module(module), name)
    return writer
