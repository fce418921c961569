"""Chrome Trace Event JSON: a run as a timeline that Perfetto UI and chrome://tracing open.

Each finished call becomes one complete event (`"ph": "X"`), each pulse an instant event
(`"ph": "i"`), each thread a `thread_name` metadata event. The output is streamed: only calls
that have started and not yet ended are held in memory, so a run of a million calls exports
in constant memory (apart from those still open).

Thread ids become small numbers (1, 2, …, in order of appearance) because trace viewers read
`tid` as a 32-bit number and Python thread idents do not fit; `otherData.threads` maps them back.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any, TextIO

from debugflow import __version__
from debugflow.protocol import (
    PROTOCOL_VERSION,
    ArgPreview,
    CallEnded,
    CallStarted,
    Event,
    Pulse,
    RunEnded,
    RunStarted,
    ThreadSeen,
)

PID = 1  # one traced process per trace file; a fixed pid keeps exports comparable

TraceEvent = dict[str, Any]


def write_chrome_trace(events: Iterable[Event], out: TextIO) -> int:
    """Write `events` to `out` as a Chrome Trace Event JSON object; returns the events written."""
    trace = _TraceWriter(out)
    out.write('{"traceEvents":[\n')
    for event in events:
        trace.feed(event)
    trace.finish()
    out.write('\n],\n"displayTimeUnit":"ms",\n"otherData":')
    out.write(json.dumps(trace.other_data(), separators=(",", ":")))
    out.write("}\n")
    return trace.count


def preview_text(preview: ArgPreview) -> str:
    """`type=value`, or just the type when the preview has no value."""
    return f"{preview.type}={preview.value}" if preview.value else preview.type


class _TraceWriter:
    """Turns protocol events into trace events and writes each as soon as it is complete."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self.count = 0
        self._origin_ns: int | None = None
        self._last_ns = 0
        self._tids: dict[int, int] = {}
        self._thread_names: dict[int, str] = {}
        self._open: dict[int, CallStarted] = {}
        self._run: RunStarted | None = None
        self._end: RunEnded | None = None

    def feed(self, event: Event) -> None:
        """Take the next event of the run."""
        if isinstance(event, CallStarted):
            self._seen(event.start_ns)
            self._open[event.call_id] = event
        elif isinstance(event, CallEnded):
            self._seen(event.end_ns)
            start = self._open.pop(event.call_id, None)
            if start is not None:  # an end whose start was dropped has nothing to draw
                complete = self._complete(start, event.end_ns)
                complete["args"].update(_outcome_args(event))
                self._emit(complete)
        elif isinstance(event, Pulse):
            self._seen(event.ts_ns)
            self._emit(_instant(event, self._ts(event.ts_ns), self._tid(event.thread_id)))
        else:
            self._feed_run_info(event)

    def _feed_run_info(self, event: Event) -> None:
        if isinstance(event, RunStarted):
            self._run = event
            self._origin_ns = event.origin_ns
            self._emit(_metadata("process_name", 0, _process_name(event)))
        elif isinstance(event, ThreadSeen):
            self._thread_names[event.thread_id] = event.name
            self._emit(_metadata("thread_name", self._tid(event.thread_id), event.name))
        elif isinstance(event, RunEnded):
            self._end = event

    def finish(self) -> None:
        """Draw the calls that never ended as lasting until the last timestamp seen."""
        for start in self._open.values():
            complete = self._complete(start, self._last_ns)
            complete["args"]["unfinished"] = True
            self._emit(complete)
        self._open.clear()

    def other_data(self) -> dict[str, Any]:
        """Run information for the trace's `otherData` (shown by Perfetto as metadata)."""
        data: dict[str, Any] = {"exporter": f"debugflow {__version__}"}
        data["protocol"] = PROTOCOL_VERSION
        if self._run is not None:
            data.update(_run_info(self._run))
        if self._end is not None:
            data.update(exit_code=self._end.exit_code, calls=self._end.calls)
            data.update(exceptions=self._end.exceptions, dropped=self._end.dropped)
        data["threads"] = {
            str(tid): f"{self._thread_names.get(ident, 'thread')} ({ident})"
            for ident, tid in self._tids.items()
        }
        return data

    def _complete(self, start: CallStarted, end_ns: int) -> TraceEvent:
        """The `X` event of a call that ran from `start` to `end_ns`."""
        args = {preview.name: preview_text(preview) for preview in start.args}
        return {
            "name": start.function, "cat": start.module, "ph": "X",
            "ts": self._ts(start.start_ns), "dur": max(0, end_ns - start.start_ns) / 1000,
            "pid": PID, "tid": self._tid(start.thread_id), "args": args,
        }  # fmt: skip

    def _seen(self, ns: int) -> None:
        if self._origin_ns is None:  # no RunStarted: times count from the first event
            self._origin_ns = ns
        self._last_ns = max(self._last_ns, ns)

    def _ts(self, ns: int) -> float:
        """Microseconds since the run's origin."""
        return (ns - (self._origin_ns or 0)) / 1000

    def _tid(self, thread_id: int) -> int:
        return self._tids.setdefault(thread_id, len(self._tids) + 1)

    def _emit(self, trace_event: TraceEvent) -> None:
        if self.count:
            self._out.write(",\n")
        self._out.write(json.dumps(trace_event, separators=(",", ":")))
        self.count += 1


def _outcome_args(end: CallEnded) -> dict[str, str]:
    """What a call ended with, under keys no Python parameter can be named."""
    args: dict[str, str] = {}
    if end.value is not None:
        args["return"] = preview_text(end.value)
    if end.outcome == "exception":
        raised = f"{end.exc_type}: {end.exc_message}" if end.exc_message else f"{end.exc_type}"
        args["raise"] = raised if end.exc_line is None else f"{raised} (line {end.exc_line})"
    if end.caught:
        args["except"] = ", ".join(end.caught)
    return args


def _instant(pulse: Pulse, ts: float, tid: int) -> TraceEvent:
    """The `i` event of a pulse, on its thread's track."""
    args: dict[str, Any] = {preview.name: preview_text(preview) for preview in pulse.params}
    args["node_type"] = pulse.node_type
    if pulse.returns is not None:
        args["return"] = pulse.returns
    return {
        "name": pulse.name, "cat": "pulse", "ph": "i", "s": "t", "ts": ts, "pid": PID,
        "tid": tid, "args": args,
    }  # fmt: skip


def _metadata(name: str, tid: int, value: str) -> TraceEvent:
    return {"name": name, "ph": "M", "pid": PID, "tid": tid, "args": {"name": value}}


def _process_name(run: RunStarted) -> str:
    return f"python {shlex.join(run.argv)}" if run.argv else "python"


def _run_info(run: RunStarted) -> dict[str, Any]:
    started = datetime.fromtimestamp(run.started_at, tz=timezone.utc)
    return {
        "run_id": run.run_id, "kind": run.kind, "argv": shlex.join(run.argv), "cwd": run.cwd,
        "python": run.python, "backend": run.backend, "backend_reason": run.backend_reason,
        "started_at": started.isoformat(),
    }  # fmt: skip
