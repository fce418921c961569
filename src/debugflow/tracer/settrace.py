"""The `sys.settrace` backend, for Python 3.10 and 3.11 (and on request on newer ones).

The global trace function sees every Python call once and returns a local trace function
only for traced code, with line events switched off for that frame. Whether a `return`
event is a return, a yield or an exception leaving the frame is read from the instruction
the frame stopped at.
"""

from __future__ import annotations

import dis
import sys
import threading
import time
from types import CodeType, FrameType
from typing import Any, ClassVar

from debugflow.tracer.backend import task_of_current_thread
from debugflow.tracer.codetable import CodeTable
from debugflow.tracer.records import (
    CALL,
    COROUTINE,
    ITERATION_SIGNALS,
    NO_VALUE,
    PLAIN,
    RAISE,
    RETURN,
    UNWIND,
    YIELD,
    RawRecord,
)
from debugflow.tracer.snapshot import snapshot

_RETURN_OPS = frozenset(dis.opmap[n] for n in ("RETURN_VALUE", "RETURN_CONST") if n in dis.opmap)
# On 3.13 a frame suspended by `yield` reports the RESUME that follows the yield.
_YIELD_OPS = frozenset(dis.opmap[n] for n in ("YIELD_VALUE", "RESUME") if n in dis.opmap)
# On 3.10 `await`/`yield from` suspend at the instruction before YIELD_FROM.
_YIELD_FROM = dis.opmap.get("YIELD_FROM", -1)
_YIELD_FROM_BYTE = bytes([_YIELD_FROM]) if _YIELD_FROM >= 0 else b""
OTHER, RETURNS, YIELDS = 0, 1, 2


def exit_kinds(code: CodeType) -> bytes:
    """For each bytecode offset: would a `return` event there be a return, a yield or neither.

    Computed once per traced code object, so telling a return from a yield or an exception
    leaving the frame is one index into these bytes.
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
    return bytes(kinds)


TraceFunction = Any
_UNTRACED_CACHE_LIMIT = 100_000


class SettraceBackend:
    """Traces with `sys.settrace` in this thread and `threading.settrace` for new ones."""

    name: ClassVar[str] = "settrace"

    def __init__(self) -> None:
        self._previous: TraceFunction = None
        self._tracer: TraceFunction = None

    def start(self, buffer: list[RawRecord], table: CodeTable) -> None:
        """Install the trace function here and for threads started from now on."""
        self._previous = sys.gettrace()
        self._tracer = _make_tracer(buffer, table)
        settrace_all = getattr(threading, "settrace_all_threads", None)
        if settrace_all is not None:  # 3.12+: reaches threads that are already running
            settrace_all(self._tracer)
        else:
            threading.settrace(self._tracer)
            sys.settrace(self._tracer)

    def stop(self) -> None:
        """Remove the trace function everywhere it was installed."""
        settrace_all = getattr(threading, "settrace_all_threads", None)
        if settrace_all is not None:
            settrace_all(None)
        else:
            threading.settrace(None)  # type: ignore[arg-type,unused-ignore]
            sys.settrace(None)
        if self._previous is not None:
            sys.settrace(self._previous)


def _make_tracer(buffer: list[RawRecord], table: CodeTable) -> TraceFunction:
    """Build the global and local trace functions with everything bound as locals.

    Entry fields by position (see codetable): 1 kind, 2 argnames, 3 budget, 4 bytecode,
    5 detailed frames. Literal indexes keep these functions as short as they can be.
    """
    append = buffer.append
    entries = table.entries
    untraced: dict[int, CodeType] = {}  # pinned by value, so an id is checked by identity
    sample_every = table.sample_every
    get_ident = threading.get_ident
    now = time.perf_counter_ns
    current_task = task_of_current_thread

    def local(frame: FrameType, event: str, arg: Any) -> TraceFunction:
        code = frame.f_code
        entry = entries[id(code)]
        if event == "return":
            _on_return(frame, code, entry, arg)
        elif event == "exception" and (
            entry[1] == PLAIN or not issubclass(arg[0], ITERATION_SIGNALS)
        ):
            append((RAISE, code, get_ident(), now(), arg[1], frame.f_lineno))
        return local

    def _on_return(frame: FrameType, code: CodeType, entry: list[Any], value: Any) -> None:
        exit_kind = entry[4][frame.f_lasti] if frame.f_lasti >= 0 else OTHER
        key = id(frame) if entry[1] else None
        if exit_kind == YIELDS and entry[1] != PLAIN:
            append((YIELD, code, get_ident(), now(), key))
            return
        detailed = entry[5]
        was_detailed = bool(detailed) and id(frame) in detailed
        if was_detailed:
            detailed.discard(id(frame))
        if exit_kind == RETURNS:
            kept = snapshot(value) if was_detailed else NO_VALUE
            append((RETURN, code, get_ident(), now(), kept, key))
        else:
            append((UNWIND, code, get_ident(), now(), key, None, frame.f_lineno))

    def on_call(frame: FrameType, event: str, arg: Any) -> TraceFunction:
        if event != "call":
            return None
        code = frame.f_code
        entry = entries.get(id(code))
        if entry is None:
            if untraced.get(id(code)) is code:
                return None
            entry = table.first_sight(code, frame)
            if entry is not None:
                entry[4] = exit_kinds(code)
            else:
                if len(untraced) > _UNTRACED_CACHE_LIMIT:
                    untraced.clear()  # programs that make code on the fly must not grow this
                untraced[id(code)] = code
                return None
        frame.f_trace_lines = False
        left = entry[3]
        entry[3] = left - 1
        kind = entry[1]
        args = line = None
        if left > 0 or not left % sample_every:
            values = frame.f_locals
            args = tuple([(n, snapshot(values[n])) for n in entry[2] if n in values])
            back = frame.f_back
            line = back.f_lineno if back is not None else None
            entry[5].add(id(frame))
        task = current_task() if kind == COROUTINE else None
        append((CALL, code, get_ident(), now(), args, line, id(frame) if kind else None, task))
        return local

    return on_call
