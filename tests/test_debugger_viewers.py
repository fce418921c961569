"""Viewers that come and go, and never see a state the program did not send.

A real `Debugger` with real threads hitting a breakpoint, its real `ControlChannel`, the
hub's real frame decoder and `DebugRelay`, and viewers that connect, disconnect, send
commands for the state they show (current or stale), toggle the breakpoint and ask for the
stack, in random order. The hub's part runs on one thread, as on its event loop: the
channel's frames reach it through a queue. Checked: a viewer is sent states in `rev` order,
each exactly as the program sent it; a viewer that connects is sent the current state; a
connected viewer ends on the program's last state; every request of a connected viewer is
answered; a resume is never lost or doubled, and one thread at most is paused at a time.
"""

from __future__ import annotations

import queue
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debug_helpers import Recording, check_one_pause_at_a_time, hit_program, hitting_threads
from debugflow.debugger.breakpoints import BreakpointTable
from debugflow.debugger.channel import ControlChannel
from debugflow.debugger.controller import RESUMES
from debugflow.debugger.runtime import Debugger
from debugflow.debugger.specs import BreakSpec
from debugflow.protocol import Paused, Resumed
from debugflow.protocol.viewer import DebugReplyMessage, DebugRequestWire, DebugStateWire
from debugflow.server.debug_relay import DebugRelay
from debugflow.tracer.codefilter import CodeFilter
from debugflow.transport.wire import (
    DebugReplyFrame,
    DebugStateFrame,
    decode_producer_frame,
)

BREAK_LINE = 2
DEADLINE_S = 30.0


class Viewer:
    """A page following the run: what the hub sent it, and what it asked."""

    def __init__(self) -> None:
        self.rev = -1  # the rev of the last state sent, as the hub keeps it per viewer
        self.states: list[DebugStateWire] = []
        self.asked: dict[int, DebugRequestWire] = {}
        self.replies: dict[int, DebugReplyMessage] = {}
        self.next_id = 1

    def debug_reply(self, message: DebugReplyMessage) -> None:
        assert message["id"] in self.asked, "a reply to a request this viewer never sent"
        assert message["id"] not in self.replies, "two replies to one request"
        self.replies[message["id"]] = message

    def shown(self) -> DebugStateWire | None:
        return self.states[-1] if self.states else None


class Hub:
    """The hub's side of one run: the relay, the viewers, the program's frames."""

    def __init__(self, channel_frames: queue.Queue[str]) -> None:
        self.relay = DebugRelay("run-1")
        self.frames = channel_frames
        self.viewers: list[Viewer] = []
        self.gone: list[Viewer] = []
        self.sent: dict[int, DebugStateWire] = {}  # rev -> the state as the program sent it
        self.channel: ControlChannel | None = None

    # the producer connection (ProducerPort): the hub's frames go to the program's channel
    def send_request(self, text: str) -> bool:
        assert self.channel is not None
        self.channel.request(text)
        return True

    def pump(self) -> None:
        """Take in what the program sent, then flush every viewer (the hub's send loop)."""
        while True:
            try:
                frame = decode_producer_frame(self.frames.get_nowait())
            except queue.Empty:
                break
            if isinstance(frame, DebugStateFrame):
                rev = frame.state["rev"]
                assert rev not in self.sent, "the program sent one rev twice"
                self.sent[rev] = frame.state
                self.relay.new_state(frame.state)
            elif isinstance(frame, DebugReplyFrame):
                self.relay.reply(frame)
        for viewer in self.viewers:
            message = self.relay.state_after(viewer.rev)
            if message is not None:
                viewer.rev = message["state"]["rev"]
                viewer.states.append(message["state"])

    def phase_of(self, seq: int) -> str:
        """The phase of state `seq` (a breakpoint change sends it again under a new rev)."""
        phases = {s["phase"] for s in self.sent.values() if s["seq"] == seq}
        assert len(phases) == 1, f"state {seq} was sent {len(phases)} ways"
        return phases.pop()

    def connect(self) -> Viewer:
        viewer = Viewer()
        self.viewers.append(viewer)
        self.relay.watchers_changed(+1)
        self.pump()
        if self.relay.state is not None:
            assert viewer.shown() == self.relay.state, "a new viewer sees the current state"
        return viewer

    def disconnect(self, index: int) -> None:
        if self.viewers:
            self.gone.append(self.viewers.pop(index % len(self.viewers)))
            self.relay.watchers_changed(-1)

    def ask(self, viewer: Viewer, request: DebugRequestWire) -> None:
        id = viewer.next_id
        viewer.next_id += 1
        viewer.asked[id] = request
        self.relay.forward(viewer, id, request)


Action = tuple[str, int, str, int]  # what, which viewer, command kind, seq offset

ACTIONS = st.tuples(
    st.sampled_from(["connect", "disconnect", "command", "command", "command", "toggle", "stack"]),
    st.integers(0, 3),
    st.sampled_from(["continue", "step", "next", "return", "pause"]),
    st.sampled_from([0, 0, 0, -1, 1]),
)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    hits=st.lists(st.integers(1, 3), min_size=1, max_size=3), script=st.lists(ACTIONS, max_size=60)
)
def test_viewers_coming_and_going_see_only_what_the_program_sent(
    tmp_path_factory: pytest.TempPathFactory, hits: list[int], script: list[Action]
) -> None:
    root = tmp_path_factory.mktemp("prog")
    hit, path = hit_program(root)
    file = str(path.resolve())
    table = BreakpointTable([BreakSpec("line", file=file, line=BREAK_LINE)])
    recording = Recording()
    debugger = Debugger(table, CodeFilter(root), recording)
    frames: queue.Queue[str] = queue.Queue()
    channel = ControlChannel(debugger, frames.put)
    hub = Hub(frames)
    hub.channel = channel
    hub.relay.connected(hub)
    channel.start()
    frames.put(channel.greeting())  # what the hub link sends after its hello

    threads = hitting_threads(hit, debugger.engine, hits)
    try:
        _drive(hub, script, threads, file)
        assert not any(t.is_alive() for t in threads), "a paused thread was never resumed"
        _settle(hub)
    finally:
        debugger.end(0)
        channel.close()
        for thread in threads:
            thread.join(5)
    _check(hub, recording.events)
    assert channel.viewers == len(hub.viewers), "the program was told how many follow it"


def _drive(hub: Hub, script: list[Action], threads: list[threading.Thread], file: str) -> None:
    """Play the script, then have a viewer continue whatever it shows until the threads end."""
    deadline = time.monotonic() + DEADLINE_S
    actions = list(script)
    while any(t.is_alive() for t in threads) and time.monotonic() < deadline:
        hub.pump()
        what, index, kind, offset = actions.pop(0) if actions else ("command", 0, "continue", 0)
        if what == "connect" or not hub.viewers:
            hub.connect()
            continue
        viewer = hub.viewers[index % len(hub.viewers)]
        shown = viewer.shown()
        if what == "disconnect":
            hub.disconnect(index)
        elif shown is None:
            pass
        elif what == "command":
            request = {"op": "command", "kind": kind, "seq": shown["seq"] + offset}
            hub.ask(viewer, request)  # type: ignore[arg-type]
        elif what == "toggle":
            on = any(b["line"] == BREAK_LINE for b in shown["breakpoints"])
            wanted = (
                [] if on else [{"line": BREAK_LINE, "condition": None, "hit": None, "log": None}]
            )
            hub.ask(viewer, {"op": "set_breakpoints", "file": file, "breakpoints": wanted})  # type: ignore[typeddict-item]
        else:
            hub.ask(viewer, {"op": "stack", "seq": shown["seq"]})  # type: ignore[typeddict-item]
        for thread in threads:
            thread.join(0.001)


def _settle(hub: Hub) -> None:
    """Until every connected viewer's request is answered and the frames stop coming."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        hub.pump()
        if all(set(v.asked) == set(v.replies) for v in hub.viewers) and hub.frames.empty():
            time.sleep(0.05)  # one more look: a reply can bring a state right after it
            hub.pump()
            if hub.frames.empty():
                return
        time.sleep(0.01)
    raise AssertionError("a connected viewer's request was never answered")


def _check(hub: Hub, events: list[Paused | Resumed]) -> None:
    newest = hub.sent[max(hub.sent)]
    for viewer in hub.viewers + hub.gone:
        revs = [s["rev"] for s in viewer.states]
        assert revs == sorted(set(revs)), "a viewer was sent an older state after a newer one"
        for state in viewer.states:
            assert state == hub.sent[state["rev"]], "a state the program never sent"
    for viewer in hub.viewers:
        assert viewer.shown() == newest, "a connected viewer is left behind"
    # Accepted commands: each acted on the state it named, resumes once per pause.
    accepted = [
        request
        for viewer in hub.viewers + hub.gone
        for id, request in viewer.asked.items()
        if id in viewer.replies and viewer.replies[id]["accepted"] and request["op"] == "command"
    ]
    resumes = [r["seq"] for r in accepted if r["kind"] in RESUMES]  # type: ignore[typeddict-item]
    assert len(resumes) == len(set(resumes)), "a double resume"
    for seq in resumes:
        assert hub.phase_of(seq) == "paused", "a resume was accepted for a state not paused"
    assert check_one_pause_at_a_time(events) is None, "a pause that was never resumed"
