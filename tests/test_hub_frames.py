"""Malformed or oversized frames close only the connection that sent them."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from debugflow.transport.discovery import HubInfo
from debugflow.transport.wire import encode_events, encode_hello
from hub_helpers import (
    http_url,
    receive_until,
    run_started,
    running_hub,
    sample_run,
    send_run,
    ws_url,
)

LIMIT = 4096


async def _close_of(ws: Any) -> tuple[list[Any], int | None, str]:
    """Messages received until the hub closes the connection, the close code and reason."""
    messages: list[Any] = []
    while True:
        msg = await asyncio.wait_for(ws.receive(), 10)
        if msg.type == aiohttp.WSMsgType.TEXT:
            messages.append(msg.json())
            continue
        return messages, ws.close_code, str(msg.extra or "")


async def _bad_producer(info: HubInfo, frames: list[str]) -> tuple[list[Any], int | None, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(ws_url(info, "/ws/producer")) as ws,
    ):
        for frame in frames:
            await ws.send_str(frame)
        return await _close_of(ws)


async def _hub_still_serves(info: HubInfo) -> list[str]:
    async with aiohttp.ClientSession() as session:
        await send_run(session, info, sample_run(), run=run_started("after"))
        async with session.get(http_url(info, "/api/runs")) as resp:
            return [r["id"] for r in (await resp.json())["runs"]]


HELLO = encode_hello(run_started("bad"), os.getpid(), "test")


@pytest.mark.parametrize(
    ("frames", "expected"),
    [
        (["{not json"], "not JSON"),
        (["[1, 2]"], "JSON object"),
        ([encode_events(1, [], 0)], "first frame must be hello"),
        (
            [HELLO, '{"type": "events", "v": 1, "seq": 1, "events": [{"type": "nope"}]}'],
            "unknown event type",
        ),
        ([HELLO, '{"type": "events", "v": 99, "seq": 1, "events": []}'], "wire version"),
        ([HELLO, HELLO], "hello sent twice"),
    ],
)
def test_malformed_producer_frames_close_that_producer(
    tmp_path: Path, frames: list[str], expected: str
) -> None:
    with running_hub(tmp_path) as info:
        messages, code, _ = asyncio.run(_bad_producer(info, frames))
        assert asyncio.run(_hub_still_serves(info))[0] == "after"
    assert code == aiohttp.WSCloseCode.UNSUPPORTED_DATA
    assert messages[-1]["type"] == "error" and messages[-1]["fatal"] is True
    assert expected in messages[-1]["message"]


def test_oversized_producer_frame_closes_with_1009(tmp_path: Path) -> None:
    with running_hub(tmp_path, max_producer_frame=LIMIT) as info:
        big = encode_events(1, [], 0).replace('"events":[]', '"events":[]' + " " * LIMIT)
        _, code, reason = asyncio.run(_bad_producer(info, [HELLO, big]))
        assert asyncio.run(_hub_still_serves(info))[0] == "after"
    assert code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
    assert f"limit {LIMIT} bytes" in reason


async def _bad_viewer_beside_good_one(info: HubInfo, frame: str | bytes) -> Any:
    async with aiohttp.ClientSession() as session:
        good = await session.ws_connect(ws_url(info, "/ws/viewer"))
        bad = await session.ws_connect(ws_url(info, "/ws/viewer"))
        await receive_until(bad, lambda m: m["type"] == "runs")
        await (bad.send_bytes(frame) if isinstance(frame, bytes) else bad.send_str(frame))
        result = await _close_of(bad)
        await send_run(session, info, sample_run())
        listed = await receive_until(good, lambda m: m["type"] == "runs" and bool(m["runs"]))
        assert listed["runs"][0]["id"] == "run-1"
        await good.close()
        return result


@pytest.mark.parametrize(
    "frame",
    ["hello?", '{"type": "dance"}', b"\x00\x01", '{"type": "replay", "run": "x", "speed": "fast"}'],
)
def test_malformed_viewer_command_closes_only_that_viewer(
    tmp_path: Path, frame: str | bytes
) -> None:
    with running_hub(tmp_path) as info:
        messages, code, _ = asyncio.run(_bad_viewer_beside_good_one(info, frame))
    assert code == aiohttp.WSCloseCode.UNSUPPORTED_DATA
    assert messages[-1]["type"] == "error" and messages[-1]["code"] == "bad_frame"


def test_oversized_viewer_frame_closes_only_that_viewer(tmp_path: Path) -> None:
    with running_hub(tmp_path, max_viewer_frame=LIMIT) as info:
        _, code, reason = asyncio.run(_bad_viewer_beside_good_one(info, "x" * (LIMIT + 1)))
    assert code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
    assert "too large" in reason
