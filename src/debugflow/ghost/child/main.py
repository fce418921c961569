"""The sandbox child: `python -m debugflow.ghost.child` reads a request on stdin, runs one ghost
pass behind the guards and writes signed report frames on its original stdout.

The program's own output goes to the null device; the report pipe is a private copy of the
original stdout taken before anything else runs. The program can still find that descriptor
(it is in the same process), which is why the parent believes only frames signed with the
pass's key and numbered in order (see `frames`). The child ends with the real `os._exit`.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from debugflow.ghost.child.caps import GhostStop, StopState
from debugflow.ghost.child.entry import Entry, MissingEntry, load_entry
from debugflow.ghost.child.guards import Sandbox
from debugflow.ghost.child.passes import GhostPass, PassSettings
from debugflow.ghost.child.policy import GhostPolicy
from debugflow.ghost.child.watchdog import Watchdog
from debugflow.ghost.frames import FrameWriter
from debugflow.ghost.mocks.factory import MockFactory
from debugflow.ghost.mocks.standin import StandIn
from debugflow.ghost.wire import GhostRequest
from debugflow.protocol import ArgPreview, Event, to_wire
from debugflow.tracer.backend import TracerBackend
from debugflow.tracer.codefilter import CodeFilter
from debugflow.tracer.codetable import CodeTable
from debugflow.tracer.engine import Tracer
from debugflow.tracer.selector import choose_backend

IMPORT_SECONDS = 20.0  # importing the program and building mocks, before the pass's own clock


def main() -> None:
    """Run one ghost pass as the request on stdin describes, then exit."""
    real_exit = os._exit
    request = GhostRequest.from_json(sys.stdin.read())
    writer = FrameWriter(_private_stdout(), bytes.fromhex(request.report_key))
    try:
        _run(request, writer)
    except BaseException as exc:  # report our own failure instead of dying silently
        writer.send("failed", phase="sandbox", error=f"{type(exc).__name__}: {exc}")
    real_exit(0)


def _private_stdout() -> int:
    """Keep the report pipe for ourselves and send the program's stdin/stdout to the null device."""
    report = os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as we do
    return report


def _run(request: GhostRequest, writer: FrameWriter) -> None:
    state = StopState(on_trip=lambda reason: writer.send("stop", reason=reason, at_ns=_now()))
    backend = choose_backend()
    writer.send(
        "origin",
        started_at=time.time(),
        origin_ns=time.perf_counter_ns(),
        backend=backend.name,
        reason=backend.reason,
    )
    sys.dont_write_bytecode = True
    sandbox = Sandbox(Path(request.temp_dir), state, request.max_inputs)
    sandbox.on_refuse = lambda what: writer.send("refused", what=what)
    sandbox.install()
    _quiet_launch()
    entry = _import(request, state, writer)
    if entry is not None:
        factory = MockFactory(Path(request.temp_dir))
        attempts = _pass(request, entry, factory, state, writer)
        _report_mocks(factory, writer)
        for name in sandbox.invented:
            writer.send("note", text=f"os.environ[{name!r}] is not set; the pass read it as 'mock'")
        writer.send("done", attempts=attempts)


def _now() -> int:
    return time.perf_counter_ns()


def _quiet_launch() -> None:
    """A script that calls `launch(...)` at module level (as the seed's examples do) must not
    start a live run, or another ghost pass, when the sandbox imports it."""
    from debugflow import flow_engine

    def launch(*args: object, **kwargs: object) -> None:
        """Inside a ghost pass, `launch()` does nothing."""

    flow_engine.launch = launch


def _import(request: GhostRequest, state: StopState, writer: FrameWriter) -> Entry | None:
    watchdog = Watchdog(IMPORT_SECONDS, state).start()
    try:
        return load_entry(request.module, request.qualname, [request.import_base, request.root])
    except GhostStop:
        writer.send("failed", phase="import", error=f"importing took over {IMPORT_SECONDS:g} s")
    except MissingEntry as exc:
        writer.send("failed", phase="entry", error=str(exc))
    except BaseException as exc:
        writer.send("failed", phase="import", error=f"{type(exc).__name__}: {exc}")
    finally:
        _finish(watchdog)
    return None


def _pass(
    request: GhostRequest,
    entry: Entry,
    factory: MockFactory,
    state: StopState,
    writer: FrameWriter,
) -> int:
    policy = GhostPolicy(state, request.max_calls)
    backend = choose_backend().create()
    tracer = Tracer(
        _code_table(request), _describer(), [_ReportSink(writer)], backend, policy.guard
    )
    static_ids = {(os.path.realpath(f), line): fid for f, line, fid in request.static_ids}
    settings = PassSettings(
        request.max_attempts, static_ids, request.max_calls, request.max_seconds
    )
    ghost = GhostPass(
        entry,
        factory,
        tracer,
        policy,
        settings,
        note=lambda text: writer.send("note", text=text),
        arguments=lambda line: writer.send("arguments", **line),
    )
    tracer.start()
    tracer.detach()  # attached for the entry's calls only, attempt by attempt
    writer.send("started")
    watchdog = Watchdog(request.max_seconds, state).start()
    try:
        return ghost.run()
    except GhostStop:
        return 1
    except BaseException as exc:
        writer.send("failed", phase="arguments", error=f"{type(exc).__name__}: {exc}")
        return 0
    finally:
        _finish(watchdog)
        tracer.stop()


def _backend() -> TracerBackend:
    return choose_backend().create()


def _code_table(request: GhostRequest) -> CodeTable:
    """Project code, traced as `flow run` traces it, every call kept in detail."""
    root = Path(request.root)
    base = Path(request.import_base)
    extra = () if base.resolve().is_relative_to(root.resolve()) else (str(base),)
    return CodeTable(CodeFilter(root, include=extra), request.max_calls + 1, 1)


def _describer() -> Callable[[str, object], ArgPreview]:
    """The previews `flow run` makes, with recording stand-ins shown as `stand-in`."""
    from debugflow.formatting import PreviewLimits, describe, register_preview

    register_preview(StandIn, lambda value, limits: ("stand-in", ""))
    limits = PreviewLimits()
    return lambda name, value: describe(name, value, limits)


class _ReportSink:
    """Sends the tracer's events to the parent as report lines."""

    def __init__(self, writer: FrameWriter) -> None:
        self._writer = writer

    def handle(self, events: Sequence[Event]) -> None:
        """Write each event as one `event` line."""
        for event in events:
            self._writer.send("event", event=to_wire(event))

    def close(self) -> None:
        """Nothing to flush: every line is written as it comes."""


def _report_mocks(factory: MockFactory, writer: FrameWriter) -> None:
    for hint in factory.missing_hints():
        writer.send("missing", **hint.to_json())
    for text in factory.notes:
        writer.send("note", text=text)


def _finish(watchdog: Watchdog) -> None:
    """Stop the watchdog even if one last interruption lands while doing so."""
    while True:
        try:
            watchdog.finish()
            return
        except GhostStop:
            continue
