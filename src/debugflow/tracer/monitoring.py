"""The `sys.monitoring` (PEP 669) backend, for Python 3.12 and newer.

PY_START is enabled globally and answers `DISABLE` for code outside the traced set, so such
code costs nothing after its first call. Return, yield and resume events are enabled locally,
on traced code objects only. Exception events cannot be local; their callbacks do one dict
lookup and leave.
"""

from __future__ import annotations

import sys
import threading
import time
from types import CodeType
from typing import Any, ClassVar

from debugflow.errors import BackendUnavailable
from debugflow.tracer.backend import task_of_current_thread
from debugflow.tracer.codetable import CodeTable
from debugflow.tracer.records import (
    CALL,
    COROUTINE,
    ITERATION_SIGNALS,
    NO_VALUE,
    PLAIN,
    RAISE,
    RESUME,
    RETURN,
    UNWIND,
    YIELD,
    RawRecord,
)
from debugflow.tracer.snapshot import snapshot


def _monitoring() -> Any:
    """`sys.monitoring`, typed loosely so the module type-checks on Python 3.10 too."""
    return getattr(sys, "monitoring")  # noqa: B009


_PREFERRED_TOOL_IDS = (2, 3, 4)  # PROFILER_ID first; 0 (debuggers) and 1 (coverage) are never taken
_sessions_started = 0


class MonitoringBackend:
    """Traces with `sys.monitoring` under a free tool id."""

    name: ClassVar[str] = "monitoring"

    def __init__(self) -> None:
        if not hasattr(sys, "monitoring"):
            raise BackendUnavailable("sys.monitoring needs Python 3.12 or newer")
        self.tool_id: int | None = None
        self._table: CodeTable | None = None
        self._enabled_codes: list[CodeType] = []

    def start(self, buffer: list[RawRecord], table: CodeTable) -> None:
        """Claim a tool id, register callbacks and turn on PY_START and exception events."""
        global _sessions_started
        monitoring = _monitoring()
        self.tool_id = _claim_tool_id()
        self._table = table
        if _sessions_started:
            # Code disabled by an earlier session in this process stays disabled for our
            # tool id until events are restarted.
            monitoring.restart_events()
        _sessions_started += 1
        events = monitoring.events
        callbacks = _Callbacks(buffer, table, self._enable_local).as_dict()
        for event_name, callback in callbacks.items():
            monitoring.register_callback(self.tool_id, getattr(events, event_name), callback)
        monitoring.set_events(
            self.tool_id, events.PY_START | events.RAISE | events.PY_UNWIND | events.PY_THROW
        )

    def stop(self) -> None:
        """Turn every event off, unregister callbacks and free the tool id."""
        if self.tool_id is None:
            return
        monitoring = _monitoring()
        monitoring.set_events(self.tool_id, 0)
        for code in self._enabled_codes:
            monitoring.set_local_events(self.tool_id, code, 0)
        for event_name in _Callbacks.EVENT_NAMES:
            monitoring.register_callback(self.tool_id, getattr(monitoring.events, event_name), None)
        monitoring.free_tool_id(self.tool_id)
        self.tool_id = None
        self._enabled_codes.clear()

    def _enable_local(self, code: CodeType, kind: int) -> None:
        events = _monitoring().events
        wanted = events.PY_RETURN
        if kind != PLAIN:
            wanted |= events.PY_YIELD | events.PY_RESUME
        assert self.tool_id is not None
        _monitoring().set_local_events(self.tool_id, code, wanted)
        self._enabled_codes.append(code)


def _claim_tool_id() -> int:
    monitoring = _monitoring()
    for tool_id in _PREFERRED_TOOL_IDS:
        if monitoring.get_tool(tool_id) is None:
            monitoring.use_tool_id(tool_id, "debugflow")
            return tool_id
    raise BackendUnavailable(
        "every sys.monitoring tool id DebugFlow may use (2, 3, 4) is taken by other tools"
    )


class _Callbacks:
    """The hot path: closures over the buffer and the code table, bound once at start."""

    EVENT_NAMES = (
        "PY_START",
        "PY_RETURN",
        "PY_YIELD",
        "PY_RESUME",
        "PY_THROW",
        "RAISE",
        "PY_UNWIND",
    )

    def __init__(self, buffer: list[RawRecord], table: CodeTable, enable_local: Any) -> None:
        self.append = buffer.append
        self.table = table
        self.enable_local = enable_local

    def as_dict(self) -> dict[str, Any]:
        """Build the callbacks with everything they touch bound as locals."""
        append = self.append
        table = self.table
        entries = table.entries
        sample_every = table.sample_every
        enable_local = self.enable_local
        get_ident = threading.get_ident
        now = time.perf_counter_ns
        getframe = sys._getframe
        disable = _monitoring().DISABLE
        current_task = task_of_current_thread

        # Entry fields by position (see codetable): 1 kind, 2 argnames, 3 budget,
        # 5 detailed frames. Literal indexes keep these callbacks as short as they can be.

        def on_start(code: CodeType, offset: int) -> Any:
            entry = entries.get(id(code))
            if entry is None:
                entry = table.first_sight(code, getframe(1))
                if entry is None:
                    return disable
                enable_local(code, entry[1])
            left = entry[3]
            entry[3] = left - 1
            kind = entry[1]
            if left > 0 or not left % sample_every:
                frame = getframe(1)
                values = frame.f_locals
                args: tuple[tuple[str, object], ...] | None = tuple(
                    [(n, snapshot(values[n])) for n in entry[2] if n in values]
                )
                back = frame.f_back
                line = back.f_lineno if back is not None else None
                key = id(frame) if kind else None
                entry[5].add(id(frame))
            else:
                args = line = None
                key = id(getframe(1)) if kind else None
            task = current_task() if kind == COROUTINE else None
            append((CALL, code, get_ident(), now(), args, line, key, task))
            return None

        def on_return(code: CodeType, offset: int, value: object) -> Any:
            entry = entries[id(code)]
            kept: object = NO_VALUE
            if entry[5]:
                frame_id = id(getframe(1))
                if frame_id in entry[5]:
                    entry[5].discard(frame_id)
                    kept = snapshot(value)
            key = id(getframe(1)) if entry[1] else None
            append((RETURN, code, get_ident(), now(), kept, key))

        def on_yield(code: CodeType, offset: int, value: object) -> Any:
            append((YIELD, code, get_ident(), now(), id(getframe(1))))

        def on_resume(code: CodeType, offset: int) -> Any:
            task = current_task() if entries[id(code)][1] == COROUTINE else None
            append((RESUME, code, get_ident(), now(), id(getframe(1)), task))

        def on_throw(code: CodeType, offset: int, exc: BaseException) -> Any:
            entry = entries.get(id(code))
            if entry is not None and entry[1] != PLAIN:
                task = current_task() if entry[1] == COROUTINE else None
                append((RESUME, code, get_ident(), now(), id(getframe(1)), task))

        def on_raise(code: CodeType, offset: int, exc: BaseException) -> Any:
            entry = entries.get(id(code))
            if entry is not None and (entry[1] == PLAIN or not isinstance(exc, ITERATION_SIGNALS)):
                append((RAISE, code, get_ident(), now(), exc, -offset))

        def on_unwind(code: CodeType, offset: int, exc: BaseException) -> Any:
            entry = entries.get(id(code))
            if entry is not None:
                frame_id = id(getframe(1))
                entry[5].discard(frame_id)
                key = frame_id if entry[1] else None
                append((UNWIND, code, get_ident(), now(), key, exc, -offset))

        return {
            "PY_START": on_start,
            "PY_RETURN": on_return,
            "PY_YIELD": on_yield,
            "PY_RESUME": on_resume,
            "PY_THROW": on_throw,
            "RAISE": on_raise,
            "PY_UNWIND": on_unwind,
        }
