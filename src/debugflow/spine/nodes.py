"""One spine node: a function under one parent node, with its repeated calls collapsed (×N)."""

from __future__ import annotations

from dataclasses import dataclass, field

from debugflow.durations import DurationStats
from debugflow.protocol import ArgPreview
from debugflow.protocol.viewer import (
    ArgWire,
    DurationWire,
    ErrorWire,
    NodeKind,
    NodeState,
    NodeWire,
    Outcome,
)


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
    calls: int = 0
    active: int = 0
    exceptions: int = 0
    args: list[ArgWire] = field(default_factory=list)
    ret: ArgWire | None = None
    error: ErrorWire | None = None
    last_t: int = 0
    durations: DurationStats = field(default_factory=DurationStats)
    cached: NodeWire | None = None

    def start(self, t: int, args: tuple[ArgPreview, ...], detailed: bool) -> None:
        """A call of this node began at `t` (ns since the run started)."""
        self.calls += 1
        self.active += 1
        self.state = "processing"
        self.last_t = t
        if detailed or not self.args:
            self.args = [arg_wire(a) for a in args]

    def finish(self, t: int, duration_ns: int, outcome: Outcome) -> None:
        """A call of this node ended at `t` with `outcome`."""
        self.active = max(0, self.active - 1)
        self.durations.add(duration_ns)
        self.last_t = t
        if outcome == "exception":
            self.exceptions += 1
        self.state = "processing" if self.active else outcome

    def abandon(self) -> None:
        """The run ended (or its producer vanished) while calls of this node were open."""
        if self.active:
            self.active = 0
            self.state = "unfinished"

    def wire(self) -> NodeWire:
        """The node as sent to viewers."""
        if self.cached is None:
            self.cached = {
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
                "calls": self.calls,
                "active": self.active,
                "exceptions": self.exceptions,
                "args": self.args,
                "ret": self.ret,
                "error": self.error,
                "dur": self._dur(),
                "first_t": self.first_t,
                "last_t": self.last_t,
            }
        return self.cached

    def _dur(self) -> DurationWire | None:
        d = self.durations
        if d.count == 0:
            return None
        return {
            "last": d.last,
            "min": d.minimum,
            "median": d.median,
            "max": d.maximum,
            "total": d.total,
        }
