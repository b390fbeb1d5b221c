"""The offline coach with scores taken from a script: one score per main question."""

from __future__ import annotations

from typing import Any

from interview_tui.services.coach.offline import OfflineCoach
from interview_tui.services.coach.tasks import QuestionRequest, Task, TurnRequest


class ScriptedScores(OfflineCoach):
    """Writes what the offline coach writes, but question N scores ``scores[N-1]``; keeps
    the difficulty each question was asked at (``asked_at``: number -> difficulty)."""

    def __init__(self, scores: list[int]) -> None:
        super().__init__(seed=1)
        self.scores = scores
        self.asked_at: dict[int, str] = {}

    async def run(self, task: Task[Any], **kwargs: Any) -> Any:
        result = await super().run(task, **kwargs)
        data = task.data
        if isinstance(data, QuestionRequest):
            self.asked_at[data.number] = data.ctx.difficulty
        if isinstance(data, TurnRequest) and task.purpose in {"analysis", "question_feedback"}:
            result = result.model_copy(update={"score": self.scores[data.turn.number - 1]})
        return result
