"""Reading a stored run back as the stream of protocol events it was recorded from.

The stream is RunStarted, ThreadSeen*, the time-ordered nodes, calls, ends, pulses, the
debugger's pauses and resumes and the line traces of focused calls (LineCall, at their
start), FunctionStats*, NodeStats*, LineStats*, UnreachedFunction*, RunEnded?.
Calls, call ends, nodes, pulses, pauses and resumes live in different rows, so the timeline
merges a cursor per kind, each walking an index in time order. Events at the same nanosecond
keep their arrival order (`seq`).

Nothing is loaded whole. Each cursor fetches a page of rows at a time, keyed by the last
(time, seq) it returned, so a reader holds at most a page per cursor and no SQLite statement
stays open between two reads.

A reader's view is fixed when it opens: the run's `next_seq` then (the arrival number of the
next event to be written) is its *cut*, and it returns only the calls, ends, nodes, pulses
and unreached functions numbered below it. The writer numbers events in arrival order and
commits each batch with the new `next_seq`, so what lies below the cut is exactly what was
committed when the reader opened: a call's end is never seen without its start, and
resuming after the last key returns exactly the rest, however much is written meanwhile.
Threads and statistics carry no number; they are read as they are when the stream reaches
them (for a finished run, that is all of them).
"""

from __future__ import annotations

import heapq
import sqlite3
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from debugflow.errors import RunNotFound
from debugflow.protocol import Event
from debugflow.storage import rows, statements
from debugflow.storage.connection import translate_errors

PAGE_ROWS = 512  # rows one cursor fetches at a time: a reader holds at most this per cursor
_EVERYTHING = 2**63 - 1  # a cut above every arrival number (one transaction needs no cut)


class _Table(NamedTuple):
    """One kind of a run's rows, in key order: which rows, and how each becomes an event.

    `key` orders the rows and resumes a cursor after the last row it returned; `numbered` is
    the arrival-number column compared with the cut (None: rows without one); `timed` says the
    key's first column is the event's own time (a replay's clock).
    """

    table: str
    key: tuple[str, ...]
    columns: str
    build: Callable[[rows.Row], Event]
    numbered: str | None = None
    where: str = ""
    timed: bool = False

    def conditions(self) -> str:
        """The WHERE clause of this table's rows of one run below one cut (`run_id, [cut]`)."""
        terms = ["run_id = ?"]
        if self.numbered is not None:
            terms.append(f"{self.numbered} < ?")
        if self.where:
            terms.append(self.where)
        return " AND ".join(terms)

    def page_sql(self, after: bool, tag: int) -> str:
        """The next page of rows: key columns, `tag`, then the event's columns; `after`: past
        a key given last."""
        keys = ", ".join(self.key)
        where = self.conditions()
        if after:
            where += f" AND ({keys}) > ({', '.join('?' for _ in self.key)})"
        return (
            f"SELECT {keys}, {tag}, {self.columns} FROM {self.table} WHERE {where} "
            f"ORDER BY {keys} LIMIT ?"
        )

    def count_sql(self) -> str:
        """How many rows the stream reads from this table."""
        return f"SELECT COUNT(*) FROM {self.table} WHERE {self.conditions()}"

    def last_time_sql(self) -> str:
        """The time of the latest row (the first key column of a timed table)."""
        descending = ", ".join(f"{column} DESC" for column in self.key)
        return (
            f"SELECT {self.key[0]} FROM {self.table} WHERE {self.conditions()} "
            f"ORDER BY {descending} LIMIT 1"
        )


_THREADS = _Table("threads", ("rowid",), rows.THREAD_COLUMNS, rows.thread_seen)
_NODES = _Table(
    "nodes", ("first_ns", "seq"), rows.NODE_COLUMNS, rows.node_seen, numbered="seq"
)  # fmt: skip
_STARTS = _Table(
    "calls", ("start_ns", "seq"), rows.CALL_COLUMNS, rows.call_started, numbered="seq",
    timed=True,
)  # fmt: skip
_ENDS = _Table(
    "calls", ("end_ns", "end_seq"), rows.END_COLUMNS, rows.call_ended, numbered="end_seq",
    where="end_ns IS NOT NULL", timed=True,
)  # fmt: skip
_PULSES = _Table(
    "pulses", ("ts_ns", "seq"), rows.PULSE_COLUMNS, rows.pulse, numbered="seq", timed=True
)  # fmt: skip
_PAUSES = _Table(
    "pauses", ("ts_ns", "seq"), rows.PAUSE_COLUMNS, rows.paused, numbered="seq", timed=True
)  # fmt: skip
_RESUMES = _Table(
    "resumes", ("ts_ns", "seq"), rows.RESUME_COLUMNS, rows.resumed, numbered="seq", timed=True
)  # fmt: skip
_LINE_CALLS = _Table(
    "line_calls", ("start_ns", "seq"), rows.LINE_CALL_COLUMNS, rows.line_call, numbered="seq",
    timed=True,
)  # fmt: skip
_LINE_STATS = _Table("line_stats", ("node_id",), rows.LINE_STATS_COLUMNS, rows.line_stats)
_STATS = _Table("function_stats", ("rowid",), rows.STATS_COLUMNS, rows.function_stats)
_NODE_STATS = _Table("node_stats", ("node_id",), rows.NODE_STATS_COLUMNS, rows.node_stats)
_UNREACHED = _Table(
    "unreached", ("seq",), rows.UNREACHED_COLUMNS, rows.unreached, numbered="seq"
)  # fmt: skip

# The stream's sections in order; the cursors of one section are merged by key.
_SECTIONS: tuple[tuple[_Table, ...], ...] = (
    (_THREADS,),
    (_NODES, _STARTS, _ENDS, _PULSES, _PAUSES, _RESUMES, _LINE_CALLS),
    (_STATS,),
    (_NODE_STATS,),
    (_LINE_STATS,),
    (_UNREACHED,),
)
_TABLES = tuple(table for section in _SECTIONS for table in section)


class _Cursor:
    """One table's rows of a run in key order, fetched a page at a time after the last key.

    Each row is `(*key, tag, *columns)`, `tag` being the cursor's place in its section: rows
    of a section's cursors then compare by key, ties (which the keys rule out) by cursor, so
    the rows themselves can sit in the merge's heap.
    """

    __slots__ = ("_after", "_first", "_last", "_params", "build", "exhausted", "rows", "width")

    def __init__(self, table: _Table, tag: int, run_id: str, cut: int) -> None:
        self._first, self._after = table.page_sql(False, tag), table.page_sql(True, tag)
        self._params: tuple[Any, ...] = (run_id, cut) if table.numbered else (run_id,)
        self._last: tuple[Any, ...] | None = None  # the key of the last row fetched
        self.build = table.build
        self.width = len(table.key) + 1  # the columns before the event's own
        self.rows: deque[rows.Row] = deque()
        self.exhausted = False

    def fill(self, conn: sqlite3.Connection) -> None:
        """Fetch the next page (the buffer is empty: every row fetched is taken or at the
        top of the merge); an incomplete page is the last one."""
        if self._last is None:
            page = conn.execute(self._first, (*self._params, PAGE_ROWS)).fetchall()
        else:
            params = (*self._params, *self._last, PAGE_ROWS)
            page = conn.execute(self._after, params).fetchall()
        self.rows.extend(page)
        self.exhausted = len(page) < PAGE_ROWS
        if page:
            self._last = page[-1][: self.width - 1]


class _Merge:
    """The rows of one section's cursors, merged by key; each buffer refilled when it empties."""

    def __init__(self, tables: tuple[_Table, ...], run_id: str, cut: int) -> None:
        self._cursors = [_Cursor(table, tag, run_id, cut) for tag, table in enumerate(tables)]
        self._tag = len(tables[0].key)  # where a row says which cursor it came from
        self._heap: list[rows.Row] = []  # the next row of every cursor that has one
        self._started = False

    @property
    def done(self) -> bool:
        """Whether every row has been taken."""
        return self._started and not self._heap

    def take(self, conn: sqlite3.Connection, limit: int, out: list[Event] | None) -> int:
        """Take up to `limit` rows, appending their events to `out` (None: skip them)."""
        if not self._started:
            self._start(conn)
        heap, cursors, tag, taken = self._heap, self._cursors, self._tag, 0
        while taken < limit and heap:
            row = heap[0]
            cursor = cursors[row[tag]]
            if out is not None:
                out.append(cursor.build(row[cursor.width :]))
            taken += 1
            if cursor.rows or _fill(conn, cursor):
                heapq.heapreplace(heap, cursor.rows.popleft())
            else:
                heapq.heappop(heap)
        return taken

    def _start(self, conn: sqlite3.Connection) -> None:
        self._started = True
        for cursor in self._cursors:
            if _fill(conn, cursor):
                heapq.heappush(self._heap, cursor.rows.popleft())


def _fill(conn: sqlite3.Connection, cursor: _Cursor) -> bool:
    """Fetch an emptied cursor's next page, if it has one; returns whether it holds rows."""
    if not cursor.exhausted:
        cursor.fill(conn)
    return bool(cursor.rows)


class _Stream:
    """The run's events in stream order, taken a bounded number at a time (no transactions)."""

    def __init__(self, run_row: tuple[Any, ...], cut: int) -> None:
        run_id = str(run_row[0])
        self._head: list[Event] = [rows.run_started(run_row)]
        end = rows.run_ended(run_row)
        self._tail: list[Event] = [] if end is None else [end]
        self._sections = [_Merge(section, run_id, cut) for section in _SECTIONS]

    @property
    def done(self) -> bool:
        """Whether the whole stream has been taken."""
        return not self._head and all(s.done for s in self._sections) and not self._tail

    def take(self, conn: sqlite3.Connection, limit: int, out: list[Event] | None) -> int:
        """Take up to `limit` events in order, appending them to `out` (None: skip them)."""
        taken = _take_fixed(self._head, limit, out)
        for section in self._sections:
            if taken < limit and not section.done:
                taken += section.take(conn, limit - taken, out)
        if taken < limit and all(s.done for s in self._sections):
            taken += _take_fixed(self._tail, limit - taken, out)
        return taken


def _take_fixed(events: list[Event], limit: int, out: list[Event] | None) -> int:
    taken = events[:limit]
    del events[:limit]
    if out is not None:
        out.extend(taken)
    return len(taken)


class RunReader:
    """A stored run's events read in bounded chunks, each in a short read transaction.

    Between two reads nothing is held: no statement, no transaction. A reader that pauses
    for as long as it likes (a replay waiting on its viewer, a page of the hub's events API
    kept for the next one) therefore never pins a WAL snapshot, and the traced program's
    writer can always checkpoint. One transaction for a whole replay would instead keep the
    WAL growing for as long as the viewer leaves the replay open, and, on a connection shared
    with other reads (the hub's history has one), show every other query the store as it
    was when that replay began. Consistency across the chunks comes from the cut (see the
    module docstring), not from a transaction.

    Use it from the thread that owns the store's connection. Failures raise StoreError.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, run_id: str) -> None:
        self._conn = conn
        self._path = path
        with self._chunk():
            run_row = conn.execute(statements.GET_RUN, (run_id,)).fetchone()
            if run_row is None:
                raise RunNotFound(f"no run {run_id!r} in {path}; `flow runs` lists them")
            self.cut = int(conn.execute(statements.NEXT_SEQ, (run_id,)).fetchone()[0])
        self.run_id = str(run_row[0])
        self.origin_ns = int(run_row[8])
        self._ended = run_row[9] is not None
        self._stream = _Stream(tuple(run_row), self.cut)

    @property
    def done(self) -> bool:
        """Whether every event has been read."""
        return self._stream.done

    def read(self, limit: int) -> list[Event]:
        """The next `limit` events (fewer at the end; none once done)."""
        out: list[Event] = []
        with self._chunk():
            self._stream.take(self._conn, limit, out)
        return out

    def skip(self, count: int) -> int:
        """Pass over the next `count` events without building them; returns how many."""
        skipped = 0
        while skipped < count and not self.done:
            with self._chunk():
                skipped += self._stream.take(self._conn, min(count - skipped, 50_000), None)
        return skipped

    def count(self) -> int:
        """How many events the whole stream holds (one COUNT per table: a pass over its index)."""
        with self._chunk():
            found = sum(self._count(table) for table in _TABLES)
        return 1 + found + int(self._ended)

    def last_ns(self) -> int | None:
        """The time of the latest call start, call end or pulse below the cut, if any."""
        with self._chunk():
            times = [self._last_time(table) for table in _TABLES if table.timed]
        found = [t for t in times if t is not None]
        return max(found) if found else None

    def _count(self, table: _Table) -> int:
        params = (self.run_id, self.cut) if table.numbered else (self.run_id,)
        return int(self._conn.execute(table.count_sql(), params).fetchone()[0])

    def _last_time(self, table: _Table) -> int | None:
        params = (self.run_id, self.cut) if table.numbered else (self.run_id,)
        row = self._conn.execute(table.last_time_sql(), params).fetchone()
        return None if row is None else int(row[0])

    @contextmanager
    def _chunk(self) -> Iterator[None]:
        """One read transaction (unless the caller has one open), errors as StoreError."""
        with translate_errors(self._path, "read"):
            own = not self._conn.in_transaction
            if own:
                self._conn.execute("BEGIN")
            try:
                yield
            finally:
                if own and self._conn.in_transaction:
                    self._conn.execute("COMMIT")


def replay(conn: sqlite3.Connection, run_row: tuple[Any, ...]) -> Iterator[Event]:
    """The run's whole stream in one read transaction (`RunStore.events`).

    One transaction, so that the stream is the run as it was when reading began (no cut is
    needed); finish or close the iterator before writing.
    """
    own_transaction = not conn.in_transaction
    if own_transaction:
        conn.execute("BEGIN")
    try:
        stream = _Stream(run_row, _EVERYTHING)
        while not stream.done:
            chunk: list[Event] = []
            stream.take(conn, PAGE_ROWS, chunk)
            yield from chunk
    finally:
        if own_transaction and conn.in_transaction:
            conn.execute("COMMIT")
