"""The loopback proxy that keeps the Anthropic key on the server.

Why a proxy: each hosted app is a process the user drives, and anything in its
environment or memory is one bug away from their screen. So the real key never enters a
child at all. A child gets ``ANTHROPIC_BASE_URL`` pointing here and, as its
``ANTHROPIC_API_KEY``, a random token that is valid only while that SSH connection lasts,
only on 127.0.0.1, and only for the Messages API. The proxy swaps the token for the real
key on the way out. Because every call passes here, it is also where the daily token
budget is enforced. (The alternative, handing the key to the child through an inherited
pipe, would still put the key in the user's process and could not enforce a budget.)

It speaks just enough HTTP/1.1 for the SDK: one request per connection, a
``Content-Length`` body, and a response streamed back as it arrives (SSE included), ended
by closing the connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx2

log = logging.getLogger(__name__)

DEFAULT_UPSTREAM = "https://api.anthropic.com"
_MAX_HEAD = 64 * 1024
_MAX_BODY = 32 * 1024 * 1024
# Never forwarded either way: they describe one hop, or carry a credential.
_REQUEST_DROP = {"host", "connection", "keep-alive", "proxy-connection", "te", "trailer",
                 "transfer-encoding", "upgrade", "content-length", "x-api-key",
                 "authorization", "accept-encoding"}
_RESPONSE_DROP = {"connection", "keep-alive", "transfer-encoding", "content-length",
                  "content-encoding", "upgrade", "trailer"}


@dataclass(frozen=True)
class Grant:
    """What one token allows: calls for ``user``, whose coach-call log is ``db_path``."""

    user: str
    db_path: Path


def budget_message(used: int, budget: int) -> str:
    return (
        f"Your daily coach budget on this server is spent: {used:,} tokens used today, "
        f"{budget:,} allowed. It renews at 00:00 UTC."
    )


class CoachProxy:
    """One per server. ``issue`` a token per connection, ``revoke`` it when it ends."""

    def __init__(
        self,
        api_key: str,
        *,
        upstream: str | None = None,
        daily_tokens: int | None = None,
        usage: Callable[[Path], int] | None = None,
        on_budget_spent: Callable[[str], None] | None = None,
    ) -> None:
        from interview_tui.hosting.budget import tokens_today

        self._api_key = api_key
        self._upstream = (upstream or DEFAULT_UPSTREAM).rstrip("/")
        self._daily_tokens = daily_tokens
        self._usage = usage or tokens_today
        self._on_budget_spent = on_budget_spent
        self._grants: dict[str, Grant] = {}
        self._server: asyncio.Server | None = None
        self._client: httpx2.AsyncClient | None = None
        self.base_url = ""

    async def start(self) -> str:
        # Generous timeouts: the app's own SDK timeout is what the user waits on.
        self._client = httpx2.AsyncClient(timeout=httpx2.Timeout(600.0, connect=15.0))
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 5)
        if self._client is not None:
            await self._client.aclose()

    def issue(self, user: str, db_path: Path) -> str:
        token = "itui-" + secrets.token_urlsafe(32)
        self._grants[token] = Grant(user, db_path)
        return token

    def revoke(self, token: str | None) -> None:
        if token:
            self._grants.pop(token, None)

    # ----------------------------------------------------------------- one request

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await self._handle(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        except Exception:
            log.exception("coach proxy: request failed")
            with contextlib.suppress(Exception):
                await _error(writer, 502, "api_error", "The server's coach proxy failed.")
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        if len(head) > _MAX_HEAD:
            await _error(writer, 431, "invalid_request_error", "Request headers too large.")
            return
        lines = head.decode("latin-1").split("\r\n")
        method, target, _version = ([*lines[0].split(" ", 2), "", ""])[:3]
        headers: list[tuple[str, str]] = []
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers.append((name.strip(), value.strip()))
        lower = {k.lower(): v for k, v in headers}
        token = lower.get("x-api-key") or lower.get("authorization", "").removeprefix("Bearer ")
        grant = self._grants.get(token)
        if grant is None:
            await _error(writer, 401, "authentication_error",
                         "This key works only inside a connected interview-tui SSH session.")
            return
        if method != "POST" or not target.startswith("/v1/messages"):
            await _error(writer, 403, "permission_error",
                         "Only the Messages API is available through this server.")
            return
        try:
            length = int(lower.get("content-length", "0"))
        except ValueError:
            length = -1
        if not 0 <= length <= _MAX_BODY or "transfer-encoding" in lower:
            await _error(writer, 400, "invalid_request_error", "Bad request body length.")
            return
        body = await reader.readexactly(length)
        if self._daily_tokens is not None:
            used = await asyncio.to_thread(self._usage, grant.db_path)
            if used >= self._daily_tokens:
                if self._on_budget_spent is not None:
                    self._on_budget_spent(token)
                await _error(writer, 400, "invalid_request_error",
                             budget_message(used, self._daily_tokens))
                return
        await self._forward(writer, method, target, headers, body)

    async def _forward(self, writer: asyncio.StreamWriter, method: str, target: str,
                       headers: list[tuple[str, str]], body: bytes) -> None:
        assert self._client is not None
        out = [(k, v) for k, v in headers if k.lower() not in _REQUEST_DROP]
        out.append(("x-api-key", self._api_key))
        request = self._client.build_request(method, self._upstream + target,
                                             headers=out, content=body)
        try:
            response = await self._client.send(request, stream=True)
        except httpx2.TimeoutException:
            await _error(writer, 504, "api_error", "The Anthropic API did not answer in time.")
            return
        except httpx2.TransportError:
            await _error(writer, 502, "api_error", "The server could not reach the Anthropic API.")
            return
        try:
            status = f"HTTP/1.1 {response.status_code} {response.reason_phrase or 'OK'}\r\n"
            lines = [status] + [f"{k}: {v}\r\n" for k, v in response.headers.items()
                                if k.lower() not in _RESPONSE_DROP]
            writer.write(("".join(lines) + "Connection: close\r\n\r\n").encode("latin-1"))
            async for chunk in response.aiter_bytes():
                writer.write(chunk)
                await writer.drain()
        except httpx2.TransportError:
            pass  # the app sees a cut stream and says so; nothing to add here
        finally:
            await response.aclose()


async def _error(writer: asyncio.StreamWriter, status: int, error_type: str, message: str) -> None:
    """An error in the API's own shape, so the SDK reports it like any other."""
    body = json.dumps({"type": "error", "error": {"type": error_type, "message": message}})
    data = body.encode()
    writer.write(
        f"HTTP/1.1 {status} Error\r\ncontent-type: application/json\r\n"
        f"content-length: {len(data)}\r\nConnection: close\r\n\r\n".encode() + data
    )
    await writer.drain()
