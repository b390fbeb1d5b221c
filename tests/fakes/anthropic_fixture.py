"""Pytest fixture ``fake_anthropic``: a started FakeAnthropic server, stopped at teardown.

Registered through ``pytest_plugins`` in tests/conftest.py. Tune it per test::

    def test_x(fake_anthropic):
        fake_anthropic.latency = 0.05
        fake_anthropic.enqueue(rate_limited(retry_after_ms=1), reply({...}))

A test whose requests the fake refused as the real API would (tests/fakes/
anthropic_validation.py) fails at teardown.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.anthropic_server import FakeAnthropic


@pytest.fixture
def fake_anthropic() -> Iterator[FakeAnthropic]:
    with FakeAnthropic() as fake:
        yield fake
        # A request the real API would refuse fails the test, even when the code under
        # test turned the 400 into an error the test expected.
        assert not fake.refused, f"requests the real API refuses: {fake.refused}"
