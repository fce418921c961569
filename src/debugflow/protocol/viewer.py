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
DebugPhase = Literal["running", "pausing", "paused", "stepping", "ended"]
StepKind = Literal["step", "next", "return"]
PauseReason = Literal["breakpoint", "step", "exception", "pause"]
ResumeCommand = Literal["continue", "step", "next", "return", "pause"]


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


class LineStatWire(TypedDict):
    """One line of a focused function's node: how often it ran over the node's traced calls,
    and for how long in all (ns, from its line event to the frame's next event, callees
    included)."""

    line: int
    hits: int
    ns: int


class NodeWire(TypedDict):
    """One spine node: a function under one parent node, its repeated calls collapsed (×calls).

    `calls`, `exceptions` and `dur` count every call of the node, exactly. A node shows one
    call whole (`sample`: the latest call kept in detail) and, when another call raised later,
    that call too (`failure`); it never mixes the values of two calls. `lines` holds the
    per-line numbers of a focused function's node (`flow run --lines`, or the `focus` op),
    by line; null when it was never focused.

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
    lines: list[LineStatWire] | None
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


class PlaceWire(TypedDict):
    """Where the paused thread stopped and why (`detail` names the breakpoint or exception)."""

    thread: int
    thread_name: str
    file: str
    line: int
    function: str
    reason: PauseReason
    detail: str | None


class BreakpointWire(TypedDict):
    """One breakpoint of the traced process.

    A line breakpoint has `file` and `line`; a function breakpoint has `function` (and an
    empty `file`). `hit` is "5" (pause on the 5th hit only) or "every 100"; `log` makes it a
    logpoint (a message into the run, no pause). `verified`: its file exists (line ones).
    """

    file: str
    line: int | None
    function: str | None
    condition: str | None
    hit: str | None
    log: str | None
    verified: bool


class ExceptionsWire(TypedDict):
    """The exception breakpoints: pause where an exception is raised, or about to escape."""

    raised: bool
    uncaught: bool


class DebugStateWire(TypedDict):
    """The debugger's state, as its one owner (the traced process) made it.

    `seq` numbers the controller's states: every command names the `seq` it acts on and one
    naming an older state is refused. `rev` numbers these messages (strictly increasing per
    run): a breakpoint change sends the same `seq` with a higher `rev`. Render the message
    with the highest `rev`; never guess a state. `waiting` counts threads queued to pause.
    `pause_all`: while a thread is paused, every other thread waits too (an OptionsRequest).
    """

    seq: int
    rev: int
    phase: DebugPhase
    place: PlaceWire | None
    step: StepKind | None
    waiting: int
    breakpoints: list[BreakpointWire]
    exceptions: ExceptionsWire
    pause_all: bool


class BreakpointSpecWire(TypedDict):
    """A gutter breakpoint as a viewer asks for it (its file is the request's)."""

    line: int
    condition: str | None
    hit: str | None
    log: str | None


class CommandRequest(TypedDict):
    """Resume the paused thread (continue / step / next / return), or ask for a pause."""

    op: Literal["command"]
    kind: ResumeCommand
    seq: int


class SetBreakpointsRequest(TypedDict):
    """Replace the line breakpoints of `file` (kept for the project)."""

    op: Literal["set_breakpoints"]
    file: str
    breakpoints: list[BreakpointSpecWire]


class ExceptionsRequest(TypedDict):
    """Turn the exception breakpoints on or off."""

    op: Literal["exceptions"]
    raised: bool
    uncaught: bool


class StackRequest(TypedDict):
    """The paused thread's stack (answered with a StackResult)."""

    op: Literal["stack"]
    seq: int


class LocalsRequest(TypedDict):
    """A page of the children of one node of a frame's locals tree (a LocalsResult).

    `frame` is a StackResult frame index; `path` the `key`s from the frame's locals down to
    the node ([] for the locals themselves).
    """

    op: Literal["locals"]
    seq: int
    frame: int
    path: list[str]
    offset: int
    limit: int


class EvaluateRequest(TypedDict):
    """Evaluate an expression in a paused frame (a watch; an EvaluateResult)."""

    op: Literal["evaluate"]
    seq: int
    frame: int
    expr: str


class FocusRequest(TypedDict):
    """Trace a function's next calls line by line (on), or stop (off)."""

    op: Literal["focus"]
    function: str
    on: bool


class OptionsRequest(TypedDict):
    """The debugger's options: `pause_all` holds every other thread while one is paused."""

    op: Literal["options"]
    pause_all: bool


DebugRequestWire = (
    CommandRequest
    | SetBreakpointsRequest
    | ExceptionsRequest
    | StackRequest
    | LocalsRequest
    | EvaluateRequest
    | FocusRequest
    | OptionsRequest
)


class FrameWire(TypedDict):
    """One frame of the paused stack; `index` 0 is the innermost (the paused frame)."""

    index: int
    file: str
    line: int
    function: str


class StackResult(TypedDict):
    """The paused thread's frames in traced code, innermost first."""

    frames: list[FrameWire]


class ChildWire(TypedDict):
    """One entry of the locals tree: a variable, item or attribute, previewed safely.

    `key` goes into the next LocalsRequest's `path` to expand it; `name` is what to show.
    """

    key: str
    name: str
    type: str
    value: str
    expandable: bool


class LocalsResult(TypedDict):
    """A page of a node's children; `total` counts them all."""

    total: int
    children: list[ChildWire]


class EvaluateResult(TypedDict):
    """An expression's value (a safe preview), or the error it raised (`error`)."""

    type: str
    value: str
    expandable: bool
    error: str | None


DebugResult = StackResult | LocalsResult | EvaluateResult


class DebugCommand(TypedDict):
    """A debugger request for a live run's process; answered by a DebugReplyMessage with the
    same `id`, to this viewer only."""

    type: Literal["debug"]
    run: str
    id: int
    request: DebugRequestWire


class DebugStateMessage(TypedDict):
    """A live run's debugger state, sent to every viewer of the run on each change and right
    after the snapshot when a viewer subscribes."""

    type: Literal["debug_state"]
    v: int
    run: str
    state: DebugStateWire


class DebugReplyMessage(TypedDict):
    """The answer to one DebugCommand: accepted (with its `result`), or refused and why."""

    type: Literal["debug_reply"]
    v: int
    run: str
    id: int
    accepted: bool
    reason: str
    result: StackResult | LocalsResult | EvaluateResult | None


class PauseWire(PlaceWire):
    """One pause of a run, for the timeline: where it stopped (a PlaceWire's fields), its
    `seq`, and `t` and `resumed_t` in ns since the run started (as a node's `first_t`);
    `resumed_t` and `how` are null when it was never resumed."""

    seq: int
    t: int
    resumed_t: int | None
    how: str | None


class PausesMessage(TypedDict):
    """Every pause of a stored or replayed run, sent after its first snapshot."""

    type: Literal["pauses"]
    v: int
    run: str
    pauses: list[PauseWire]


class FunctionRange(TypedDict):
    """A `def` or `class` of a source file: its name and first and last lines."""

    name: str
    start: int
    end: int


class SourceResult(TypedDict):
    """The answer of `GET /api/source`: one file, highlighted.

    `lines` has one list per line of `[token class, text]` pairs (Pygments' short CSS class
    names, "" for plain text); `mtime` is the file's modification time.
    """

    file: str
    lines: list[list[list[str]]]
    functions: list[FunctionRange]
    mtime: float


class LineStepWire(TypedDict):
    """One executed line of a focused call: `t` ns after the call began; `changed` previews
    the locals the line rebound (a few at most; a last entry named "…" counts the others)."""

    line: int
    t: int
    changed: list[ArgWire]


class LineCallWire(TypedDict):
    """One focused call's executed lines in order; `t` is when it began (ns on the run's
    clock, as node times); `truncated` counts the steps past the per-call cap, not kept."""

    t: int
    steps: list[LineStepWire]
    truncated: int


class LinesResult(TypedDict):
    """The answer of `GET /api/lines?run=&node=`: the node's latest traced calls, oldest
    first (a few are kept per node)."""

    node: int
    calls: list[LineCallWire]


class OpenResult(TypedDict, total=False):
    """The answer of `POST /api/open`: the editor command run, or why nothing was opened."""

    ok: bool
    command: list[str]
    error: str


# The messages a viewer reads and the commands it sends, as Python types (the desktop HUD).
SpineMessage = SnapshotMessage | PatchMessage
ViewerMessage = (
    HelloMessage
    | RunsMessage
    | SnapshotMessage
    | PatchMessage
    | ErrorMessage
    | DebugStateMessage
    | DebugReplyMessage
    | PausesMessage
)
ViewerCommand = (
    SubscribeCommand | UnsubscribeCommand | ReplayCommand | ListRunsCommand | DebugCommand
)

# Named unions of the generated TypeScript, in order (the ones above, by name).
UNIONS: dict[str, tuple[type, ...]] = {
    "SpineMessage": get_args(SpineMessage),
    "ViewerMessage": get_args(ViewerMessage),
    "ViewerCommand": get_args(ViewerCommand),
    "DebugRequestWire": get_args(DebugRequestWire),
    "DebugResult": get_args(DebugResult),
}
# Every shape, in the order the generated TypeScript and the docs list them.
SHAPES: tuple[type, ...] = (
    ArgWire,
    ErrorWire,
    CallWire,
    DurationWire,
    LineStatWire,
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
    PlaceWire,
    BreakpointWire,
    ExceptionsWire,
    DebugStateWire,
    BreakpointSpecWire,
    CommandRequest,
    SetBreakpointsRequest,
    ExceptionsRequest,
    StackRequest,
    LocalsRequest,
    EvaluateRequest,
    FocusRequest,
    OptionsRequest,
    FrameWire,
    StackResult,
    ChildWire,
    LocalsResult,
    EvaluateResult,
    DebugCommand,
    DebugStateMessage,
    DebugReplyMessage,
    PauseWire,
    PausesMessage,
    FunctionRange,
    SourceResult,
    LineStepWire,
    LineCallWire,
    LinesResult,
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
    "DebugPhase": DebugPhase,
    "StepKind": StepKind,
    "PauseReason": PauseReason,
    "ResumeCommand": ResumeCommand,
}
