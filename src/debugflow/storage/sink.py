"""The sink that records a run in the SQLite store through a background writer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from debugflow.protocol import Event, RunEnded, RunStarted
from debugflow.storage.writer import MAX_PENDING_EVENTS, StoreFactory, StoreWriter
from debugflow.workers import PAUSE_TIMEOUT_S


class StoreSink:
    """Hands batches to a `StoreWriter`; after close, `final_end` counts the writer's drops too.

    The stored RunEnded keeps the collector's count: the store adds the writer's own count
    (recorded as it goes) when it reports a run's drops, so adding it here would count twice.
    """

    def __init__(
        self,
        path: Path,
        run: RunStarted,
        keep_runs: int,
        *,
        max_pending_events: int = MAX_PENDING_EVENTS,
        store_factory: StoreFactory | None = None,
    ) -> None:
        self.writer = StoreWriter(
            path,
            run,
            keep_runs=keep_runs,
            max_pending_events=max_pending_events,
            store_factory=store_factory,
        )
        self.final_end: RunEnded | None = None
        self._end: RunEnded | None = None

    def handle(self, events: Sequence[Event]) -> None:
        """Queue a batch for writing; never blocks."""
        if isinstance(events[-1], RunEnded):
            self._end = events[-1]
        self.writer.submit(events)

    @property
    def behind(self) -> bool:
        """Whether the writer has fallen behind (the collector then samples less)."""
        return self.writer.behind

    def pause(self, timeout: float = PAUSE_TIMEOUT_S) -> None:
        """End the writer's thread for a moment (around a fork)."""
        self.writer.pause(timeout)

    def resume(self) -> None:
        """Go on writing in a new thread."""
        self.writer.resume()

    def close(self) -> None:
        """Write what is pending, close the store, and total the run's drops in `final_end`."""
        self.writer.close()
        if self._end is not None:
            self.final_end = self._end._replace(dropped=self._end.dropped + self.writer.dropped)

    @property
    def open_error(self) -> str | None:
        """Why the store could not take the run at all (known once the writer tried)."""
        return self.writer.open_error

    @property
    def error(self) -> str | None:
        """Why the store could not be written, if it could not."""
        return self.writer.error
