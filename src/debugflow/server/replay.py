"""Replaying a run: its events fed into a spine up to a time, then onward at a speed.

A replay reads its events a chunk at a time from an `EventSource`: the hub's in-memory log of
a live run (`MemoryEvents`), or the run store (`history.StoredEvents`), so a run of any length
is replayed with at most one chunk of it in memory. Moving forwards continues the stream;
moving backwards starts a fresh spine and reads the run again from its first event.

Times are nanoseconds since the run started, like `first_t`/`last_t` in spine nodes. Events
without a time of their own (thread names, stats, the run's end) are applied in stream order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Protocol

from debugflow.protocol import CallEnded, CallStarted, Event, Paused, Pulse, Resumed, RunStarted
from debugflow.spine.model import SpineModel

REPLAY_CHUNK = 2_000  # events read (and applied to the spine) at a time


def event_time_ns(event: Event) -> int | None:
    """The perf-counter time an event happened at, if it carries one."""
    if isinstance(event, CallStarted):
        return event.start_ns
    if isinstance(event, CallEnded):
        return event.end_ns
    if isinstance(event, Pulse | Paused | Resumed):
        return event.ts_ns
    return None


class EventSource(Protocol):
    """A run's events for a replay, read a chunk at a time from its first event."""

    @property
    def run_id(self) -> str:
        """The run's full id."""

    @property
    def origin_ns(self) -> int:
        """The perf-counter time the run started at (its time 0)."""

    def last_ns(self) -> int | None:
        """The perf-counter time of the run's latest call start, end or pulse, if any."""

    async def read(self) -> Sequence[Event]:
        """The next chunk of events; empty when there are none (yet)."""

    async def rewind(self) -> None:
        """Start again at the first event."""


class MemoryEvents:
    """The events a live run keeps in the hub's memory; the list grows while the run goes on."""

    def __init__(self, run_id: str, events: list[Event], chunk: int = REPLAY_CHUNK) -> None:
        self._run_id = run_id
        self._events = events
        self._chunk = chunk
        self._pos = 0

    @property
    def run_id(self) -> str:
        """The run's full id."""
        return self._run_id

    @property
    def origin_ns(self) -> int:
        """The RunStarted's origin, else the time of the first timed event, else 0."""
        for event in self._events:
            if isinstance(event, RunStarted):
                return event.origin_ns
            t = event_time_ns(event)
            if t is not None:
                return t
        return 0

    def last_ns(self) -> int | None:
        """The time of the latest timed event so far (a scan from the end: they are there)."""
        times = (event_time_ns(e) for e in reversed(self._events))
        return next((t for t in times if t is not None), None)

    async def read(self) -> Sequence[Event]:
        """The next chunk of the log."""
        chunk = self._events[self._pos : self._pos + self._chunk]
        self._pos += len(chunk)
        return chunk

    async def rewind(self) -> None:
        """Start again at the first event."""
        self._pos = 0


class Replay:
    """One viewer's replay of one run; `seek()` jumps, `play()` advances in real time × speed.

    While a seek runs (or after one was cut short) `seeking` is True and the spine is half
    way: viewers are sent nothing of it until a seek completes.
    """

    def __init__(self, source: EventSource, speed: float) -> None:
        self.source = source
        self.model = SpineModel(source.run_id)
        self.speed = speed
        self.at = 0
        self.seeking = False
        self._ahead: Sequence[Event] = ()  # read from the source, not yet applied
        self._pos = 0  # the first of `_ahead` not applied yet
        self._drained = False  # the source had nothing more at the last read
        self._stale = False  # a seek was cut short: the spine may hold half a chunk

    @property
    def run_id(self) -> str:
        """The replayed run's full id."""
        return self.source.run_id

    @property
    def end(self) -> int:
        """Time of the latest event; grows while a live run being replayed goes on."""
        last = self.source.last_ns()
        return 0 if last is None else max(0, last - self.source.origin_ns)

    @property
    def done(self) -> bool:
        """Whether every event has been applied."""
        return self._drained and self._pos >= len(self._ahead)

    async def seek(self, at: int | None) -> bool:
        """Apply events up to `at` (None: to the end); returns whether the spine changed.

        Going back rebuilds the spine from the run's first event, since a spine cannot undo
        events. Cancelling a seek leaves the replay to be rebuilt by the next one.
        """
        self.seeking = True
        try:
            end = self.end
            target = end if at is None else max(0, at)
            rebuilt = target < self.at or self._stale
            if rebuilt:
                await self._restart()
            changed = await self._advance(self.source.origin_ns + target)
            self.at = min(target, end)
            return changed or rebuilt
        except asyncio.CancelledError:
            self._stale = True
            raise
        finally:
            self.seeking = self._stale

    async def play(self, changed: Callable[[], None], interval: float) -> None:
        """Advance with the clock until the end (or `speed` set to 0), calling `changed()`
        after each step."""
        loop = asyncio.get_running_loop()
        wall0, at0, speed = loop.time(), self.at, self.speed
        while not self.done and self.speed > 0:
            await asyncio.sleep(interval)
            if self.speed <= 0:
                return  # paused while asleep: stay where the last step left the spine
            elapsed_ns = (loop.time() - wall0) * speed * 1e9
            await self.seek(at0 + int(elapsed_ns))
            changed()

    async def _restart(self) -> None:
        await self.source.rewind()
        self.model = SpineModel(self.source.run_id)
        self.at = 0
        self._ahead, self._pos = (), 0
        self._drained = self._stale = False

    async def _advance(self, until_ns: int) -> bool:
        """Apply the events up to the first timed one after `until_ns`, a chunk at a time."""
        changed = False
        while True:
            if self._pos >= len(self._ahead):
                self._ahead, self._pos = await self.source.read(), 0
                self._drained = not self._ahead
                if self._drained:
                    return changed
            batch, reached = self._take_until(until_ns)
            if batch:  # off the event loop: a chunk can take milliseconds to apply
                applied = await asyncio.to_thread(self.model.apply, batch)
                changed = applied or changed
            if reached:
                return changed

    def _take_until(self, until_ns: int) -> tuple[Sequence[Event], bool]:
        """The unapplied events before the first timed one after `until_ns`, and whether
        that one was found (else the whole rest of the chunk)."""
        start = self._pos
        for pos in range(start, len(self._ahead)):
            t = event_time_ns(self._ahead[pos])
            if t is not None and t > until_ns:
                self._pos = pos
                return self._ahead[start:pos], True
        self._pos = len(self._ahead)
        return self._ahead[start:], False
