"""Chooses the tracing backend for this Python and records why (for `flow doctor`, the run row)."""

import sys
from typing import TYPE_CHECKING, NamedTuple

from debugflow.errors import BackendUnavailable
from debugflow.tracer.backend import TracerBackend

if TYPE_CHECKING:
    from debugflow.tracer.settrace import DebugHooks

BACKENDS = ("monitoring", "settrace")


class BackendChoice(NamedTuple):
    """The backend to use and the reason it was chosen."""

    name: str
    reason: str

    def create(self, debug: "DebugHooks | None" = None) -> TracerBackend:
        """A fresh, not yet started backend of this kind; `debug` rides on settrace (the
        debugger has a `sys.monitoring` tool of its own)."""
        # Imported here: a process loads only the backend it uses (settrace brings `dis`).
        if self.name == "monitoring":
            from debugflow.tracer.monitoring import MonitoringBackend

            return MonitoringBackend()
        from debugflow.tracer.settrace import SettraceBackend

        return SettraceBackend(debug)


def choose_backend(forced: str | None = None) -> BackendChoice:
    """Pick `forced` (from `FLOW_BACKEND`) if it can run here, else the best available one."""
    if forced:
        return _forced(forced)
    if hasattr(sys, "monitoring"):
        return BackendChoice("monitoring", "Python 3.12+ has sys.monitoring (PEP 669)")
    version = ".".join(map(str, sys.version_info[:2]))
    return BackendChoice("settrace", f"Python {version} has no sys.monitoring; using sys.settrace")


def _forced(name: str) -> BackendChoice:
    if name not in BACKENDS:
        raise BackendUnavailable(f"FLOW_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}")
    if name == "monitoring" and not hasattr(sys, "monitoring"):
        raise BackendUnavailable("FLOW_BACKEND=monitoring needs Python 3.12 or newer")
    return BackendChoice(name, f"forced by FLOW_BACKEND={name}")


def check_can_start(choice: BackendChoice) -> None:
    """Refuse to take over a trace function that another tool (a debugger, coverage) owns."""
    if choice.name == "settrace" and sys.gettrace() is not None:
        owner = type(sys.gettrace()).__module__
        raise BackendUnavailable(
            f"another tool ({owner}) already traces this thread with sys.settrace; "
            "DebugFlow will not replace it"
        )
