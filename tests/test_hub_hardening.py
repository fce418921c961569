"""Hostile input against a real hub: deep frames, half-sent requests, placeholders in names."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import resource
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from debugflow.transport.discovery import HubInfo, hub_from_url
from debugflow.transport.wire import (
    MAX_FRAME_DEPTH,
    MAX_PRODUCER_FRAME,
    FrameError,
    encode_hello,
    load_frame,
)
from hub_helpers import (
    call,
    end,
    http_url,
    receive_until,
    run_started,
    running_hub,
    sample_run,
    send_run,
    ws_url,
)
from waiting import wait_until

HELLO = encode_hello(run_started("deep"), os.getpid(), "test")
PARTIAL_REQUEST = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1"  # and never the rest


def _nested(depth: int) -> str:
    """An events frame whose one event holds arrays `depth` deep (the frame adds 3 levels)."""
    inner = "[" * depth + "]" * depth
    return '{"type":"events","v":1,"seq":1,"dropped":0,"events":[{"type":"call","args":' + (
        inner + "}]}"
    )


async def _until_closed(ws: Any) -> tuple[list[Any], int | None]:
    """Messages received until the hub closes the connection, and its close code."""
    messages: list[Any] = []
    while True:
        msg = await asyncio.wait_for(ws.receive(), 10)
        if msg.type != aiohttp.WSMsgType.TEXT:
            return messages, ws.close_code
        messages.append(msg.json())


async def _send_and_wait_close(info: HubInfo, path: str, frames: list[str]) -> Any:
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url(info, path)) as ws:
        if path == "/ws/viewer":  # its greeting first, so that the error is the last message
            await receive_until(ws, lambda m: m["type"] == "runs")
        for frame in frames:
            await ws.send_str(frame)
        return await _until_closed(ws)


def _still_serves(info: HubInfo) -> bool:
    async def stream() -> bool:
        async with aiohttp.ClientSession() as session:
            await send_run(session, info, sample_run(), run=run_started("after"))
            async with session.get(http_url(info, "/api/runs")) as resp:
                return "after" in [r["id"] for r in (await resp.json())["runs"]]

    return asyncio.run(stream())


@pytest.mark.parametrize("depth", [100_000, 900, MAX_FRAME_DEPTH])
def test_a_deeply_nested_producer_frame_is_a_bad_frame(tmp_path: Path, depth: int) -> None:
    frame = _nested(depth)
    assert len(frame) < MAX_PRODUCER_FRAME  # deep, not big
    with running_hub(tmp_path) as info:
        messages, code = asyncio.run(_send_and_wait_close(info, "/ws/producer", [HELLO, frame]))
        assert _still_serves(info)
    assert code == aiohttp.WSCloseCode.UNSUPPORTED_DATA
    assert messages[-1]["code"] == "bad_frame" and messages[-1]["fatal"] is True
    assert f"nested more than {MAX_FRAME_DEPTH} deep" in messages[-1]["message"]


@pytest.mark.parametrize("depth", [30_000, 900])
def test_a_deeply_nested_viewer_command_is_a_bad_frame(tmp_path: Path, depth: int) -> None:
    command = '{"type":"subscribe","run":' + "[" * depth + "]" * depth + "}"
    with running_hub(tmp_path) as info:
        messages, code = asyncio.run(_send_and_wait_close(info, "/ws/viewer", [command]))
        assert _still_serves(info)
    assert code == aiohttp.WSCloseCode.UNSUPPORTED_DATA
    assert messages[-1]["code"] == "bad_frame"


def test_a_frame_too_deep_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    deep_then_broken = _nested(MAX_FRAME_DEPTH).split("]", 1)[0] + " and never JSON"
    with running_hub(tmp_path) as info:
        messages, code = asyncio.run(
            _send_and_wait_close(info, "/ws/producer", [HELLO, deep_then_broken])
        )
    assert code == aiohttp.WSCloseCode.UNSUPPORTED_DATA
    assert f"nested more than {MAX_FRAME_DEPTH} deep" in messages[-1]["message"]


# Function names full of brackets, quotes and backslashes: text, however deep it looks.
BRACKETS_IN_TEXT = ['"' + "[{" * 40, "\\" + "[" * 40, "[" * 40 + "\\", '\\"' + "]}" * 40]


def test_brackets_inside_strings_are_not_nesting(tmp_path: Path) -> None:
    events = [call(i, name, None, 10 * i) for i, name in enumerate(BRACKETS_IN_TEXT, 1)]
    events += [end(i, 10 * i + 5) for i in range(len(BRACKETS_IN_TEXT), 0, -1)]

    async def stream(info: HubInfo) -> list[str]:
        async with aiohttp.ClientSession() as session:
            await send_run(session, info, events, run=run_started("brackets"))
            async with session.get(http_url(info, "/api/runs/brackets")) as resp:
                return [n["function"] for n in (await resp.json())["snapshot"]["nodes"]]

    with running_hub(tmp_path) as info:
        assert sorted(asyncio.run(stream(info))) == sorted(BRACKETS_IN_TEXT)


DEEP = "[" * (MAX_FRAME_DEPTH - 1) + "]" * (MAX_FRAME_DEPTH - 1)  # 16 with the object around it


@pytest.mark.parametrize(
    "text",
    [
        '{"a": ' + DEEP + "}",
        '{"a": "' + "[" * 40 + '"}',
        '{"a": "\\"' + "[" * 40 + '"}',
        '{"a": "\\\\", "b": "' + "{" * 40 + '"}',
        '{"a": "]]]]", "b": ' + DEEP + "}",
        '{"a": "\\\\\\"' + "[" * 40 + '", "b": "\\u005b\\n\\\\"}',
        '{"a": "' + '\\"' * 40 + "[" * 40 + '"}',
    ],
)
def test_a_frame_as_deep_as_allowed_is_read(text: str) -> None:
    assert load_frame(text) == json.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": [' + DEEP + "]}",
        '{"a": "\\\\", "b": [' + DEEP + "]}",
        '{"a": "\\"]]]]", "b": [' + DEEP + "]}",
        '{"a": "]]]]", "b": [' + DEEP + "]}",
        '{"a": "\\\\\\\\\\\\", "b": [' + DEEP + "]}",
        '{"a": "\u00e9]}\\"", "b": [' + DEEP + "]}",
    ],
)
def test_a_frame_one_level_too_deep_is_refused(text: str) -> None:
    json.loads(text)  # valid JSON: only its depth is wrong
    with pytest.raises(FrameError, match=f"nested more than {MAX_FRAME_DEPTH} deep"):
        load_frame(text)


def test_a_deeply_nested_request_body_is_a_bad_request(tmp_path: Path) -> None:
    body = "[" * 30_000 + "]" * 30_000  # under the 64 KiB a request body may have
    with running_hub(tmp_path) as info:
        request = urllib.request.Request(
            http_url(info, "/api/open"), data=body.encode(), method="POST"
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
    refused.value.close()
    assert refused.value.code == 400


def _half_open(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    with contextlib.suppress(ConnectionError):  # the hub may have closed it to make room
        sock.sendall(PARTIAL_REQUEST)
    return sock


def _closed_by_hub(sock: socket.socket) -> bool:
    """Whether the hub has closed this connection (without waiting for it)."""
    sock.setblocking(False)
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except ConnectionResetError:
        return True


def test_a_half_sent_request_is_closed_after_the_request_timeout(tmp_path: Path) -> None:
    with running_hub(tmp_path, request_timeout=0.5) as info, _half_open(info.port) as sock:
        wait_until(lambda: _closed_by_hub(sock), "the hub to close the half-sent request")


def test_unproven_connections_are_capped_oldest_first(tmp_path: Path) -> None:
    with running_hub(tmp_path, max_unproven=8) as info, contextlib.ExitStack() as stack:
        socks = [stack.enter_context(_half_open(info.port)) for _ in range(20)]
        # The hub accepts in order; each one past the eighth makes it close the oldest.
        wait_until(lambda: all(_closed_by_hub(s) for s in socks[:12]), "the oldest to go")
        assert not any(_closed_by_hub(s) for s in socks[12:])
        assert _health(info, timeout=5)["ok"] is True


def test_connections_with_the_token_are_not_capped(tmp_path: Path) -> None:
    async def scenario(info: HubInfo) -> list[str]:
        async with aiohttp.ClientSession() as session:
            viewer = await session.ws_connect(ws_url(info, "/ws/viewer"))
            await receive_until(viewer, lambda m: m["type"] == "runs")
            with contextlib.ExitStack() as stack:
                for _ in range(10):
                    stack.enter_context(_half_open(info.port))
                await send_run(session, info, sample_run())
                listed = await receive_until(viewer, lambda m: bool(m.get("runs")))
            await viewer.close()
            return [r["id"] for r in listed["runs"]]

    with running_hub(tmp_path, max_unproven=4) as info:
        assert asyncio.run(scenario(info)) == ["run-1"]


HUB_WITH_FEW_FILES = """
import resource, runpy, sys
resource.setrlimit(resource.RLIMIT_NOFILE, (300, 300))
sys.argv = ["debugflow.server", "--no-browser", "--port", "0"]
runpy.run_module("debugflow.server", run_name="__main__", alter_sys=True)
"""


@contextlib.contextmanager
def _hub_with_few_files(data_dir: Path) -> Iterator[HubInfo]:
    """`python -m debugflow.server` limited to 300 open files."""
    env = {**os.environ, "FLOW_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", HUB_WITH_FEW_FILES],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        info = hub_from_url(proc.stdout.readline().split(": ", 1)[1].strip())
        assert info is not None
        yield info
    finally:
        proc.kill()
        proc.communicate(timeout=10)


@contextlib.contextmanager
def _more_open_files(wanted: int) -> Iterator[None]:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        if hard != resource.RLIM_INFINITY and hard < wanted:
            pytest.skip(f"this test needs {wanted} open files; the limit is {hard}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file limits")
def test_two_thousand_half_sent_requests_do_not_silence_health(tmp_path: Path) -> None:
    with (
        _more_open_files(2400),
        _hub_with_few_files(tmp_path) as info,
        contextlib.ExitStack() as stack,
    ):
        for _ in range(2000):
            stack.enter_context(_half_open(info.port))
        started = time.monotonic()
        assert _health(info, timeout=5)["ok"] is True
        assert time.monotonic() - started < 3


def _health(info: HubInfo, timeout: float) -> dict[str, Any]:
    with urllib.request.urlopen(http_url(info, "/api/health"), timeout=timeout) as response:
        answer: dict[str, Any] = json.loads(response.read())
    return answer


RECORDER = """
import json, sys
with open(sys.argv[1], "w") as out:
    json.dump(sys.argv[2:], out)
"""


@pytest.mark.parametrize("name", ["a{line}b.py", "{file}.py", "x{line}{file}{line}.py"])
def test_api_open_leaves_placeholders_in_a_file_name_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    (tmp_path / "recorder.py").write_text(RECORDER)
    record = tmp_path / "record.json"
    template = f'"{sys.executable}" "{tmp_path / "recorder.py"}" "{record}" {{file}}:{{line}}'
    monkeypatch.setenv("FLOW_EDITOR_CMD", template)
    source = tmp_path / name
    source.write_text("x = 1\n")
    with running_hub(tmp_path) as info:
        request = urllib.request.Request(
            http_url(info, "/api/open"),
            data=json.dumps({"file": str(source), "line": 12}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
    written = wait_until(lambda: record.exists() and record.read_text(), "the editor to run")
    assert json.loads(written) == [f"{source}:12"]
