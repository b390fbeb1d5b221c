"""The workspace: one per data directory, and so one per user.

It owns the single database runner (every read and write of the user's SQLite file goes
through it), the coach, the coach-call log, and the feature services, which share those
three. The app holds one typed workspace; a hosted connection gets its own process and
so its own workspace. Nothing here imports Textual.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from interview_tui.services.call_log import About, CallLog
from interview_tui.services.db_runner import DbRunner

if TYPE_CHECKING:
    from pydantic import BaseModel

    from interview_tui.services.coach.base import Coach, TextSink
    from interview_tui.services.coach.tasks import Task
    from interview_tui.services.document_store import DocumentStore
    from interview_tui.services.exports import ExportService
    from interview_tui.services.history import HistoryService
    from interview_tui.services.interview import InterviewService
    from interview_tui.services.practice_set import PracticeSetService
    from interview_tui.services.preferences import PreferenceService
    from interview_tui.services.prep import PrepService
    from interview_tui.services.profiles import ProfileService
    from interview_tui.services.progress import ProgressService
    from interview_tui.services.question_library import QuestionBankService
    from interview_tui.services.redo import RedoService
    from interview_tui.services.schedule import ScheduleService
    from interview_tui.services.setup_choices import SetupService

M = TypeVar("M", bound="BaseModel")


class Workspace:
    """The database runner, the coach, the call log and the feature services of one user.

    ``coach`` may be given, or built on first use by ``coach_factory`` (the app builds it
    after its first frame, so start-up does not wait for the SDK's imports).
    """

    def __init__(
        self,
        coach: Coach | None = None,
        *,
        coach_factory: Callable[[], Coach] | None = None,
        prefetch: bool = True,
    ) -> None:
        if coach is None and coach_factory is None:
            raise ValueError("a workspace needs a coach or a coach factory")
        self.runner = DbRunner()
        self.calls = CallLog(self.runner)
        self.prefetch = prefetch
        self._coach = coach
        self._coach_factory = coach_factory
        self._offline: Coach | None = None
        self._building = threading.RLock()

    # ----- the coach ------------------------------------------------------------------

    @property
    def coach(self) -> Coach:
        with self._building:
            if self._coach is None:
                assert self._coach_factory is not None
                self._coach = self._coach_factory()
            return self._coach

    @property
    def coach_built(self) -> bool:
        return self._coach is not None

    @property
    def offline_coach(self) -> Coach:
        """The offline coach, for a step (or the rest of a session) the user moves offline."""
        with self._building:
            if self.coach.info.backend == "offline":
                return self.coach
            if self._offline is None:
                from interview_tui.services.coach.offline import OfflineCoach

                self._offline = OfflineCoach()
            return self._offline

    def coach_for(self, backend: str) -> Coach:
        """The coach for ``backend`` ("offline" always works; anything else is the main one)."""
        return self.offline_coach if backend == "offline" else self.coach

    async def ask(
        self,
        task: Task[M],
        *,
        about: About,
        on_text: TextSink | None = None,
        offline: bool = False,
    ) -> M:
        """Run ``task`` on the coach (or the offline coach) and log the call for ``about``."""
        coach = self.offline_coach if offline else self.coach
        return await coach.run(task, on_text=on_text, on_call=self.calls.sink(about))

    # ----- feature services (built on first use) ----------------------------------------

    @cached_property
    def interview(self) -> InterviewService:
        from interview_tui.services.interview import InterviewService

        return InterviewService(self)

    @cached_property
    def history(self) -> HistoryService:
        from interview_tui.services.history import HistoryService

        return HistoryService(self.runner)

    @cached_property
    def profiles(self) -> ProfileService:
        from interview_tui.services.profiles import ProfileService

        return ProfileService(self.runner)

    @cached_property
    def setup(self) -> SetupService:
        from interview_tui.services.setup_choices import SetupService

        return SetupService(self.runner)

    @cached_property
    def preferences(self) -> PreferenceService:
        from interview_tui.services.preferences import PreferenceService

        return PreferenceService(self.runner)

    @cached_property
    def documents(self) -> DocumentStore:
        from interview_tui.services.document_store import DocumentStore

        return DocumentStore(self.runner)

    @cached_property
    def schedule(self) -> ScheduleService:
        from interview_tui.services.schedule import ScheduleService

        return ScheduleService(self.runner)

    @cached_property
    def prep(self) -> PrepService:
        from interview_tui.services.prep import PrepService

        return PrepService(self)

    @cached_property
    def questions(self) -> QuestionBankService:
        from interview_tui.services.question_library import QuestionBankService

        return QuestionBankService(self.runner)

    @cached_property
    def exports(self) -> ExportService:
        from interview_tui.services.exports import ExportService

        return ExportService(self.runner)

    @cached_property
    def practice(self) -> PracticeSetService:
        from interview_tui.services.practice_set import PracticeSetService

        return PracticeSetService(self)

    @cached_property
    def progress(self) -> ProgressService:
        from interview_tui.services.progress import ProgressService

        return ProgressService(self)

    @cached_property
    def redo(self) -> RedoService:
        from interview_tui.services.redo import RedoService

        return RedoService(self)

    # ----- lifetime -----------------------------------------------------------------------

    def close(self) -> None:
        """Stop background work and the database thread (``aclose`` inside an event loop)."""
        if "interview" in self.__dict__:
            self.interview.cancel_prefetches()
        self.runner.close()

    async def aclose(self) -> None:
        """``close`` plus the coaches' network connections, if they have any."""
        self.close()
        for coach in (self._coach, self._offline):
            close = getattr(coach, "aclose", None)
            if close is not None:
                await close()
