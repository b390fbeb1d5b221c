"""The kinds of generated document and the pydantic model that validates each payload.

Each entry names ``module:Model``, imported on first use. Adding a document kind is one
line here, one model, one prompt template and one offline writer.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from pydantic import BaseModel

KINDS: dict[str, str] = {
    "base_prep": "interview_tui.services.prep_models:BasePrep",
    "recruiter_prep": "interview_tui.services.prep_models:RecruiterPrep",
    "hiring_manager_prep": "interview_tui.services.prep_models:HiringManagerPrep",
    "interview_prep": "interview_tui.services.prep_models:InterviewPrep",
    "pitch_template": "interview_tui.services.pitch_models:PitchTemplateDocument",
    "debrief": "interview_tui.services.debrief_models:Debrief",
    "thank_you_email": "interview_tui.services.debrief_models:ThankYouDocument",
}

LABELS: dict[str, str] = {
    "base_prep": "Base preparation",
    "recruiter_prep": "Recruiter screen prep",
    "hiring_manager_prep": "Hiring manager prep",
    "interview_prep": "Interview prep",
    "pitch_template": "Intro pitch template",
    "debrief": "Interview debrief",
    "thank_you_email": "Thank-you email",
}


class UnknownDocumentKind(LookupError):
    pass


@cache
def model_for(kind: str) -> type[BaseModel]:
    target = KINDS.get(kind)
    if target is None:
        raise UnknownDocumentKind(f"Unknown document kind {kind!r}.")
    module, _, name = target.partition(":")
    model: type[BaseModel] = getattr(import_module(module), name)
    return model


def label(kind: str) -> str:
    return LABELS.get(kind, kind.replace("_", " ").capitalize())
