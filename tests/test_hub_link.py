"""The traced program's hub link: streams when a hub runs, never waits or fails when not."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sys
import threading
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from debugflow.protocol import CallEnded, Event, FunctionStats, RunEnded, ThreadSeen
from debugflow.transport.discovery import HubInfo, hub_from_url, read_hub_file, write_hub_file
from debugflow.transport.hub_link import HubLink, connect_hub_sink
from hub_helpers import (
    ORIGIN,
    call,
    end,
    pump,
    run_started,
    running_hub,
    sample_run,
    start_hub_process,
)
from waiting import wait_until


def _finishes(action: Callable[[], object], limit: float = 5.0) -> bool:
    """Whether `action` returns within `limit` seconds (a liveness bound, not a speed test)."""
    done = threading.Event()

    def run() -> None:
        action()
        done.set()

    threading.Thread(target=run, daemon=True).start()
    return done.wait(limit)


def _ended(info: HubInfo) -> bool:
    """Whether the hub shows run-1 as ended."""
    return bool((_spine(info) or {}).get("status", {}).get("state") == "ended")


def _spine(info: HubInfo, run_id: str = "run-1") -> Any:
    url = f"http://127.0.0.1:{info.port}/api/runs/{run_id}?token={info.token}"
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return json.loads(resp.read())["snapshot"]
    except OSError:
        return None


@contextlib.contextmanager
def gated_relay(hub_port: int) -> Iterator[tuple[int, threading.Event]]:
    """A port that relays to the hub, but answers nobody until the event is set.

    Until then a link connecting through it waits for the hub's handshake, its buffer filling
    as it would behind a stalled network.
    """
    gate = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        gate.wait()
        with contextlib.suppress(OSError):
            client, _ = listener.accept()
            hub = socket.create_connection(("127.0.0.1", hub_port))
            back = threading.Thread(target=pump, args=(hub, client), daemon=True)
            back.start()
            pump(client, hub)
            back.join(10)
            client.close()
            hub.close()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    try:
        yield listener.getsockname()[1], gate
    finally:
        gate.set()
        listener.close()
        server.join(10)


def _stats(calls: int) -> FunctionStats:
    return FunctionStats("parse", "demo", "/tmp/demo.py", 7, calls, calls, calls, calls, 1, 1, 1)


def _raised(cid: int, t: int) -> CallEnded:
    return CallEnded(call_id=cid, end_ns=ORIGIN + t, outcome="exception", exc_type="KeyError")


def test_a_full_buffer_still_sends_the_end_the_exceptions_and_the_counts(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info, gated_relay(info.port) as (port, gate):
        # pid 0: the relay is named like FLOW_HUB names a hub; a discovery file never names
        # one (its hub must hold the listening socket itself), and the relay takes one client.
        link = HubLink(replace(info, port=port, pid=0), run_started(), max_pending=4,
                       connect_timeout=30, flush_timeout=10)  # fmt: skip
        link.handle([run_started(), call(1, "main", None, 0), call(2, "warm", 1, 1), end(2, 2)])
        for i in range(10, 60):  # the buffer is full: only what matters is kept
            t = 10 * i
            link.handle([call(i, "step", 1, t), end(i, t + 1), call(i + 100, "parse", 1, t + 2),
                         _raised(i + 100, t + 3), _stats(i)])  # fmt: skip
        link.handle([ThreadSeen(1, "loader"), _stats(99), end(1, 999)])
        link.handle([RunEnded(ended_at=2.0, exit_code=0, calls=102, exceptions=50, dropped=0)])
        assert link.dropped == 101  # every `step` call, and main's return
        gate.set()
        link.close()
        wait_until(lambda: _ended(info), "the hub to show the run ended")
        spine = _spine(info)
    by_name = {n["function"]: n for n in spine["nodes"]}
    assert set(by_name) == {"main", "warm", "parse"}
    assert by_name["parse"]["calls"] == 50
    assert '"KeyError"' in json.dumps(by_name["parse"])  # the exception reached its node
    assert [f["calls"] for f in spine["functions"]] == [99]
    assert (spine["status"]["exceptions"], spine["status"]["dropped"]) == (50, 101)


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
        wait_until(lambda: _ended(info), "the hub to show the run ended")
        nodes = {n["function"]: n for n in _spine(info)["nodes"]}
    assert nodes["step"]["calls"] == 5


def test_link_found_through_flow_hub_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with running_hub(tmp_path / "hub", write_discovery=False) as info:
        monkeypatch.setenv("FLOW_HUB", info.url)
        sink = connect_hub_sink(tmp_path / "elsewhere", run_started())
        assert sink is not None
        sink.handle(sample_run())
        sink.close()
        wait_until(lambda: _spine(info), "the run to reach the hub")


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
    wait_until(lambda: link.gave_up, "the link to give up")
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
        wait_until(lambda: link.gave_up, "the link to give up")


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
        assert (link.dropped, link.pending) == (2, 3)
        assert _finishes(link.close)


def test_hub_killed_mid_stream(tmp_path: Path) -> None:
    proc, url = start_hub_process(tmp_path, "--port", "0")
    try:
        info = hub_from_url(url)
        assert info is not None
        link = HubLink(info, run_started(), attempts=2)
        link.handle([run_started(), call(1, "main", None, 0)])
        wait_until(lambda: _spine(info), "the run to reach the hub")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)

        def keep_tracing() -> None:
            for i in range(2000):
                link.handle([call(i + 2, "work", 1, i), end(i + 2, i + 1)])

        assert _finishes(keep_tracing)
        assert _finishes(link.close)
        wait_until(lambda: link.gave_up, "the link to give up")
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
        assert _finishes(link.close)
        assert _finishes(link.close)
        assert _finishes(lambda: link.handle(sample_run()))
        assert (link.pending, link.dropped, link.gave_up) == (0, 0, False)
        wait_until(lambda: _spine(info), "the run announced before bye to reach the hub")


def test_a_hub_of_another_protocol_version_is_not_used(tmp_path: Path) -> None:
    with running_hub(tmp_path) as info:
        write_hub_file(tmp_path, replace(info, protocol=info.protocol + 1))
        assert connect_hub_sink(tmp_path, run_started()) is None


def test_a_paused_link_keeps_its_connection_and_sends_what_came_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Around a fork the link's thread ends (no thread of ours may run when the program
    forks) and a new one goes on with the same connection."""
    monkeypatch.delenv("FLOW_HUB", raising=False)
    with running_hub(tmp_path) as info:
        sink = connect_hub_sink(tmp_path, run_started())
        assert isinstance(sink, HubLink)
        events = [run_started(), *sample_run(steps=5)]
        sink.handle(events[:4])
        wait_until(lambda: _spine(info), "the run to reach the hub")
        sink.pause()
        assert "debugflow-hub-link" not in {t.name for t in threading.enumerate()}
        sink.handle(events[4:])
        sink.resume()
        sink.close()
        wait_until(lambda: _ended(info), "the hub to show the run ended")
        nodes = {n["function"]: n for n in _spine(info)["nodes"]}
    assert nodes["step"]["calls"] == 5


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork() here")
def test_a_program_that_forks_while_streaming_sees_no_thread_of_ours(tmp_path: Path) -> None:
    from conftest import flow, run

    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    env["FLOW_DATA_DIR"] = str(tmp_path / "data")
    with running_hub(tmp_path / "hub", write_discovery=False) as info:
        plain = run([sys.executable, "forks.py"], env)
        traced = flow("run", "forks.py", env={**env, "FLOW_HUB": info.url})
        wait_until(lambda: bool(_runs(info)), "the run to reach the hub")
    assert (traced.stdout, traced.stderr, traced.returncode) == (
        plain.stdout,
        plain.stderr,
        plain.returncode,
    )


def _runs(info: HubInfo) -> list[Any]:
    url = f"http://127.0.0.1:{info.port}/api/runs?token={info.token}"
    with urllib.request.urlopen(url, timeout=5) as resp:
        runs: list[Any] = json.loads(resp.read())["runs"]
    return runs


def test_a_hub_too_busy_to_answer_its_identity_check_is_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hub that answers late (frozen here with SIGSTOP, as one busy with a huge run would
    be) is not taken for an impostor: nothing is sent meanwhile, and once it answers the
    run streams to it."""
    monkeypatch.delenv("FLOW_HUB", raising=False)
    proc, _url = start_hub_process(tmp_path, "--port", "0")
    try:
        os.kill(proc.pid, signal.SIGSTOP)
        sink = connect_hub_sink(tmp_path, run_started())  # found through the discovery file
        assert isinstance(sink, HubLink)
        sink.handle([run_started(), *sample_run(steps=4)])
        threading.Timer(2.0, os.kill, (proc.pid, signal.SIGCONT)).start()
        info = read_hub_file(tmp_path)
        assert info is not None
        wait_until(lambda: _ended(info), "the run to reach the hub once it answers")
        assert not sink.gave_up
        sink.close()
    finally:
        os.kill(proc.pid, signal.SIGCONT)
        proc.kill()
        proc.wait(10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
