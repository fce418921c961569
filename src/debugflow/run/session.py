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
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from debugflow.config import FlowConfig
from debugflow.errors import BackendUnavailable, FlowError
from debugflow.logfile import OwnLog, configure_logging, keep_to_ourselves
from debugflow.paths import HUB_FILE
from debugflow.protocol import ArgPreview, Paused, Resumed, RunEnded, RunStarted, Sink
from debugflow.redaction import REDACTED, Redaction
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
    from debugflow.debugger.channel import ControlChannel
    from debugflow.debugger.runtime import Debugger
    from debugflow.transport.hub_link import HubLink

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
        keep_breakpoints: Callable[[], None] | None = None,
    ) -> None:
        self.config = config
        self.debugger = debugger
        self.keep_breakpoints = keep_breakpoints  # saves a HUD's breakpoint changes
        self.hub_link: HubLink | None = None
        self.channel: ControlChannel | None = None  # the HUD's way to the debugger
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
        hub = _hub_sinks(self.config, self.run)
        self.hub_link = hub[0] if hub else None
        sinks: list[Sink] = [*self.extra_sinks, *hub]
        for sink in sinks:
            sink.handle([self.run])
        # Opened on the writer's thread: a store that cannot take the run is known at stop().
        self._store = StoreSink(self.config.store_path, self.run, self.config.keep_runs)
        sinks.insert(0, self._store)
        self._tracer = Tracer(table, self._describer(), sinks, backend, core=core)
        self._tracer.start()
        if self.debugger is not None:
            self._attach_debugger(backend)
            self._link_debugger()
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
        if self.channel is not None:
            self.channel.close()
        ends: list[RunEnded] = []

        def run_ended(builder: CallTreeBuilder) -> list[RunEnded]:
            calls, exceptions = builder.calls, builder.exceptions
            ends.append(
                RunEnded(time.time(), exit_code, calls, exceptions, tracer.collector.dropped)
            )
            return ends

        tracer.stop(run_ended)
        formatting = sys.modules.get("debugflow.formatting")  # loaded by the first preview
        if formatting is not None:
            formatting.forget_classes()
        final = self._store.final_end if self._store is not None else None
        if self._store is not None and self._store.open_error is not None:
            self.not_recorded = self._store.open_error  # so no writer drops: none was kept
            final = None
            log.warning("debugflow: this run is not recorded: %s", self.not_recorded)
        self.ended = final or ends[0]
        with _active_lock:
            if _active is self:
                _active = None
        return self.ended

    @property
    def recording_stopped(self) -> str | None:
        """Why writing this run to the store stopped part way, if it did (final after stop())."""
        if self._store is None or self._store.open_error is not None:
            return None  # never recorded at all: that is `not_recorded`
        return self._store.error

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
        """Connect the debugger to the run's record, to the backend's events and (for
        focused functions) to the tracer's line traces."""
        debugger = self.debugger
        assert debugger is not None
        debugger.recorder = _RunRecorder(self)
        if backend is None:
            self.warnings.append(
                "debugflow: the debugger cannot stop anything: calls are not traced"
            )
            return
        assert self._tracer is not None
        if self._debug_hooks is not None:
            self._debug_hooks.lines = self._tracer.lines
            debugger.attach(self._debug_hooks)
            return
        from debugflow.debugger.monitor import MonitoringAdapter

        adapter = MonitoringAdapter(debugger.engine, debugger.book)
        adapter.lines = self._tracer.lines
        try:
            adapter.start()
        except BackendUnavailable as error:
            self.warnings.append(f"debugflow: the debugger cannot run: {error}")
            return
        debugger.attach(adapter)

    def _link_debugger(self) -> None:
        """With a hub: the HUD drives the debugger through the link (and so it can pause)."""
        link, debugger = self.hub_link, self.debugger
        if link is None or debugger is None:
            return
        from debugflow.debugger.channel import ControlChannel, resume_after_from_env
        from debugflow.debugger.focusop import register_focus

        self.channel = ControlChannel(
            debugger, link.send_control, self.keep_breakpoints, resume_after_from_env(),
            self._describer(),
        )  # fmt: skip
        register_focus(self.channel)  # line replay: {op: "focus"} (debugger.focusop)
        debugger.can_pause = True  # the HUD answers a pause
        link.attach_control(self.channel)
        self.channel.start()

    def record_debugger_event(self, event: Paused | Resumed) -> None:
        """Add a debugger's pause or resume to the run (on the thread it is about)."""
        if self._tracer is not None and self.ended is None:
            self._tracer.add_debugger_event(event)

    def _describer(self) -> Describe:
        """Previews of argument and return values, with what the redaction rule names hidden.

        `debugflow.formatting` is imported by the first preview that needs it, not before the
        program's first line: a program may end before any call is kept. A None needs no
        previewer while no preview is registered (`_none_previewer`): every script's
        `<module>` returns one, and a short script should not load the previews for it.
        """
        loaded: list[Describe] = []
        config = self.config
        preview_none = _none_previewer(config.redact)

        def describe(name: str, value: object) -> ArgPreview:
            if not loaded:
                if value is None and _REGISTRY not in sys.modules:
                    return preview_none(name)
                loaded.append(_load_describer(config))
            return loaded[0](name, value)

        return describe

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


def _load_describer(config: FlowConfig) -> Describe:
    """The previewing function `config` asks for (plain, or redacting)."""
    from debugflow.formatting import PreviewLimits, describe

    user = config.repr_mode == "user"
    if config.redact is None:
        return functools.partial(_describe_safely, describe, PreviewLimits(), user)
    from debugflow.formatting.redacting import redacting_describe

    return redacting_describe(Redaction(config.redact), PreviewLimits(), user)


# Where previews are registered; until it is imported, none can be.
_REGISTRY = "debugflow.formatting.registry"


def _none_previewer(pattern: str | None) -> Callable[[str], ArgPreview]:
    """The preview of None under a name, as `formatting` makes it (a type and no text, or
    `<redacted>` under a name the redaction `pattern` matches), without importing it.

    Only for use while no preview is registered: a registered one could show None otherwise.
    """
    rules: list[Redaction] = []

    def preview(name: str) -> ArgPreview:
        if pattern is not None:
            if not rules:
                rules.append(Redaction(pattern))  # compiled once, on the first None
            if rules[0].hides(name):
                return ArgPreview(name, "NoneType", REDACTED)
        return ArgPreview(name, "None", "")

    return preview


def _describe_safely(
    describe: Any, limits: Any, user: bool, name: str, value: object
) -> ArgPreview:
    preview: ArgPreview = describe(name, value, limits, user_repr=user)
    return preview


def hub_configured(config: FlowConfig) -> bool:
    """Whether this run will stream to a hub (`FLOW_HUB`, or a live hub's file). Without
    either it is decided at once, without loading the link (asyncio, aiohttp)."""
    if not _hub_hinted(config):
        return False
    from debugflow.transport.hub_link import find_hub

    keep_to_ourselves()  # the link logs through `logging`, now loaded
    try:
        return find_hub(config.data_dir) is not None
    except Exception:
        log.exception("could not read the hub's address")
        return False


def _hub_hinted(config: FlowConfig) -> bool:
    """Whether a hub may be named at all (`FLOW_HUB` set and not off, or a hub file)."""
    raw = os.environ.get("FLOW_HUB", "").strip()
    if raw:
        return raw.lower() not in _HUB_OFF
    return (config.data_dir / HUB_FILE).exists()


_HUB_OFF = frozenset({"0", "off", "no", "none", "false"})  # as the link reads FLOW_HUB


def _hub_sinks(config: FlowConfig, run: RunStarted) -> list[HubLink]:
    """A link to a running hub, if one is found; never raises, never waits long."""
    if not _hub_hinted(config):
        return []  # no hub: do not even load the link (it brings asyncio and aiohttp)
    from debugflow.transport.hub_link import connect_hub_sink

    keep_to_ourselves()  # the link logs through `logging`, now loaded
    try:
        sink = connect_hub_sink(config.data_dir, run)
    except Exception:
        log.exception("could not link to the hub")
        return []
    return [sink] if sink is not None else []
