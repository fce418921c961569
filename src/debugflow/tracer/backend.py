"""The one interface every tracing backend implements."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

if TYPE_CHECKING:
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


def task_of_current_thread() -> object | None:
    """The running asyncio task, if any, without importing asyncio.

    Called only for coroutine code, so programs without asyncio never pay for it.
    """
    import sys

    module = sys.modules.get("asyncio")
    if module is None:
        return None
    try:
        task: object | None = module.current_task()
        return task
    except RuntimeError:  # no running event loop: a coroutine driven by hand
        return None
