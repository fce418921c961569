"""Cinematic pacing for `launch(..., Real_Time=False)`: a pause at each traced call.

A separate profile hook, installed only when asked for, so the tracing hot path never
checks for it. It slows the program on purpose, so a person can follow the spine.
"""

from __future__ import annotations

import sys
import threading
import time
from types import FrameType
from typing import Any

from debugflow.tracer.codefilter import CodeFilter

CINEMATIC_DELAY_S = 0.15


class Pacer:
    """Sleeps `delay` seconds whenever a traced function is entered, in every thread."""

    def __init__(self, code_filter: CodeFilter, delay: float = CINEMATIC_DELAY_S) -> None:
        self._filter = code_filter
        self._delay = delay
        self._previous: Any = None

    def start(self) -> None:
        """Install the profile hook here and for new threads."""
        self._previous = sys.getprofile()
        sys.setprofile(self._hook)
        threading.setprofile(self._hook)

    def stop(self) -> None:
        """Remove the hook and restore whatever profiler was there before."""
        threading.setprofile(None)  # type: ignore[arg-type,unused-ignore]
        sys.setprofile(self._previous)

    def _hook(self, frame: FrameType, event: str, arg: object) -> None:
        if event != "call":
            return
        module = frame.f_globals.get("__name__", "")
        if self._filter.wants(frame.f_code.co_filename, module if isinstance(module, str) else ""):
            time.sleep(self._delay)
