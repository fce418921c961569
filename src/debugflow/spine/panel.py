"""The status panel of one run: what it is, whether it is still going, and its counters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from debugflow.protocol import RunEnded, RunStarted
from debugflow.protocol.viewer import RunState, StatusWire


@dataclass(slots=True)
class RunPanel:
    """Counters the spine keeps while events arrive; `wire()` gives the viewer's panel."""

    run_id: str
    state: RunState = "live"
    started: RunStarted | None = None
    ended: RunEnded | None = None
    calls: int = 0
    exceptions: int = 0
    hidden: int = 0  # calls past the node limit: counted, not drawn
    link_dropped: int = 0  # events the producer's hub link could not send
    elapsed_ns: int = 0

    def wire(self, nodes: int) -> StatusWire:
        """The status as sent to viewers; the tracer's final counts win once the run ended."""
        run, end = self.started, self.ended
        return {
            "run": self.run_id,
            "state": self.state,
            "script": run_script(run.kind, run.argv) if run is not None else "",
            "argv": list(run.argv) if run is not None else [],
            "cwd": run.cwd if run is not None else "",
            "python": run.python if run is not None else "",
            "backend": run.backend if run is not None else "",
            "kind": run.kind if run is not None else "",
            "started_at": run.started_at if run is not None else 0.0,
            "ended_at": end.ended_at if end is not None else None,
            "exit_code": end.exit_code if end is not None else None,
            "elapsed_ns": self.elapsed_ns,
            "nodes": nodes,
            "calls": max(self.calls, end.calls) if end is not None else self.calls,
            "exceptions": end.exceptions if end is not None else self.exceptions,
            "dropped": self.link_dropped + (end.dropped if end is not None else 0),
            "hidden": self.hidden,
        }


def run_script(kind: str, argv: Sequence[str]) -> str:
    """What a run is called in lists: its script, or for a ghost pass the function it mapped
    (ghost runs are recorded with the argv `flow ghost FILE.py:FUNCTION`)."""
    if kind == "ghost" and argv:
        return argv[-1]
    return argv[0] if argv else ""
