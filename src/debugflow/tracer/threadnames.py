"""Learns the name of each thread as it starts, before it can finish and take its name along.

A profile hook for new threads (`threading.setprofile`) fires once per thread, on the new
thread before it runs any of the program's code, hands the name to the hot path (which
gives the thread its lane) and removes itself, so it costs one call per thread. It is not
installed when the program or another tool already has a thread profile hook.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from types import FrameType


class ThreadNamer:
    """Tells `began(name)`, on each thread started while it is on, that the thread began."""

    def __init__(self, began: Callable[[str], None]) -> None:
        self._began = began
        self._installed = False
        # Taken at start: the program may replace `threading.setprofile` before we stop.
        self._setprofile: Callable[..., object] = threading.setprofile

    def start(self) -> None:
        """Hook threads started from now on, unless someone else's hook is there."""
        self._setprofile = threading.setprofile
        if threading.getprofile() is None:
            self._setprofile(self._first_event)
            self._installed = True

    def stop(self) -> None:
        """Remove the hook for threads started later."""
        if self._installed:
            self._setprofile(None)
            self._installed = False

    def _first_event(self, frame: FrameType, event: str, arg: object) -> None:
        sys.setprofile(None)
        self._began(threading.current_thread().name)


def live_thread_name(tid: int) -> str:
    """The name of a running thread, or `thread <id>` once it is gone."""
    for thread in threading.enumerate():
        if thread.ident == tid:
            return thread.name
    return f"thread {tid}"
