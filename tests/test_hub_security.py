"""Who may talk to the hub: token on every call, loopback Host only, same-origin pages only."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest

from debugflow.server.security import host_allowed, origin_allowed
from hub_helpers import http_url, running_hub, ws_url


async def _status(url: str, headers: dict[str, str] | None = None) -> int:
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as resp:
        return resp.status


async def _handshake_status(url: str, headers: dict[str, str] | None = None) -> int:
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


@pytest.mark.parametrize("path", ["/", "/api/runs", "/api/health"])
def test_rest_calls_need_the_token(tmp_path: Path, path: str) -> None:
    with running_hub(tmp_path) as info:
        assert asyncio.run(_status(http_url(info, path))) == 200
        assert asyncio.run(_status(http_url(info, path, token=""))) == 401
        assert asyncio.run(_status(http_url(info, path, token="wrong"))) == 401


def test_token_may_come_in_a_header(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        url = f"http://127.0.0.1:{info.port}/api/runs"
        assert asyncio.run(_status(url, {"X-Flow-Token": info.token})) == 200
        assert asyncio.run(_status(url, {"Authorization": f"Bearer {info.token}"})) == 200
        assert asyncio.run(_status(url, {"X-Flow-Token": "nope"})) == 401


@pytest.mark.parametrize("path", ["/ws/viewer", "/ws/producer"])
def test_websockets_need_the_token(tmp_path: Path, path: str) -> None:
    with running_hub(tmp_path) as info:
        assert asyncio.run(_handshake_status(ws_url(info, path))) == 101
        assert asyncio.run(_handshake_status(ws_url(info, path, token=""))) == 401
        assert asyncio.run(_handshake_status(ws_url(info, path, token=info.token[:-1]))) == 401


def test_foreign_origin_is_refused(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        url = ws_url(info, "/ws/viewer")
        evil = {"Origin": "http://evil.example"}
        assert asyncio.run(_handshake_status(url, evil)) == 403
        other_port = {"Origin": f"http://127.0.0.1:{info.port + 1}"}
        assert asyncio.run(_handshake_status(url, other_port)) == 403
        own = {"Origin": f"http://127.0.0.1:{info.port}"}
        assert asyncio.run(_handshake_status(url, own)) == 101
        assert asyncio.run(_status(http_url(info, "/api/runs"), evil)) == 403


def test_foreign_host_is_refused(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        rebinding = {"Host": f"attacker.example:{info.port}"}
        assert asyncio.run(_status(http_url(info, "/api/runs"), rebinding)) == 403
        assert asyncio.run(_handshake_status(ws_url(info, "/ws/viewer"), rebinding)) == 403
        local = {"Host": f"localhost:{info.port}"}
        assert asyncio.run(_status(http_url(info, "/api/runs"), local)) == 200


def test_explicit_host_accepts_any_host_name_but_still_needs_token(tmp_path: Path) -> None:
    with running_hub(tmp_path, host="127.0.0.1", explicit_host=True) as info:
        named = {"Host": f"devbox.internal:{info.port}"}
        assert asyncio.run(_status(http_url(info, "/api/runs"), named)) == 200
        assert asyncio.run(_status(http_url(info, "/api/runs", token="x"), named)) == 401


def test_static_files_load_without_token_but_host_is_checked(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        url = f"http://127.0.0.1:{info.port}/static/index.html"
        assert asyncio.run(_status(url)) == 200
        assert asyncio.run(_status(url, {"Host": "evil.example"})) == 403


def test_host_and_origin_rules() -> None:
    assert host_allowed("127.0.0.1:5555", False)
    assert host_allowed("localhost", False)
    assert host_allowed("[::1]:8080", False)
    assert not host_allowed("127.0.0.1.evil.example:5555", False)
    assert not host_allowed(None, False)
    assert host_allowed("anything", True)
    assert origin_allowed(None, "127.0.0.1:5555")
    assert origin_allowed("http://127.0.0.1:5555", "127.0.0.1:5555")
    assert not origin_allowed("null", "127.0.0.1:5555")
    assert not origin_allowed("http://localhost:5555", "127.0.0.1:5555")
