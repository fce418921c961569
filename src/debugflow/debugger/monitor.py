"""The debugger on `sys.monitoring` (Python 3.12+), under a tool id of its own.

It turns on only what the breakpoints and steps need, so a run with no breakpoints and no
step under way has no event of this tool on at all:

- with breakpoints: PY_START and PY_RESUME globally, answering DISABLE after their first
  sight of each code object; LINE and JUMP locally on code objects that have a breakpoint
  line (and DISABLE at their other lines); RAISE for `raised`, PY_UNWIND for `uncaught`;
- while a step is under way, a pause is asked for, or threads are held while one is
  paused (`pause_all`): LINE, JUMP, PY_RETURN, PY_YIELD and
  STOP_ITERATION locally on every traced code object, and PY_THROW, RAISE and PY_UNWIND
  globally. `restart_events()` brings back what was disabled when this starts;
- with focused functions (line traces): PY_START and PY_RESUME globally as for breakpoints,
  LINE, JUMP, PY_RETURN and PY_YIELD locally on the focused code objects only (never
  disabled there), and PY_UNWIND globally (an exception leaving a focused call ends its
  trace; it has no local form).

The events are turned into the ones `sys.settrace` would give, the way CPython builds its
settrace on the same events: PY_START, PY_RESUME and PY_THROW are calls; PY_RETURN, PY_YIELD
and PY_UNWIND are returns; RAISE and STOP_ITERATION are exceptions; LINE is a line, and so is
a JUMP backwards to an instruction of the same line (settrace reports every backward jump).
"""

from __future__ import annotations

import sys
from types import CodeType, FrameType
from typing import Any

from debugflow.debugger.codebook import CodeBook, CodeInfo
from debugflow.debugger.focus import LineEvents, NoLines
from debugflow.debugger.stops import StopEngine
from debugflow.errors import BackendUnavailable
from debugflow.logfile import OwnLog

log = OwnLog("debugflow.debugger")
_TOOL_IDS = (0, 5, 4, 3, 2)  # DEBUGGER_ID first; DebugFlow's tracer takes 2, 3 or 4


def _monitoring() -> Any:
    """`sys.monitoring`, typed loosely so the module type-checks on Python 3.10 too."""
    return getattr(sys, "monitoring")  # noqa: B009


class MonitoringAdapter:
    """Connects `sys.monitoring` events to the stop engine (see the module docstring)."""

    def __init__(self, engine: StopEngine, book: CodeBook) -> None:
        self.engine = engine
        self.book = book
        self.lines: LineEvents = NoLines()  # where focused frames' events go
        self.tool_id: int | None = None
        self._events = _monitoring().events
        self._local: dict[int, tuple[CodeType, int]] = {}  # code id -> (code, local events)
        self._lines: dict[int, tuple[CodeType, dict[int, int]]] = {}  # code id -> offset lines
        self._everywhere = False

    def start(self) -> None:
        """Claim a tool id and register the callbacks (no event is on yet)."""
        monitoring = _monitoring()
        self.tool_id = _claim()
        e = self._events
        callbacks = {
            e.PY_START: self._on_start, e.PY_RESUME: self._on_resume, e.PY_THROW: self._on_throw,
            e.PY_RETURN: self._on_return, e.PY_YIELD: self._on_yield,
            e.PY_UNWIND: self._on_unwind, e.RAISE: self._on_raise,
            e.STOP_ITERATION: self._on_raise, e.LINE: self._on_line, e.JUMP: self._on_jump,
        }  # fmt: skip
        for event, callback in callbacks.items():
            monitoring.register_callback(self.tool_id, event, callback)

    def stop(self) -> None:
        """Turn every event off and free the tool id."""
        if self.tool_id is None:
            return
        monitoring, tool = _monitoring(), self.tool_id
        self.tool_id = None
        monitoring.set_events(tool, 0)
        for code, _ in self._local.values():
            monitoring.set_local_events(tool, code, 0)
        self._local.clear()
        monitoring.free_tool_id(tool)

    def refresh(self) -> None:
        """Turn on what the breakpoints and the steps under way need, and nothing else."""
        if self.tool_id is None:
            return
        monitoring, e, table = _monitoring(), self._events, self.book.table
        self._everywhere = everywhere = self.engine.everywhere
        focus = self.book.focus
        events = 0
        if table or everywhere or focus:
            events |= e.PY_START | e.PY_RESUME
        if everywhere:
            events |= e.PY_THROW | e.RAISE | e.PY_UNWIND
        if focus:
            events |= e.PY_UNWIND
        if table.raised:
            events |= e.RAISE
        if table.uncaught:
            events |= e.PY_UNWIND
        for code, _ in list(self._local.values()):
            self._enable(self.book.info(code, None))
        for frame in _running_frames():
            self._enable(self.book.info(frame.f_code, frame))
        monitoring.set_events(self.tool_id, events)
        monitoring.restart_events()

    def planned(self, thread: int, frame: FrameType) -> None:
        """A thread's step changed: `refresh` follows, which is all monitoring needs."""

    # -- what each code object gets ----------------------------------------------------------

    def _wanted(self, info: CodeInfo) -> int:
        e = self._events
        wanted = 0
        if self._everywhere and info.traced:
            wanted |= e.LINE | e.JUMP | e.PY_RETURN | e.PY_YIELD | e.STOP_ITERATION
        if info.breakpoint_lines or info.functions:
            wanted |= e.LINE | e.JUMP
        if info.focused:
            wanted |= e.LINE | e.JUMP | e.PY_RETURN | e.PY_YIELD
        return wanted

    def _enable(self, info: CodeInfo) -> None:
        wanted = self._wanted(info)
        key = id(info.code)
        current = self._local.get(key)
        if (current[1] if current is not None else 0) == wanted or self.tool_id is None:
            return
        _monitoring().set_local_events(self.tool_id, info.code, wanted)
        if wanted:
            self._local[key] = (info.code, wanted)
        else:
            self._local.pop(key, None)

    # -- callbacks ---------------------------------------------------------------------------

    def _on_start(self, code: CodeType, offset: int) -> Any:
        frame = sys._getframe(1)
        try:
            info = self.book.info(code, frame)
            self._enable(info)
            if info.functions:
                self.engine.call(frame, True)
                return None
        except Exception:
            log.exception("the debugger failed at a call")
        return _monitoring().DISABLE

    def _on_resume(self, code: CodeType, offset: int) -> Any:
        try:
            self._enable(self.book.info(code, sys._getframe(1)))
        except Exception:
            log.exception("the debugger failed at a resumption")
        return _monitoring().DISABLE

    def _on_throw(self, code: CodeType, offset: int, error: BaseException) -> Any:
        try:
            self._enable(self.book.info(code, sys._getframe(1)))
        except Exception:
            log.exception("the debugger failed at a throw")

    def _on_line(self, code: CodeType, line: int) -> Any:
        return self._line(sys._getframe(1), line)

    def _line(self, frame: FrameType, line: int) -> Any:
        try:
            info = self.book.info(frame.f_code, frame)
            if info.focused:
                self.lines.line(frame, line)
                if not (info.breakpoint_lines or info.functions or self.engine.everywhere):
                    return None  # nothing for the stop engine here
            if self.engine.line(frame, line) or info.focused:
                return None
        except Exception:
            log.exception("the debugger failed at a line")
            return None
        return _monitoring().DISABLE

    def _on_jump(self, code: CodeType, source: int, target: int) -> Any:
        if target > source:
            return _monitoring().DISABLE
        lines = self._lines_of(code)
        line = lines.get(target)
        if line is None or line != lines.get(source):
            return _monitoring().DISABLE  # a new line: its LINE event reports it
        return self._line(sys._getframe(1), line)

    def _on_return(self, code: CodeType, offset: int, value: object) -> Any:
        try:
            frame = sys._getframe(1)
            if self.book.info(code, frame).focused:
                self.lines.ended(frame)
            self.engine.returning(frame, None)
        except Exception:
            log.exception("the debugger failed at a return")

    def _on_yield(self, code: CodeType, offset: int, value: object) -> Any:
        try:
            frame = sys._getframe(1)
            if self.book.info(code, frame).focused:
                self.lines.suspended(frame)
            self.engine.returning(frame, None, yielded=True)
        except Exception:
            log.exception("the debugger failed at a yield")

    def _on_unwind(self, code: CodeType, offset: int, error: BaseException) -> Any:
        try:
            frame = sys._getframe(1)
            if self.book.focus and self.book.info(code, frame).focused:
                self.lines.ended(frame)
            self.engine.returning(frame, error)
        except Exception:
            log.exception("the debugger failed at an unwind")

    def _on_raise(self, code: CodeType, offset: int, error: BaseException) -> Any:
        try:
            self.engine.exception(sys._getframe(1), error, error.__traceback__)
        except Exception:
            log.exception("the debugger failed at an exception")

    def _lines_of(self, code: CodeType) -> dict[int, int]:
        found = self._lines.get(id(code))
        if found is not None and found[0] is code:
            return found[1]
        lines = {
            offset: line
            for start, end, line in code.co_lines()
            if line is not None
            for offset in range(start, end, 2)
        }
        self._lines[id(code)] = (code, lines)
        return lines


def _claim() -> int:
    monitoring = _monitoring()
    for tool_id in _TOOL_IDS:
        if monitoring.get_tool(tool_id) is None:
            monitoring.use_tool_id(tool_id, "debugflow-debugger")
            return tool_id
    raise BackendUnavailable("every sys.monitoring tool id is taken; the debugger cannot run")


def _running_frames() -> list[FrameType]:
    """Every frame on every thread's stack right now."""
    frames: list[FrameType] = []
    for top in sys._current_frames().values():
        frame: FrameType | None = top
        while frame is not None:
            frames.append(frame)
            frame = frame.f_back
    return frames
