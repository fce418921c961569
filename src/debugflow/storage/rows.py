"""Conversions between protocol events and the run store's rows, in both directions.

Argument previews are stored as compact JSON lists of `[name, type, value]`. JSON is written
with `ensure_ascii` and plain text columns go through `text()`, because a preview or a file
name can hold lone surrogates that SQLite's UTF-8 binding would refuse.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from debugflow.protocol import (
    ArgPreview,
    CallEnded,
    CallStarted,
    Event,
    FunctionStats,
    LineCall,
    LineCount,
    LineStats,
    LineStep,
    NodeSeen,
    NodeStats,
    Paused,
    Pulse,
    Resumed,
    RunEnded,
    RunStarted,
    ThreadSeen,
    UnreachedFunction,
)

Row = tuple[Any, ...]

RUN_COLUMNS = (
    "run_id, kind, argv, cwd, python, backend, backend_reason, started_at, origin_ns, "
    "ended_at, exit_code, calls, exceptions, dropped, stored_calls, stored_exceptions, "
    "writer_dropped, heartbeat_at"
)
CALL_COLUMNS = (
    "call_id, parent_id, thread_id, task_id, function, module, file, line, call_line, "
    "args, start_ns, detailed, node_id"
)
END_COLUMNS = "call_id, end_ns, outcome, value, exc_type, exc_message, exc_line, caught"
# The columns a call's end fills in, in the order of `end_values()`.
ENDING_COLUMNS = "end_ns, end_seq, outcome, value, exc_type, exc_message, exc_line, caught"
_NOT_ENDED = (None,) * len(ENDING_COLUMNS.split(", "))  # a calls row's end, while it runs
PULSE_COLUMNS = "name, params, returns, node_type, ts_ns, thread_id, parent_id"
STATS_COLUMNS = (
    "function, module, file, line, calls, exceptions, total_ns, own_ns, min_ns, median_ns, max_ns"
)
NODE_COLUMNS = (
    "node_id, parent_id, thread_id, task_id, function, module, file, line, spawned_by, first_ns"
)
NODE_STATS_COLUMNS = "node_id, calls, exceptions, total_ns, own_ns, min_ns, median_ns, max_ns"
UNREACHED_COLUMNS = "function, module, file, line, reason, parent_id"
THREAD_COLUMNS = "thread_id, task_id, name"
PAUSE_COLUMNS = (
    "state_seq, thread, file, line, function, reason, ts_ns, thread_name, detail, parent_id"
)
RESUME_COLUMNS = "state_seq, thread, how, ts_ns"
LINE_CALL_COLUMNS = "node_id, thread_id, start_ns, steps, truncated"
LINE_STATS_COLUMNS = "node_id, lines"
NO_TASK = 0  # `threads.task_id` of a thread's own lane (a primary key column cannot be NULL)


def text(value: str) -> str:
    """`value`, with anything UTF-8 cannot carry (lone surrogates) replaced."""
    if value.isascii():
        return value
    return value.encode("utf-8", "replace").decode("utf-8")


def optional_text(value: str | None) -> str | None:
    """`text()` for a column that may be NULL."""
    return None if value is None else text(value)


# One encoder for every row: `json.dumps` with custom separators builds a new one per call.
_encode = json.JSONEncoder(separators=(",", ":")).encode


def encode_previews(previews: Sequence[ArgPreview]) -> str:
    """Argument previews as a JSON list of `[name, type, value]`."""
    return _encode([[p.name, p.type, p.value] for p in previews])


def decode_previews(raw: str) -> tuple[ArgPreview, ...]:
    """The inverse of `encode_previews`."""
    return tuple(ArgPreview(name, kind, value) for name, kind, value in json.loads(raw))


def encode_strings(values: Sequence[str]) -> str:
    """A tuple of strings (argv, caught exceptions) as a JSON list."""
    return _encode(list(values))


def decode_strings(raw: str | None) -> tuple[str, ...]:
    """The inverse of `encode_strings`; NULL reads as empty."""
    return tuple(json.loads(raw)) if raw else ()


class Batch:
    """One `append` call's events, split into the row lists of each table."""

    __slots__ = (
        "calls",
        "ends",
        "exceptions",
        "line_calls",
        "line_stats",
        "node_stats",
        "nodes",
        "pauses",
        "pulses",
        "resumes",
        "run_ended",
        "run_started",
        "stats",
        "threads",
        "unreached",
    )

    def __init__(self) -> None:
        self.threads: list[Row] = []
        self.nodes: list[Row] = []
        self.node_stats: list[Row] = []
        self.unreached: list[Row] = []
        self.calls: list[Row] = []
        self.ends: list[Row] = []
        self.pulses: list[Row] = []
        self.pauses: list[Row] = []
        self.resumes: list[Row] = []
        self.line_calls: list[Row] = []
        self.line_stats: list[Row] = []
        self.stats: list[Row] = []
        self.run_started: RunStarted | None = None
        self.run_ended: RunEnded | None = None
        self.exceptions = 0


def split_batch(run_id: str, events: Sequence[Event], first_seq: int) -> tuple[Batch, int]:
    """Rows for `events`, numbered from `first_seq`; also returns the next free number.

    A call that starts and ends in the same batch (most calls) becomes one complete row:
    one insert instead of an insert and an update, which halves the store's work.
    """
    batch, seq = Batch(), first_seq
    started: dict[int, int] = {}  # call_id -> index in batch.calls
    for event in events:
        if isinstance(event, CallStarted):
            started[event.call_id] = len(batch.calls)
            batch.calls.append(call_row(run_id, event, seq))
        elif isinstance(event, CallEnded):
            index = started.pop(event.call_id, None)
            if index is None:
                batch.ends.append((*end_values(event, seq), run_id, event.call_id))
            else:
                started_row = batch.calls[index][: -len(_NOT_ENDED)]
                batch.calls[index] = started_row + end_values(event, seq)
            batch.exceptions += event.outcome == "exception"
        elif isinstance(event, Pulse):
            batch.pulses.append(pulse_row(run_id, event, seq))
        elif isinstance(event, NodeSeen):
            batch.nodes.append(node_row(run_id, event, seq))
        elif isinstance(event, UnreachedFunction):
            batch.unreached.append(unreached_row(run_id, event, seq))
        elif isinstance(event, Paused):
            batch.pauses.append(pause_row(run_id, event, seq))
        elif isinstance(event, Resumed):
            batch.resumes.append((run_id, seq, *event[:-1]))
        elif isinstance(event, LineCall):
            batch.line_calls.append(line_call_row(run_id, event, seq))
        else:
            _split_other(run_id, event, batch)
            continue
        seq += 1
    return batch, seq


def _split_other(run_id: str, event: Event, batch: Batch) -> None:
    if isinstance(event, ThreadSeen):
        task = NO_TASK if event.task_id is None else event.task_id
        batch.threads.append((run_id, event.thread_id, task, text(event.name)))
    elif isinstance(event, FunctionStats):
        batch.stats.append(stats_row(run_id, event))
    elif isinstance(event, NodeStats):
        batch.node_stats.append((run_id, *event[:-1]))
    elif isinstance(event, LineStats):
        lines = _encode([list(count) for count in event.lines])
        batch.line_stats.append((run_id, event.node_id, lines))
    elif isinstance(event, RunEnded):
        batch.run_ended = event
    elif isinstance(event, RunStarted) and batch.run_started is None:
        batch.run_started = event


def run_row(run: RunStarted, heartbeat_at: float) -> Row:
    """The `runs` row of a run that has just begun."""
    return (
        run.run_id, run.kind, encode_strings([text(a) for a in run.argv]), text(run.cwd),
        text(run.python), text(run.backend), text(run.backend_reason), run.started_at,
        run.origin_ns, heartbeat_at,
    )  # fmt: skip


def call_row(run_id: str, call: CallStarted, seq: int) -> Row:
    """The `calls` row of a call that has started; its end columns are still empty."""
    return (
        run_id, call.call_id, seq, call.parent_id, call.thread_id, call.task_id,
        text(call.function), text(call.module), text(call.file), call.line, call.call_line,
        encode_previews(call.args), call.start_ns, int(call.detailed), call.node_id, *_NOT_ENDED,
    )  # fmt: skip


def end_values(end: CallEnded, seq: int) -> Row:
    """The end columns of a `calls` row (`ENDING_COLUMNS`), from the call's CallEnded."""
    value = None if end.value is None else encode_previews([end.value])
    caught = encode_strings(end.caught) if end.caught else None
    return (
        end.end_ns, seq, end.outcome, value, optional_text(end.exc_type),
        optional_text(end.exc_message), end.exc_line, caught,
    )  # fmt: skip


def pulse_row(run_id: str, pulse: Pulse, seq: int) -> Row:
    """The `pulses` row of a manual event."""
    return (
        run_id, seq, text(pulse.name), encode_previews(pulse.params),
        optional_text(pulse.returns), text(pulse.node_type), pulse.ts_ns, pulse.thread_id,
        pulse.parent_id,
    )  # fmt: skip


def pause_row(run_id: str, pause: Paused, seq: int) -> Row:
    """The `pauses` row of a debugger pause."""
    return (
        run_id, seq, pause.seq, pause.thread, text(pause.file), pause.line,
        text(pause.function), pause.reason, pause.ts_ns, text(pause.thread_name),
        optional_text(pause.detail), pause.parent_id,
    )  # fmt: skip


def line_call_row(run_id: str, call: LineCall, seq: int) -> Row:
    """The `line_calls` row of one focused call's line trace."""
    steps = _encode(
        [[s.line, s.t, [[p.name, p.type, p.value] for p in s.changed]] for s in call.steps]
    )
    return (run_id, seq, call.node_id, call.thread_id, call.start_ns, steps, call.truncated)


def line_call(row: Row) -> LineCall:
    """A LineCall rebuilt from a row of `LINE_CALL_COLUMNS`."""
    node_id, thread_id, start_ns, steps, truncated = row
    return LineCall(
        node_id,
        thread_id,
        start_ns,
        tuple(
            LineStep(line, t, tuple(ArgPreview(*p) for p in changed))
            for line, t, changed in json.loads(steps)
        ),
        truncated,
    )


def line_stats(row: Row) -> LineStats:
    """A LineStats rebuilt from a row of `LINE_STATS_COLUMNS`."""
    node_id, lines = row
    return LineStats(node_id, tuple(LineCount(*count) for count in json.loads(lines)))


def paused(row: Row) -> Paused:
    """A Paused rebuilt from a row of `PAUSE_COLUMNS`."""
    return Paused(*row)


def resumed(row: Row) -> Resumed:
    """A Resumed rebuilt from a row of `RESUME_COLUMNS`."""
    return Resumed(*row)


def node_row(run_id: str, node: NodeSeen, seq: int) -> Row:
    """The `nodes` row of a node of the collapsed call tree."""
    return (
        run_id, node.node_id, seq, node.parent_id, node.thread_id, node.task_id,
        text(node.function), text(node.module), text(node.file), node.line, node.spawned_by,
        node.first_ns,
    )  # fmt: skip


def unreached_row(run_id: str, unreached: UnreachedFunction, seq: int) -> Row:
    """The `unreached` row of a function a ghost pass did not reach."""
    return (
        run_id, seq, text(unreached.function), text(unreached.module), text(unreached.file),
        unreached.line, text(unreached.reason), unreached.parent_id,
    )  # fmt: skip


def stats_row(run_id: str, stats: FunctionStats) -> Row:
    """The `function_stats` row of one snapshot (upserted over the previous one)."""
    return (
        run_id, text(stats.function), text(stats.module), text(stats.file), stats.line,
        stats.calls, stats.exceptions, stats.total_ns, stats.own_ns, stats.min_ns,
        stats.median_ns, stats.max_ns,
    )  # fmt: skip


def run_started(row: Row) -> RunStarted:
    """A RunStarted rebuilt from the first columns of `RUN_COLUMNS`."""
    run_id, kind, argv, cwd, python, backend, reason, started_at, origin_ns = row[:9]
    return RunStarted(
        run_id, decode_strings(argv), cwd, python, backend, reason, started_at, origin_ns, kind
    )


def run_ended(row: Row) -> RunEnded | None:
    """The RunEnded of a `RUN_COLUMNS` row, or None while the run has none."""
    ended_at, exit_code, calls, exceptions, dropped = row[9:14]
    if ended_at is None:
        return None
    return RunEnded(ended_at, exit_code, calls, exceptions, dropped)


def call_started(row: Row) -> CallStarted:
    """A CallStarted rebuilt from a row of `CALL_COLUMNS`."""
    call_id, parent_id, thread_id, task_id, function, module, file, line, call_line = row[:9]
    args, start_ns, detailed, node_id = row[9:]
    return CallStarted(
        call_id, parent_id, thread_id, task_id, function, module, file, line, call_line,
        decode_previews(args), start_ns, bool(detailed), node_id,
    )  # fmt: skip


def call_ended(row: Row) -> CallEnded:
    """A CallEnded rebuilt from a row of `END_COLUMNS`."""
    call_id, end_ns, outcome, value, exc_type, exc_message, exc_line, caught = row
    preview = decode_previews(value)[0] if value is not None else None
    return CallEnded(
        call_id, end_ns, outcome, preview, exc_type, exc_message, exc_line, decode_strings(caught)
    )


def pulse(row: Row) -> Pulse:
    """A Pulse rebuilt from a row of `PULSE_COLUMNS`."""
    name, params, returns, node_type, ts_ns, thread_id, parent_id = row
    return Pulse(name, decode_previews(params), returns, node_type, ts_ns, thread_id, parent_id)


def function_stats(row: Row) -> FunctionStats:
    """A FunctionStats rebuilt from a row of `STATS_COLUMNS`."""
    return FunctionStats(*row)


def thread_seen(row: Row) -> ThreadSeen:
    """A ThreadSeen rebuilt from a row of `THREAD_COLUMNS`."""
    thread_id, task_id, name = row
    return ThreadSeen(thread_id, name, None if task_id == NO_TASK else task_id)


def node_seen(row: Row) -> NodeSeen:
    """A NodeSeen rebuilt from a row of `NODE_COLUMNS`."""
    return NodeSeen(*row)


def node_stats(row: Row) -> NodeStats:
    """A NodeStats rebuilt from a row of `NODE_STATS_COLUMNS`."""
    return NodeStats(*row)


def unreached(row: Row) -> UnreachedFunction:
    """An UnreachedFunction rebuilt from a row of `UNREACHED_COLUMNS`."""
    return UnreachedFunction(*row)
