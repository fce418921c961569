"""The shapes of hub → viewer messages, as TypedDicts the TypeScript viewer mirrors.

`docs/protocol.md` documents each field; `message_fields()` lists them for the test that keeps
the TypeScript mirror in sync. Version constants live in `debugflow.transport.wire`.
"""

from __future__ import annotations

from typing import Literal, TypedDict

NodeKind = Literal["call", "mark"]
NodeState = Literal["processing", "success", "exception", "info", "unfinished"]
RunState = Literal["live", "ended", "lost"]
ViewMode = Literal["live", "stored", "replay"]
PulseDir = Literal["down", "up"]
Outcome = Literal["success", "exception"]


class ArgWire(TypedDict):
    """One `name: type=value` preview (arguments, or the return value named "return")."""

    name: str
    type: str
    value: str


class ErrorWire(TypedDict):
    """The last exception that left a node, kept after later calls succeed."""

    type: str
    message: str
    line: int | None


class DurationWire(TypedDict):
    """Durations of a node's finished calls, in nanoseconds."""

    last: int
    min: int
    median: int
    max: int
    total: int


class NodeWire(TypedDict):
    """One spine node: a function under one parent node, its repeated calls collapsed (×calls)."""

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
    state: NodeState
    calls: int
    active: int
    exceptions: int
    args: list[ArgWire]
    ret: ArgWire | None
    error: ErrorWire | None
    dur: DurationWire | None
    first_t: int
    last_t: int


class LaneWire(TypedDict):
    """A column of the spine: one thread, or one asyncio task in a thread."""

    id: int
    thread_id: int
    task_id: int | None
    name: str


class StatusWire(TypedDict):
    """The run's status panel."""

    run: str
    state: RunState
    script: str
    argv: list[str]
    cwd: str
    python: str
    backend: str
    kind: str
    started_at: float
    ended_at: float | None
    exit_code: int | None
    elapsed_ns: int
    nodes: int
    calls: int
    exceptions: int
    dropped: int
    hidden: int


class FunctionWire(TypedDict):
    """Exact per-function statistics from the tracer (sent near the end of a run)."""

    fkey: str
    function: str
    module: str
    file: str
    line: int
    calls: int
    exceptions: int
    total_ns: int
    own_ns: int
    min_ns: int
    median_ns: int
    max_ns: int


class PulseWire(TypedDict):
    """An animation: `down` from parent to node on call, `up` from node to parent on return."""

    dir: PulseDir
    node: int
    parent: int | None
    outcome: Outcome | None
    t: int


class SnapshotMessage(TypedDict):
    """The whole spine of one run at `version`."""

    type: Literal["snapshot"]
    v: int
    spine: int
    run: str
    mode: ViewMode
    at: int | None
    version: int
    status: StatusWire
    lanes: list[LaneWire]
    nodes: list[NodeWire]
    functions: list[FunctionWire]


class PatchMessage(TypedDict):
    """What changed from `base` to `version`: apply only when the viewer holds `base`."""

    type: Literal["patch"]
    v: int
    spine: int
    run: str
    mode: ViewMode
    at: int | None
    base: int
    version: int
    status: StatusWire | None
    lanes: list[LaneWire]
    nodes: list[NodeWire]
    functions: list[FunctionWire]
    pulses: list[PulseWire]


class RunInfo(TypedDict):
    """One entry of the run list: live runs first, then recorded ones."""

    id: str
    kind: str
    script: str
    argv: list[str]
    state: RunState
    live: bool
    stored: bool
    started_at: float
    ended_at: float | None
    exit_code: int | None
    calls: int
    exceptions: int


class RunsMessage(TypedDict):
    """The run list, sent on connect and whenever it changes."""

    type: Literal["runs"]
    v: int
    runs: list[RunInfo]


class HubInfoWire(TypedDict):
    """Who the viewer is talking to."""

    pid: int
    version: str


class HelloMessage(TypedDict):
    """First message on every viewer connection."""

    type: Literal["hello"]
    v: int
    spine: int
    events: int
    hub: HubInfoWire


class ErrorMessage(TypedDict):
    """A refused command or frame; `fatal` ones are followed by closing the connection."""

    type: Literal["error"]
    v: int
    code: str
    message: str
    fatal: bool


VIEWER_MESSAGES: tuple[type, ...] = (
    HelloMessage,
    RunsMessage,
    SnapshotMessage,
    PatchMessage,
    ErrorMessage,
)
PARTS: tuple[type, ...] = (
    ArgWire,
    ErrorWire,
    DurationWire,
    NodeWire,
    LaneWire,
    StatusWire,
    FunctionWire,
    PulseWire,
    RunInfo,
    HubInfoWire,
)


def message_fields() -> dict[str, list[str]]:
    """Field names of every message and part, by TypedDict name (for the TypeScript mirror test)."""
    return {cls.__name__: list(cls.__annotations__) for cls in (*VIEWER_MESSAGES, *PARTS)}
