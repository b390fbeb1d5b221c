"""Small user preferences kept in the database (theme, last choices in setup)."""

from __future__ import annotations

from interview_tui.services.db_runner import DbRunner
from interview_tui.store.models import Preference


def get_preference(key: str, default: str | None = None) -> str | None:
    row = Preference.get_or_none(Preference.key == key)
    return row.value if row else default


def set_preference(key: str, value: str) -> None:
    Preference.insert(key=key, value=value).on_conflict_replace().execute()


class PreferenceService:
    def __init__(self, runner: DbRunner) -> None:
        self._runner = runner

    async def get(self, key: str, default: str | None = None) -> str | None:
        return await self._runner.run(get_preference, key, default)

    async def set(self, key: str, value: str) -> None:
        await self._runner.run(set_preference, key, value)
