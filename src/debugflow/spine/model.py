"""The spine model of one run: protocol events in, versioned viewer messages out. No I/O.

Rules (documented for viewers in docs/protocol.md):
- Every traced call becomes part of a node. Calls of the same function under the same parent
  node, in the same lane, share one node (shown ×calls); so a loop body collapses into one
  subtree however many times it runs.
- A lane is a thread, or an asyncio task within a thread. A call whose parent lives in another
  lane starts a root of its own lane, remembering the node that spawned it.
- A node is `processing` while any of its calls runs, then `success` or `exception` after its
  latest call; the latest exception's text is kept. Manual pulses become `mark` nodes.
- Each call sends a `down` pulse (parent → node); each end an `up` pulse (node → parent).
The desktop HUD and the demo renderer reuse this model, so it knows nothing about any UI.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from debugflow.protocol import (
    CallEnded,
    CallStarted,
    Event,
    FunctionStats,
    Pulse,
    RunEnded,
    RunStarted,
    ThreadSeen,
)
from debugflow.protocol.viewer import (
    FunctionWire,
    NodeKind,
    NodeState,
    Outcome,
    PatchMessage,
    RunState,
    SnapshotMessage,
    ViewMode,
)
from debugflow.spine.changelog import Change, ChangeLog
from debugflow.spine.lanes import Lane, LaneTable
from debugflow.spine.nodes import Node, arg_wire
from debugflow.spine.panel import RunStatus
from debugflow.transport.wire import SPINE_VERSION, WIRE_VERSION

HIDDEN = -1  # node id of calls past the node limit (their subtrees are counted, not drawn)
_MARK_STATES: dict[str, NodeState] = {"success": "success", "exception": "exception"}
# What identifies a node under its parent: kind, fkey; then its labels.
_Spec = tuple[NodeKind, str, str, str, str, int, int | None]


@dataclass(frozen=True, slots=True)
class SpineLimits:
    """Bounds that keep a spine drawable and its memory flat on runs of millions of calls."""

    max_nodes: int = 20_000
    max_task_lanes: int = 32  # per thread; further tasks share one lane
    max_pulses: int = 64  # per patch: older animations are dropped, not queued
    history: int = 512  # versions a patch can span before a snapshot is sent instead
    ended_calls: int = 10_000  # ended calls remembered so late children find their parent


class SpineModel:
    """Builds the spine of one run from its events; `version` grows with every applied batch."""

    def __init__(self, run_id: str, limits: SpineLimits | None = None) -> None:
        self.run_id = run_id
        self.limits = limits or SpineLimits()
        self.version = 0
        self.status = RunStatus(run_id)
        self._lanes = LaneTable(self.limits.max_task_lanes)
        self._nodes: list[Node] = []
        self._index: dict[tuple[object, ...], int] = {}
        self._open: dict[int, tuple[int, int]] = {}  # call id -> (node id, start ns)
        self._ended: OrderedDict[int, int] = OrderedDict()  # call id -> node id
        self._functions: dict[str, FunctionWire] = {}
        self._origin: int | None = None
        self._log = ChangeLog(self.limits.history, self.limits.max_pulses)
        self._pending = Change()

    # -- input ---------------------------------------------------------------------------

    def apply(self, events: Iterable[Event]) -> bool:
        """Apply a batch of events in order; returns whether a new version was made."""
        for event in events:
            self._dispatch(event)
        return self._commit()

    def set_state(self, state: RunState) -> bool:
        """Mark the run live again (producer reconnected) or lost (producer vanished)."""
        if state == "lost":
            self._abandon_open_calls()
        if self.status.state != state and self.status.state != "ended":
            self.status.state = state
            self._pending.status = True
        return self._commit()

    def note_link_dropped(self, dropped: int) -> bool:
        """Record how many events the producer's hub link dropped so far."""
        if dropped != self.status.link_dropped:
            self.status.link_dropped = dropped
            self._pending.status = True
        return self._commit()

    # -- output --------------------------------------------------------------------------

    def snapshot(self, mode: ViewMode = "live", at: int | None = None) -> SnapshotMessage:
        """The whole spine at the current version."""
        return {
            "type": "snapshot",
            "v": WIRE_VERSION,
            "spine": SPINE_VERSION,
            "run": self.run_id,
            "mode": mode,
            "at": at,
            "version": self.version,
            "status": self.status.wire(len(self._nodes)),
            "lanes": self._lanes.all_wire(),
            "nodes": [node.wire() for node in self._nodes],
            "functions": list(self._functions.values()),
        }

    def patch_since(
        self, base: int, mode: ViewMode = "live", at: int | None = None
    ) -> PatchMessage | SnapshotMessage | None:
        """What changed after `base`: None when up to date, a snapshot when `base` is too old."""
        if base == self.version:
            return None
        if base > self.version or not self._log.covers(base):
            return self.snapshot(mode, at)
        change = self._log.since(base)
        return {
            "type": "patch",
            "v": WIRE_VERSION,
            "spine": SPINE_VERSION,
            "run": self.run_id,
            "mode": mode,
            "at": at,
            "base": base,
            "version": self.version,
            "status": self.status.wire(len(self._nodes)) if change.status else None,
            "lanes": [self._lanes.wire(i) for i in sorted(change.lanes)],
            "nodes": [self._nodes[i].wire() for i in sorted(change.nodes)],
            "functions": [self._functions[k] for k in sorted(change.functions)],
            "pulses": change.pulses,
        }

    @property
    def node_count(self) -> int:
        """How many nodes the spine has."""
        return len(self._nodes)

    # -- events --------------------------------------------------------------------------

    def _dispatch(self, event: Event) -> None:
        if isinstance(event, CallStarted):
            self._on_call(event)
        elif isinstance(event, CallEnded):
            self._on_end(event)
        elif isinstance(event, Pulse):
            self._on_pulse(event)
        elif isinstance(event, ThreadSeen):
            self._pending.lanes.update(self._lanes.name_thread(event.thread_id, event.name))
        elif isinstance(event, FunctionStats):
            self._on_stats(event)
        elif isinstance(event, RunStarted):
            self._on_run(event)
        elif isinstance(event, RunEnded):
            self._on_run_end(event)

    def _on_run(self, event: RunStarted) -> None:
        if self.status.started is None:
            self._origin = event.origin_ns
            self.status.started = event
            self._pending.status = True

    def _on_call(self, event: CallStarted) -> None:
        t = self._t(event.start_ns)
        parent = self._node_of_call(event.parent_id)
        node = self._place(event, parent, t)
        self.status.calls += 1
        self._pending.status = True
        if node is None:
            self._open[event.call_id] = (HIDDEN, event.start_ns)
            self.status.hidden += 1
            return
        node.start(t, event.args, event.detailed)
        self._open[event.call_id] = (node.id, event.start_ns)
        self._touch(node)
        self._pending.pulses.append(
            {"dir": "down", "node": node.id, "parent": node.parent, "outcome": None, "t": t}
        )

    def _on_end(self, event: CallEnded) -> None:
        entry = self._open.pop(event.call_id, None)
        if entry is None:
            return  # its start was dropped upstream: nothing to attach it to
        node_id, start_ns = entry
        self._remember_ended(event.call_id, node_id)
        t = self._t(event.end_ns)
        outcome: Outcome = "exception" if event.outcome == "exception" else "success"
        if outcome == "exception":
            self.status.exceptions += 1
            self._pending.status = True
        if node_id == HIDDEN:
            return
        node = self._nodes[node_id]
        node.finish(t, event.end_ns - start_ns, outcome)
        self._record_result(node, event, outcome)
        self._touch(node)
        self._pending.pulses.append(
            {"dir": "up", "node": node.id, "parent": node.parent, "outcome": outcome, "t": t}
        )

    def _record_result(self, node: Node, event: CallEnded, outcome: Outcome) -> None:
        if outcome == "exception":
            node.error = {
                "type": event.exc_type or "Exception",
                "message": event.exc_message or "",
                "line": event.exc_line,
            }
        else:
            node.ret = arg_wire(event.value) if event.value is not None else None

    def _on_pulse(self, event: Pulse) -> None:
        t = self._t(event.ts_ns)
        parent = self._node_of_call(event.parent_id)
        node = self._place_mark(event, parent, t)
        if node is None:
            self.status.hidden += 1
            return
        node.start(t, event.params, True)
        state = _MARK_STATES.get(event.node_type, "info")
        node.active, node.state = 0, state
        node.exceptions += state == "exception"
        node.ret = {"name": "return", "type": "", "value": event.returns} if event.returns else None
        self._touch(node)
        outcome: Outcome = "exception" if state == "exception" else "success"
        # A mark has no duration: its pulse goes down and straight back up.
        self._pending.pulses.append(
            {"dir": "down", "node": node.id, "parent": node.parent, "outcome": None, "t": t}
        )
        self._pending.pulses.append(
            {"dir": "up", "node": node.id, "parent": node.parent, "outcome": outcome, "t": t}
        )

    def _on_stats(self, event: FunctionStats) -> None:
        key = _fkey(event.file, event.line, event.function)
        self._functions[key] = {
            "fkey": key,
            "function": event.function,
            "module": event.module,
            "file": event.file,
            "line": event.line,
            "calls": event.calls,
            "exceptions": event.exceptions,
            "total_ns": event.total_ns,
            "own_ns": event.own_ns,
            "min_ns": event.min_ns,
            "median_ns": event.median_ns,
            "max_ns": event.max_ns,
        }
        self._pending.functions.add(key)

    def _on_run_end(self, event: RunEnded) -> None:
        self._abandon_open_calls()
        self.status.ended = event
        self.status.state = "ended"
        self._pending.status = True

    # -- placement -----------------------------------------------------------------------

    def _place(self, event: CallStarted, parent: Node | int | None, t: int) -> Node | None:
        if parent == HIDDEN:
            return None
        lane = self._lane(event.thread_id, event.task_id)
        key = _fkey(event.file, event.line, event.function)
        spec: _Spec = (
            "call",
            key,
            event.function,
            event.module,
            event.file,
            event.line,
            event.call_line,
        )
        return self._node_for(lane, parent if isinstance(parent, Node) else None, spec, t)

    def _place_mark(self, event: Pulse, parent: Node | int | None, t: int) -> Node | None:
        if parent == HIDDEN:
            return None
        if isinstance(parent, Node):
            lane = self._lanes.get(parent.lane)  # a mark sits in its parent's lane
        else:
            lane, parent = self._lane(event.thread_id, None), None
        spec: _Spec = ("mark", f"mark:{event.name}", event.name, "", "", 0, None)
        return self._node_for(lane, parent, spec, t)

    def _node_for(self, lane: Lane, parent: Node | None, spec: _Spec, t: int) -> Node | None:
        same_lane = parent is not None and parent.lane == lane.id
        parent_id = parent.id if parent is not None and same_lane else None
        key = (lane.id, parent_id, spec[0], spec[1])
        found = self._index.get(key)
        if found is not None:
            return self._nodes[found]
        if len(self._nodes) >= self.limits.max_nodes:
            return None
        kind, fkey, function, module, file, line, call_line = spec
        node = Node(
            id=len(self._nodes),
            parent=parent_id,
            lane=lane.id,
            depth=parent.depth + 1 if parent is not None and same_lane else 0,
            kind=kind,
            fkey=fkey,
            function=function,
            module=module,
            file=file,
            line=line,
            call_line=call_line,
            spawned_by=None if same_lane or parent is None else parent.id,
            first_t=t,
        )
        self._nodes.append(node)
        self._index[key] = node.id
        return node

    def _node_of_call(self, call_id: int | None) -> Node | int | None:
        if call_id is None:
            return None
        entry = self._open.get(call_id)
        node_id = entry[0] if entry is not None else self._ended.get(call_id)
        if node_id is None or node_id == HIDDEN:
            return node_id
        return self._nodes[node_id]

    def _lane(self, thread_id: int, task_id: int | None) -> Lane:
        lane, created = self._lanes.lane(thread_id, task_id)
        if created:
            self._pending.lanes.add(lane.id)
        return lane

    # -- bookkeeping ---------------------------------------------------------------------

    def _t(self, ns: int) -> int:
        if self._origin is None:
            self._origin = ns  # no run event yet: the first event starts the clock
        t = ns - self._origin
        if t > self.status.elapsed_ns:
            self.status.elapsed_ns = t
            self._pending.status = True
        return t

    def _touch(self, node: Node) -> None:
        node.cached = None
        self._pending.nodes.add(node.id)

    def _remember_ended(self, call_id: int, node_id: int) -> None:
        self._ended[call_id] = node_id
        if len(self._ended) > self.limits.ended_calls:
            self._ended.popitem(last=False)

    def _abandon_open_calls(self) -> None:
        for node_id, _start in self._open.values():
            if node_id != HIDDEN and self._nodes[node_id].active:
                self._nodes[node_id].abandon()
                self._touch(self._nodes[node_id])
        self._open.clear()

    def _commit(self) -> bool:
        if self._pending.empty():
            return False
        self.version += 1
        self._pending.version = self.version
        self._log.append(self._pending)
        self._pending = Change()
        return True


def _fkey(file: str, line: int, function: str) -> str:
    return f"{file}:{line}:{function}"
