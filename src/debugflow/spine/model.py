"""The spine model of one run: protocol events in, versioned viewer messages out. No I/O.

This is the one collapsed call tree every view draws: the web HUD (through the hub's
snapshots and patches), `flow show` and the ghost report (which render its nodes in the
terminal). Rules (documented for viewers in docs/protocol.md):
- The nodes are the tracer's (`NodeSeen`): every call of the same function under the same
  parent node, in the same lane, belongs to one node (shown ×calls), and `NodeStats` give
  each node's exact numbers; a loop body collapses into one subtree however often it runs.
  Calls recorded by older versions (no node id) and manual pulses are placed by the same
  rule here: the function (or mark name) under the parent call's node, in the same lane.
- A lane is a thread, or an asyncio task within a thread. A task's first calls are roots of
  its own lane, remembering the node that spawned it.
- A node is `processing` while any of its recorded calls runs, then `success` or `exception`
  after its latest one. Manual pulses become `mark` nodes; functions a ghost pass did not
  reach become `unreached` nodes.
- Each recorded call sends a `down` pulse (parent → node); each end an `up` pulse.
- A module body run by an import outside any other import gets an `imports` node between
  it and its caller (`debugflow.spine.imports`): one per top-level import, folded.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from debugflow.protocol import (
    ArgPreview,
    CallEnded,
    CallStarted,
    Event,
    FunctionStats,
    LineCall,
    LineStats,
    NodeSeen,
    NodeStats,
    Pulse,
    RunEnded,
    RunStarted,
    ThreadSeen,
    UnreachedFunction,
)
from debugflow.protocol.versions import SPINE_VERSION, WIRE_VERSION
from debugflow.protocol.viewer import (
    CallWire,
    ErrorWire,
    FunctionWire,
    LineCallWire,
    LinesResult,
    LineStepWire,
    NodeKind,
    NodeState,
    Outcome,
    PatchMessage,
    RunState,
    SnapshotMessage,
    ViewMode,
)
from debugflow.spine.changelog import Change, ChangeLog
from debugflow.spine.imports import ImportGroup, imports_key, imports_label, is_import_body
from debugflow.spine.lanes import Lane, LaneTable
from debugflow.spine.nodes import Node, arg_wire
from debugflow.spine.panel import RunPanel

HIDDEN = -1  # node id of calls past the node limit (their subtrees are counted, not drawn)
_MARK_STATES: dict[str, NodeState] = {"success": "success", "exception": "exception"}
# What identifies a node placed here (not by the tracer) under its parent: kind, fkey; then
# its labels.
_Spec = tuple[NodeKind, str, str, str, str, int, int | None]


@dataclass(frozen=True, slots=True)
class SpineLimits:
    """Bounds that keep a spine drawable and its memory flat on runs of millions of calls."""

    max_nodes: int = 20_000
    max_task_lanes: int = 32  # per thread; further tasks share one lane
    max_pulses: int = 64  # per patch: older animations are dropped, not queued
    history: int = 512  # versions a patch can span before a snapshot is sent instead
    ended_calls: int = 10_000  # ended calls remembered so late children find their parent
    line_calls: int = 20  # line traces of focused calls kept per node (`lines_of`)


class _Open(NamedTuple):
    """A recorded call that has started: its node, when it began, the call it shows."""

    node: int
    start_ns: int
    shown: CallWire | None


class SpineModel:
    """Builds the spine of one run from its events; `version` grows with every applied batch."""

    def __init__(self, run_id: str, limits: SpineLimits | None = None) -> None:
        self.run_id = run_id
        self.limits = limits or SpineLimits()
        self.version = 0
        self.status = RunPanel(run_id)
        self._lanes = LaneTable(self.limits.max_task_lanes)
        self._nodes: list[Node] = []
        self._index: dict[tuple[object, ...], int] = {}
        self._traced: dict[int, int] = {}  # the tracer's node id -> spine node id (or HIDDEN)
        self._open: dict[int, _Open] = {}  # call id -> where it is
        self._ended: OrderedDict[int, int] = OrderedDict()  # call id -> node id
        self._functions: dict[str, FunctionWire] = {}
        self._line_calls: dict[int, deque[LineCallWire]] = {}  # spine node id -> latest
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

    def count_unread_calls(self, unread: Mapping[int, tuple[int, int]]) -> bool:
        """Count calls that were stored but not applied, as applying them would have: per
        tracer node id, (calls, exceptions). A finished run's spine is built from a few
        calls per node (`storage.final_spine`); its other calls only add to the counts."""
        for node_id, (calls, exceptions) in unread.items():
            self.status.calls += calls
            self.status.exceptions += exceptions
            self._pending.status = True
            spine_id = self._traced.get(node_id)
            if spine_id == HIDDEN:
                self.status.hidden += calls
            elif spine_id is not None:
                node = self._nodes[spine_id]
                node.recorded += calls
                node.recorded_exceptions += exceptions
                self._touch(node)
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

    def lines_of(self, node_id: int) -> LinesResult:
        """The latest line traces of a node's focused calls, oldest first (`/api/lines`)."""
        return {"node": node_id, "calls": list(self._line_calls.get(node_id, ()))}

    @property
    def node_count(self) -> int:
        """How many nodes the spine has."""
        return len(self._nodes)

    @property
    def nodes(self) -> Sequence[Node]:
        """Every node, by id: parents come before their children."""
        return self._nodes

    def lane_name(self, lane_id: int) -> str:
        """The name of a lane, as viewers show it."""
        return self._lanes.wire(lane_id)["name"]

    @property
    def lane_count(self) -> int:
        """How many lanes the spine has."""
        return len(self._lanes.all_wire())

    # -- events --------------------------------------------------------------------------

    def _dispatch(self, event: Event) -> None:
        if isinstance(event, CallStarted):
            self._on_call(event)
        elif isinstance(event, CallEnded):
            self._on_end(event)
        elif isinstance(event, NodeSeen):
            self._on_node(event)
        elif isinstance(event, NodeStats):
            self._on_node_stats(event)
        elif isinstance(event, Pulse):
            self._on_pulse(event)
        elif isinstance(event, ThreadSeen):
            names = self._lanes.name_lane(event.thread_id, event.task_id, event.name)
            self._pending.lanes.update(names)
        elif isinstance(event, FunctionStats):
            self._on_stats(event)
        elif isinstance(event, UnreachedFunction):
            self._on_unreached(event)
        elif isinstance(event, LineCall):
            self._on_line_call(event)
        elif isinstance(event, LineStats):
            self._on_line_stats(event)
        elif isinstance(event, RunStarted):
            self._on_run(event)
        elif isinstance(event, RunEnded):
            self._on_run_end(event)

    def _on_run(self, event: RunStarted) -> None:
        if self.status.started is None:
            self._origin = event.origin_ns
            self.status.started = event
            self._pending.status = True

    def _on_node(self, event: NodeSeen) -> None:
        if event.node_id in self._traced:
            return
        parent = self._traced.get(event.parent_id) if event.parent_id is not None else None
        if parent == HIDDEN:
            self._traced[event.node_id] = HIDDEN
            return
        lane = self._lane(event.thread_id, event.task_id)
        spawner = self._traced.get(event.spawned_by) if event.spawned_by is not None else None
        node = self._new_node(
            lane,
            self._nodes[parent] if parent is not None else None,
            ("call", _fkey(event.file, event.line, event.function), event.function,
             event.module, event.file, event.line, None),
            self._t(event.first_ns),
            spawner if spawner is not None and spawner != HIDDEN else None,
        )  # fmt: skip
        self._traced[event.node_id] = HIDDEN if node is None else node.id

    def _on_node_stats(self, event: NodeStats) -> None:
        spine_id = self._traced.get(event.node_id)
        if spine_id is None or spine_id == HIDDEN:
            return
        node = self._nodes[spine_id]
        node.take_exact(event)
        self._touch(node)

    def _on_line_stats(self, event: LineStats) -> None:
        spine_id = self._traced.get(event.node_id)
        if spine_id is None or spine_id == HIDDEN:
            return
        node = self._nodes[spine_id]
        node.lines = [{"line": c.line, "hits": c.hits, "ns": c.ns} for c in event.lines]
        self._touch(node)

    def _on_line_call(self, event: LineCall) -> None:
        """Keep a focused call's line trace (not sent in patches: viewers ask for them)."""
        spine_id = self._traced.get(event.node_id)
        if spine_id is None or spine_id == HIDDEN:
            return
        kept = self._line_calls.get(spine_id)
        if kept is None:
            kept = self._line_calls[spine_id] = deque(maxlen=self.limits.line_calls)
        steps: list[LineStepWire] = [
            {"line": s.line, "t": s.t, "changed": [arg_wire(a) for a in s.changed]}
            for s in event.steps
        ]
        kept.append({"t": self._t(event.start_ns), "steps": steps, "truncated": event.truncated})

    def _on_call(self, event: CallStarted) -> None:
        t = self._t(event.start_ns)
        node = self._node_of(event)
        self.status.calls += 1
        self._pending.status = True
        if node is None:
            self._open[event.call_id] = _Open(HIDDEN, event.start_ns, None)
            self.status.hidden += 1
            return
        if node.call_line is None:
            node.call_line = event.call_line
        shown = node.start(t, event.args if event.detailed else None)
        self._open[event.call_id] = _Open(node.id, event.start_ns, shown)
        self._touch(node)
        self._pending.pulses.append(
            {"dir": "down", "node": node.id, "parent": node.parent, "outcome": None, "t": t}
        )

    def _node_of(self, event: CallStarted) -> Node | None:
        """The node of a call: the tracer's, else placed by function under the parent call."""
        if event.node_id is not None:
            spine_id = self._traced.get(event.node_id)
            if spine_id is not None:
                return None if spine_id == HIDDEN else self._nodes[spine_id]
        parent = self._node_of_call(event.parent_id)
        if parent == HIDDEN:
            return None
        lane = self._lane(event.thread_id, event.task_id)
        key = _fkey(event.file, event.line, event.function)
        spec: _Spec = (
            "call", key, event.function, event.module, event.file, event.line, event.call_line
        )  # fmt: skip
        placed = parent if isinstance(parent, Node) else None
        return self._node_for(lane, placed, spec, self._t(event.start_ns))

    def _on_end(self, event: CallEnded) -> None:
        entry = self._open.pop(event.call_id, None)
        if entry is None:
            return  # its start was dropped upstream: nothing to attach it to
        self._remember_ended(event.call_id, entry.node)
        t = self._t(event.end_ns)
        outcome: Outcome = "exception" if event.outcome == "exception" else "success"
        if outcome == "exception":
            self.status.exceptions += 1
            self._pending.status = True
        if entry.node == HIDDEN:
            return
        node = self._nodes[entry.node]
        error: ErrorWire | None = None
        if outcome == "exception":
            error = {
                "type": event.exc_type or "Exception",
                "message": event.exc_message or "",
                "line": event.exc_line,
            }
        node.finish(entry.shown, t, event.end_ns - entry.start_ns, event.value, error)
        self._touch(node)
        self._pending.pulses.append(
            {"dir": "up", "node": node.id, "parent": node.parent, "outcome": outcome, "t": t}
        )

    def _on_pulse(self, event: Pulse) -> None:
        t = self._t(event.ts_ns)
        parent = self._node_of_call(event.parent_id)
        node = self._place_mark(event, parent, t)
        if node is None:
            self.status.hidden += 1
            return
        shown = node.start(t, event.params)
        state = _MARK_STATES.get(event.node_type, "info")
        ret = None if not event.returns else ArgPreview("return", "", event.returns)
        error: ErrorWire | None = None
        if state == "exception":
            error = {"type": event.name, "message": event.returns or "", "line": None}
            ret = None
        node.finish(shown, t, 0, ret, error)
        node.state = state
        self._touch(node)
        outcome: Outcome = "exception" if state == "exception" else "success"
        # A mark has no duration: its pulse goes down and straight back up.
        self._pending.pulses.append(
            {"dir": "down", "node": node.id, "parent": node.parent, "outcome": None, "t": t}
        )
        self._pending.pulses.append(
            {"dir": "up", "node": node.id, "parent": node.parent, "outcome": outcome, "t": t}
        )

    def _on_unreached(self, event: UnreachedFunction) -> None:
        parent = self._node_of_call(event.parent_id)
        if parent == HIDDEN:
            return
        if isinstance(parent, Node):
            lane, placed = self._lanes.get(parent.lane), parent
        else:
            lane, placed = self._lane(0, None), None
        key = _fkey(event.file, event.line, event.function)
        spec: _Spec = (
            "unreached", key, event.function, event.module, event.file, event.line, None
        )  # fmt: skip
        node = self._node_for(lane, placed, spec, self.status.elapsed_ns)
        if node is None:
            return
        node.state, node.reason = "info", event.reason
        self._touch(node)

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
        """The node of `spec` under `parent` in `lane`, made if new (None past the limit)."""
        same_lane = parent is not None and parent.lane == lane.id
        parent_id = parent.id if parent is not None and same_lane else None
        key = (lane.id, parent_id, spec[0], spec[1])
        found = self._index.get(key)
        if found is not None:
            return self._nodes[found]
        spawner = None if same_lane or parent is None else parent.id
        node = self._new_node(lane, parent if same_lane else None, spec, t, spawner)
        if node is not None:
            self._index[key] = node.id
        return node

    def _new_node(
        self, lane: Lane, parent: Node | None, spec: _Spec, t: int, spawned_by: int | None
    ) -> Node | None:
        if len(self._nodes) >= self.limits.max_nodes:
            return None
        kind, fkey, function, module, file, line, call_line = spec
        outside = parent is None or (parent.group is None and parent.imports is None)
        if kind == "call" and outside and is_import_body(function, module):
            parent = self._import_group(lane, parent, spec, t)
            if parent is None:
                return None
        node = Node(
            id=len(self._nodes),
            parent=parent.id if parent is not None else None,
            lane=lane.id,
            depth=parent.depth + 1 if parent is not None else 0,
            kind=kind,
            fkey=fkey,
            function=function,
            module=module,
            file=file,
            line=line,
            call_line=call_line,
            spawned_by=spawned_by,
            first_t=t,
            last_t=t,
        )
        if parent is not None:
            node.group = parent if parent.imports is not None else parent.group
            if parent.imports is not None:
                parent.imports.bodies.append(node)
        self._nodes.append(node)
        self._touch(node)
        return node

    def _import_group(self, lane: Lane, parent: Node | None, body: _Spec, t: int) -> Node | None:
        """The imports node a module body run by an import goes under (made if new)."""
        module, file, line = body[3], body[4], body[5]
        spec: _Spec = ("imports", imports_key(module), imports_label(module), module, file,
                       line, None)  # fmt: skip
        key = (lane.id, parent.id if parent is not None else None, "imports", spec[1])
        found = self._index.get(key)
        if found is not None:
            return self._nodes[found]
        group = self._new_node(lane, parent, spec, t, None)
        if group is not None:
            group.imports = ImportGroup()
            group.state = "processing"
            self._index[key] = group.id
        return group

    def _node_of_call(self, call_id: int | None) -> Node | int | None:
        if call_id is None:
            return None
        entry = self._open.get(call_id)
        node_id = entry.node if entry is not None else self._ended.get(call_id)
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
        group = node.group
        if group is not None and group.imports is not None:
            group.imports.add_calls(node)
            group.cached = None
            self._pending.nodes.add(group.id)

    def _remember_ended(self, call_id: int, node_id: int) -> None:
        self._ended[call_id] = node_id
        if len(self._ended) > self.limits.ended_calls:
            self._ended.popitem(last=False)

    def _abandon_open_calls(self) -> None:
        for entry in self._open.values():
            if entry.node != HIDDEN and self._nodes[entry.node].active:
                self._nodes[entry.node].abandon()
                self._touch(self._nodes[entry.node])
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
