"""What a finished run's final spine needs from the store, without reading its every call.

A spine node shows exact numbers from the tracer (`node_stats`) and a few whole calls; to
build the final spine of a finished run it is enough to apply, in stream order, its nodes,
threads, pulses, line traces of focused functions, statistics and end, and of its calls only
those that decide what a node shows:
- its first call that knows the line it was called from (calls not kept in detail do not),
- its latest call kept in detail, by start (its `sample`),
- its latest call that raised, by end (its `failure`),
- its latest call to start or end (its `state` and `last_t`),
- its latest call still open (it ends `unfinished`),
- and the calls pulses were made in (a mark goes under its caller's node).
Every other stored call is only counted: `unread` holds, per tracer node, how many calls
and exceptions were left out, for `SpineModel.count_unread_calls`. One aggregate query over
the run's calls (one sort in SQLite) counts them and finds the times of the calls to pick,
each then looked up through an index; Python builds events for O(nodes) rows, however many
calls were stored.

The events come in the order `reader.RunReader` streams them: RunStarted, ThreadSeen*, the
timeline by (time, arrival number, kind), FunctionStats*, NodeStats*, UnreachedFunction*,
RunEnded. Runs this cannot stand in for (still running, nodes that have no exact numbers,
calls without a node id as older versions stored them, or calls under nodes the store does
not have) give None: read their whole stream.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from debugflow.protocol import Event
from debugflow.storage import rows, statements

# Per node, in one pass over the run's calls (one sort): its counts, and the times that
# find the calls deciding what it shows (named parameter :run).
_PER_NODE = """
    SELECT node_id, COUNT(*), COALESCE(SUM(outcome = 'exception'), 0),
           MIN(CASE WHEN call_line IS NOT NULL THEN start_ns END),
           MAX(CASE WHEN detailed THEN start_ns END),
           MAX(CASE WHEN outcome = 'exception' THEN end_ns END),
           MAX(end_ns),
           MAX(CASE WHEN end_ns IS NULL THEN start_ns END)
    FROM calls WHERE run_id = :run GROUP BY node_id
"""
_CALL = f"SELECT seq, end_seq, {rows.CALL_COLUMNS}, {rows.END_COLUMNS} FROM calls"
# One call of a node found by a time (through the calls_start and calls_end indexes): the
# first in stream order, or the latest, among the node's calls at that time.
_AT_START = f"{_CALL} WHERE run_id = ? AND start_ns = ? AND node_id = ?"
_AT_END = f"{_CALL} WHERE run_id = ? AND end_ns = ? AND node_id = ?"
_FIRST = f"{_AT_START} AND call_line IS NOT NULL ORDER BY seq LIMIT 1"
_SAMPLE = f"{_AT_START} AND detailed ORDER BY seq DESC LIMIT 1"
_OPEN = f"{_AT_START} AND end_ns IS NULL ORDER BY seq DESC LIMIT 1"
_RAISED = f"{_AT_END} AND outcome = 'exception' ORDER BY end_seq DESC LIMIT 1"
_LAST_END = f"{_AT_END} ORDER BY end_seq DESC LIMIT 1"
_BY_ID = f"{_CALL} WHERE run_id = ? AND call_id = ?"
_MARKED = "SELECT DISTINCT parent_id FROM pulses WHERE run_id = ? AND parent_id IS NOT NULL"
_NODES_WITHOUT_STATS = (
    "SELECT COUNT(*) FROM nodes WHERE run_id = :run AND node_id NOT IN "
    "(SELECT node_id FROM node_stats WHERE run_id = :run)"
)
_NODES = f"SELECT first_ns, seq, {rows.NODE_COLUMNS} FROM nodes WHERE run_id = :run"
_PULSES = f"SELECT ts_ns, seq, {rows.PULSE_COLUMNS} FROM pulses WHERE run_id = :run"
_THREADS = f"SELECT {rows.THREAD_COLUMNS} FROM threads WHERE run_id = :run ORDER BY rowid"
_STATS = f"SELECT {rows.STATS_COLUMNS} FROM function_stats WHERE run_id = :run ORDER BY rowid"
_NODE_STATS = (
    f"SELECT {rows.NODE_STATS_COLUMNS} FROM node_stats WHERE run_id = :run ORDER BY node_id"
)
_UNREACHED = f"SELECT {rows.UNREACHED_COLUMNS} FROM unreached WHERE run_id = :run ORDER BY seq"
# Line replay of focused functions: the kept line traces (at most a few per node) and the
# per-line counts, as the stream has them.
_LINE_CALLS = (
    f"SELECT {rows.LINE_CALL_COLUMNS} FROM line_calls WHERE run_id = :run ORDER BY start_ns, seq"
)
_LINE_STATS = (
    f"SELECT {rows.LINE_STATS_COLUMNS} FROM line_stats WHERE run_id = :run ORDER BY node_id"
)
# Ties in time and arrival number go by kind, in the order the stream merges them.
_NODE, _START, _END, _PULSE = range(4)
_CALL_WIDTH = len(rows.CALL_COLUMNS.split(", "))


@dataclass
class FinalSpine:
    """A finished run's spine-deciding events, and per tracer node the calls left out."""

    run_id: str
    events: list[Event]
    unread: dict[int, tuple[int, int]] = field(default_factory=dict)  # node: calls, raised
    read_calls: int = 0  # call rows built into events


def final_spine(conn: sqlite3.Connection, run_id: str) -> FinalSpine | None:
    """The events of a finished run that decide its final spine (None: read the stream).

    Run it inside one read transaction, so that every query sees the same run.
    """
    run = {"run": run_id}
    run_row = conn.execute(statements.GET_RUN, (run_id,)).fetchone()
    ended = None if run_row is None else rows.run_ended(tuple(run_row))
    if ended is None or conn.execute(_NODES_WITHOUT_STATS, run).fetchone()[0]:
        return None
    nodes = conn.execute(_NODES, run).fetchall()
    known = {row[2] for row in nodes}
    per_node = conn.execute(_PER_NODE, run).fetchall()
    if any(entry[0] is None or entry[0] not in known for entry in per_node):
        return None  # calls placed by function, or under nodes the store does not have
    timeline: list[tuple[Any, ...]] = [(r[0], r[1], _NODE, rows.node_seen(r[2:])) for r in nodes]
    picked: dict[int, rows.Row] = {}
    lookups: list[tuple[str, tuple[Any, ...]]] = []
    for node, _, _, first, sample, raised, last_end, open_start in per_node:
        found = zip((_FIRST, _SAMPLE, _RAISED, _LAST_END, _OPEN),
                    (first, sample, raised, last_end, open_start), strict=True)  # fmt: skip
        lookups += [(sql, (run_id, t, node)) for sql, t in found if t is not None]
    marked = conn.execute(_MARKED, (run_id,)).fetchall()
    lookups += [(_BY_ID, (run_id, parent)) for (parent,) in marked]
    for sql, params in lookups:
        row = conn.execute(sql, params).fetchone()
        if row is not None:
            picked.setdefault(int(row[2]), tuple(row))
    fed_calls: Counter[int] = Counter()
    fed_raised: Counter[int] = Counter()
    for row in picked.values():
        seq, end_seq, call, end = row[0], row[1], row[2:][:_CALL_WIDTH], row[2 + _CALL_WIDTH :]
        started = rows.call_started(call)
        timeline.append((started.start_ns, seq, _START, started))
        if end[1] is not None:
            timeline.append((end[1], end_seq, _END, rows.call_ended(end)))
        if started.node_id is not None:
            fed_calls[started.node_id] += 1
            fed_raised[started.node_id] += end[2] == "exception"
    timeline += [(r[0], r[1], _PULSE, rows.pulse(r[2:])) for r in conn.execute(_PULSES, run)]
    timeline.sort(key=lambda entry: entry[:3])
    events: list[Event] = [rows.run_started(tuple(run_row))]
    events += [rows.thread_seen(r) for r in conn.execute(_THREADS, run)]
    events += [entry[3] for entry in timeline]
    events += [rows.line_call(r) for r in conn.execute(_LINE_CALLS, run)]
    events += [rows.function_stats(r) for r in conn.execute(_STATS, run)]
    events += [rows.node_stats(r) for r in conn.execute(_NODE_STATS, run)]
    events += [rows.line_stats(r) for r in conn.execute(_LINE_STATS, run)]
    events += [rows.unreached(r) for r in conn.execute(_UNREACHED, run)]
    events.append(ended)
    unread = {
        entry[0]: (entry[1] - fed_calls[entry[0]], int(entry[2]) - fed_raised[entry[0]])
        for entry in per_node
        if entry[1] > fed_calls[entry[0]]
    }
    return FinalSpine(str(run_row[0]), events, unread, len(picked))
