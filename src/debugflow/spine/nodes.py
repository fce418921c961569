"""One spine node: a function under one parent node, its repeated calls collapsed (×N).

A node's numbers (calls, exceptions, min / median / max, own time) are the tracer's exact
ones from `NodeStats`, which count every call whether or not it was recorded; runs recorded
before the tracer kept its tree (and manual marks) fall back to the calls that were recorded.
A node shows one call whole — `sample`, the latest call kept in detail, with its arguments
and its own return value or exception — and, when the latest call that raised is another
one, `failure`, that call with its own exception. Values of two calls are never mixed.

An `imports` node (see `debugflow.spine.imports`) has no calls of its own: its numbers are
those of the nodes it groups, kept in its `ImportGroup`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from debugflow.durations import DurationStats
from debugflow.protocol import ArgPreview, NodeStats
from debugflow.protocol.viewer import (
    ArgWire,
    CallWire,
    DurationWire,
    ErrorWire,
    LineStatWire,
    NodeKind,
    NodeState,
    NodeWire,
    Outcome,
)
from debugflow.spine.imports import ImportGroup


def arg_wire(arg: ArgPreview) -> ArgWire:
    """An argument preview as sent to viewers."""
    return {"name": arg.name, "type": arg.type, "value": arg.value}


@dataclass(slots=True)
class Node:
    """Mutable state of one node; `wire()` gives the viewer's view (cached until touched)."""

    id: int
    parent: int | None
    lane: int
    depth: int
    kind: NodeKind
    fkey: str
    function: str
    module: str
    file: str
    line: int
    call_line: int | None
    spawned_by: int | None
    first_t: int
    state: NodeState = "processing"
    recorded: int = 0  # recorded calls that started
    recorded_exceptions: int = 0
    active: int = 0
    exact: NodeStats | None = None
    sample: CallWire | None = None
    raised: CallWire | None = None  # the latest call that raised (it may be the sample)
    reason: str | None = None
    last_t: int = 0
    recorded_durations: DurationStats = field(default_factory=DurationStats)
    lines: list[LineStatWire] | None = None  # per-line numbers, once focused
    cached: NodeWire | None = None
    group: Node | None = None  # the imports node this node is under, if any
    counted: int = 0  # calls of this node already added to its group's count
    imports: ImportGroup | None = None  # set on imports nodes only

    @property
    def calls(self) -> int:
        """Every call of this node so far (exact once the tracer's numbers arrived)."""
        return max(self.recorded, self.exact.calls if self.exact is not None else 0)

    @property
    def exceptions(self) -> int:
        """Calls of this node that ended with an exception."""
        exact = self.exact.exceptions if self.exact is not None else 0
        return max(self.recorded_exceptions, exact)

    def start(self, t: int, args: tuple[ArgPreview, ...] | None) -> CallWire | None:
        """A recorded call began at `t`; returns its CallWire when it is the new sample
        (`args` None: the call's values were not kept)."""
        self.recorded += 1
        self.active += 1
        self.state = "processing"
        self.last_t = t
        if args is None:
            return None
        self.sample = {
            "args": [arg_wire(a) for a in args],
            "ret": None,
            "error": None,
            "state": "running",
            "t": t,
            "duration": None,
        }
        return self.sample

    def finish(
        self,
        call: CallWire | None,
        t: int,
        duration_ns: int,
        ret: ArgPreview | None,
        error: ErrorWire | None,
    ) -> None:
        """A recorded call ended at `t`: with `error`, or returning `ret` (None if not kept).

        `call` is what `start` returned for it: the call's values are written into it, so a
        sample always shows one call's arguments with that same call's result.
        """
        self.active = max(0, self.active - 1)
        self.recorded_durations.add(duration_ns)
        self.last_t = t
        outcome: Outcome = "exception" if error is not None else "success"
        if error is not None:
            self.recorded_exceptions += 1
        if call is not None:
            call["duration"] = duration_ns
            call["ret"] = None if ret is None else arg_wire(ret)
            call["error"] = error
            call["state"] = "raised" if error is not None else "returned"
        if error is not None:
            self.raised = call if call is not None else _failed(t - duration_ns, duration_ns, error)
        self.state = "processing" if self.active else outcome

    def take_exact(self, stats: NodeStats) -> None:
        """The tracer's exact numbers for this node."""
        self.exact = stats
        if not self.recorded and not self.active and self.state == "processing":
            self.state = "exception" if stats.exceptions else "success"

    def abandon(self) -> None:
        """The run ended (or its producer vanished) while calls of this node were open."""
        if self.active:
            self.active = 0
            self.state = "unfinished"

    def wire(self) -> NodeWire:
        """The node as sent to viewers."""
        if self.cached is None and self.imports is not None:
            self.cached = self.imports.wire(self._labels())
        if self.cached is None:
            wire = self._labels()
            wire["calls"] = self.calls
            wire["active"] = self.active
            wire["exceptions"] = self.exceptions
            wire["dur"] = self._dur()
            wire["sample"] = _copy(self.sample)
            wire["failure"] = None if self.raised is self.sample else _copy(self.raised)
            wire["reason"] = self.reason
            wire["lines"] = self.lines
            wire["folded"] = False
            self.cached = wire
        return self.cached

    def _labels(self) -> NodeWire:
        """The node's place and names, with no calls (what an imports node adds its
        numbers to, and what `wire` fills this node's own numbers into)."""
        return {
            "id": self.id,
            "parent": self.parent,
            "lane": self.lane,
            "depth": self.depth,
            "kind": self.kind,
            "fkey": self.fkey,
            "function": self.function,
            "module": self.module,
            "file": self.file,
            "line": self.line,
            "call_line": self.call_line,
            "spawned_by": self.spawned_by,
            "state": self.state,
            "calls": 0,
            "active": 0,
            "exceptions": 0,
            "dur": None,
            "sample": None,
            "failure": None,
            "reason": None,
            "first_t": self.first_t,
            "last_t": self.last_t,
            "lines": None,
            "folded": True,
        }

    def _dur(self) -> DurationWire | None:
        exact = self.exact
        if exact is not None:
            if not (exact.total_ns or exact.max_ns):
                return None  # calls started, none finished yet
            return {
                "min": exact.min_ns,
                "median": exact.median_ns,
                "max": exact.max_ns,
                "total": exact.total_ns,
                "own": exact.own_ns,
            }
        d = self.recorded_durations
        if d.count == 0:
            return None
        return {"min": d.minimum, "median": d.median, "max": d.maximum, "total": d.total, "own": 0}


def _failed(t: int, duration_ns: int, error: ErrorWire) -> CallWire:
    """A call that raised with its values not kept (it was recorded for its exception)."""
    return {
        "args": None,
        "ret": None,
        "error": error,
        "state": "raised",
        "t": t,
        "duration": duration_ns,
    }


def _copy(call: CallWire | None) -> CallWire | None:
    # Wire dicts are cached and sent as they are: copy so a later change to the live call
    # never alters a message already built.
    return None if call is None else {**call}
