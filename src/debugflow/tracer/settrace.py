"""The `sys.settrace` backend, for Python 3.10 and 3.11 (and on request on newer ones).

The global trace function sees every Python call once and returns a local trace function
only for traced code, with line events switched off for that frame. Whether a `return`
event is a return, a yield or an exception leaving the frame is read from the instruction
the frame stopped at. With the compiled core (see `hotcore`) and no debugger riding on it,
one C trace function (`PyEval_SetTrace`) does the work of both trace functions instead.
"""

from __future__ import annotations

import dis
import sys
import threading
from types import CodeType, FrameType
from typing import Any, ClassVar, Protocol

from debugflow.tracer.hotpath import HotPath
from debugflow.tracer.records import PLAIN

_RETURN_OPS = frozenset(dis.opmap[n] for n in ("RETURN_VALUE", "RETURN_CONST") if n in dis.opmap)
# On 3.13 a frame suspended by `yield` reports the RESUME that follows the yield.
_YIELD_OPS = frozenset(dis.opmap[n] for n in ("YIELD_VALUE", "RESUME") if n in dis.opmap)
# On 3.10 `await`/`yield from` suspend at the instruction before YIELD_FROM.
_YIELD_FROM = dis.opmap.get("YIELD_FROM", -1)
_YIELD_FROM_BYTE = bytes([_YIELD_FROM]) if _YIELD_FROM >= 0 else b""
# 3.11+: RESUME's argument says where it is: 0 at the start of the code, else after a
# yield or an await. (3.10 has no RESUME: a resumed frame has run before, `f_lasti >= 0`.)
_RESUME = dis.opmap.get("RESUME", -1)
OTHER, RETURNS, YIELDS = 0, 1, 2  # what a `return` event at an offset is (low two bits)
RESUMES = 4  # flag: a `call` event at this offset resumes a suspended frame


def exit_kinds(code: CodeType) -> bytes:
    """For each bytecode offset, what a `return` event (and a `call` event) there means.

    Computed once per traced code object, so telling a return from a yield or an exception
    leaving the frame, or a resumption from a new call, is one index into these bytes.
    """
    raw = code.co_code
    kinds = bytearray(len(raw))
    for offset in range(0, len(raw), 2):
        op = raw[offset]
        if op in _RETURN_OPS:
            kinds[offset] = RETURNS
        elif op in _YIELD_OPS or (
            _YIELD_FROM >= 0 and raw[offset + 2 : offset + 3] == _YIELD_FROM_BYTE
        ):
            kinds[offset] = YIELDS
        if op == _RESUME and raw[offset + 1] & 3:
            kinds[offset] |= RESUMES
    return bytes(kinds)


def _resumes(entry: list[Any], offset: int) -> bool:
    """Whether a `call` event of a generator or coroutine at `offset` is a resumption."""
    if _RESUME < 0:
        return offset >= 0
    return offset >= 0 and bool(entry[4][offset] & RESUMES)


def resumes_at(kinds: bytes, offset: int) -> bool:
    """Whether a `call` event at `offset` resumes a suspended frame (`kinds`: `exit_kinds`)."""
    if _RESUME < 0:
        return offset >= 0
    return offset >= 0 and bool(kinds[offset] & RESUMES)


TraceFunction = Any
_UNTRACED_CACHE_LIMIT = 100_000


class DebugHooks(Protocol):
    """A debugger riding on this backend: asked at calls while it is `active`.

    `local_trace(frame, inner)` returns the frame's local trace function: `inner` (the
    tracer's own, or None) when the debugger wants nothing of the frame, else one of the
    debugger's that calls `inner` for the events the tracer needs. While the debugger is
    `quiet` (breakpoints only: no step or pause under way), code in `settled` (by id, the
    code object as value) needs nothing and is not asked about.
    """

    active: bool
    quiet: bool
    settled: dict[int, CodeType]

    def local_trace(self, frame: FrameType, inner: TraceFunction) -> TraceFunction:
        """The local trace function for `frame`, which is being entered or resumed."""


class SettraceBackend:
    """Traces with `sys.settrace` in this thread and `threading.settrace` for new ones."""

    name: ClassVar[str] = "settrace"

    def __init__(self, debug: DebugHooks | None = None) -> None:
        self._debug = debug
        self._previous: TraceFunction = None
        self._tracer: TraceFunction = None
        # The functions that install hooks, taken when tracing starts: the program may
        # replace `threading.settrace` (even with None) and must not break our stop.
        self._settrace_all: Any = None
        self._threading_settrace: Any = None
        self._sys_settrace: Any = sys.settrace
        self._fast: Any = None  # the compiled core's trace function, when it runs

    def start(self, hot: HotPath) -> None:
        """Install the trace function here and for threads started from now on."""
        self._previous = sys.gettrace()
        self._settrace_all = getattr(threading, "settrace_all_threads", None)
        self._threading_settrace = threading.settrace
        self._sys_settrace = sys.settrace
        if self._debug is None and hot.core.compiled:
            self._fast = _make_fast_tracer(hot)
            self._threading_settrace(self._fast.install_here)  # threads started later
            if self._settrace_all is not None:
                self._fast.install_all()  # 3.12+: threads already running too
            else:
                self._fast.install()
            return
        self._tracer = _make_tracer(hot, self._debug)
        if self._settrace_all is not None:  # 3.12+: reaches threads that are already running
            self._settrace_all(self._tracer)
        else:
            self._threading_settrace(self._tracer)
            sys.settrace(self._tracer)

    def stop(self) -> None:
        """Remove the trace function everywhere it was installed."""
        if self._fast is not None:
            # Other threads still holding the C function drop it at their next event.
            self._threading_settrace(None)
            self._fast.uninstall()
            self._fast = None
        elif self._settrace_all is not None:
            self._settrace_all(None)
        else:
            self._threading_settrace(None)
            self._sys_settrace(None)
        if self._previous is not None:
            self._sys_settrace(self._previous)


def _make_fast_tracer(hot: HotPath) -> Any:
    """The compiled core's trace function over the hot path (`hotpath.HotPath.fast_path`).

    It tells the events apart as `local` below does and calls the rarer callbacks directly,
    so they find the traced frame one frame up.
    """
    table = hot.table

    def first_sight(code: CodeType, frame: FrameType | None) -> list[Any] | None:
        return table.first_sight(code, frame, exit_kinds)

    not_traced = object()
    callbacks = hot.callbacks(first_sight, not_traced, frame_depth=1, unwind_names_exception=False)
    return hot.fast_path(first_sight, not_traced, callbacks)


def _make_tracer(hot: HotPath, debug: DebugHooks | None = None) -> TraceFunction:
    """Build the global and local trace functions over the hot path's callbacks.

    The trace functions tell the events apart (a `return` event can be a return, a yield or
    an exception leaving the frame) and pass them on with the frame's bytecode offset.
    With a debugger, the global trace function is a variant that also asks it (see
    `DebugHooks`); without one, the debugger costs nothing.
    """
    table = hot.table
    entries = table.entries
    untraced: dict[int, CodeType] = {}  # pinned by value, so an id is checked by identity

    def first_sight(code: CodeType, frame: FrameType | None) -> list[Any] | None:
        return table.first_sight(code, frame, exit_kinds)

    not_traced = object()
    callbacks = hot.callbacks(first_sight, not_traced, frame_depth=2, unwind_names_exception=False)
    start, returned, yielded = callbacks.start, callbacks.returned, callbacks.yielded
    resumed, raised, unwound = callbacks.resumed, callbacks.raised, callbacks.unwound

    def local(frame: FrameType, event: str, arg: Any) -> TraceFunction:
        code = frame.f_code
        offset = frame.f_lasti
        if event == "return":
            entry = entries.get(id(code))
            exit_kind = entry[4][offset] & 3 if entry is not None and offset >= 0 else OTHER
            if exit_kind == RETURNS:
                returned(code, offset, arg)
            elif exit_kind == YIELDS and entry is not None and entry[1] != PLAIN:
                yielded(code, offset, arg)
            else:
                unwound(code, offset, None)
        elif event == "exception":
            raised(code, offset, arg[1])
        return local

    def on_call(frame: FrameType, event: str, arg: Any) -> TraceFunction:
        if event != "call":
            return None
        code = frame.f_code
        if untraced.get(id(code)) is code:
            return None
        entry = entries.get(id(code))
        if entry is not None and entry[1] != PLAIN and _resumes(entry, frame.f_lasti):
            resumed(code, frame.f_lasti)
        elif start(code, frame.f_lasti) is not_traced:
            if len(untraced) > _UNTRACED_CACHE_LIMIT:
                untraced.clear()  # programs that make code on the fly must not grow this
            untraced[id(code)] = code
            return None
        frame.f_trace_lines = False
        return local

    if debug is None:
        return on_call
    settled = debug.settled

    def on_call_debugged(frame: FrameType, event: str, arg: Any) -> TraceFunction:
        # on_call's body, inline: the hot path reads the traced frame two frames up.
        if event != "call":
            return None
        code = frame.f_code
        inner: TraceFunction = None
        if untraced.get(id(code)) is not code:
            entry = entries.get(id(code))
            if entry is not None and entry[1] != PLAIN and _resumes(entry, frame.f_lasti):
                resumed(code, frame.f_lasti)
                inner = local
            elif start(code, frame.f_lasti) is not_traced:
                if len(untraced) > _UNTRACED_CACHE_LIMIT:
                    untraced.clear()
                untraced[id(code)] = code
            else:
                frame.f_trace_lines = False
                inner = local
        if not debug.active or (debug.quiet and settled.get(id(code)) is code):
            return inner
        return debug.local_trace(frame, inner)

    return on_call_debugged
