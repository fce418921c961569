"""`run_ghost`: map the entry function from source, dry-run it in the sandbox, build the result."""

from __future__ import annotations

import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from debugflow.errors import TargetError
from debugflow.ghost.blame import find_blames
from debugflow.ghost.carry import read_arguments
from debugflow.ghost.mapping.static_map import build_static_map
from debugflow.ghost.mapping.target import TargetSpec, resolve_target
from debugflow.ghost.model import Caps, GhostResult, MissingHint, StaticMap
from debugflow.ghost.placeholders import unreached_functions
from debugflow.ghost.report import PassFacts, function_results
from debugflow.ghost.sandbox import choose_isolation
from debugflow.ghost.spawn import KILL_MARGIN, ChildOutput, run_child
from debugflow.ghost.wire import GhostRequest
from debugflow.protocol import (
    CallEnded,
    CallStarted,
    Event,
    RunEnded,
    RunStarted,
    event_from_wire,
)
from debugflow.run.session import new_run_id

DEFAULT_ATTEMPTS = 10


def run_ghost(
    target: Callable[..., object] | str,
    *,
    root: Path,
    max_calls: int = 50,
    max_seconds: float = 3.0,
    max_inputs: int = 5,
    max_attempts: int = DEFAULT_ATTEMPTS,
) -> GhostResult:
    """Run one ghost pass of `target` (a function or `"path/to/file.py:qualname"`).

    Raises TargetError, before any child starts, when the target cannot be found (no such
    file, or a file that plainly has no such function), and ConfigError when
    `FLOW_GHOST_ISOLATION` asks for an isolation that cannot run here (bubblewrap missing, or
    failing to start the pass's sandbox); everything the pass itself runs into (exceptions,
    refusals, caps, a tampered report stream) is in the result.
    """
    root = Path(root).resolve()
    spec = resolve_target(target, root)
    # A function object exists whatever its source shows; a name typed may not.
    static_map = build_static_map(spec, root, require_entry=isinstance(target, str))
    caps = Caps(max_calls, max_seconds, max_inputs)
    isolation = choose_isolation()
    with tempfile.TemporaryDirectory(prefix="debugflow-ghost-", ignore_cleanup_errors=True) as tmp:
        request = _request(spec, root, Path(tmp), static_map, caps, max_attempts)
        output = run_child(request, isolation)
    if isinstance(target, str):
        _require_found(spec, root, output)
    return _assemble(spec, root, static_map, output, caps)


def _require_found(spec: TargetSpec, root: Path, output: ChildOutput) -> None:
    """The entry the source could not rule out (a module that makes names at run time) must
    exist once imported, or the target is as wrong as a plainly missing one."""
    if any(line["kind"] == "failed" and line["phase"] == "entry" for line in output.lines):
        raise TargetError(
            f"{spec.shown_from(root)} has no function or method {spec.qualname!r}"
            " (checked by importing it)"
        )


def _request(
    spec: TargetSpec, root: Path, temp_dir: Path, static_map: StaticMap, caps: Caps, attempts: int
) -> GhostRequest:
    return GhostRequest(
        file=str(spec.file),
        qualname=spec.qualname,
        module=spec.module,
        import_base=str(spec.import_base),
        root=str(root),
        temp_dir=str(temp_dir.resolve()),
        max_calls=caps.max_calls,
        max_seconds=caps.max_seconds,
        max_inputs=caps.max_inputs,
        max_attempts=max(1, attempts),
        static_ids=[(n.file, n.first_line, n.id) for n in static_map.nodes],
    )


def _assemble(
    spec: TargetSpec, root: Path, static_map: StaticMap, output: ChildOutput, caps: Caps
) -> GhostResult:
    lines = output.lines
    stop = next((line for line in lines if line["kind"] == "stop"), None)
    stopped_by = str(stop["reason"]) if stop is not None else ("killed" if output.killed else None)
    failure = _failure(output)
    events = _events(spec, root, lines, int(stop["at_ns"]) if stop is not None else None)
    missing = [_missing(line) for line in lines if line["kind"] == "missing"]
    blames = find_blames(events, static_map.function_ids(events))
    facts = PassFacts(static_map, events, blames, missing, stopped_by, failure, caps)
    functions = function_results(facts)
    events += unreached_functions(static_map, functions, events)
    events.append(_run_ended(events))
    return GhostResult(
        target=spec.label,
        static_map=static_map,
        functions=functions,
        events=events,
        stopped_by=stopped_by,
        missing_hints=missing,
        blames=blames,
        notes=_notes(output, failure),
        attempts=next((int(line["attempts"]) for line in lines if line["kind"] == "done"), 0),
        caps=caps,
        arguments=next(
            (read_arguments(line) for line in lines if line["kind"] == "arguments"), None
        ),
        isolation=output.isolation,
        tampered=bool(output.tampering),
    )


def _events(
    spec: TargetSpec, root: Path, lines: list[dict[str, Any]], stopped_ns: int | None
) -> list[Event]:
    """The run's events: what the child's tracer sent, up to the moment a cap stopped the pass
    (calls still open then stay open: they were left running)."""
    origin = next((line for line in lines if line["kind"] == "origin"), {})
    run = RunStarted(
        run_id=new_run_id(),
        argv=("flow", "ghost", spec.label),
        cwd=str(root),
        python=platform.python_version(),
        backend=str(origin.get("backend", "none")),
        backend_reason=f"ghost pass in a sandboxed child: {origin.get('reason', 'did not start')}",
        started_at=float(origin.get("started_at", time.time())),
        origin_ns=int(origin.get("origin_ns", time.perf_counter_ns())),
        kind="ghost",
    )
    traced = [event_from_wire(line["event"]) for line in lines if line["kind"] == "event"]
    return [run, *(e for e in traced if stopped_ns is None or _before(e, stopped_ns))]


def _before(event: Event, stopped_ns: int) -> bool:
    if isinstance(event, CallStarted):
        return event.start_ns < stopped_ns
    if isinstance(event, CallEnded):
        return event.end_ns < stopped_ns
    return True


def _run_ended(events: list[Event]) -> RunEnded:
    starts = {e.call_id for e in events if isinstance(e, CallStarted)}
    calls = max((e.calls for e in events if isinstance(e, RunEnded)), default=len(starts))
    failed = sum(isinstance(e, CallEnded) and e.outcome == "exception" for e in events)
    return RunEnded(ended_at=time.time(), exit_code=None, calls=calls, exceptions=failed, dropped=0)


def _failure(output: ChildOutput) -> str | None:
    for line in output.lines:
        if line["kind"] == "failed":
            return f"{line['phase']} failed: {line['error']}"
    if not any(line["kind"] == "done" for line in output.lines) and not output.killed:
        tail = output.stderr_tail.strip().splitlines()[-1:] or [f"exit code {output.returncode}"]
        return f"the sandbox ended early: {tail[0]}"
    return None


def _notes(output: ChildOutput, failure: str | None) -> list[str]:
    """The parent's own findings first (tampering, a failure, a kill), then what the child
    reported: refusals and notes."""
    notes = [f"tampering: the report stream held {problem}" for problem in output.tampering]
    if failure is not None:
        notes.append(failure)
    if output.killed:
        notes.append(f"the sandbox was still running {KILL_MARGIN:g} s past its cap and was killed")
    notes += [f"refused {line['what']}" for line in output.lines if line["kind"] == "refused"]
    notes += [str(line["text"]) for line in output.lines if line["kind"] == "note"]
    return list(dict.fromkeys(notes))


def _missing(line: dict[str, Any]) -> MissingHint:
    return MissingHint(
        function=str(line["function"]),
        parameter=str(line["parameter"]),
        detail=str(line["detail"]),
        uses=tuple(line["uses"]),
    )
