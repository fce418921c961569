"""The versioned event records that leave the tracer: what sinks, the store and exporters see.

Events are detached: they carry ids, numbers and preview strings, never frames or live
objects. Each event has a `to_wire()` form (a JSON-ready dict tagged with its `type`) and
`event_from_wire()` reads it back. Bump `PROTOCOL_VERSION` when a wire shape changes and
describe the change below.

Changelog:
    1: first version: run, thread, call, end, pulse, stats.

The records are named tuples, not dataclasses: every `flow run` loads this module before the
program starts, and a frozen dataclass costs about a millisecond to define (plus the
`dataclasses` and `inspect` imports), where a named tuple costs a fifth of that. For the same
reason the annotations here are evaluated (no `from __future__ import annotations`): a named
tuple would otherwise compile every field's annotation string at import.
"""

from collections.abc import Sequence
from typing import Any, Literal, NamedTuple, Protocol

PROTOCOL_VERSION = 1

Outcome = Literal["return", "exception"]
NodeType = Literal["call", "success", "exception", "info"]


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
    """A thread (or asyncio task lane) that produced events."""

    thread_id: int
    name: str
    type: Literal["thread"] = "thread"


class CallStarted(NamedTuple):
    """A traced function was entered.

    `detailed` is False for calls whose arguments were not captured (hot functions past
    their detail budget that were kept only because a detailed descendant needed a parent).
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


Event = RunStarted | ThreadSeen | CallStarted | CallEnded | Pulse | FunctionStats | RunEnded

_EVENT_TYPES: dict[str, type[Any]] = {
    "run": RunStarted,
    "thread": ThreadSeen,
    "call": CallStarted,
    "end": CallEnded,
    "pulse": Pulse,
    "stats": FunctionStats,
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
    return data


_PREVIEW_LISTS = frozenset({"args", "params"})


def event_from_wire(data: dict[str, Any]) -> Event:
    """Rebuild an event from `to_wire()` output; raises ValueError on an unknown type."""
    cls = _EVENT_TYPES.get(str(data.get("type")))
    if cls is None:
        raise ValueError(f"unknown event type {data.get('type')!r}")
    fields = dict(data)
    for key in ("args", "params"):
        if key in fields:
            fields[key] = tuple(ArgPreview(**a) for a in fields[key])
    if fields.get("value") is not None and cls is CallEnded:
        fields["value"] = ArgPreview(**fields["value"])
    for key in ("argv", "caught"):
        if key in fields:
            fields[key] = tuple(fields[key])
    event: Event = cls(**fields)
    return event


class Sink(Protocol):
    """Where the collector sends batches of events: the run store, a hub link, the terminal.

    `handle` runs on the collector thread and must never wait on I/O; a sink that does I/O
    hands the batch to a thread of its own.
    """

    def handle(self, events: Sequence[Event]) -> None:
        """Take one batch of events, in order."""

    def close(self) -> None:
        """Flush what is pending and release resources; called once, after the last batch."""
