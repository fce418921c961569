"""The one interface every tracing backend implements."""

from __future__ import annotations

from typing import ClassVar, Protocol

from debugflow.tracer.hotpath import HotPath


class TracerBackend(Protocol):
    """Connects the interpreter's call events to the shared hot path (see `hotpath`).

    A backend is started once and stopped once. `stop()` must leave the interpreter as it
    found it: no callbacks, no trace functions, no hooks for threads started later.
    """

    name: ClassVar[str]

    def start(self, hot: HotPath) -> None:
        """Begin tracing the whole process (all threads the backend can reach)."""

    def stop(self) -> None:
        """Stop tracing and remove every hook this backend installed."""
