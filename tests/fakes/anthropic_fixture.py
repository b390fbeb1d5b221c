"""Pytest fixture ``fake_anthropic``: a started FakeAnthropic server, stopped at teardown.

Registered through ``pytest_plugins`` in tests/conftest.py. Tune it per test::

    def test_x(fake_anthropic):
        fake_anthropic.latency = 0.05
        fake_anthropic.enqueue(rate_limited(), reply({...}))
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.anthropic_server import FakeAnthropic


@pytest.fixture
def fake_anthropic() -> Iterator[FakeAnthropic]:
    with FakeAnthropic() as fake:
        yield fake
