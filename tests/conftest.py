"""Shared fixtures. Each fake or fixture module registers itself in pytest_plugins."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from interview_tui.config import load_settings
from interview_tui.services.profiles import ensure_demo_profile
from interview_tui.store import close_database, open_database
from interview_tui.store.models import JobApplication

if TYPE_CHECKING:
    from interview_tui.app import InterviewApp
    from interview_tui.services.coach.base import Coach

pytest_plugins: list[str] = []
pytest_plugins.append("tests.fakes.anthropic_fixture")


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the developer's key, config and data out of every test."""
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("ANTHROPIC_BASE_URL", raising=False)
    monkeypatch.delenv("INTERVIEW_TUI_MODEL", raising=False)
    monkeypatch.delenv("INTERVIEW_TUI_OFFLINE", raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("INTERVIEW_TUI_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("INTERVIEW_TUI_DATA_DIR", str(home / "data"))


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> int:
    """Keep lock tests fast: the code must honour BUSY_TIMEOUT_MS wherever it waits."""
    from interview_tui.store import db as db_module

    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 300)
    return 300


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    """A fresh, open database file for the test."""
    path = tmp_path / "interview.db"
    open_database(path)
    yield path
    close_database()


@pytest.fixture
def demo_application(db_path: Path) -> JobApplication:
    return ensure_demo_profile()


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., InterviewApp]]:
    """Build the real app on a fresh database in ``tmp_path`` with the offline coach."""

    def factory(coach: Coach | None = None, **kwargs: object) -> InterviewApp:
        from interview_tui.app import InterviewApp
        from interview_tui.services.coach.offline import OfflineCoach

        settings = load_settings(data_dir=tmp_path / "data")
        open_database(settings.db_path)
        ensure_demo_profile()
        return InterviewApp(settings, coach=coach or OfflineCoach(seed=1), **kwargs)

    yield factory
    close_database()
pytest_plugins.append("tests.fakes.snapshot_fixture")
