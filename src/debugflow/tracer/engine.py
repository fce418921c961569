"""The tracing engine: code table, hot path, collector, thread namer and backend, as one.

`flow run`, `trace()`, `launch()` and ghost passes all trace through a `Tracer`, so a live
run and a ghost pass of the same code are recorded by the same code. What differs is around
it: a `TraceSession` adds the run store and the hub link; a ghost pass adds its caps (a
`guard`) and the report channel.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

from debugflow.logfile import OwnLog
from debugflow.protocol import Event, Sink
from debugflow.tracer.backend import TracerBackend
from debugflow.tracer.calltree import CallTreeBuilder
from debugflow.tracer.codetable import CodeTable
from debugflow.tracer.collector import Collector
from debugflow.tracer.hotcore import CoreChoice
from debugflow.tracer.hotpath import Guard, HotPath
from debugflow.tracer.linetrace import LineTracer
from debugflow.tracer.previewing import Describe, Previewer
from debugflow.tracer.records import DEBUGGER, RawRecord
from debugflow.tracer.threadnames import ThreadNamer
from debugflow.workers import FORK_COUNTS_AFTER_HOOKS

Final = Callable[[CallTreeBuilder], Sequence[Event]]
log = OwnLog("debugflow.tracer")


class Tracer:
    """Traces calls into events for `sinks` between `start()` and `stop()`.

    `backend` None records only what is added by hand (pulses). The backend can be detached
    and attached again (`detach()` / `attach()`) while the collector goes on, so a caller can
    trace some stretches of a process and not others into one run.
    """

    def __init__(
        self,
        table: CodeTable,
        describe: Describe,
        sinks: Sequence[Sink],
        backend: TracerBackend | None,
        guard: Guard | None = None,
        core: CoreChoice | None = None,
    ) -> None:
        self.buffer: list[RawRecord] = []
        self.previews = Previewer(describe)
        self.hot = HotPath(self.buffer, table, self.previews, guard, core)
        self.collector = Collector(
            self.buffer,
            table,
            self.hot.tree,
            self.previews,
            sinks,
            keep_sampling=self.hot.keep_sampling,
        )
        # Line traces of focused functions (fed by a debugger's line events, if any).
        self.lines = LineTracer(self.hot, self.previews)
        self.collector.builder.line_tracer = self.lines
        self.backend = backend
        self._namer = ThreadNamer(self.hot.thread_began)
        self._attached = False

    def start(self) -> None:
        """Start the collector, and tracing if there is a backend."""
        self.collector.start()
        self._namer.start()
        self.attach()

    def attach(self) -> None:
        """Turn the backend's hooks on (again)."""
        if self.backend is not None and not self._attached:
            self.backend.start(self.hot)
            self._attached = True

    def detach(self) -> None:
        """Turn the backend's hooks off; the collector keeps going."""
        if self.backend is not None and self._attached:
            self.backend.stop()
            self._attached = False

    def stop(self, final: Final = lambda builder: ()) -> None:
        """Stop tracing, drain the collector, send `final(builder)` last and close the sinks.

        Removing the hooks cannot fail the program: an error there (the program took the
        hook functions apart, say) is logged and the run still ends.
        """
        self.hot.after_fork = None  # the collector's stop ends any pause itself
        try:
            self.detach()
            self._namer.stop()
        except Exception:
            log.exception("could not remove the tracing hooks")
        self.collector.stop(final)

    def add_debugger_event(self, event: Event) -> None:
        """Record a debugger's pause or resume, made on the thread it is about."""
        self.hot.promote_current_thread()  # so a pause lands under the running call
        self.buffer.append((DEBUGGER, None, threading.get_ident(), time.perf_counter_ns(), event))

    def pause(self) -> None:
        """End every background thread for a moment (just before a fork); see `workers`."""
        self.collector.pause()

    def resume(self) -> None:
        """Start the background threads again after `pause()`."""
        self.collector.resume()

    def resume_after_fork(self) -> None:
        """`resume()`, from a fork's after_in_parent hook: at once, or where the fork counts
        threads after its hooks (3.13+), at the first call that needs the collector (a call
        kept in detail, a generator or coroutine), which runs once `os.fork()` returned.
        Until then the program's calls are counted as always and wait in the buffer."""
        if FORK_COUNTS_AFTER_HOOKS:
            self.hot.after_fork = self.resume
        else:
            self.resume()

    def forget(self) -> None:
        """In a forked child: drop the hooks and what is queued; the collector did not fork."""
        self.detach()
        self.buffer.clear()
