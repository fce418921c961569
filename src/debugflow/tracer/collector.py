"""The collector thread: drains the hot path's buffer, builds events and hands them to sinks.

It owns the lifecycle of a traced run's background work. A sink that raises is dropped with
a message in the log; the traced program never sees the error. Waking every few milliseconds
anyway, it also abandons previews that run past their budget on the program's threads
(see `previewing`). Every wait at the end is bounded: a stuck thread cannot keep the
program from exiting.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Sequence

from debugflow.logfile import OwnLog
from debugflow.protocol import Event, Sink
from debugflow.tracer.calltree import CallTreeBuilder
from debugflow.tracer.codetable import CodeTable
from debugflow.tracer.nodes import NodeTable
from debugflow.tracer.previewing import Previewer
from debugflow.tracer.records import RawRecord
from debugflow.workers import PAUSE_TIMEOUT_S, Pausable, WorkerThread

log = OwnLog("debugflow.collector")

DRAIN_INTERVAL_S = 0.02
TIMINGS_INTERVAL_S = 0.1  # how often the hot path's numbers are taken from the tree's nodes
STATS_INTERVAL_S = 0.25  # how often changed function and node numbers go to the sinks
MAX_CHUNK = 50_000  # records handled per step, so sinks hear from us while a backlog drains
MAX_BACKLOG = 500_000  # records waiting (about 100 MB) before the oldest are only counted
STOP_TIMEOUT_S = 10.0  # how long the end of a run waits for the collector's last drain


class Collector:
    """Runs a daemon thread that turns raw records into events for the sinks."""

    def __init__(
        self,
        buffer: list[RawRecord],
        table: CodeTable,
        tree: NodeTable,
        previews: Previewer,
        sinks: Sequence[Sink],
        monotonic: Callable[[], float] = time.monotonic,
        keep_sampling: Callable[[bool], None] | None = None,
    ) -> None:
        self.buffer = buffer
        self.previews = previews
        self.sinks = list(sinks)
        self._monotonic = monotonic
        self._wake = threading.Event()
        self._stopping = False
        self._thread = WorkerThread(self._run, "debugflow-collector", self._wake.set)
        self.builder = CallTreeBuilder(table, tree)
        self._next_stats = 0.0
        self._next_timings = 0.0
        self.dropped = 0
        self._keep_sampling = keep_sampling
        self._sampling = True

    def start(self) -> None:
        """Start the collector thread."""
        self._thread.start()
        self.builder.ignore_thread = self._thread.ident

    def pause(self, timeout: float = PAUSE_TIMEOUT_S) -> None:
        """End the collector thread and the sinks' threads for a moment (around a fork)."""
        self._thread.pause(timeout)
        for sink in self.sinks:
            if isinstance(sink, Pausable):
                sink.pause(timeout)

    def resume(self) -> None:
        """Go on after `pause()`, in new threads."""
        for sink in self.sinks:
            if isinstance(sink, Pausable):
                sink.resume()
        self._thread.resume()
        self.builder.ignore_thread = self._thread.ident

    def stop(
        self,
        final: Callable[[CallTreeBuilder], Sequence[Event]] = lambda b: (),
        timeout: float = STOP_TIMEOUT_S,
    ) -> None:
        """Drain what is left, send `final(builder)` last, and close every sink.

        If the collector thread is still busy after `timeout` seconds (a sink stuck in a
        write, say), the run ends without it: what it had not handled is counted as dropped.
        """
        self._stopping = True
        self.resume()  # a fork's pause not ended yet (3.13 ends it lazily) ends here, sinks too
        self._wake.set()
        self._thread.join(timeout)
        stats: list[Event] = []
        if self._thread.is_alive():
            log.warning("the collector did not finish in %.0f s; the run ends without it", timeout)
            self.dropped += len(self.buffer)
            self.buffer.clear()
        else:
            stats = self.builder.stats(only_changed=True)
        self._send([*stats, *final(self.builder)])
        for sink in self.sinks:
            _close_quietly(sink)

    def _run(self, resumed: bool) -> bool:
        """The collector thread's loop; True when it stopped for a pause."""
        while not self._stopping:
            if self._thread.pause_requested:
                return True
            self._wake.wait(DRAIN_INTERVAL_S)
            self._wake.clear()  # `stop()` sets `_stopping` first: the loop still sees it
            self.previews.check()
            self._drain()
            self._pace_sampling()
            if self._monotonic() >= self._next_timings:
                self._next_timings = self._monotonic() + TIMINGS_INTERVAL_S
                self.builder.take_timings()
        self._drain()
        return False

    def _pace_sampling(self) -> None:
        """Stop keeping sampled calls in detail while a sink is behind, and start again once
        none is: the program can make detailed calls faster than the store writes them, and
        their events would wait in memory (exact counts and times are not affected)."""
        if self._keep_sampling is None:
            return
        sampling = not any(getattr(sink, "behind", False) for sink in self.sinks)
        if sampling != self._sampling:
            self._sampling = sampling
            self._keep_sampling(sampling)

    def _drain(self) -> None:
        buffer = self.buffer
        while buffer:
            if sys.gettrace() is not None:
                sys.settrace(None)  # 3.12's settrace_all_threads reaches this thread too
            if len(buffer) > MAX_BACKLOG:
                self._shed(len(buffer) - MAX_CHUNK)
            chunk = buffer[:MAX_CHUNK]
            del buffer[: len(chunk)]
            self._send(self.builder.feed(chunk))
            self._maybe_send_stats()
        self._maybe_send_stats()

    def _shed(self, count: int) -> None:
        """Count the oldest records instead of building them into trees.

        The memory bound: when the program makes records faster than they can be turned
        into events, calls are still counted exactly, the rest is dropped and reported.
        """
        oldest = self.buffer[:count]
        del self.buffer[: len(oldest)]
        self.dropped += self.builder.shed(oldest)
        log.warning("tracing fell %d records behind; counted them without detail", count)

    def _maybe_send_stats(self) -> None:
        if self._monotonic() >= self._next_stats:
            self._next_stats = self._monotonic() + STATS_INTERVAL_S
            self._send(self.builder.stats())

    def _send(self, events: Sequence[Event]) -> None:
        if not events:
            return
        for sink in list(self.sinks):
            try:
                sink.handle(events)
            except Exception:
                log.exception("sink %s failed and was turned off", type(sink).__name__)
                self.sinks.remove(sink)


def _close_quietly(sink: Sink) -> None:
    try:
        sink.close()
    except Exception:
        log.exception("sink %s failed to close", type(sink).__name__)
