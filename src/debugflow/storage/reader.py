"""Reading a stored run back as the stream of protocol events it was recorded from.

Calls, call ends and pulses live in different rows, so the stream merges three cursors, each
walking an index in time order. Nothing is loaded whole: a run of a million calls is read a
row at a time. Events at the same nanosecond keep their arrival order (`seq`).
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from debugflow.protocol import Event
from debugflow.storage import rows

Timed = tuple[int, int, Event]

_THREADS = f"SELECT {rows.THREAD_COLUMNS} FROM threads WHERE run_id = ? ORDER BY rowid"
_NODES = (
    f"SELECT first_ns, seq, {rows.NODE_COLUMNS} FROM nodes WHERE run_id = ? ORDER BY first_ns, seq"
)
_STARTS = (
    f"SELECT start_ns, seq, {rows.CALL_COLUMNS} FROM calls WHERE run_id = ? ORDER BY start_ns, seq"
)
_ENDS = (
    f"SELECT end_ns, end_seq, {rows.END_COLUMNS} FROM calls "
    "WHERE run_id = ? AND end_ns IS NOT NULL ORDER BY end_ns, end_seq"
)
_PULSES = (
    f"SELECT ts_ns, seq, {rows.PULSE_COLUMNS} FROM pulses WHERE run_id = ? ORDER BY ts_ns, seq"
)
_STATS = f"SELECT {rows.STATS_COLUMNS} FROM function_stats WHERE run_id = ? ORDER BY rowid"
_NODE_STATS = f"SELECT {rows.NODE_STATS_COLUMNS} FROM node_stats WHERE run_id = ? ORDER BY node_id"
_UNREACHED = f"SELECT {rows.UNREACHED_COLUMNS} FROM unreached WHERE run_id = ? ORDER BY seq"


def replay(conn: sqlite3.Connection, run_row: tuple[Any, ...]) -> Iterator[Event]:
    """RunStarted, ThreadSeen*, the time-ordered nodes/calls/ends/pulses, FunctionStats*,
    NodeStats*, UnreachedFunction*, RunEnded?"""
    # One read transaction for the whole stream, so that while another process writes the run
    # an end is never seen without its start. Finish or close the iterator before writing.
    own_transaction = not conn.in_transaction
    if own_transaction:
        conn.execute("BEGIN")
    try:
        yield from _stream(conn, run_row)
    finally:
        if own_transaction and conn.in_transaction:
            conn.execute("COMMIT")


def _stream(conn: sqlite3.Connection, run_row: tuple[Any, ...]) -> Iterator[Event]:
    run_id = run_row[0]
    yield rows.run_started(run_row)
    for thread_row in conn.execute(_THREADS, (run_id,)):
        yield rows.thread_seen(thread_row)
    yield from _timeline(conn, run_id)
    for stats_row in conn.execute(_STATS, (run_id,)):
        yield rows.function_stats(stats_row)
    for stats_row in conn.execute(_NODE_STATS, (run_id,)):
        yield rows.node_stats(stats_row)
    for unreached_row in conn.execute(_UNREACHED, (run_id,)):
        yield rows.unreached(unreached_row)
    end = rows.run_ended(run_row)
    if end is not None:
        yield end


def _timeline(conn: sqlite3.Connection, run_id: str) -> Iterator[Event]:
    streams = (
        _timed(conn, _NODES, run_id, rows.node_seen),
        _timed(conn, _STARTS, run_id, rows.call_started),
        _timed(conn, _ENDS, run_id, rows.call_ended),
        _timed(conn, _PULSES, run_id, rows.pulse),
    )
    for _ts, _seq, event in heapq.merge(*streams, key=lambda item: (item[0], item[1])):
        yield event


def _timed(
    conn: sqlite3.Connection, sql: str, run_id: str, build: Callable[[rows.Row], Event]
) -> Iterator[Timed]:
    for row in conn.execute(sql, (run_id,)):
        yield row[0], row[1], build(row[2:])
