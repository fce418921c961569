"""Replaying a run: its events fed into a fresh spine up to a time, then onward at a speed.

Times are nanoseconds since the run started, like `first_t`/`last_t` in spine nodes. Events
without a time of their own (thread names, stats, the run's end) are applied in stream order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from debugflow.protocol import CallEnded, CallStarted, Event, Pulse, RunStarted
from debugflow.spine.model import SpineModel


def event_time_ns(event: Event) -> int | None:
    """The perf-counter time an event happened at, if it carries one."""
    if isinstance(event, CallStarted):
        return event.start_ns
    if isinstance(event, CallEnded):
        return event.end_ns
    if isinstance(event, Pulse):
        return event.ts_ns
    return None


def _origin(events: Sequence[Event]) -> int:
    for event in events:
        if isinstance(event, RunStarted):
            return event.origin_ns
        t = event_time_ns(event)
        if t is not None:
            return t
    return 0


class Replay:
    """One viewer's replay of one run; `seek()` jumps, `play()` advances in real time × speed."""

    def __init__(self, run_id: str, events: Sequence[Event], speed: float) -> None:
        self.model = SpineModel(run_id)
        self.speed = speed
        self.at = 0
        self._events = events
        self._pos = 0
        self._origin = _origin(events)

    @property
    def end(self) -> int:
        """Time of the latest event; grows while a live run being replayed goes on."""
        times = (event_time_ns(e) for e in reversed(self._events))
        return next((t - self._origin for t in times if t is not None), 0)

    @property
    def done(self) -> bool:
        """Whether every event has been applied."""
        return self._pos >= len(self._events)

    def seek(self, at: int | None) -> bool:
        """Apply events up to `at` (None: to the end); returns whether the spine changed."""
        end = self.end
        target = end if at is None else max(0, at)
        batch: list[Event] = []
        while self._pos < len(self._events):
            event = self._events[self._pos]
            t = event_time_ns(event)
            if t is not None and t - self._origin > target:
                break
            batch.append(event)
            self._pos += 1
        self.at = min(target, end)
        return self.model.apply(batch)

    async def play(self, changed: Callable[[], None], interval: float) -> None:
        """Advance with the clock until the end, calling `changed()` after each step."""
        loop = asyncio.get_running_loop()
        wall0, at0 = loop.time(), self.at
        while not self.done and self.speed > 0:
            await asyncio.sleep(interval)
            elapsed_ns = (loop.time() - wall0) * self.speed * 1e9
            self.seek(at0 + int(elapsed_ns))
            changed()
