"""The collector thread: drains the hot path's buffer, builds events and hands them to sinks.

It owns the lifecycle of a traced run's background work. A sink that raises is dropped with
a message in the log; the traced program never sees the error.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Sequence

from debugflow.logfile import OwnLog
from debugflow.protocol import Event, Sink
from debugflow.tracer.calltree import CallTreeBuilder, Describe
from debugflow.tracer.codetable import CodeTable
from debugflow.tracer.nodes import NodeTable
from debugflow.tracer.records import RawRecord

log = OwnLog("debugflow.collector")

DRAIN_INTERVAL_S = 0.02
TIMINGS_INTERVAL_S = 0.1  # how often the hot path's numbers are taken from the tree's nodes
STATS_INTERVAL_S = 0.25  # how often changed function and node numbers go to the sinks
MAX_CHUNK = 50_000  # records handled per step, so sinks hear from us while a backlog drains
MAX_BACKLOG = 500_000  # records waiting (about 100 MB) before the oldest are only counted


class Collector:
    """Runs a daemon thread that turns raw records into events for the sinks."""

    def __init__(
        self,
        buffer: list[RawRecord],
        table: CodeTable,
        tree: NodeTable,
        describe: Describe,
        sinks: Sequence[Sink],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.buffer = buffer
        self.sinks = list(sinks)
        self._monotonic = monotonic
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="debugflow-collector", daemon=True)
        self.builder = CallTreeBuilder(table, tree, describe)
        self._next_stats = 0.0
        self._next_timings = 0.0
        self.dropped = 0

    def start(self) -> None:
        """Start the collector thread."""
        self._thread.start()
        self.builder.ignore_thread = self._thread.ident

    def stop(self, final: Callable[[CallTreeBuilder], Sequence[Event]] = lambda b: ()) -> None:
        """Drain what is left, send `final(builder)` last, and close every sink."""
        self._stopping = True
        self._wake.set()
        self._thread.join()
        self._send([*self.builder.stats(only_changed=True), *final(self.builder)])
        for sink in self.sinks:
            _close_quietly(sink)

    def _run(self) -> None:
        while not self._stopping:
            self._wake.wait(DRAIN_INTERVAL_S)
            self._drain()
            if self._monotonic() >= self._next_timings:
                self._next_timings = self._monotonic() + TIMINGS_INTERVAL_S
                self.builder.take_timings()
        self._drain()

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
