"""The versioned event records that leave the tracer: what sinks, the store and exporters see.

Events are detached: they carry ids, numbers and preview strings, never frames or live
objects. Each event has a `to_wire()` form (a JSON-ready dict tagged with its `type`) and
`event_from_wire()` reads it back. Bump `PROTOCOL_VERSION` when a wire shape changes and
describe the change below.

Changelog:
    1: first version: run, thread, call, end, pulse, stats.
    2: the tracer's collapsed call tree: `node` (NodeSeen) and `node_stats` (NodeStats)
       events, `CallStarted.node_id`, `ThreadSeen.task_id` (task lanes have names too), and
       `unreached` (UnreachedFunction) for ghost passes.
    Added within 2 (new kinds only; no field of an older kind changed): the debugger's
       `pause` (Paused) and `resume` (Resumed) events. A reader of an older DebugFlow refuses
       a run that holds them as an unknown kind rather than misreading it.
    Added within 2 (new kinds only): line traces of focused functions, `line` (LineCall: one
       call's executed lines) and `line_stats` (LineStats: a node's hits and time per line).

The records are named tuples, not dataclasses: every `flow run` loads this module before the
program starts, and a frozen dataclass costs about a millisecond to define (plus the
`dataclasses` and `inspect` imports), where a named tuple costs a fifth of that. For the same
reason the annotations here are evaluated (no `from __future__ import annotations`): a named
tuple would otherwise compile every field's annotation string at import.
"""

from collections.abc import Callable, Sequence
from typing import Any, Literal, NamedTuple, Protocol

PROTOCOL_VERSION = 2

Outcome = Literal["return", "exception"]
NodeType = Literal["call", "success", "exception", "info"]
PauseReason = Literal["breakpoint", "step", "exception", "pause"]
ResumeHow = Literal["continue", "step", "next", "return", "quit", "end"]


class ArgPreview(NamedTuple):
    """One argument as shown to a person: `name: type=value`."""

    name: str
    type: str
    value: str

    def shown(self) -> str:
        """`type=value`, or just the type when it says it all (`None`, `Tensor[64, 256]`)."""
        return f"{self.type}={self.value}" if self.value else self.type

    def label(self) -> str:
        """The `name: type=value` form (`batch: Tensor[64, 256]` when the type says it all)."""
        return f"{self.name}: {self.shown()}"


class RunStarted(NamedTuple):
    """A traced run began."""

    run_id: str
    argv: tuple[str, ...]
    cwd: str
    python: str
    backend: str
    backend_reason: str
    started_at: float  # wall clock, seconds since the epoch
    origin_ns: int  # perf_counter_ns() at `started_at`; event times are on this clock
    kind: str = "run"  # "run", "api", "launch", "ghost"
    type: Literal["run"] = "run"


class ThreadSeen(NamedTuple):
    """The name of a lane: a thread, or an asyncio task (`task_id`) running on a thread."""

    thread_id: int
    name: str
    task_id: int | None = None
    type: Literal["thread"] = "thread"


class NodeSeen(NamedTuple):
    """A node of the run's collapsed call tree: one function called from one place.

    Every call of the same code under the same parent node, in the same lane, belongs to one
    node; the tracer counts and times each node's calls exactly (see NodeStats), whether or
    not it records them one by one. `parent_id` is None for a lane's top level; `spawned_by`
    names the node that started an asyncio task's lane. `first_ns` is when its first call
    began.
    """

    node_id: int
    parent_id: int | None
    thread_id: int
    task_id: int | None
    function: str  # qualname
    module: str
    file: str
    line: int
    spawned_by: int | None
    first_ns: int
    type: Literal["node"] = "node"


class NodeStats(NamedTuple):
    """Exact counts and timings of one node's calls so far (durations in nanoseconds).

    `total_ns` sums the durations of its finished calls; the median is
    `durations.DurationStats.median`, the one definition the whole product uses.
    """

    node_id: int
    calls: int
    exceptions: int
    total_ns: int
    own_ns: int
    min_ns: int
    median_ns: int
    max_ns: int
    type: Literal["node_stats"] = "node_stats"


class CallStarted(NamedTuple):
    """A traced function was entered.

    `detailed` is False for calls whose arguments were not captured (hot functions past
    their detail budget that were kept only because a detailed descendant or an exception
    needed them). `node_id` is the call's node in the collapsed tree (None in runs recorded
    before protocol 2).
    """

    call_id: int
    parent_id: int | None
    thread_id: int
    task_id: int | None
    function: str  # qualname
    module: str
    file: str
    line: int  # first line of the function
    call_line: int | None  # line in the caller where the call happened
    args: tuple[ArgPreview, ...]
    start_ns: int
    detailed: bool = True
    node_id: int | None = None
    type: Literal["call"] = "call"


class CallEnded(NamedTuple):
    """A traced call finished, by returning or by letting an exception out."""

    call_id: int
    end_ns: int
    outcome: Outcome
    value: ArgPreview | None = None  # return value preview (name "return")
    exc_type: str | None = None
    exc_message: str | None = None
    exc_line: int | None = None  # where it was raised inside this call, if it was
    caught: tuple[str, ...] = ()  # exceptions raised and handled inside this call
    type: Literal["end"] = "end"


class Pulse(NamedTuple):
    """A manual event added by `debugflow.pulse()` or `Flow.pulse()`."""

    name: str
    params: tuple[ArgPreview, ...]
    returns: str | None
    node_type: str
    ts_ns: int
    thread_id: int
    parent_id: int | None
    type: Literal["pulse"] = "pulse"


class FunctionStats(NamedTuple):
    """Exact per-function counts and timings, including calls whose detail was sampled away."""

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
    type: Literal["stats"] = "stats"


class RunEnded(NamedTuple):
    """A traced run finished (absent when the process was killed)."""

    ended_at: float
    exit_code: int | None
    calls: int
    exceptions: int
    dropped: int
    type: Literal["run_end"] = "run_end"


class UnreachedFunction(NamedTuple):
    """A function a ghost pass mapped from source but never reached, and why.

    `parent_id` is the call id of a reached caller (its node shows the placeholder), or None.
    """

    function: str  # qualname
    module: str
    file: str
    line: int
    reason: str
    parent_id: int | None
    type: Literal["unreached"] = "unreached"


class Paused(NamedTuple):
    """A thread of the traced program stopped in the debugger; the other threads ran on.

    `seq` is the debugger's state sequence number of this pause (every command acting on it
    names it). `thread` is the lane id of the thread (as `ThreadSeen.thread_id`), `function`
    the qualname of the code it stopped in, `parent_id` the call running there if it was
    recorded. `reason` says what stopped it: a breakpoint, a step landing, an exception
    breakpoint, or a pause request; `detail` names the breakpoint or the exception.
    """

    seq: int
    thread: int
    file: str
    line: int
    function: str
    reason: PauseReason
    ts_ns: int
    thread_name: str = ""
    detail: str | None = None
    parent_id: int | None = None
    type: Literal["pause"] = "pause"


class Resumed(NamedTuple):
    """The paused thread went on: `how` is the command that resumed it (or "end" when the
    run ended under it). `seq` is the state that the resuming command made."""

    seq: int
    thread: int
    how: ResumeHow
    ts_ns: int
    type: Literal["resume"] = "resume"


class LineStep(NamedTuple):
    """One executed line of a focused call: the line, when it began (ns since the call
    began) and previews of the locals it rebound (a few; see `tracer.linetrace`)."""

    line: int
    t: int
    changed: tuple[ArgPreview, ...] = ()


class LineCall(NamedTuple):
    """One call of a focused function, traced line by line (`flow run --lines`).

    `node_id` is the call's node, `start_ns` when the call began (the run's clock); `steps`
    are its executed lines in order, at most a fixed number (`truncated` counts the steps
    past it, which were not kept). A generator's or coroutine's call spans its resumptions.
    """

    node_id: int
    thread_id: int
    start_ns: int
    steps: tuple[LineStep, ...]
    truncated: int = 0
    type: Literal["line"] = "line"


class LineCount(NamedTuple):
    """One line's numbers over a node's traced calls: how often it ran, and for how long
    (ns, from its line event to the frame's next event, callees included)."""

    line: int
    hits: int
    ns: int


class LineStats(NamedTuple):
    """The per-line numbers of a focused function's node so far (cumulative, by line)."""

    node_id: int
    lines: tuple[LineCount, ...]
    type: Literal["line_stats"] = "line_stats"


Event = (
    RunStarted
    | ThreadSeen
    | NodeSeen
    | CallStarted
    | CallEnded
    | Pulse
    | FunctionStats
    | NodeStats
    | UnreachedFunction
    | Paused
    | Resumed
    | LineCall
    | LineStats
    | RunEnded
)

_EVENT_TYPES: dict[str, type[Any]] = {
    "run": RunStarted,
    "thread": ThreadSeen,
    "node": NodeSeen,
    "call": CallStarted,
    "end": CallEnded,
    "pulse": Pulse,
    "stats": FunctionStats,
    "node_stats": NodeStats,
    "unreached": UnreachedFunction,
    "pause": Paused,
    "resume": Resumed,
    "line": LineCall,
    "line_stats": LineStats,
    "run_end": RunEnded,
}


def to_wire(event: Event) -> dict[str, Any]:
    """The JSON-ready dict for one event, with `type` naming its kind."""
    data = event._asdict()
    for key in _PREVIEW_LISTS.intersection(data):
        data[key] = [preview._asdict() for preview in data[key]]
    value = data.get("value")
    if isinstance(value, ArgPreview):
        data["value"] = value._asdict()
    if isinstance(event, LineCall):
        data["steps"] = [
            {"line": s.line, "t": s.t, "changed": [p._asdict() for p in s.changed]}
            for s in event.steps
        ]
    elif isinstance(event, LineStats):
        data["lines"] = [count._asdict() for count in event.lines]
    return data


_PREVIEW_LISTS = frozenset({"args", "params"})


def event_from_wire(data: dict[str, Any]) -> Event:
    """Rebuild an event from `to_wire()` output; raises ValueError on an unknown type.

    `data` is left as it was. The hub calls this for every event a program streams, so only
    the fields a kind has that need rebuilding (previews, tuples) are looked at.
    """
    cls = _EVENT_TYPES.get(str(data.get("type")))
    if cls is None:
        raise ValueError(f"unknown event type {data.get('type')!r}")
    rebuilt = [key for key in _REBUILT[cls] if key in data]
    if not rebuilt:
        return cls(**data)  # type: ignore[no-any-return]
    fields = dict(data)
    for key in rebuilt:
        fields[key] = _REBUILD[key](fields[key])
    event: Event = cls(**fields)
    return event


def _previews(items: list[dict[str, Any]]) -> tuple[ArgPreview, ...]:
    return tuple(ArgPreview(**item) for item in items)


# How each field that JSON cannot carry as it is comes back: previews, tuples, line steps.
_REBUILD: dict[str, Callable[[Any], Any]] = {
    "args": _previews,
    "params": _previews,
    "value": lambda value: None if value is None else ArgPreview(**value),
    "argv": tuple,
    "caught": tuple,
    "steps": lambda steps: tuple(
        LineStep(step["line"], step["t"], _previews(step["changed"])) for step in steps
    ),
    "lines": lambda counts: tuple(LineCount(**count) for count in counts),
}
# Per kind, the fields `event_from_wire` rebuilds.
_REBUILT: dict[type, tuple[str, ...]] = {
    cls: tuple(key for key in _REBUILD if key in cls._fields) for cls in set(_EVENT_TYPES.values())
}


class Sink(Protocol):
    """Where the collector sends batches of events: the run store, a hub link, the terminal.

    `handle` runs on the collector thread and must never wait on I/O; a sink that does I/O
    hands the batch to a thread of its own.
    """

    def handle(self, events: Sequence[Event]) -> None:
        """Take one batch of events, in order."""

    def close(self) -> None:
        """Flush what is pending and release resources; called once, after the last batch."""
