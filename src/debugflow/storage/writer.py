"""`StoreWriter`: records one run into the store from a background thread.

The collector thread hands batches to `submit`, which only appends to a list under a lock:
it never waits for the disk and never raises. The writer thread commits everything pending at
least every `flush_interval`, so a process killed with SIGKILL leaves a readable store holding
its events up to about the last flush.

Long before that, once an eighth of `max_pending_events` wait, the writer says it is
`behind`, and the collector stops keeping sampled calls in detail until it catches up (the
writer shares the GIL with a program that can make two million calls a second).

When the disk falls behind and `max_pending_events` are waiting, a batch is shed by the rule
of `protocol.essential`: its essential events (the run's end, thread names, exceptions,
function counts) wait in a backlog of at most `max_essential_events`, the rest is counted as
dropped. The first write error (a full disk, a store deleted by hand) stops the writing; from
then on every batch is counted as dropped and the traced program never sees the exception.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from debugflow.errors import StoreError
from debugflow.protocol import Event, RunStarted
from debugflow.protocol.essential import EssentialBacklog
from debugflow.workers import PAUSE_TIMEOUT_S, WorkerThread

if TYPE_CHECKING:
    from debugflow.storage.store import RunStore

StoreFactory = Callable[[Path], "RunStore"]

MAX_PENDING_EVENTS = 200_000  # waiting to be written before batches are shed
# Twice the queue: a stalled disk under a program raising millions of exceptions holds at
# most this many essential events (at about 400 bytes an exception event, some 160 MB).
MAX_ESSENTIAL_EVENTS = 400_000
# Events written per transaction: a backlog is written in parts, so `close` sees progress.
WRITE_AT_ONCE = 5_000
# How long `close` waits for a store still being opened, beyond its own timeout: SQLite's
# busy timeout (`connection.BUSY_TIMEOUT_S`, not imported: that module brings sqlite3, which
# the program's main thread never loads), the longest another process's lock makes it wait.
OPEN_ALLOWANCE_S = 10.0


class StoreWriter:
    """A background thread that owns its own RunStore and writes one run's batches into it.

    The store is opened, the run begun and runs beyond the newest `keep_runs` pruned on the
    writer thread, so a traced program's start never waits for SQLite, the schema or the
    store's modules (they are imported there too). `opened` is set once the run is begun or
    that failed; a store that cannot be opened makes `open_error` (and `error`) say why and
    every batch is counted as dropped. Nothing here raises into the caller.
    """

    def __init__(
        self,
        path: Path,
        run: RunStarted,
        *,
        keep_runs: int = 50,
        flush_interval: float = 0.25,
        max_pending_events: int = MAX_PENDING_EVENTS,
        max_essential_events: int = MAX_ESSENTIAL_EVENTS,
        store_factory: StoreFactory | None = None,
    ) -> None:
        self._path = Path(path)
        self._run = run
        self._store_factory = store_factory
        self._store: RunStore | None = None
        self.open_error: str | None = None
        self.opened = threading.Event()
        self._beat_every = 1.0  # the store's heartbeat interval, read with the store's modules
        self._run_id = run.run_id
        self._keep_runs = keep_runs
        self._flush_interval = flush_interval
        self._max_pending = max_pending_events
        self._lock = threading.Lock()
        self._pending: list[tuple[Event, ...]] = []
        self._pending_count = 0
        self._backlog = EssentialBacklog(max_essential_events)
        self._dropped = 0
        self._written = 0
        self._recorded_dropped = 0
        self._error: str | None = None
        self._closed = False
        self._wake = threading.Event()
        self._last_beat = time.monotonic()
        self._thread = WorkerThread(self._work, "debugflow-store", self._wake.set)
        self._thread.start()

    @property
    def dropped(self) -> int:
        """Events this writer could not store: shed from a full queue, after an error or close."""
        return self._dropped

    @property
    def error(self) -> str | None:
        """The first write error, after which nothing more is written; None while healthy."""
        return self._error

    def submit(self, events: Sequence[Event]) -> None:
        """Queue a batch for writing without blocking or raising.

        A batch that does not fit (or arrives while shed events wait, so that order is kept)
        is shed: its essential events wait in the backlog, the rest is counted as dropped.
        """
        batch = tuple(events)
        if not batch:
            return
        with self._lock:
            urgent = self._queue(batch)
        if urgent:
            self._wake.set()

    def pause(self, timeout: float = PAUSE_TIMEOUT_S) -> None:
        """End the writer thread for a moment (around a fork); batches wait for `resume()`."""
        self._thread.pause(timeout)

    def resume(self) -> None:
        """Go on writing in a new thread."""
        self._thread.resume()

    def close(self, timeout: float = 10.0) -> None:
        """Write what is pending and close the store. Idempotent.

        Waits for the store to be opened, then as long as the writer makes progress (a long
        run's last batches on a busy machine take what they take: the run's record is what
        must outlive the program), and gives up after `timeout` seconds without any (a disk
        that hangs); `error` (and `open_error`, if it never opened) then says so.
        """
        with self._lock:
            self._closed = True
        self._wake.set()
        # Opening shows no progress to watch: on a busy machine it may still be going at the
        # end of a short program, and without it nothing of the run is kept. SQLite's busy
        # timeout bounds the wait for another process's lock; `timeout` the rest.
        self.opened.wait(OPEN_ALLOWANCE_S + timeout)
        written, since = self._written, time.monotonic()
        while True:
            self._thread.join(min(0.25, timeout))
            if not self._thread.is_alive():
                return
            if self._written != written:
                written, since = self._written, time.monotonic()
            elif time.monotonic() - since >= timeout:
                break
        self._fail(StoreError(f"the store made no progress for {timeout:g} s at exit"), 0)
        if not self.opened.is_set():
            self.open_error = self._error

    @property
    def behind(self) -> bool:
        """Whether more events wait than a few writes take (an eighth of the queue's bound)."""
        return self._pending_count > self._max_pending // 8

    def _queue(self, batch: tuple[Event, ...]) -> bool:
        """Queue, shed or refuse `batch` (under the lock); True when the writer should wake."""
        if self._closed or self._error is not None:
            self._dropped += len(batch)
            return False
        if self._backlog or self._pending_count + len(batch) > self._max_pending:
            self._dropped += self._backlog.shed(batch)
            return True  # shedding: write now rather than at the next tick
        self._pending.append(batch)
        self._pending_count += len(batch)
        return self._pending_count * 2 >= self._max_pending  # half full: write now

    # -- the writer thread -----------------------------------------------------------------

    def _work(self, resumed: bool) -> bool:
        """The writer thread; True when it stopped for a pause (the store stays open)."""
        if not resumed and self._open():
            self._prune()
        try:
            while self._cycle():
                if self._thread.pause_requested:
                    return True
        except Exception as exc:  # a bug here must not leave the queue growing unseen
            self._fail(exc, 0)
        self._finish()
        return False

    def _open(self) -> bool:
        """Open the store and begin the run; False (with the reason kept) when that fails."""
        try:
            factory = self._store_factory
            if factory is None:
                from debugflow.storage.store import RunStore

                factory = RunStore
            from debugflow.storage.summary import HEARTBEAT_INTERVAL_S

            self._beat_every = HEARTBEAT_INTERVAL_S
            self._store = _begin(factory(self._path), self._run)
            return True
        except Exception as exc:
            self.open_error = str(exc) or type(exc).__name__
            self._fail(exc, 0)
            return False
        finally:
            self.opened.set()

    def _prune(self) -> None:
        # Not fatal: recording this run matters more, and the next run prunes again.
        assert self._store is not None
        with suppress(StoreError):
            self._store.prune(self._keep_runs)

    def _cycle(self) -> bool:
        """Wait for a tick (or a wake-up), write what is pending; False once closed and drained."""
        self._wake.wait(self._flush_interval)
        self._wake.clear()
        with self._lock:
            batches, self._pending, self._pending_count = self._pending, [], 0
            kept = self._backlog.take()  # shed after every pending batch: written after them
            closed = self._closed
        if batches or kept:
            self._write([*chain.from_iterable(batches), *kept])
        self._heartbeat()
        return not closed

    def _write(self, events: list[Event]) -> None:
        if self._error is not None or self._store is None:
            self._count_dropped(len(events))
            return
        for start in range(0, len(events), WRITE_AT_ONCE):
            part = events[start : start + WRITE_AT_ONCE]
            try:
                self._store.append(self._run_id, part)
            except Exception as exc:
                self._fail(exc, len(events) - start)
                return
            self._written += len(part)  # what `close` watches for progress
            self._last_beat = time.monotonic()  # append refreshed the heartbeat too

    def _heartbeat(self) -> None:
        due = time.monotonic() - self._last_beat >= self._beat_every
        if self._error is not None or not (due or self._dropped != self._recorded_dropped):
            return
        assert self._store is not None  # opened, or `_error` says why not
        dropped = self._dropped
        try:
            self._store.record_progress(self._run_id, writer_dropped=dropped)
        except Exception as exc:
            self._fail(exc, 0)
            return
        self._recorded_dropped, self._last_beat = dropped, time.monotonic()

    def _fail(self, exc: Exception, lost: int) -> None:
        with self._lock:
            if self._error is None:
                self._error = str(exc) or type(exc).__name__
            self._dropped += lost

    def _count_dropped(self, lost: int) -> None:
        with self._lock:
            self._dropped += lost

    def _finish(self) -> None:
        if self._store is None:
            return
        if self._error is None:
            with suppress(StoreError):
                self._store.record_progress(self._run_id, writer_dropped=self._dropped, alive=False)
        self._store.close()


def _begin(store: RunStore, run: RunStarted) -> RunStore:
    """Begin `run` in `store`, closing the store if that fails."""
    try:
        store.begin_run(run)
    except BaseException:
        store.close()
        raise
    return store
