"""A traced run from start to end: backend, collector and sinks, owned in one place.

`flow run`, `debugflow.trace()` and `launch()` all go through `TraceSession`. If tracing
cannot start (another tool owns the hook), the program still runs, untraced, and the reason
is printed once.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from debugflow.config import FlowConfig
from debugflow.errors import BackendUnavailable, FlowError, StoreError
from debugflow.logfile import OwnLog, configure_logging, keep_to_ourselves
from debugflow.paths import HUB_FILE
from debugflow.protocol import ArgPreview, Paused, Resumed, RunEnded, RunStarted, Sink
from debugflow.storage.sink import StoreSink
from debugflow.tracer.backend import TracerBackend
from debugflow.tracer.calltree import CallTreeBuilder
from debugflow.tracer.codefilter import CodeFilter
from debugflow.tracer.codetable import CodeTable
from debugflow.tracer.engine import Tracer
from debugflow.tracer.hotcore import choose_core
from debugflow.tracer.hotcore import describe as describe_core
from debugflow.tracer.previewing import Describe
from debugflow.tracer.records import PULSE
from debugflow.tracer.selector import check_can_start, choose_backend

if TYPE_CHECKING:
    from debugflow.debugger.runtime import Debugger

log = OwnLog("debugflow.run.session")

_active: TraceSession | None = None
_active_lock = threading.Lock()


def active_session() -> TraceSession | None:
    """The session tracing this process right now, if any."""
    return _active


class TraceSession:
    """Traces this process into the run store and any extra sinks, between start() and stop()."""

    def __init__(
        self,
        config: FlowConfig,
        *,
        kind: str = "run",
        argv: Sequence[str] | None = None,
        sinks: Sequence[Sink] = (),
        trace_calls: bool = True,
        debugger: Debugger | None = None,
    ) -> None:
        self.config = config
        self.debugger = debugger
        self.kind = kind
        self.argv = tuple(sys.argv if argv is None else argv)
        self.extra_sinks = list(sinks)
        self.trace_calls = trace_calls
        self.run: RunStarted | None = None
        self.ended: RunEnded | None = None
        self.warnings: list[str] = []  # said once to the person, when not quiet
        self.not_recorded: str | None = None  # why the store holds nothing of this run
        self._tracer: Tracer | None = None
        self._store: StoreSink | None = None
        self._debug_hooks: Any = None  # the debugger's settrace adapter, on that backend

    def start(self) -> RunStarted:
        """Begin recording; raises FlowError if another session is already active."""
        global _active
        with _active_lock:
            if _active is not None:
                raise FlowError(
                    f"run {_active.run.run_id if _active.run else '?'} is already being "
                    "traced in this process; a second session would take its hooks over"
                )
            _active = self
        try:
            return self._begin()
        except BaseException:
            with _active_lock:
                _active = None
            raise

    def _begin(self) -> RunStarted:
        configure_logging(self.config)
        backend, reason = self._make_backend()
        core = choose_core()
        table = CodeTable(
            code_filter(self.config), self.config.detail_calls, self.config.sample_every
        )
        self.run = RunStarted(
            run_id=new_run_id(),
            argv=self.argv,
            cwd=os.getcwd(),
            python=sys.version.split()[0],
            backend=backend.name if backend else "none",
            backend_reason=f"{reason}; hot path: {describe_core(core)}" if backend else reason,
            started_at=time.time(),
            origin_ns=time.perf_counter_ns(),
            kind=self.kind,
        )
        sinks: list[Sink] = [*self.extra_sinks, *_hub_sinks(self.config, self.run)]
        for sink in sinks:
            sink.handle([self.run])
        try:
            self._store = StoreSink(self.config.store_path, self.run, self.config.keep_runs)
            sinks.insert(0, self._store)
        except StoreError as error:
            self.not_recorded = str(error)
            self.warnings.append(f"debugflow: this run is not recorded: {error}")
        self._tracer = Tracer(table, self._describer(), sinks, backend, core=core)
        self._tracer.start()
        if self.debugger is not None:
            self._attach_debugger(backend)
        os.register_at_fork(
            before=self._pause_for_fork,
            after_in_parent=self._resume_after_fork,
            after_in_child=self._forget_in_child,
        )
        for warning in self.warnings:
            log.warning(warning)
        log.info("run %s started (%s backend: %s)", self.run.run_id, self.run.backend, reason)
        return self.run

    def stop(self, exit_code: int | None = None) -> RunEnded:
        """Stop tracing, flush every sink and record how the run ended. Idempotent."""
        global _active
        if self.ended is not None:
            return self.ended
        tracer = self._tracer
        assert tracer is not None
        if self.debugger is not None:
            self.debugger.end(exit_code)
        ends: list[RunEnded] = []

        def run_ended(builder: CallTreeBuilder) -> list[RunEnded]:
            calls, exceptions = builder.calls, builder.exceptions
            ends.append(
                RunEnded(time.time(), exit_code, calls, exceptions, tracer.collector.dropped)
            )
            return ends

        tracer.stop(run_ended)
        final = self._store.final_end if self._store is not None else None
        self.ended = final or ends[0]
        with _active_lock:
            if _active is self:
                _active = None
        return self.ended

    @property
    def recording_stopped(self) -> str | None:
        """Why writing this run to the store stopped part way, if it did (final after stop())."""
        return self._store.error if self._store is not None else None

    def pulse(
        self, name: str, params: Mapping[str, object] | None, returns: object, node_type: str
    ) -> None:
        """Add a manual event; its values are previewed now, on the caller's thread."""
        tracer = self._tracer
        if tracer is None or self.ended is not None:
            return
        preview = tracer.previews.arg
        shown = tuple(preview(str(key), value) for key, value in (params or {}).items())
        if returns is not None and type(returns) is not str:
            returns = preview("return", returns).value
        tracer.hot.promote_current_thread()  # so the pulse lands under the running call
        record = (
            PULSE,
            None,
            threading.get_ident(),
            time.perf_counter_ns(),
            str(name),
            shown,
            returns,
            str(node_type),
        )
        tracer.buffer.append(record)

    def _make_backend(self) -> tuple[TracerBackend | None, str]:
        if not self.trace_calls:
            return None, "call tracing off: manual pulses only"
        try:
            choice = choose_backend(self.config.backend)
            check_can_start(choice)
            if self.debugger is not None and choice.name == "settrace":
                from debugflow.debugger.tracehooks import SettraceAdapter

                self._debug_hooks = SettraceAdapter(self.debugger.engine, self.debugger.book)
                return choice.create(self._debug_hooks), choice.reason
            return choice.create(), choice.reason
        except BackendUnavailable as error:
            self.warnings.append(f"debugflow: not tracing calls: {error}")
            return None, str(error)

    def _attach_debugger(self, backend: TracerBackend | None) -> None:
        """Connect the debugger to the run's record and to the backend's events."""
        debugger = self.debugger
        assert debugger is not None
        debugger.recorder = _RunRecorder(self)
        if backend is None:
            self.warnings.append(
                "debugflow: the debugger cannot stop anything: calls are not traced"
            )
            return
        if self._debug_hooks is not None:
            debugger.attach(self._debug_hooks)
            return
        from debugflow.debugger.monitor import MonitoringAdapter

        adapter = MonitoringAdapter(debugger.engine, debugger.book)
        try:
            adapter.start()
        except BackendUnavailable as error:
            self.warnings.append(f"debugflow: the debugger cannot run: {error}")
            return
        debugger.attach(adapter)

    def record_debugger_event(self, event: Paused | Resumed) -> None:
        """Add a debugger's pause or resume to the run (on the thread it is about)."""
        if self._tracer is not None and self.ended is None:
            self._tracer.add_debugger_event(event)

    def _describer(self) -> Describe:
        """Previews of argument and return values, with what the redaction rule names hidden."""
        from debugflow.formatting import PreviewLimits, describe

        user = self.config.repr_mode == "user"
        if self.config.redact is None:
            return functools.partial(_describe_safely, describe, PreviewLimits(), user)
        from debugflow.formatting.redacting import redacting_describe
        from debugflow.redaction import Redaction

        return redacting_describe(Redaction(self.config.redact), PreviewLimits(), user)

    def _pause_for_fork(self) -> None:
        """Before the program forks: no thread of ours may be running (see `workers`)."""
        if self._tracer is not None and self.ended is None:
            self._tracer.pause()

    def _resume_after_fork(self) -> None:
        if self._tracer is not None and self.ended is None:
            self._tracer.resume_after_fork()

    def _forget_in_child(self) -> None:
        """A forked child does not inherit the collector thread: stop tracing there."""
        global _active
        if self._tracer is not None:
            self._tracer.forget()
        if self.debugger is not None:
            self.debugger.forget()  # nobody could answer a pause in the child
        self.ended = RunEnded(time.time(), None, 0, 0, 0)
        _active = None


class _RunRecorder:
    """A debugger's pauses, resumes and logpoint messages, into the session's run."""

    def __init__(self, session: TraceSession) -> None:
        self._session = session

    def record(self, event: Paused | Resumed) -> None:
        """Add a pause or resume event."""
        self._session.record_debugger_event(event)

    def log(self, message: str) -> None:
        """Add a logpoint's message as a pulse."""
        self._session.pulse(message, None, None, "info")


def code_filter(config: FlowConfig) -> CodeFilter:
    """The rule for which code a run traces (and a debugger may stop in)."""
    return CodeFilter(config.root, config.include, config.exclude)


def new_run_id() -> str:
    """A sortable, unique run id: `20261123-101500-3fa9c2`."""
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{os.urandom(3).hex()}"


def _describe_safely(
    describe: Any, limits: Any, user: bool, name: str, value: object
) -> ArgPreview:
    preview: ArgPreview = describe(name, value, limits, user_repr=user)
    return preview


def _hub_sinks(config: FlowConfig, run: RunStarted) -> list[Sink]:
    """A link to a running hub, if one is found; never raises, never waits long."""
    if not os.environ.get("FLOW_HUB") and not (config.data_dir / HUB_FILE).exists():
        return []  # no hub: do not even load the link (it brings asyncio and aiohttp)
    from debugflow.transport.hub_link import connect_hub_sink

    keep_to_ourselves()  # the link logs through `logging`, now loaded
    try:
        sink = connect_hub_sink(config.data_dir, run)
    except Exception:
        log.exception("could not link to the hub")
        return []
    return [sink] if sink is not None else []
