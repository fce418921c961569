"""The wall-clock cap: a thread that interrupts the traced thread when its time is up.

It raises `TimeCap` in the traced thread with `PyThreadState_SetAsyncExc`, which lands at the
next bytecode boundary, so it also ends loops that make no calls. If the program swallows it
(`except BaseException`), the watchdog raises it again a few times; past that, the parent
kills the child.
"""

from __future__ import annotations

import ctypes
import threading

from debugflow.ghost.child.caps import GhostStop, StopState, exception_for

_REPEAT_EVERY = 0.05
_REPEATS = 40
_DRAIN_STEPS = 3


class Watchdog:
    """Trips the `time` cap after `seconds` unless `finish()` comes first."""

    def __init__(self, seconds: float, state: StopState, reason: str = "time"):
        self._seconds = seconds
        self._state = state
        self._reason = reason
        self._target = threading.get_ident()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ghost-watchdog", daemon=True)

    def start(self) -> Watchdog:
        """Start counting; returns self."""
        self._thread.start()
        return self

    def finish(self) -> None:
        """The guarded work ended: stop the watchdog and take any interruption still on its way.

        A pending interruption is delivered at the next bytecode boundary, so it is taken in
        the loop below. (Clearing it with a NULL exception instead makes CPython 3.11 spin.)
        """
        self._done.set()
        self._thread.join()
        for _ in range(_DRAIN_STEPS):
            try:
                _boundary()
            except GhostStop:
                continue

    def _run(self) -> None:
        if self._done.wait(self._seconds):
            return
        self._state.trip(self._reason)
        kind = exception_for(self._state.reason or self._reason)
        for _ in range(_REPEATS):
            _inject(self._target, kind)
            if self._done.wait(_REPEAT_EVERY):
                return


def _boundary() -> None:
    """A function call: a point where a pending asynchronous exception is raised."""


def _inject(thread_id: int, kind: type[BaseException]) -> None:
    """Raise `kind` asynchronously in the thread `thread_id`."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(kind))
