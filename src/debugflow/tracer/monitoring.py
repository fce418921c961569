"""The `sys.monitoring` (PEP 669) backend, for Python 3.12 and newer.

PY_START is enabled globally and answers `DISABLE` for code outside the traced set, so such
code costs nothing after its first call. Return, yield and resume events are enabled locally,
on traced code objects only. Exception events cannot be local; their callbacks do one dict
lookup and leave. With the compiled core (see `hotcore`), every event calls a C function
first.
"""

from __future__ import annotations

import sys
from types import CodeType, FrameType
from typing import Any, ClassVar

from debugflow.errors import BackendUnavailable
from debugflow.tracer.codetable import CodeTable
from debugflow.tracer.hotpath import MONITORING_EVENTS, Callbacks, HotPath
from debugflow.tracer.records import PLAIN


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

    def start(self, hot: HotPath) -> None:
        """Claim a tool id, register callbacks and turn on PY_START and exception events."""
        global _sessions_started
        monitoring = _monitoring()
        self.tool_id = _claim_tool_id()
        self._table = hot.table
        if _sessions_started:
            # Code disabled by an earlier session in this process stays disabled for our
            # tool id until events are restarted.
            monitoring.restart_events()
        _sessions_started += 1
        events = monitoring.events
        callbacks = hot.callbacks(
            self._first_sight, monitoring.DISABLE, frame_depth=1, unwind_names_exception=True
        )
        fast = hot.fast_path(self._first_sight, monitoring.DISABLE, callbacks)
        if fast is not None:  # the compiled core: every event goes to C first
            callbacks = Callbacks(
                fast.start, fast.returned, fast.yielded, fast.resumed, fast.thrown, fast.raised,
                fast.unwound,
            )  # fmt: skip
        for event_name, callback in callbacks.by_event().items():
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
        for event_name in MONITORING_EVENTS:
            monitoring.register_callback(self.tool_id, getattr(monitoring.events, event_name), None)
        monitoring.free_tool_id(self.tool_id)
        self.tool_id = None
        self._enabled_codes.clear()

    def _first_sight(self, code: CodeType, frame: FrameType | None) -> list[Any] | None:
        """Make the entry of newly seen code and turn its local events on if it is traced."""
        assert self._table is not None
        tool_id = self.tool_id
        if tool_id is None:
            return None  # another thread's first call while tracing stops: not traced
        entry = self._table.first_sight(code, frame)
        if entry is None:
            return None
        events = _monitoring().events
        wanted = events.PY_RETURN
        if entry[1] != PLAIN:
            wanted |= events.PY_YIELD | events.PY_RESUME
        try:
            _monitoring().set_local_events(tool_id, code, wanted)
        except ValueError:  # the tool id was freed meanwhile (tracing stopped)
            return None
        self._enabled_codes.append(code)
        return entry


def _claim_tool_id() -> int:
    monitoring = _monitoring()
    for tool_id in _PREFERRED_TOOL_IDS:
        if monitoring.get_tool(tool_id) is None:
            monitoring.use_tool_id(tool_id, "debugflow")
            return tool_id
    raise BackendUnavailable(
        "every sys.monitoring tool id DebugFlow may use (2, 3, 4) is taken by other tools"
    )
