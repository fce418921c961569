"""The traced program's hub link: streams when a hub runs, never waits or fails when not."""

from __future__ import annotations

import json
import os
import signal
import socket
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from debugflow.protocol import Event
from debugflow.transport.discovery import HubInfo, hub_from_url, read_hub_file, write_hub_file
from debugflow.transport.hub_link import HubLink, connect_hub_sink
from hub_helpers import call, end, run_started, running_hub, sample_run, start_hub_process


def _finishes(action: Callable[[], object], limit: float = 5.0) -> bool:
    """Whether `action` returns within `limit` seconds (a liveness bound, not a speed test)."""
    done = threading.Event()

    def run() -> None:
        action()
        done.set()

    threading.Thread(target=run, daemon=True).start()
    return done.wait(limit)


def _wait_for(condition: Callable[[], bool], limit: float = 10.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _spine(info: HubInfo, run_id: str = "run-1") -> Any:
    url = f"http://127.0.0.1:{info.port}/api/runs/{run_id}?token={info.token}"
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return json.loads(resp.read())["snapshot"]
    except OSError:
        return None


def test_no_hub_means_no_sink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLOW_HUB", raising=False)
    assert connect_hub_sink(tmp_path, run_started()) is None


def test_flow_hub_off_disables_the_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with running_hub(tmp_path) as _info:
        monkeypatch.setenv("FLOW_HUB", "off")
        assert connect_hub_sink(tmp_path, run_started()) is None


def test_link_found_through_discovery_streams_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FLOW_HUB", raising=False)
    with running_hub(tmp_path) as info:
        sink = connect_hub_sink(tmp_path, run_started())
        assert sink is not None
        sink.handle([run_started(), *sample_run(steps=5)])
        sink.close()
        assert _wait_for(lambda: (_spine(info) or {}).get("status", {}).get("state") == "ended")
        nodes = {n["function"]: n for n in _spine(info)["nodes"]}
    assert nodes["step"]["calls"] == 5


def test_link_found_through_flow_hub_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with running_hub(tmp_path / "hub", write_discovery=False) as info:
        monkeypatch.setenv("FLOW_HUB", info.url)
        sink = connect_hub_sink(tmp_path / "elsewhere", run_started())
        assert sink is not None
        sink.handle(sample_run())
        sink.close()
        assert _wait_for(lambda: _spine(info) is not None)


def test_refused_connection_gives_up_quietly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once closed
    hub = HubInfo(url="", pid=0, host="127.0.0.1", port=port, token="t")
    caplog.set_level("INFO", logger="debugflow.hub_link")
    link = HubLink(hub, run_started(), attempts=2)
    assert _finishes(lambda: link.handle(sample_run()))
    assert _wait_for(lambda: link.gave_up)
    assert _finishes(link.close)
    assert any("unreachable" in r.getMessage() for r in caplog.records)


def test_a_hub_that_never_answers_does_not_hold_the_program(tmp_path: Path) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # accepts TCP, never speaks HTTP
        port = silent.getsockname()[1]
        link = HubLink(
            HubInfo(url="", pid=0, host="127.0.0.1", port=port, token="t"),
            run_started(),
            attempts=1,
            connect_timeout=0.5,
        )
        assert _finishes(lambda: link.handle(sample_run()))
        assert _finishes(link.close)
        assert _wait_for(lambda: link.gave_up)


def test_full_buffer_drops_and_counts_but_keeps_run_events(tmp_path: Path) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # the link sits connecting while the buffer fills
        hub = HubInfo(url="", pid=0, host="127.0.0.1", port=silent.getsockname()[1], token="t")
        link = HubLink(hub, run_started(), max_pending=3, attempts=1, connect_timeout=5)
        batch: list[Event] = [call(1, "a", None, 0), end(1, 1)]
        link.handle(batch)
        link.handle(batch)  # does not fit: dropped
        link.handle(sample_run(steps=1)[-1:])  # the run's end always fits
        assert link.dropped == 2
        assert len(link._pending) == 3
        assert _finishes(link.close)


def test_hub_killed_mid_stream(tmp_path: Path) -> None:
    proc, url = start_hub_process(tmp_path, "--port", "0")
    try:
        info = hub_from_url(url)
        assert info is not None
        link = HubLink(info, run_started(), attempts=2)
        link.handle([run_started(), call(1, "main", None, 0)])
        assert _wait_for(lambda: _spine(info) is not None)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)

        def keep_tracing() -> None:
            for i in range(2000):
                link.handle([call(i + 2, "work", 1, i), end(i + 2, i + 1)])

        assert _finishes(keep_tracing)
        assert _finishes(link.close)
        assert _wait_for(lambda: link.gave_up)
    finally:
        proc.kill()
        proc.wait(10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_discovery_file_of_a_killed_hub_is_ignored(tmp_path: Path) -> None:
    proc, _url = start_hub_process(tmp_path, "--port", "0")
    assert read_hub_file(tmp_path) is not None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()
    assert (tmp_path / "hub.json").exists()  # left behind by the crash…
    assert read_hub_file(tmp_path) is None  # …but its pid is dead
    assert connect_hub_sink(tmp_path, run_started()) is None


def test_close_twice_and_handle_after_close_are_harmless(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        link = HubLink(info, run_started())
        link.close()
        link.close()
        link.handle(sample_run())


def test_a_hub_of_another_protocol_version_is_not_used(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        write_hub_file(tmp_path, replace(info, protocol=info.protocol + 1))
        assert connect_hub_sink(tmp_path, run_started()) is None
