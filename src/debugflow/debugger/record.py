"""A run's pauses read back from its events: each pause with how and when it ended."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from debugflow.protocol import Event, Paused, Resumed
from debugflow.units import format_duration


class PauseSpan(NamedTuple):
    """One pause of a thread, and the resume that ended it (None: the run ended paused)."""

    pause: Paused
    resume: Resumed | None

    def line(self) -> str:
        """`#4 breakpoint  orders.py:11 run()  MainThread  1.20s, then continue`."""
        pause = self.pause
        where = f"{os.path.basename(pause.file)}:{pause.line} {pause.function}()"
        thread = pause.thread_name or str(pause.thread)
        if self.resume is None:
            ended = "never resumed"
        else:
            took = format_duration(max(self.resume.ts_ns - pause.ts_ns, 0))
            ended = f"{took}, then {self.resume.how}"
        detail = f"  ({pause.detail})" if pause.detail else ""
        return f"#{pause.seq} {pause.reason:<10} {where}  {thread}  {ended}{detail}"


class PauseLog:
    """Collects the pauses of an event stream while passing the stream on."""

    def __init__(self) -> None:
        self._open: dict[int, Paused] = {}  # thread -> its pause not yet resumed
        self.spans: list[PauseSpan] = []

    def through(self, events: Iterable[Event]) -> Iterator[Event]:
        """`events`, unchanged; their pauses and resumes are noted on the way."""
        for event in events:
            if isinstance(event, Paused):
                self._open[event.thread] = event
            elif isinstance(event, Resumed):
                pause = self._open.pop(event.thread, None)
                if pause is not None:
                    self.spans.append(PauseSpan(pause, event))
            yield event

    def all(self) -> list[PauseSpan]:
        """Every pause, in the order they began (those never resumed included)."""
        spans = self.spans + [PauseSpan(p, None) for p in self._open.values()]
        return sorted(spans, key=lambda span: span.pause.seq)
