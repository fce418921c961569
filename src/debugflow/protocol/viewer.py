"""The hub → viewer messages and viewer → hub commands, defined once, as TypedDicts.

This module is the one definition of the viewer protocol: the hub builds these dicts (mypy
checks them against these types), the TypeScript types in `viewer/src/protocol.ts` are
generated from them (`debugflow.protocol.typescript`), and the field reference in
`docs/protocol.md` is generated from them too; tests fail when either file is stale. The
version numbers live beside the shapes, in `debugflow.protocol.versions`.
"""

from __future__ import annotations

from typing import Literal, TypedDict, get_args

NodeKind = Literal["call", "mark", "unreached", "imports"]
NodeState = Literal["processing", "success", "exception", "info", "unfinished"]
CallState = Literal["running", "returned", "raised"]
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
    """An exception that left a call: its type, message and the line it was raised at."""

    type: str
    message: str
    line: int | None


class CallWire(TypedDict):
    """One call of a node, whole: its arguments with its own return value or exception.

    `args` is null when the call's values were not kept (past the detail budget). `ret` and
    `error` belong to this same call; both are null while it runs.
    """

    args: list[ArgWire] | None
    ret: ArgWire | None
    error: ErrorWire | None
    state: CallState
    t: int
    duration: int | None


class DurationWire(TypedDict):
    """Exact durations of all of a node's finished calls, in nanoseconds."""

    min: int
    median: int
    max: int
    total: int
    own: int


class NodeWire(TypedDict):
    """One spine node: a function under one parent node, its repeated calls collapsed (×calls).

    `calls`, `exceptions` and `dur` count every call of the node, exactly. A node shows one
    call whole (`sample`: the latest call kept in detail) and, when another call raised later,
    that call too (`failure`); it never mixes the values of two calls.

    An `imports` node groups what one import of the program ran: its children are the
    module bodies (`<module networkx>`), `calls` counts every call under it, `exceptions`
    the module bodies that raised (failed imports), `dur.total` the time they took (`own`
    is 0: the group runs no code of its own). It has no sample. `folded` says a viewer
    shows the node closed until the user opens it (true for `imports` nodes).
    """

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
    dur: DurationWire | None
    sample: CallWire | None
    failure: CallWire | None
    reason: str | None
    first_t: int
    last_t: int
    folded: bool


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


class SubscribeCommand(TypedDict):
    """Follow a run: a snapshot now, patches as it changes (a recorded run: its final spine)."""

    type: Literal["subscribe"]
    run: str


class UnsubscribeCommand(TypedDict):
    """Stop following a run."""

    type: Literal["unsubscribe"]
    run: str


class ReplayCommand(TypedDict):
    """Show a run as it was at `at` (null: its end), then play on at `speed` (0: paused)."""

    type: Literal["replay"]
    run: str
    at: int | None
    speed: float


class ListRunsCommand(TypedDict):
    """Send the run list again (re-reading the store)."""

    type: Literal["list_runs"]


class OpenResult(TypedDict, total=False):
    """The answer of `POST /api/open`: the editor command run, or why nothing was opened."""

    ok: bool
    command: list[str]
    error: str


# The messages a viewer reads and the commands it sends, as Python types (the desktop HUD).
SpineMessage = SnapshotMessage | PatchMessage
ViewerMessage = HelloMessage | RunsMessage | SnapshotMessage | PatchMessage | ErrorMessage
ViewerCommand = SubscribeCommand | UnsubscribeCommand | ReplayCommand | ListRunsCommand

# Named unions of the generated TypeScript, in order (the ones above, by name).
UNIONS: dict[str, tuple[type, ...]] = {
    "SpineMessage": get_args(SpineMessage),
    "ViewerMessage": get_args(ViewerMessage),
    "ViewerCommand": get_args(ViewerCommand),
}
# Every shape, in the order the generated TypeScript and the docs list them.
SHAPES: tuple[type, ...] = (
    ArgWire,
    ErrorWire,
    CallWire,
    DurationWire,
    NodeWire,
    LaneWire,
    StatusWire,
    FunctionWire,
    PulseWire,
    SnapshotMessage,
    PatchMessage,
    RunInfo,
    RunsMessage,
    HubInfoWire,
    HelloMessage,
    ErrorMessage,
    SubscribeCommand,
    UnsubscribeCommand,
    ReplayCommand,
    ListRunsCommand,
    OpenResult,
)
# The named literal types, by the name the TypeScript gives them.
ALIASES: dict[str, object] = {
    "NodeKind": NodeKind,
    "NodeState": NodeState,
    "CallState": CallState,
    "RunState": RunState,
    "ViewMode": ViewMode,
    "PulseDir": PulseDir,
    "Outcome": Outcome,
}
