"""The ghost pass's tracer: records project calls as protocol events and enforces the call cap.

It runs under `sys.settrace` inside the sandbox child. Each project call becomes a
`CallStarted` with previews of the values it received; a return or an exception becomes a
`CallEnded`. The call past the cap raises `CallCap` from the trace function, which also
removes the trace function: the calls still open at that moment get no `CallEnded`, which is
how the HUD knows they were left running. Generator and coroutine resumptions are not new calls.
"""

from __future__ import annotations

import dis
import inspect
import linecache
import os
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import CodeType, FrameType, FunctionType
from typing import Any

from debugflow.ghost.child.caps import StopState
from debugflow.ghost.child.previews import preview
from debugflow.protocol import ArgPreview, CallEnded, CallStarted, Event

Emit = Callable[[Event], None]
Blame = Callable[[int, int, str, list[str]], None]  # call id, origin call id, function, params
_SUSPENDABLE = inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR
_YIELDS = {dis.opmap[n] for n in ("YIELD_VALUE", "YIELD_FROM") if n in dis.opmap}
_MAX_MESSAGE = 300


@dataclass
class _Open:
    call_id: int
    function: str
    args: tuple[ArgPreview, ...]


class GhostProbe:
    """Counts and records project calls; `wants(code)` decides what is project code."""

    def __init__(
        self,
        wants: Callable[[CodeType, str], bool],
        ids: dict[tuple[str, int], str],
        state: StopState,
        max_calls: int,
        emit: Emit,
        blame: Blame,
    ):
        self._wants = wants
        self._ids = ids
        self._state = state
        self.max_calls = max_calls
        self._emit = emit
        self._blame = blame
        self.calls = 0
        self.reached: dict[str, int] = {}
        self._open: dict[int, _Open] = {}
        self._pending: dict[int, tuple[BaseException, int]] = {}
        self._origins: dict[int, tuple[BaseException, int]] = {}  # id(exc) -> (exc, first call)
        self._wanted: dict[CodeType, str | None] = {}

    def start(self) -> None:
        """Trace this thread and threads started from now on."""
        threading.settrace(self._global)
        sys.settrace(self._global)

    def stop(self) -> None:
        """Stop tracing."""
        sys.settrace(None)
        threading.settrace(_no_trace)

    def _global(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event != "call" or self._state.reason is not None:
            return None
        function = self._function_id(frame)
        if function is None:
            return None
        if id(frame) not in self._open:
            self._enter(frame, function)
        return self._local

    def _function_id(self, frame: FrameType) -> str | None:
        code = frame.f_code
        if code not in self._wanted:
            module = str(frame.f_globals.get("__name__", ""))
            wanted = not code.co_name.startswith("<") and self._wants(code, module)
            static = self._ids.get((os.path.realpath(code.co_filename), code.co_firstlineno))
            name = _qualname(code, frame.f_globals)
            self._wanted[code] = (static or f"{module}:{name}") if wanted else None
        return self._wanted[code]

    def _enter(self, frame: FrameType, function: str) -> None:
        if self.calls >= self.max_calls:
            raise self._state.trip("calls")
        self.calls += 1
        self.reached[function] = self.reached.get(function, 0) + 1
        call_id = self.calls
        args = _arguments(frame)
        self._open[id(frame)] = _Open(call_id, function, args)
        module, _, qualname = function.partition(":")
        parent = self._parent(frame)
        back = frame.f_back
        self._emit(
            CallStarted(
                call_id=call_id,
                parent_id=parent,
                thread_id=threading.get_ident(),
                task_id=None,
                function=qualname,
                module=module,
                file=frame.f_code.co_filename,
                line=frame.f_code.co_firstlineno,
                call_line=back.f_lineno if back is not None and parent is not None else None,
                args=args,
                start_ns=time.perf_counter_ns(),
            )
        )

    def _parent(self, frame: FrameType) -> int | None:
        back = frame.f_back
        while back is not None:
            found = self._open.get(id(back))
            if found is not None:
                return found.call_id
            back = back.f_back
        return None

    def _local(self, frame: FrameType, event: str, arg: Any) -> Any:
        if self._state.reason is not None:
            return None
        key = id(frame)
        if event == "exception":
            self._pending[key] = (arg[1], frame.f_lineno)
        elif event == "line":
            self._pending.pop(key, None)
        elif event == "return":
            self._leave(frame, arg)
        return self._local

    def _leave(self, frame: FrameType, value: object) -> None:
        key = id(frame)
        call = self._open.get(key)
        if call is None:
            return
        pending = self._pending.pop(key, None)
        if pending is None and frame.f_code.co_flags & _SUSPENDABLE and _suspending(frame):
            return  # a yield or an await: the call goes on later
        del self._open[key]
        if pending is None:
            self._emit(_returned(call.call_id, value))
        else:
            self._emit(self._raised(frame, call, *pending))

    def _raised(self, frame: FrameType, call: _Open, exc: BaseException, line: int) -> CallEnded:
        seen = self._origins.get(id(exc))
        if seen is None or seen[0] is not exc:  # ids of dead exceptions are reused
            seen = self._origins[id(exc)] = (exc, call.call_id)
        origin = seen[1]
        if origin == call.call_id:
            self._blame(call.call_id, origin, call.function, _culprits(frame, call, line))
        else:
            self._blame(call.call_id, origin, call.function, [])
        return CallEnded(
            call_id=call.call_id,
            end_ns=time.perf_counter_ns(),
            outcome="exception",
            exc_type=_qualified(type(exc)),
            exc_message=_message(exc),
            exc_line=line if origin == call.call_id else None,
        )


def _qualname(code: CodeType, namespace: dict[str, Any]) -> str:
    """The qualified name of a code object (Python 3.10 has no `co_qualname`: look for the
    function among the module's functions and the methods of its classes)."""
    found = getattr(code, "co_qualname", None)
    if isinstance(found, str):
        return found
    for value in list(namespace.values()):
        members = list(vars(value).values()) if isinstance(value, type) else [value]
        for member in members:
            if isinstance(member, staticmethod | classmethod):
                member = member.__func__
            elif isinstance(member, property):
                member = member.fget
            if isinstance(member, FunctionType) and member.__code__ is code:
                return member.__qualname__
    return code.co_name


def _no_trace(frame: FrameType, event: str, arg: Any) -> None:
    """Installed for new threads once the pass is over (the same as no trace function)."""


def _arguments(frame: FrameType) -> tuple[ArgPreview, ...]:
    code = frame.f_code
    count = code.co_argcount + code.co_kwonlyargcount
    count += bool(code.co_flags & inspect.CO_VARARGS) + bool(code.co_flags & inspect.CO_VARKEYWORDS)
    values = frame.f_locals
    names = [n for n in code.co_varnames[:count] if n in values]
    return tuple(preview(name, values[name]) for name in names)


def _returned(call_id: int, value: object) -> CallEnded:
    return CallEnded(
        call_id=call_id,
        end_ns=time.perf_counter_ns(),
        outcome="return",
        value=preview("return", value),
    )


def _suspending(frame: FrameType) -> bool:
    """True when a generator/coroutine frame is pausing at a yield or await, not finishing."""
    code = frame.f_code.co_code
    at = frame.f_lasti
    # Python 3.10 parks an `await` one instruction before its YIELD_FROM.
    return any(0 <= i < len(code) and code[i] in _YIELDS for i in (at, at + 2))


def _culprits(frame: FrameType, call: _Open, line: int) -> list[str]:
    """Labels of the parameters named on the line that raised (else the stand-in ones)."""
    words = set(re.findall(r"\w+", linecache.getline(frame.f_code.co_filename, line)))
    named = [a.label() for a in call.args if a.name in words]
    return named or [a.label() for a in call.args if a.type == "stand-in"]


def _qualified(kind: type) -> str:
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def _message(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:
        text = "<message unavailable>"
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"
