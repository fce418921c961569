"""The debugger's control channel and its frames, in process: every request is checked, a bad
one is refused with a reason (never raised), breakpoint changes are states of their own `rev`.
The pause itself, through a real hub and a real program, is in test_hub_debugger.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from debugflow.debugger.breakpoints import BreakpointTable
from debugflow.debugger.channel import MAX_QUEUED, ControlChannel
from debugflow.debugger.runtime import Debugger
from debugflow.debugger.specs import BreakSpec
from debugflow.protocol.shapes import problems
from debugflow.protocol.viewer import DebugStateWire
from debugflow.server.commands import RefusedRequest, parse_command
from debugflow.tracer.codefilter import CodeFilter
from debugflow.transport.wire import (
    MAX_DEBUG_REQUEST,
    BadRequest,
    FrameError,
    decode_debug_request,
    decode_producer_frame,
    encode_debug_request,
)

SOURCE = "def f(x):\n    y = x + 1\n    return y\n"


class Sent:
    """The frames a channel sends, decoded."""

    def __init__(self) -> None:
        self.frames: list[dict[str, Any]] = []

    def __call__(self, text: str) -> None:
        self.frames.append(json.loads(text))

    def replies(self) -> list[dict[str, Any]]:
        return [f for f in self.frames if f["type"] == "debug_reply"]

    def states(self) -> list[DebugStateWire]:
        return [f["state"] for f in self.frames if f["type"] == "debug_state"]


def _channel(tmp_path: Path, saves: list[int] | None = None) -> tuple[ControlChannel, Sent]:
    debugger = Debugger(BreakpointTable(), CodeFilter(tmp_path), can_pause=True)
    sent = Sent()
    save = (lambda: saves.append(1)) if saves is not None else None
    return ControlChannel(debugger, sent, save), sent


def _serve(channel: ControlChannel, sent: Sent, request: dict[str, Any], id: int = 7) -> Any:
    channel.request(encode_debug_request(id, request))  # type: ignore[arg-type]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for reply in sent.replies():
            if reply["id"] == id:
                sent.frames.remove(reply)
                return reply
        time.sleep(0.01)
    raise AssertionError(f"no reply to {request}")


@pytest.mark.parametrize(
    ("text", "id"),
    [
        ("not json", -1),
        ('{"type": "debug_request", "v": 1, "id": 3, "request": {"op": "nope"}}', 3),
        ('{"type": "debug_request", "v": 1, "id": 4, "request": {"op": "stack"}}', 4),
        ('{"type": "debug_request", "v": 1, "id": 5, "request": [1, 2]}', 5),
        ('{"type": "debug_request", "v": 9, "id": 6, "request": {"op": "stack", "seq": 1}}', 6),
        ("[" * 100 + "]" * 100, -1),
        ('{"type": "debug_request", "v": 1, "id": 8, "request": {"op": "evaluate", "seq": 1, '
         '"frame": 0, "expr": "' + "x" * MAX_DEBUG_REQUEST + '"}}', -1),
    ],
)  # fmt: skip
def test_a_malformed_request_is_refused_with_a_reason(tmp_path: Path, text: str, id: int) -> None:
    channel, sent = _channel(tmp_path)
    channel.request(text)
    (reply,) = sent.replies()
    assert reply["id"] == id and reply["accepted"] is False and reply["reason"]


def test_bounds_of_a_request() -> None:
    locals_ = {"op": "locals", "seq": 1, "frame": 0, "path": [], "offset": 0, "limit": 10_000}
    for request in (locals_, {**locals_, "limit": 5, "frame": -1}, {**locals_, "limit": 0}):
        with pytest.raises(BadRequest):
            decode_debug_request(encode_debug_request(1, request))  # type: ignore[arg-type]


def test_commands_serve_on_the_channel_thread_and_stale_ones_are_refused(tmp_path: Path) -> None:
    channel, sent = _channel(tmp_path)
    channel.start()
    try:
        seq = channel.debugger.state.seq
        stale = _serve(channel, sent, {"op": "command", "kind": "continue", "seq": seq + 5})
        assert not stale["accepted"] and "stale" in stale["reason"]
        idle = _serve(channel, sent, {"op": "command", "kind": "continue", "seq": seq})
        assert not idle["accepted"] and "no thread is paused" in idle["reason"]
        inspect = _serve(channel, sent, {"op": "stack", "seq": seq})
        assert not inspect["accepted"]
        pause = _serve(channel, sent, {"op": "command", "kind": "pause", "seq": seq})
        assert pause["accepted"]
        assert sent.states()[-1]["phase"] == "pausing" and sent.states()[-1]["seq"] == seq + 1
    finally:
        channel.close()


def test_gutter_breakpoints_replace_the_files_and_are_kept(tmp_path: Path) -> None:
    script = tmp_path / "app.py"
    script.write_text(SOURCE)
    saves: list[int] = []
    channel, sent = _channel(tmp_path, saves)
    channel.start()
    try:
        spec = {"line": 2, "condition": "x > 3", "hit": "every 2", "log": None}
        request = {"op": "set_breakpoints", "file": str(script), "breakpoints": [spec]}
        assert _serve(channel, sent, request)["accepted"]
        again = {**request, "breakpoints": [{**spec, "line": 3, "hit": "5", "condition": None}]}
        assert _serve(channel, sent, again)["accepted"]
        for bad in ({"condition": "x >"}, {"line": 4}, {"hit": "often"}, {"log": "{x"}):
            refused = _serve(channel, sent, {**request, "breakpoints": [{**spec, **bad}]})
            assert not refused["accepted"] and refused["reason"], bad
        exceptions = _serve(channel, sent, {"op": "exceptions", "raised": True, "uncaught": False})
        assert exceptions["accepted"]
    finally:
        channel.close()
    states = sent.states()
    for state in states:
        assert not problems(state, DebugStateWire)
    assert [s["rev"] for s in states] == sorted({s["rev"] for s in states})
    assert {s["seq"] for s in states} == {channel.debugger.state.seq}  # no transition made
    last = states[-1]
    assert last["breakpoints"] == [
        {"file": os.path.realpath(script), "line": 3, "function": None, "condition": None,
         "hit": "5", "log": None, "verified": True},
    ]  # fmt: skip
    assert last["exceptions"] == {"raised": True, "uncaught": False}
    assert len(saves) == 3


def test_a_full_queue_refuses_at_once(tmp_path: Path) -> None:
    channel, sent = _channel(tmp_path)  # not started: nothing is served
    for id in range(MAX_QUEUED + 3):
        channel.request(encode_debug_request(id, {"op": "stack", "seq": 0}))
    busy = sent.replies()
    assert [r["id"] for r in busy] == [MAX_QUEUED, MAX_QUEUED + 1, MAX_QUEUED + 2]
    assert all("busy" in r["reason"] for r in busy)


def test_the_greeting_is_the_current_state(tmp_path: Path) -> None:
    channel, _ = _channel(tmp_path)
    first, second = json.loads(channel.greeting()), json.loads(channel.greeting())
    assert first["type"] == "debug_state" and first["state"]["phase"] == "running"
    assert second["state"]["rev"] > first["state"]["rev"]


def test_the_hub_checks_what_a_producer_sends() -> None:
    with pytest.raises(FrameError):
        decode_producer_frame('{"type": "debug_state", "v": 1, "state": {"seq": 1}}')
    with pytest.raises(FrameError):
        decode_producer_frame(
            '{"type": "debug_reply", "v": 1, "id": 1, "accepted": true, "reason": "",'
            ' "result": {"frames": [{"index": "0"}]}}'
        )


def test_a_viewers_bad_request_is_refused_not_fatal() -> None:
    with pytest.raises(RefusedRequest) as refused:
        parse_command('{"type": "debug", "run": "r", "id": 3, "request": {"op": "stack"}}')
    assert (refused.value.run, refused.value.id) == ("r", 3)
    with pytest.raises(FrameError) as fatal:
        parse_command('{"type": "debug", "run": "r", "id": "x", "request": {"op": "stack"}}')
    assert not isinstance(fatal.value, RefusedRequest)
    command = parse_command(
        '{"type": "debug", "run": "r", "id": 3, "request": {"op": "stack", "seq": 2}}'
    )
    assert command["type"] == "debug"


NO_EVENTS = """\
import sys
from debugflow.config import FlowConfig
from debugflow.debugger.breakpoints import BreakpointTable
from debugflow.debugger.runtime import Debugger
from debugflow.debugger.specs import BreakSpec
from debugflow.run.session import TraceSession, code_filter

config = FlowConfig.from_env(root=".").with_options(quiet=True)
debugger = Debugger(BreakpointTable(), code_filter(config), can_pause=False)
session = TraceSession(config, kind="api", debugger=debugger)
session.start()


def f():
    return 1


f()
tool = debugger.adapter.tool_id
print(sys.monitoring.get_events(tool), sys.monitoring.get_local_events(tool, f.__code__))
session.stop(0)
"""


@pytest.mark.skipif(sys.version_info < (3, 12), reason="sys.monitoring is 3.12+")
def test_a_debugger_without_breakpoints_turns_on_no_monitoring_event(tmp_path: Path) -> None:
    (tmp_path / "prog.py").write_text(NO_EVENTS)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    env.update(FLOW_DATA_DIR=str(tmp_path / "data"), FLOW_HUB="off", FLOW_BACKEND="monitoring")
    done = subprocess.run(
        [sys.executable, "prog.py"], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=60, check=True,
    )  # fmt: skip
    assert done.stdout == "0 0\n", done.stderr


def test_a_breakpoint_set_elsewhere_reaches_the_hud(tmp_path: Path) -> None:
    script = tmp_path / "app.py"
    script.write_text(SOURCE)
    channel, sent = _channel(tmp_path)
    channel.debugger.add_breakpoint(BreakSpec("line", file=str(script), line=2))  # `b` typed
    (state,) = sent.states()
    assert [b["line"] for b in state["breakpoints"]] == [2]


def test_the_options_op_turns_pause_all_on_and_off(tmp_path: Path) -> None:
    channel, sent = _channel(tmp_path)
    assert json.loads(channel.greeting())["state"]["pause_all"] is False
    channel.start()
    try:
        for on in (True, False):
            reply = _serve(channel, sent, {"op": "options", "pause_all": on})
            assert reply["accepted"] and channel.debugger.pause_all is on
            assert sent.states()[-1]["pause_all"] is on  # the state goes out again with it
        bad = _serve(channel, sent, {"op": "options", "pause_all": "yes"})
        assert not bad["accepted"] and "pause_all" in bad["reason"]
        assert channel.debugger.pause_all is False
    finally:
        channel.close()


PAUSE_ALL_EVENTS = """\
import os
import sys
import threading
import time
from debugflow.config import FlowConfig
from debugflow.debugger.breakpoints import BreakpointTable
from debugflow.debugger.controller import Command
from debugflow.debugger.runtime import Debugger
from debugflow.debugger.specs import BreakSpec
from debugflow.run.session import TraceSession, code_filter

config = FlowConfig.from_env(root=".").with_options(quiet=True)
debugger = Debugger(BreakpointTable(), code_filter(config), pause_all=sys.argv[1] == "on")
session = TraceSession(config, kind="api", debugger=debugger)
session.start()
LINE = sys.monitoring.events.LINE
seen = []


def spin(stop):
    while not stop.is_set():
        time.sleep(0.001)


def f():
    return 1  # the breakpoint


def front():
    while debugger.state.phase != "paused":
        time.sleep(0.01)
    time.sleep(0.1)
    events = sys.monitoring.get_local_events(debugger.adapter.tool_id, spin.__code__)
    seen.append(bool(events & LINE))
    debugger.submit(Command("continue", debugger.state.seq))


stop = threading.Event()
worker = threading.Thread(target=spin, args=(stop,))
worker.start()
threading.Thread(target=front, name="debugflow-test-front").start()
debugger.add_breakpoint(BreakSpec("line", file=os.path.abspath(__file__), line=26))
f()
debugger.remove_breakpoint(1)
stop.set()
worker.join()
tool = debugger.adapter.tool_id
print(seen, sys.monitoring.get_events(tool), sys.monitoring.get_local_events(tool, spin.__code__))
session.stop(0)
"""


@pytest.mark.skipif(sys.version_info < (3, 12), reason="sys.monitoring is 3.12+")
@pytest.mark.parametrize("pause_all", ["on", "off"])
def test_pause_all_turns_line_events_on_only_during_a_pause(tmp_path: Path, pause_all: str) -> None:
    assert PAUSE_ALL_EVENTS.splitlines()[25].endswith("# the breakpoint")
    (tmp_path / "prog.py").write_text(PAUSE_ALL_EVENTS)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    env.update(FLOW_DATA_DIR=str(tmp_path / "data"), FLOW_HUB="off", FLOW_BACKEND="monitoring")
    done = subprocess.run(
        [sys.executable, "prog.py", pause_all], cwd=tmp_path, env=env, capture_output=True,
        text=True, timeout=60, check=True,
    )  # fmt: skip
    # the worker's loop has line events in the pause only with pause_all; none after it
    assert done.stdout == f"[{pause_all == 'on'}] 0 0\n", done.stderr
