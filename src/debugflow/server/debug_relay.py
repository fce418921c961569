"""The hub's part of the debugger: it relays, it never decides.

A viewer's `debug` command goes to the live run's producer connection as a `debug_request`
under an id of the hub's, and the producer's `debug_reply` goes back to that viewer alone
under the viewer's own id. When it cannot be relayed (no such live run, no debugger, the
program not connected, too many requests in flight) the viewer is answered at once. The
producer's `debug_state` frames are kept (the last one per run, by `rev`) for the run's
viewers, which send it after their snapshot and on every change.

Everything here runs on the hub's event loop and only appends to bounded queues: a slow
viewer or a slow program never holds up the other side.
"""

from __future__ import annotations

import itertools
from typing import Protocol

from debugflow.protocol.versions import WIRE_VERSION
from debugflow.protocol.viewer import (
    DebugReplyMessage,
    DebugRequestWire,
    DebugResult,
    DebugStateMessage,
    DebugStateWire,
)
from debugflow.transport.wire import DebugReplyFrame, encode_debug_request, encode_viewers

MAX_IN_FLIGHT = 64  # requests of one viewer waiting for the program's answer


class Asker(Protocol):
    """A viewer connection that can be sent a reply (queued, never awaited)."""

    def debug_reply(self, message: DebugReplyMessage) -> None:
        """Queue `message` for this viewer."""


class ProducerPort(Protocol):
    """A producer connection that takes debug_request frames (queued, never awaited)."""

    def send_request(self, text: str) -> bool:
        """Queue a frame for the program; False when its queue is full."""


_ids = itertools.count(1)  # hub ids are unique across runs: a stray reply matches nothing


class DebugRelay:
    """One live run's debugger relay; see the module docstring."""

    def __init__(self, run_id: str) -> None:
        self.run_id = run_id
        self.state: DebugStateWire | None = None
        self.producer: ProducerPort | None = None
        self.watchers = 0  # viewers following the run live (its program is told the count)
        self._told: bool | None = None  # None: no state on this connection yet
        self._pending: dict[int, tuple[Asker, int]] = {}  # hub id -> (viewer, its id)

    def connected(self, producer: ProducerPort) -> None:
        """A producer connection (the latest takes the requests)."""
        self.producer = producer
        self._told = None

    def watchers_changed(self, change: int) -> None:
        """A viewer started (+1) or stopped (-1) following the run; its program is told."""
        self.watchers = max(0, self.watchers + change)
        self._tell()

    def _tell(self) -> None:
        """Tell a program with a debugger (it sent a state on this connection) who watches."""
        if self.producer is not None and self._told is not None:
            self._told = self.producer.send_request(encode_viewers(self.watchers))

    def state_message(self) -> DebugStateMessage | None:
        """The last state as a viewer message, if the program sent one."""
        if self.state is None:
            return None
        return {"type": "debug_state", "v": WIRE_VERSION, "run": self.run_id, "state": self.state}

    def state_after(self, rev: int) -> DebugStateMessage | None:
        """The last state as a viewer message if it is newer than `rev`, the `rev` a viewer
        was last sent (a viewer is sent only the newest state, never an older one)."""
        message = self.state_message()
        return message if message is not None and message["state"]["rev"] > rev else None

    def new_state(self, state: DebugStateWire) -> bool:
        """Keep a state from the program; False (ignored) when it is not newer by `rev`."""
        if self._told is None or not self._told:  # its first state on this connection
            self._told = False
            self._tell()
        if self.state is not None and state["rev"] <= self.state["rev"]:
            return False
        self.state = state
        return True

    def forward(self, asker: Asker, id: int, request: DebugRequestWire) -> None:
        """Send a viewer's request to the program, or answer the viewer at once why not."""
        reason = self._refusal(asker)
        if reason is None:
            hub_id = next(_ids)
            assert self.producer is not None
            if self.producer.send_request(encode_debug_request(hub_id, request)):
                self._pending[hub_id] = (asker, id)
                return
            reason = "the program's control channel is busy: try again"
        asker.debug_reply(refused_reply(self.run_id, id, reason))

    def _refusal(self, asker: Asker) -> str | None:
        if self.producer is None:
            return "the program is not connected to this hub"
        if self.state is None:
            return "this run has no debugger"
        if sum(1 for who, _ in self._pending.values() if who is asker) >= MAX_IN_FLIGHT:
            return f"more than {MAX_IN_FLIGHT} debugger requests are waiting for the program"
        return None

    def reply(self, frame: DebugReplyFrame) -> None:
        """The program answered: to the viewer that asked, under its own id."""
        found = self._pending.pop(frame.id, None)
        if found is not None:
            asker, id = found
            asker.debug_reply(self.reply_message(id, frame.accepted, frame.reason, frame.result))

    def producer_gone(self, producer: ProducerPort) -> None:
        """A producer connection ended: what it was asked is answered (refused) now."""
        if self.producer is not producer:
            return
        self.producer = None
        pending, self._pending = self._pending, {}
        for asker, id in pending.values():
            reason = "the program disconnected before answering"
            asker.debug_reply(refused_reply(self.run_id, id, reason))

    def reply_message(
        self, id: int, accepted: bool, reason: str, result: DebugResult | None
    ) -> DebugReplyMessage:
        """A `debug_reply` for a viewer."""
        return {
            "type": "debug_reply",
            "v": WIRE_VERSION,
            "run": self.run_id,
            "id": id,
            "accepted": accepted,
            "reason": reason,
            "result": result,
        }


def unknown_run_reply(run: str, id: int) -> DebugReplyMessage:
    """The answer to a request for a run that is not live here."""
    reason = f"no live run {run!r} here: the debugger is there only while the program runs"
    return refused_reply(run, id, reason)


def refused_reply(run: str, id: int, reason: str) -> DebugReplyMessage:
    """A request refused by the hub itself."""
    return {
        "type": "debug_reply",
        "v": WIRE_VERSION,
        "run": run,
        "id": id,
        "accepted": False,
        "reason": reason,
        "result": None,
    }
