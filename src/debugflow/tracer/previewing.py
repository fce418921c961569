"""Previews made on the program's thread, at the call and at its return, within a time budget.

A call kept in detail has its arguments previewed when it starts and its return value when
it returns, and an exception's text is taken when it is raised, in the traced thread itself.
The records the hot path hands to the collector then hold text only, never the program's
objects, so every object is freed exactly when it would be without tracing (a tensor, a file
closed in `__del__`, an entry of a weak-reference cache).

Previews can run the program's code (`--repr user`, an exception's `__str__`, a registered
preview). One that runs past its budget is abandoned: the collector thread, which wakes
every few milliseconds anyway, raises `PreviewAbandoned` in the previewing thread, the
preview stops where it is, and the value is marked as abandoned. Values of a type whose
preview was abandoned get the safe preview from then on (the program's `__repr__` of that
type, or a registered preview, is not called again in this run; see `formatting.guarded`),
so a slow `__repr__` costs the program one budget, not one per call; an exception type whose
`__str__` was abandoned is not asked for its text again. Code blocked inside C (a `sleep`, a
lock) cannot be interrupted this way; docs/security.md says so.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from debugflow.errors import PreviewAbandoned
from debugflow.protocol import ArgPreview
from debugflow.tracer.exctext import message, type_name

T = TypeVar("T")
Describe = Callable[[str, object], ArgPreview]

BUDGET_NS = 250_000_000  # one preview may take this long before it is abandoned


def abandoned_text(budget_ns: int) -> str:
    """What a value whose preview was abandoned shows."""
    return f"<preview abandoned after {budget_ns // 1_000_000} ms>"


def message_abandoned_text(budget_ns: int) -> str:
    """What an exception whose `__str__` was abandoned (now or before) shows as its message."""
    return f"<str() abandoned after {budget_ns // 1_000_000} ms>"


class ExcSeen(NamedTuple):
    """An exception as the records carry it: its identity while it is alive, and its text."""

    ident: int
    type: str
    message: str | None  # None: not read yet (see `HotPath`); records carry it read

    def text(self) -> str:
        """`Type: message`, as caught exceptions are listed."""
        return f"{self.type}: {self.message}"


class Previewer:
    """Makes previews within a time budget; `check()` abandons those past it.

    `check()` runs on another thread (the collector's). A thread making a preview has a slot
    `[started_ns, fired]` in `_running`; the lock makes "still in this preview" and "raise
    into it" one step, and the previewing thread takes an exception raised too late to reach
    the preview before it leaves, so `PreviewAbandoned` never escapes into the program.
    """

    def __init__(
        self,
        describe: Describe,
        budget_ns: int = BUDGET_NS,
        clock: Callable[[], int] = time.perf_counter_ns,
    ) -> None:
        self._describe = describe
        self._budget_ns = budget_ns
        self._clock = clock
        self._lock = threading.Lock()
        self._running: dict[int, list[Any]] = {}
        self._slow_messages: weakref.WeakSet[type] = weakref.WeakSet()
        self.abandoned = 0
        self.abandoned_text = abandoned_text(budget_ns)
        self.message_abandoned_text = message_abandoned_text(budget_ns)

    def arg(self, name: str, value: object) -> ArgPreview:
        """The preview of one named value (`return` for a return value); never raises."""
        done, preview = self._within_budget(self._describe, name, value)
        if done:
            return preview  # type: ignore[return-value]
        return ArgPreview(name, _label(type(value)), self.abandoned_text)

    def exception(self, exc: BaseException) -> ExcSeen:
        """An exception's identity and text (its `__str__` is the program's code)."""
        kind = type(exc)
        if kind in self._slow_messages:
            return ExcSeen(id(exc), type_name(exc), self.message_abandoned_text)
        done, text = self._within_budget(message, exc)
        if not done:
            self._slow_messages.add(kind)
            text = self.message_abandoned_text
        return ExcSeen(id(exc), type_name(exc), text)

    def check(self) -> None:
        """Abandon every preview that has run past its budget (called from another thread)."""
        if not self._running:
            return
        now = self._clock()
        with self._lock:
            for tid, slot in list(self._running.items()):
                if not slot[1] and now - slot[0] > self._budget_ns:
                    slot[1] = True
                    self.abandoned += 1
                    _raise_in_thread(tid, PreviewAbandoned)

    def _within_budget(self, fn: Callable[..., T], *args: Any) -> tuple[bool, T | None]:
        """`(True, fn(*args))`, or `(False, None)` when it was abandoned."""
        tid = threading.get_ident()
        slot = [self._clock(), False]
        outer = self._running.get(tid)
        self._running[tid] = slot
        result: T | None = None
        done = delivered = False
        try:
            result = fn(*args)
            done = True
        except PreviewAbandoned:
            delivered = True
        while True:
            try:
                if self._leave(tid, slot, outer) and not delivered:
                    _absorb()  # raised into us after fn returned: take it here
                return done and not delivered, result
            except PreviewAbandoned:
                delivered = True

    def _leave(self, tid: int, slot: list[Any], outer: list[Any] | None) -> bool:
        """Take this thread's slot back (idempotent); whether `check()` fired on it."""
        with self._lock:
            if self._running.get(tid) is slot:
                if outer is None:
                    del self._running[tid]
                else:
                    self._running[tid] = outer
            return bool(slot[1])


def _absorb() -> None:
    """Run bytecode until a pending `PreviewAbandoned` is delivered (it raises out of here).

    Withdrawing a pending asynchronous exception instead (`PyThreadState_SetAsyncExc` with
    NULL) leaves CPython 3.11's eval breaker set for good, and a generator resumed afterwards
    spins forever. Every backward jump checks for it, so the first turns deliver it; if none
    does, the program's own code caught it, and nothing is pending.
    """
    for _ in range(100_000):
        pass


def _label(kind: type) -> str:
    try:
        return str(kind.__qualname__)
    except Exception:
        return "object"


def _raise_in_thread(tid: int, exc_type: type[BaseException]) -> None:
    """Raise `exc_type` in thread `tid` when it next checks for pending work."""
    try:
        import ctypes  # only when a preview overruns: most runs never load it
    except ImportError:  # a Python built without ctypes cannot interrupt; the preview runs on
        return
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(exc_type))
