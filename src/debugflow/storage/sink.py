"""The sink that records a run in the SQLite store through a background writer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from debugflow.protocol import Event, RunEnded, RunStarted
from debugflow.storage import StoreWriter


class StoreSink:
    """Hands batches to a `StoreWriter`; adds the writer's own drops to the run's count."""

    def __init__(self, path: Path, run: RunStarted, keep_runs: int) -> None:
        self.writer = StoreWriter(path, run, keep_runs=keep_runs)
        self.final_end: RunEnded | None = None

    def handle(self, events: Sequence[Event]) -> None:
        """Queue a batch for writing; never blocks."""
        if isinstance(events[-1], RunEnded):
            end = events[-1]
            self.final_end = end._replace(dropped=end.dropped + self.writer.dropped)
            events = [*events[:-1], self.final_end]
        self.writer.submit(events)

    def close(self) -> None:
        """Write what is pending and close the store."""
        self.writer.close()

    @property
    def error(self) -> str | None:
        """Why the store could not be written, if it could not."""
        return self.writer.error
