"""The coach proxy, with the real SDK in front of it and the fake Messages API behind it."""

from __future__ import annotations

import anthropic
import httpx2
import pytest

from interview_tui.hosting.coach_proxy import CoachProxy

REAL_KEY = "sk-ant-REAL-server-key"


@pytest.fixture
async def proxy(fake_anthropic, tmp_path):
    used = {"tokens": 0}
    spent: list[str] = []
    proxy = CoachProxy(REAL_KEY, upstream=fake_anthropic.base_url, daily_tokens=1000,
                       usage=lambda db: used["tokens"], on_budget_spent=spent.append)
    await proxy.start()
    proxy.used, proxy.spent = used, spent  # type: ignore[attr-defined]
    yield proxy
    await proxy.close()


def client(proxy: CoachProxy, token: str) -> anthropic.AsyncAnthropic:
    return anthropic.AsyncAnthropic(api_key=token, base_url=proxy.base_url, max_retries=0)


async def test_a_token_is_swapped_for_the_real_key(proxy, fake_anthropic, tmp_path):
    token = proxy.issue("alice", tmp_path / "interview.db")
    assert REAL_KEY not in token
    sdk = client(proxy, token)
    message = await sdk.messages.create(model="m", max_tokens=50,
                                        messages=[{"role": "user", "content": "hello"}])
    assert message.content[0].text
    async with sdk.messages.stream(model="m", max_tokens=50,
                                   messages=[{"role": "user", "content": "stream me"}]) as s:
        streamed = await s.get_final_message()
    assert streamed.stop_reason == "end_turn"
    assert [h["x-api-key"] for h in fake_anthropic.headers] == [REAL_KEY, REAL_KEY]
    assert all(token not in str(h) for h in fake_anthropic.headers)
    await sdk.close()


async def test_unknown_or_revoked_tokens_and_other_apis_are_refused(proxy, tmp_path):
    token = proxy.issue("alice", tmp_path / "interview.db")
    with pytest.raises(anthropic.AuthenticationError, match="connected interview-tui SSH"):
        await client(proxy, "itui-guess").messages.create(
            model="m", max_tokens=5, messages=[{"role": "user", "content": "x"}])
    async with httpx2.AsyncClient() as http:
        other = await http.get(f"{proxy.base_url}/v1/models", headers={"x-api-key": token})
    assert other.status_code == 403 and "Only the Messages API" in other.text
    proxy.revoke(token)
    with pytest.raises(anthropic.AuthenticationError):
        await client(proxy, token).messages.create(
            model="m", max_tokens=5, messages=[{"role": "user", "content": "x"}])


async def test_the_daily_budget_is_enforced_before_forwarding(proxy, fake_anthropic, tmp_path):
    token = proxy.issue("alice", tmp_path / "interview.db")
    proxy.used["tokens"] = 1000
    with pytest.raises(anthropic.BadRequestError, match="daily coach budget") as err:
        await client(proxy, token).messages.create(
            model="m", max_tokens=5, messages=[{"role": "user", "content": "x"}])
    assert "1,000 tokens used today, 1,000 allowed" in str(err.value)
    assert fake_anthropic.requests == [], "nothing reached the API"
    assert proxy.spent == [token]


async def test_an_unreachable_api_is_a_clear_server_error(tmp_path):
    proxy = CoachProxy(REAL_KEY, upstream="http://127.0.0.1:9")
    await proxy.start()
    try:
        token = proxy.issue("alice", tmp_path / "interview.db")
        with pytest.raises(anthropic.InternalServerError, match="could not reach"):
            await client(proxy, token).messages.create(
                model="m", max_tokens=5, messages=[{"role": "user", "content": "x"}])
    finally:
        await proxy.close()
