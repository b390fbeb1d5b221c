"""Shared fixtures. Each fake or fixture module registers itself in pytest_plugins."""

from __future__ import annotations

import pytest

pytest_plugins: list[str] = []


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
