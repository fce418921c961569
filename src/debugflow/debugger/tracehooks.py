"""The debugger on `sys.settrace` (Python 3.10 and 3.11, and on request on newer ones).

The settrace backend asks `local_trace(frame, inner)` at every call while the debugger is
`active` (it has breakpoints, or a step or pause is under way); with nothing to do, the
backend's own trace function runs alone. A frame gets a local trace of the debugger's only
when its code has a breakpoint, or is traced code while its thread steps, a pause is asked
for or threads are held while one is paused (line events), or while exception breakpoints
are set (exception and return events); the tracer's own local trace, if the frame has one,
is called inside it.

A frame of a focused function (line traces) gets one too, with line events on; its line,
yield and return events also go to the line tracer (`lines`).

Frames already running when a step starts get the local trace from the stepping thread
itself (`planned`), and those of every thread when a breakpoint is added or a pause asked
for (`refresh`), so a step or a new breakpoint takes effect in code that is already running.
"""

from __future__ import annotations

import sys
import threading
from types import CodeType, FrameType, TracebackType
from typing import Any

from debugflow.debugger.codebook import CodeBook, CodeInfo
from debugflow.debugger.focus import LineEvents, NoLines
from debugflow.debugger.stops import StopEngine
from debugflow.logfile import OwnLog
from debugflow.tracer.settrace import RETURNS, YIELDS, exit_kinds, resumes_at

log = OwnLog("debugflow.debugger")
_SETTLED_LIMIT = 200_000  # code objects remembered as settled (programs that make code)


class DebugLocal:
    """A frame's local trace function: the debugger's events, then the tracer's."""

    __slots__ = ("exception", "focused", "hooks", "inner", "traceback")

    def __init__(self, hooks: SettraceAdapter, inner: Any, focused: bool) -> None:
        self.hooks = hooks
        self.inner = inner
        self.focused = focused  # its line, yield and return events go to the line tracer
        # The last exception seen in this frame, and its traceback then: before 3.12 an
        # exception on its way up does not hold its traceback yet.
        self.exception: BaseException | None = None
        self.traceback: TracebackType | None = None

    def __call__(self, frame: FrameType, event: str, arg: Any) -> DebugLocal:
        engine = self.hooks.engine
        try:
            if event == "line":
                if self.focused:
                    self.hooks.lines.line(frame, frame.f_lineno)
                    info = self.hooks.book.info(frame.f_code, frame)
                    if not (info.breakpoint_lines or info.functions or engine.everywhere):
                        return self  # nothing for the stop engine here
                engine.line(frame, frame.f_lineno)
                return self
            if self.inner is not None:
                self.inner(frame, event, arg)
            if event == "return":
                kind = self._exit_kind(frame)
                if self.focused and kind == YIELDS:
                    self.hooks.lines.suspended(frame)
                elif self.focused:
                    self.hooks.lines.ended(frame)
                error = self.exception if kind not in (RETURNS, YIELDS) else None
                engine.returning(frame, error, kind == YIELDS, self.traceback)
            elif event == "exception":
                self.exception, self.traceback = arg[1], arg[2]
                engine.exception(frame, arg[1], arg[2])
        except Exception:
            log.exception("the debugger failed at a %s event", event)
        return self

    def _exit_kind(self, frame: FrameType) -> int:
        """What a `return` event is: a return, a yield, or (neither) an exception leaving."""
        offset = frame.f_lasti
        return self.hooks.exit_kinds(frame.f_code)[offset] & 3 if offset >= 0 else 0


class SettraceAdapter:
    """What the settrace backend calls into; see the module docstring."""

    def __init__(self, engine: StopEngine, book: CodeBook) -> None:
        self.engine = engine
        self.book = book
        self.lines: LineEvents = NoLines()  # where focused frames' events go
        self.active = False
        self.quiet = True  # breakpoints only: no step, pause or exception breakpoint
        self.settled: dict[int, CodeType] = {}  # code without breakpoints, while quiet
        self._kinds: dict[int, tuple[CodeType, bytes]] = {}

    def exit_kinds(self, code: CodeType) -> bytes:
        """What a return event at each offset of `code` means (see `tracer.settrace`)."""
        found = self._kinds.get(id(code))
        if found is None or found[0] is not code:
            found = self._kinds[id(code)] = (code, exit_kinds(code))
        return found[1]

    def local_trace(self, frame: FrameType, inner: Any) -> Any:
        """The local trace function for a frame that starts or resumes."""
        info = self.book.info(frame.f_code, frame)
        tid = threading.get_ident()
        lines = self._lines(info, tid)
        if not (lines or (info.traced and self._exceptions(tid))):
            if self.quiet and not info.watched and len(self.settled) < _SETTLED_LIMIT:
                self.settled[id(info.code)] = info.code
            return inner
        if info.functions:
            self.engine.call(frame, not resumes_at(self.exit_kinds(frame.f_code), frame.f_lasti))
        frame.f_trace_lines = lines
        return DebugLocal(self, inner, info.focused)

    def refresh(self) -> None:
        """Breakpoints or a pause request changed: reach the frames already running."""
        self._settle()
        self.settled.clear()  # a new breakpoint may be in code settled before
        for tid, top in sys._current_frames().items():
            self._reach(top, tid)

    def planned(self, thread: int, frame: FrameType) -> None:
        """On the stepping thread: its step changed; reach its own frames."""
        self._settle()
        self._reach(frame, thread)

    def _settle(self) -> None:
        table, engine = self.book.table, self.engine
        self.active = bool(table) or engine.everywhere or bool(self.book.focus)
        self.quiet = not (engine.everywhere or table.raised or table.uncaught)

    def stop(self) -> None:
        """Nothing more to reach (the backend removes the trace functions)."""
        self.active = False

    def _reach(self, top: FrameType | None, tid: int) -> None:
        frame = top
        while frame is not None:
            info = self.book.info(frame.f_code, frame)
            lines = self._lines(info, tid)
            current = frame.f_trace
            if isinstance(current, DebugLocal):
                frame.f_trace_lines = lines
                current.focused = info.focused
            elif lines or (info.traced and self._exceptions(tid)):
                frame.f_trace = DebugLocal(self, current, info.focused)
                frame.f_trace_lines = lines
            frame = frame.f_back

    def _lines(self, info: CodeInfo, tid: int) -> bool:
        if info.watched:
            return True
        return info.traced and (tid in self.engine.plans or self.engine.pausing)

    def _exceptions(self, tid: int) -> bool:
        table = self.book.table
        return bool(table.raised or table.uncaught) or tid in self.engine.plans
