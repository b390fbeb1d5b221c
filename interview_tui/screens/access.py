"""The one typed way from any widget or screen to the app and its workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from interview_tui.app import InterviewApp
    from interview_tui.services.workspace import Workspace


def interview_app(node: DOMNode) -> InterviewApp:
    """``node.app`` as the InterviewApp it always is here."""
    return cast("InterviewApp", node.app)


def workspace(node: DOMNode) -> Workspace:
    """The workspace of the app ``node`` belongs to."""
    return interview_app(node).workspace
