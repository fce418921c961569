"""Builders of the hub's viewer messages for the desktop HUD's unit tests, so each test spells
out only the fields it is about (the shapes are `debugflow.protocol.viewer`'s)."""

from __future__ import annotations

from typing import Any, cast

from debugflow.protocol.versions import SPINE_VERSION, WIRE_VERSION
from debugflow.protocol.viewer import (
    CallWire,
    HelloMessage,
    LaneWire,
    NodeWire,
    PatchMessage,
    PulseWire,
    RunInfo,
    RunsMessage,
    SnapshotMessage,
    StatusWire,
)

RUN = "run-1"


def node(node_id: int, parent: int | None, **more: Any) -> NodeWire:
    """A node (depth 0 unless given)."""
    wire: dict[str, Any] = {
        "id": node_id,
        "parent": parent,
        "lane": 0,
        "depth": 0,
        "kind": "call",
        "fkey": f"/p/app.py:{node_id}:f{node_id}",
        "function": f"f{node_id}",
        "module": "app",
        "file": "/p/app.py",
        "line": node_id + 1,
        "call_line": None,
        "spawned_by": None,
        "state": "success",
        "calls": 1,
        "active": 0,
        "exceptions": 0,
        "dur": None,
        "sample": None,
        "failure": None,
        "reason": None,
        "first_t": node_id * 1000,
        "last_t": node_id * 1000,
        "lines": None,
        "folded": False,
    }
    wire.update(more)
    return cast(NodeWire, wire)


def call(**more: Any) -> CallWire:
    """One call of a node, returned unless told otherwise."""
    wire: dict[str, Any] = {
        "args": [],
        "ret": None,
        "error": None,
        "state": "returned",
        "t": 0,
        "duration": None,
    }
    wire.update(more)
    return cast(CallWire, wire)


def tree(pairs: list[tuple[int, int | None]], **more: Any) -> list[NodeWire]:
    """Nodes of one lane from (id, parent) pairs, with depths worked out from the parents."""
    depth: dict[int, int] = {}
    nodes = []
    for node_id, parent in pairs:
        depth[node_id] = 0 if parent is None else depth[parent] + 1
        nodes.append(node(node_id, parent, depth=depth[node_id], **more))
    return nodes


def lane(lane_id: int, name: str = "MainThread") -> LaneWire:
    """A lane of one thread."""
    return {"id": lane_id, "thread_id": lane_id + 1, "task_id": None, "name": name}


def status(**more: Any) -> StatusWire:
    """A run's status panel."""
    wire: dict[str, Any] = {
        "run": RUN,
        "state": "live",
        "script": "app.py",
        "argv": ["app.py"],
        "cwd": "/p",
        "python": "3.11.7",
        "backend": "settrace",
        "kind": "run",
        "started_at": 1_700_000_000.0,
        "ended_at": None,
        "exit_code": None,
        "elapsed_ns": 0,
        "nodes": 0,
        "calls": 0,
        "exceptions": 0,
        "dropped": 0,
        "hidden": 0,
    }
    wire.update(more)
    return cast(StatusWire, wire)


def snapshot(
    version: int, nodes: list[NodeWire], run: str = RUN, lanes: list[LaneWire] | None = None
) -> SnapshotMessage:
    """The whole spine at `version`."""
    return {
        "type": "snapshot",
        "v": WIRE_VERSION,
        "spine": SPINE_VERSION,
        "run": run,
        "mode": "live",
        "at": None,
        "version": version,
        "status": status(run=run),
        "lanes": lanes if lanes is not None else [lane(0)],
        "nodes": nodes,
        "functions": [],
    }


def patch(
    base: int,
    version: int,
    nodes: list[NodeWire],
    run: str = RUN,
    pulses: list[PulseWire] | None = None,
) -> PatchMessage:
    """What changed from `base` to `version`."""
    return {
        "type": "patch",
        "v": WIRE_VERSION,
        "spine": SPINE_VERSION,
        "run": run,
        "mode": "live",
        "at": None,
        "base": base,
        "version": version,
        "status": None,
        "lanes": [],
        "nodes": nodes,
        "functions": [],
        "pulses": pulses or [],
    }


def run_info(run_id: str, started: float, **more: Any) -> RunInfo:
    """An entry of the run list: a recorded run unless told otherwise."""
    wire: dict[str, Any] = {
        "id": run_id,
        "kind": "run",
        "script": "app.py",
        "argv": ["app.py"],
        "state": "ended",
        "live": False,
        "stored": True,
        "started_at": started,
        "ended_at": started + 1,
        "exit_code": 0,
        "calls": 1,
        "exceptions": 0,
    }
    wire.update(more)
    return cast(RunInfo, wire)


def runs(*entries: RunInfo) -> RunsMessage:
    """A run list message."""
    return {"type": "runs", "v": WIRE_VERSION, "runs": list(entries)}


def hello(v: int = WIRE_VERSION, spine: int = SPINE_VERSION) -> HelloMessage:
    """The first message of a connection."""
    return {
        "type": "hello",
        "v": v,
        "spine": spine,
        "events": 2,
        "hub": {"pid": 1, "version": "0.1.0"},
    }
