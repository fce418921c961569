"""The caps that end a ghost pass and the private exceptions that carry the stop through user code.

They derive from BaseException so `except Exception:` in the program does not swallow them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class GhostStop(BaseException):
    """A cap tripped; the pass unwinds and ends."""

    reason = "stopped"


class CallCap(GhostStop):
    """The pass made as many project calls as it may."""

    reason = "calls"


class TimeCap(GhostStop):
    """The pass ran as long as it may."""

    reason = "time"


class InputCap(GhostStop):
    """The program asked for more `input()` answers than the pass gives."""

    reason = "inputs"


_BY_REASON: dict[str, type[GhostStop]] = {c.reason: c for c in (CallCap, TimeCap, InputCap)}


class StopState:
    """The first cap that tripped, shared by the tracer, the sandbox and the watchdog."""

    def __init__(self, on_trip: Callable[[str], None] | None = None):
        self.reason: str | None = None
        self._lock = threading.Lock()
        self._on_trip = on_trip

    def trip(self, reason: str) -> GhostStop:
        """Record `reason` (the first one wins) and return the exception that carries it."""
        with self._lock:
            first = self.reason is None
            if first:
                self.reason = reason
        if first and self._on_trip is not None:
            self._on_trip(reason)
        return exception_for(self.reason or reason)()


def exception_for(reason: str) -> type[GhostStop]:
    """The exception class of a stop reason."""
    return _BY_REASON.get(reason, GhostStop)
