"""`RunStore`: the synchronous SQLite run store that writers append to and commands read."""

from __future__ import annotations

import sqlite3
import time
import weakref
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from debugflow.errors import RunNotFound, StoreError
from debugflow.protocol import Event, FunctionStats, RunEnded, RunStarted
from debugflow.storage import node_calls, rows, statements
from debugflow.storage.connection import open_connection, translate_errors
from debugflow.storage.schema import RUN_TABLES
from debugflow.storage.summary import RunSummary, summary_from_row

if TYPE_CHECKING:
    from debugflow.storage.final_spine import FinalSpine
    from debugflow.storage.reader import RunReader

# The reading side (`reader`, `final_spine`) is imported where it is used: a traced program's
# store writer opens this module on its thread and never reads a run back.

Clock = Callable[[], float]
EventStream = Generator[Event, None, None]

# The kind of the dry runs `flow ghost` and launch(Ghost=True) record; every other kind is live.
GHOST_KIND = "ghost"
# How many of the runs an ambiguous reference matches its error names.
SHOWN_MATCHES = 5
ROWS_AT_ONCE = 512  # events made into rows and written at a time, within one transaction


class RunStore:
    """The run store in one SQLite file: one connection, used by one thread at a time.

    Every sqlite3 failure surfaces as `StoreError` (or `RunNotFound`) naming the file.
    `clock` (wall-clock seconds) stamps writer heartbeats and judges whether a run without
    RunEnded is still running; `connection_factory` is a seam for failure injection.
    """

    def __init__(
        self,
        path: Path,
        *,
        clock: Clock = time.time,
        connection_factory: type[sqlite3.Connection] = sqlite3.Connection,
    ) -> None:
        self.path = Path(path)
        self._clock = clock
        self._streams: weakref.WeakSet[EventStream] = weakref.WeakSet()
        self._conn = open_connection(self.path, connection_factory)
        self._next_seq: dict[str, int] = {}

    def __enter__(self) -> RunStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def begin_run(self, run: RunStarted) -> None:
        """Record a new run; a run id already stored is left as it is."""
        with self._transaction("write"):
            self._conn.execute(statements.INSERT_RUN, rows.run_row(run, self._clock()))

    def append(self, run_id: str, events: Sequence[Event]) -> None:
        """Store a batch of a begun run's events in one transaction.

        A RunStarted in the batch begins the run if it is not stored yet. Raises StoreError
        when the run is not in the store (never begun, or pruned by another process).
        """
        if not events:
            return
        next_seq = self._first_seq(run_id)
        summing = node_calls.Summing(run_id)
        with self._transaction("write"):
            # Rows are made and written a slice at a time: the writer runs in the traced
            # program's process, whose memory (as `tracemalloc` sees it) must not swell by a
            # whole batch's rows at once.
            for start in range(0, len(events), ROWS_AT_ONCE):
                chunk = events[start : start + ROWS_AT_ONCE]
                batch, next_seq = rows.split_batch(run_id, chunk, next_seq)
                if batch.run_started is not None:
                    self._conn.execute(
                        statements.INSERT_RUN, rows.run_row(batch.run_started, self._clock())
                    )
                self._count_progress(run_id, len(batch.calls), batch.exceptions, next_seq)
                self._write_rows(summing, batch)
                if batch.run_ended is not None:
                    self._end_run(run_id, batch.run_ended)
            summing.write(self._conn)
        self._next_seq[run_id] = next_seq

    def record_progress(self, run_id: str, *, writer_dropped: int, alive: bool = True) -> None:
        """Note how many events the run's writer dropped, and refresh its heartbeat
        (`alive`) or clear it (a closing writer: the run is no longer being written)."""
        heartbeat = self._clock() if alive else None
        with self._transaction("write"):
            self._conn.execute(statements.HEARTBEAT, (heartbeat, writer_dropped, run_id))

    def _first_seq(self, run_id: str) -> int:
        if run_id not in self._next_seq:
            row = self._read_one(statements.NEXT_SEQ, (run_id,))
            self._next_seq[run_id] = row[0] if row else 0
        return self._next_seq[run_id]

    def _count_progress(self, run_id: str, calls: int, exceptions: int, next_seq: int) -> None:
        values = (calls, exceptions, next_seq, self._clock(), run_id)
        if self._conn.execute(statements.PROGRESS, values).rowcount == 0:
            raise StoreError(
                f"run {run_id} is not in the run store {self.path} "
                "(never begun, or pruned or cleared by another process)"
            )

    def _write_rows(self, summing: node_calls.Summing, batch: rows.Batch) -> None:
        # Starts go in before ends, so an end finds a call that started in the same batch.
        self._conn.executemany(statements.INSERT_THREAD, batch.threads)
        self._conn.executemany(statements.INSERT_NODE, batch.nodes)
        self._write_calls(summing, batch)
        self._conn.executemany(statements.INSERT_PULSE, batch.pulses)
        self._conn.executemany(statements.INSERT_PAUSE, batch.pauses)
        self._conn.executemany(statements.INSERT_RESUME, batch.resumes)
        self._conn.executemany(statements.INSERT_LINE_CALL, batch.line_calls)
        traced = {(row[0], row[2]) for row in batch.line_calls}  # (run, node)
        prune = [(run, node, run, node) for run, node in traced]
        self._conn.executemany(statements.PRUNE_LINE_CALLS, prune)
        self._conn.executemany(statements.UPSERT_LINE_STATS, batch.line_stats)
        self._conn.executemany(statements.UPSERT_STATS, batch.stats)
        self._conn.executemany(statements.UPSERT_NODE_STATS, batch.node_stats)
        self._conn.executemany(statements.INSERT_UNREACHED, batch.unreached)

    def _write_calls(self, summing: node_calls.Summing, batch: rows.Batch) -> None:
        """Store the calls and later ends, summing them up per node (`node_calls`)."""
        if not (batch.calls or batch.ends):
            return
        inserted = self._conn.executemany(statements.INSERT_CALL, batch.calls).rowcount
        if inserted != len(batch.calls):  # a call id stored before was ignored
            summing.exact = False
        summing.add(self._conn, batch.calls, batch.ends)
        self._conn.executemany(statements.END_CALL, batch.ends)

    def _end_run(self, run_id: str, end: RunEnded) -> None:
        values = (end.ended_at, end.exit_code, end.calls, end.exceptions, end.dropped, run_id)
        self._conn.execute(statements.END_RUN, values)

    # -- reading ---------------------------------------------------------------------------

    def runs(self, limit: int | None = None) -> list[RunSummary]:
        """Summaries of the stored runs, newest first."""
        with translate_errors(self.path, "read"):
            limited = (-1 if limit is None else limit,)
            found = self._conn.execute(statements.LIST_RUNS, limited).fetchall()
            return [self._summary(row) for row in found]

    def summary(self, run_id: str) -> RunSummary:
        """The summary of one run; raises RunNotFound when it is not stored."""
        row = self._run_row(run_id)
        with translate_errors(self.path, "read"):
            return self._summary(row)

    def resolve(self, ref: str = "latest", *, ghost: bool = False) -> str:
        """The full run id meant by "latest", a full id, or a unique part of one.

        "latest" is the newest live run (any kind but "ghost"), or with `ghost` the newest
        ghost run. Ids and parts of ids reach runs of every kind; a part that starts some ids
        names among those only, so a unique prefix keeps naming its run.
        """
        if ref == "latest":
            return self._latest(ghost)
        return self._matching(ref)

    def _latest(self, ghost: bool) -> str:
        newest = self._read_one(statements.LATEST_RUN_ID, (GHOST_KIND, ghost))
        if newest is None:
            raise RunNotFound(self._why_no_latest(ghost))
        return str(newest[0])

    def _why_no_latest(self, ghost: bool) -> str:
        others = int(self._read_one(statements.COUNT_RUNS_OF_KIND, (GHOST_KIND, not ghost))[0])
        if others == 0:
            return f"no runs are recorded yet in {self.path}"
        if ghost:
            return (
                f"no ghost runs are recorded in {self.path}; "
                "`flow ghost` and launch(Ghost=True) record them"
            )
        runs = "run" if others == 1 else "runs"
        return (
            f"no live runs are recorded yet in {self.path}, only {others} ghost {runs}; "
            "`--ghost` picks the newest ghost run"
        )

    def _matching(self, ref: str) -> str:
        if not ref:
            raise RunNotFound("an empty run id matches nothing; give an id or 'latest'")
        if self._read_one(statements.RUN_ID_EXISTS, (ref,)) is not None:
            return ref
        found = self._ids_containing(ref)
        if not found:
            raise RunNotFound(f"no recorded run matches {ref!r}; `flow runs` lists them")
        if len(found) > 1:
            raise RunNotFound(_several(ref, found))
        return found[0]

    def _ids_containing(self, ref: str) -> list[str]:
        """Ids starting with `ref` if any do, else every id containing it; newest first."""
        with translate_errors(self.path, "read"):
            rows_found = self._conn.execute(statements.RUN_IDS_CONTAINING, (ref,)).fetchall()
        found = [str(row[0]) for row in rows_found]
        return [run_id for run_id in found if run_id.startswith(ref)] or found

    def events(self, run_id: str) -> EventStream:
        """The run's events, streamed: RunStarted, ThreadSeen*, then calls, ends, pulses,
        pauses and resumes in time order, then FunctionStats*, then RunEnded if the run finished.

        Finish or close the stream before writing; closing the store closes it.
        """
        from debugflow.storage.reader import replay

        stream = self._translated(replay(self._conn, self._run_row(run_id)))
        self._streams.add(stream)
        return stream

    def reader(self, run_id: str) -> RunReader:
        """The run's events as `events()` streams them, read a bounded chunk at a time with
        nothing held open between chunks, and fixed to what was stored when it opened: for a
        reader that pauses between chunks (a replay in the hub). Raises RunNotFound."""
        from debugflow.storage.reader import RunReader

        return RunReader(self._conn, self.path, run_id)

    def final_spine(self, run_id: str) -> FinalSpine | None:
        """What a finished run's final spine needs, without its every call (see
        `storage.final_spine`); None when the run needs its whole stream read."""
        from debugflow.storage.final_spine import final_spine

        with translate_errors(self.path, "read"):
            own = not self._conn.in_transaction
            if own:
                self._conn.execute("BEGIN")
            try:
                return final_spine(self._conn, run_id)
            finally:
                if own and self._conn.in_transaction:
                    self._conn.execute("COMMIT")

    def _translated(self, events: Iterator[Event]) -> EventStream:
        with translate_errors(self.path, "read"):
            yield from events

    def function_stats(self, run_id: str) -> list[FunctionStats]:
        """The latest per-function statistics of a run, most total time first."""
        self._run_row(run_id)
        with translate_errors(self.path, "read"):
            return [
                rows.function_stats(row)
                for row in self._conn.execute(statements.FUNCTION_STATS, (run_id,))
            ]

    def _run_row(self, run_id: str) -> tuple[Any, ...]:
        row = self._read_one(statements.GET_RUN, (run_id,))
        if row is None:
            raise RunNotFound(f"no run {run_id!r} in {self.path}; `flow runs` lists them")
        return tuple(row)

    def _summary(self, row: tuple[Any, ...]) -> RunSummary:
        stat_calls, stat_exceptions = 0, 0
        if row[9] is None:  # ended_at: only unfinished runs need the stats totals
            stat_calls, stat_exceptions = self._conn.execute(
                statements.STATS_TOTALS, (row[0],)
            ).fetchone()
        return summary_from_row(row, stat_calls, stat_exceptions, self._clock())

    def _read_one(self, sql: str, params: tuple[Any, ...]) -> Any:
        with translate_errors(self.path, "read"):
            return self._conn.execute(sql, params).fetchone()

    # -- retention -------------------------------------------------------------------------

    def prune(self, keep: int) -> int:
        """Keep the newest `keep` runs and delete the rest; returns how many were deleted."""
        if keep < 0:
            raise ValueError(f"keep must be 0 or more, not {keep}")
        with self._transaction("prune"):
            beyond = self._conn.execute(statements.RUN_IDS_BEYOND, (keep,)).fetchall()
            old = [row[0] for row in beyond]
            for table in RUN_TABLES:
                self._conn.executemany(f"DELETE FROM {table} WHERE run_id = ?", [(r,) for r in old])
        self._release_space(len(old))
        return len(old)

    def clear(self) -> int:
        """Delete every run; returns how many there were."""
        with self._transaction("clear"):
            count = int(self._conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0])
            for table in RUN_TABLES:
                self._conn.execute(f"DELETE FROM {table}")
        self._release_space(count)
        return count

    def _release_space(self, deleted: int) -> None:
        """Give free pages back to the file system once they are half of the file.

        Below that, the next runs reuse them: shrinking the file is a pass over it, which
        would make every run of a long history wait at its end for the oldest run's removal.
        """
        if not deleted:
            return
        with translate_errors(self.path, "compact"):
            free = int(self._conn.execute("PRAGMA freelist_count").fetchone()[0])
            pages = int(self._conn.execute("PRAGMA page_count").fetchone()[0])
            if free * 2 > pages:
                # executescript steps the pragma to completion; execute() frees one page.
                self._conn.executescript("PRAGMA incremental_vacuum;")

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards. Safe to call twice."""
        try:
            # A stream left half read (its reader went away) would otherwise end its read
            # transaction when garbage collected: on the closed connection, raising there.
            for stream in list(self._streams):
                stream.close()
        finally:
            self._conn.close()

    def _rollback(self) -> None:
        # After some failures (a full disk) SQLite has already rolled back by itself.
        if self._conn.in_transaction:
            with suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    @contextmanager
    def _transaction(self, action: str) -> Iterator[None]:
        with translate_errors(self.path, action):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._rollback()
                raise
            self._conn.execute("COMMIT")


def _several(ref: str, found: Sequence[str]) -> str:
    """The error for a reference matching several runs, naming the newest few."""
    shown = ", ".join(found[:SHOWN_MATCHES])
    more = ", …" if len(found) > SHOWN_MATCHES else ""
    return f"{ref!r} matches {len(found)} runs ({shown}{more}); give more characters"
