"""Recorded runs for the hub: the run store read on one worker thread, off the event loop.

SQLite connections belong to the thread that opened them, so every store call runs on the
same single worker. A missing or unreadable store gives an empty history, never an error page.

A finished run's final spine (a viewer subscribing to it) is built from its nodes' exact
statistics and a few calls per node (`final_spine`), not from its every call.

A recorded run is never loaded whole: replays pull its events a chunk per worker call
(`StoredEvents`), and pages of the events API skip and read in the stream. Both read through
`RunReader`, which holds no transaction between chunks (see its docstring for why), so a
replay left open for hours costs one chunk of memory and never holds up the store's writer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from debugflow.errors import FlowError, RunNotFound
from debugflow.protocol import Event
from debugflow.protocol.viewer import RunInfo
from debugflow.server.replay import REPLAY_CHUNK
from debugflow.spine.panel import run_script
from debugflow.storage import RunStore, RunSummary
from debugflow.storage.final_spine import FinalSpine
from debugflow.storage.reader import RunReader

log = logging.getLogger("debugflow.hub")
T = TypeVar("T")
PAGES_KEPT = 4  # readers kept where an events page ended, so the next page continues there
TOTALS_KEPT = 16  # event counts kept per (run, cut): counting is a pass over the run's indexes


@dataclass(frozen=True)
class EventsPage:
    """A page of a run's events: `total` in the run, `events` from the page's offset."""

    run_id: str
    total: int
    events: Sequence[Event]


class History:
    """Async access to the run store at `path` (which may not exist yet)."""

    def __init__(
        self,
        path: Path | None,
        *,
        open_store: Callable[[Path], RunStore] = RunStore,
        chunk: int = REPLAY_CHUNK,
    ) -> None:
        """`open_store` opens the store on the worker (a seam for failure injection); `chunk`
        is how many events a replay pulls per worker call."""
        self._path = path
        self._open_store = open_store
        self.chunk = chunk
        self._store: Any = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="debugflow-history")
        # Both only touched on the worker thread.
        self._pages: OrderedDict[tuple[str, int, int], RunReader] = OrderedDict()
        self._totals: OrderedDict[tuple[str, int], int] = OrderedDict()

    async def runs(self, limit: int = 50) -> list[RunInfo]:
        """The most recent recorded runs, newest first; empty when there is no store."""
        try:
            summaries = await self._call(lambda store: store.runs(limit))
        except (FlowError, OSError) as exc:
            log.info("run history unavailable: %s", exc)
            return []
        return [summary_info(s) for s in summaries or []]

    async def ended(self, run_id: str) -> bool:
        """Whether the store holds `run_id` whole (its end was recorded); False on any error."""
        try:
            summary = await self._call(lambda store: store.summary(run_id))
        except (FlowError, OSError):
            return False
        return summary is not None and summary.status == "ended"

    async def open_events(self, run_ref: str) -> StoredEvents:
        """A recorded run's events, to be read a chunk at a time; raises RunNotFound."""
        return StoredEvents(self, *await self.open_reader(run_ref))

    async def open_reader(self, run_ref: str) -> tuple[RunReader, int | None]:
        """A reader of a recorded run from its first event, and the run's latest time."""
        opened = await self._call(lambda store: _open_reader(store, run_ref))
        if opened is None:
            raise RunNotFound(f"no recorded run {run_ref!r}")
        return opened

    async def final_spine(self, run_ref: str) -> FinalSpine | None:
        """What a finished run's final spine needs (None: read its whole stream instead);
        raises RunNotFound."""
        found = await self._call(lambda store: _final_spine(store, run_ref))
        if found is None:
            raise RunNotFound(f"no recorded run {run_ref!r}")
        return found[0]

    async def page(self, run_ref: str, offset: int, limit: int) -> EventsPage:
        """Up to `limit` events of a recorded run from `offset` on; raises RunNotFound."""
        page = await self._call(lambda store: self._page(store, run_ref, offset, limit))
        if page is None:
            raise RunNotFound(f"no recorded run {run_ref!r}")
        return page

    async def read(self, reader: RunReader) -> list[Event]:
        """The next chunk of an open reader's events."""
        return await self._call(lambda _store: reader.read(self.chunk)) or []

    def _page(self, store: RunStore, run_ref: str, offset: int, limit: int) -> EventsPage:
        """On the worker: continue where an earlier page ended, else skip `offset` events.

        A kept reader serves only the same cut: once more of the run is stored, offsets
        count differently and the page is read afresh.
        """
        fresh = store.reader(store.resolve(run_ref))
        run_id, cut = fresh.run_id, fresh.cut
        reader = self._pages.pop((run_id, cut, offset), None)
        if reader is None:
            reader = fresh
            reader.skip(offset)
        total = _remember(self._totals, (run_id, cut), fresh.count, TOTALS_KEPT)
        events = reader.read(limit)
        after = offset + len(events)
        if events and after < total:
            self._pages[(run_id, cut, after)] = reader
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        return EventsPage(run_id, total, events)

    def close(self) -> None:
        """Close the store and stop the worker thread."""
        if self._store is not None:
            with contextlib.suppress(Exception):
                self._pool.submit(self._store.close).result(timeout=2)
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def _call(self, work: Callable[[Any], T]) -> T | None:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._in_worker, work)

    def _in_worker(self, work: Callable[[Any], T]) -> T | None:
        store = self._open()
        return None if store is None else work(store)

    def _open(self) -> Any:
        if self._store is None and self._path is not None and self._path.exists():
            self._store = self._open_store(self._path)
        return self._store


class StoredEvents:
    """A recorded run's events for a replay, pulled from the store one chunk per worker call.

    Its view of the run is fixed when it opens (the reader's cut); `rewind()` opens a fresh
    reader, which sees whatever has been stored since.
    """

    def __init__(self, history: History, reader: RunReader, last_ns: int | None) -> None:
        self._history = history
        self._reader = reader
        self._last_ns = last_ns

    @property
    def run_id(self) -> str:
        """The run's full id."""
        return self._reader.run_id

    @property
    def origin_ns(self) -> int:
        """The perf-counter time the run started at."""
        return self._reader.origin_ns

    def last_ns(self) -> int | None:
        """The time of the run's latest call start, end or pulse (asked once, at opening)."""
        return self._last_ns

    async def read(self) -> list[Event]:
        """The next chunk of events; empty at the end."""
        return await self._history.read(self._reader)

    async def rewind(self) -> None:
        """Start again at the first event, with a fresh view of the run."""
        self._reader, self._last_ns = await self._history.open_reader(self._reader.run_id)


def _open_reader(store: RunStore, run_ref: str) -> tuple[RunReader, int | None]:
    """On the worker: a reader of the run `run_ref` names, and the run's latest time."""
    reader = store.reader(store.resolve(run_ref))
    return reader, reader.last_ns()


def _final_spine(store: RunStore, run_ref: str) -> tuple[FinalSpine | None]:
    """On the worker: the final-spine events of the run `run_ref` names (in a 1-tuple, so
    that a run needing its whole stream is told from a missing store)."""
    return (store.final_spine(store.resolve(run_ref)),)


def _remember(cache: OrderedDict[Any, int], key: Any, compute: Callable[[], int], keep: int) -> int:
    """`cache[key]`, computed on a miss; the oldest entries beyond `keep` are forgotten."""
    if key not in cache:
        cache[key] = compute()
        while len(cache) > keep:
            cache.popitem(last=False)
    return cache[key]


def summary_info(summary: RunSummary) -> RunInfo:
    """A run-list entry from a store `RunSummary`."""
    argv = list(summary.argv)
    return {
        "id": summary.run_id,
        "kind": summary.kind,
        "script": run_script(summary.kind, argv),
        "argv": argv,
        "state": summary.status,
        "live": False,
        "stored": True,
        "started_at": summary.started_at,
        "ended_at": summary.ended_at,
        "exit_code": summary.exit_code,
        "calls": summary.calls,
        "exceptions": summary.exceptions,
    }
