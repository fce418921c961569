"""Shared helpers for the hub tests: a real hub on port 0, viewer and producer clients."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp

from debugflow.protocol import CallEnded, CallStarted, Event, RunEnded, RunStarted
from debugflow.server.hub import HubThread
from debugflow.server.settings import HubSettings
from debugflow.transport.discovery import HubInfo
from debugflow.transport.wire import encode_events, encode_hello

ORIGIN = 5_000_000_000


@contextmanager
def running_hub(data_dir: Path, **options: Any) -> Iterator[HubInfo]:
    """A hub serving from a thread on a free port until the block ends."""
    messages: list[str] = []
    hub = HubThread(
        HubSettings(data_dir=data_dir, port=options.pop("port", 0), **options),
        notify=messages.append,
    )
    info = hub.start()
    try:
        yield info
    finally:
        hub.stop()


def run_started(run_id: str = "run-1") -> RunStarted:
    return RunStarted(
        run_id=run_id,
        argv=("demo.py",),
        cwd="/tmp",
        python="3.11",
        backend="settrace",
        backend_reason="test",
        started_at=time.time(),
        origin_ns=ORIGIN,
    )


def call(cid: int, fn: str, parent: int | None, t: int, file: str = "/tmp/demo.py") -> CallStarted:
    return CallStarted(
        call_id=cid,
        parent_id=parent,
        thread_id=1,
        task_id=None,
        function=fn,
        module="demo",
        file=file,
        line=sum(map(ord, fn)) % 97 + 1,
        call_line=None,
        args=(),
        start_ns=ORIGIN + t,
    )


def end(cid: int, t: int) -> CallEnded:
    return CallEnded(call_id=cid, end_ns=ORIGIN + t, outcome="return")


def sample_run(steps: int = 3) -> list[Event]:
    """main() calling step() `steps` times, then the run's end."""
    events: list[Event] = [call(1, "main", None, 0)]
    for i in range(steps):
        cid = 10 + i
        events += [call(cid, "step", 1, 100 * (i + 1)), end(cid, 100 * (i + 1) + 50)]
    events += [
        end(1, 100 * (steps + 2)),
        RunEnded(ended_at=time.time(), exit_code=0, calls=steps + 1, exceptions=0, dropped=0),
    ]
    return events


def ws_url(info: HubInfo, path: str, token: str | None = None) -> str:
    tok = info.token if token is None else token
    return f"ws://127.0.0.1:{info.port}{path}?token={tok}"


def http_url(info: HubInfo, path: str, token: str | None = None) -> str:
    tok = info.token if token is None else token
    return f"http://127.0.0.1:{info.port}{path}?token={tok}"


def get_json(url: str) -> tuple[int, Any]:
    """A GET's status and JSON body, refusals (4xx, 5xx) included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


async def receive_until(ws: Any, predicate: Any, timeout: float = 10.0) -> dict[str, Any]:
    """Read messages until one satisfies `predicate`; fails the test on timeout or close."""

    async def read() -> dict[str, Any]:
        while True:
            msg = await ws.receive()
            assert msg.type == aiohttp.WSMsgType.TEXT, f"connection ended: {msg}"
            data: dict[str, Any] = msg.json()
            if predicate(data):
                return data

    return await asyncio.wait_for(read(), timeout)


async def send_run(
    session: aiohttp.ClientSession,
    info: HubInfo,
    events: Sequence[Event],
    run: RunStarted | None = None,
    per_frame: int = 50,
) -> None:
    """Stream `events` as a producer would, then close cleanly."""
    run = run or run_started()
    async with session.ws_connect(ws_url(info, "/ws/producer")) as ws:
        await ws.send_str(encode_hello(run, os.getpid(), "test"))
        for seq, start in enumerate(range(0, len(events), per_frame), 1):
            await ws.send_str(encode_events(seq, events[start : start + per_frame], 0))
        await ws.send_str('{"type":"bye","v":1,"dropped":0}')
        await ws.receive()  # the hub closes after bye


def start_hub_process(data_dir: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    """`python -m debugflow.server` in a subprocess; returns it and the URL it printed."""
    env = {**os.environ, "FLOW_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "debugflow.server", "--no-browser", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("DebugFlow HUD: "):
        proc.kill()
        err = proc.stderr.read() if proc.stderr else ""
        raise AssertionError(f"hub did not start: {line!r} {err}")
    return proc, line.split(": ", 1)[1].strip()


def pump(source: socket.socket, sink: socket.socket) -> None:
    """Copy what `source` receives to `sink` until it closes, then end `sink`'s sending side
    (one direction of a TCP relay; run one thread per direction)."""
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            sink.sendall(data)
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_WR)
