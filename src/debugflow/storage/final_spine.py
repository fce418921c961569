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
and exceptions were left out, for `SpineModel.count_unread_calls`.

The counts and picks of a run the writer summarised (`storage.node_calls`) are read from
`node_calls`, each pick fetched by its call id and checked against the key it was picked by,
and the open calls through the `calls_open` index: O(nodes) rows, however many calls were
stored. A run without a summary (stored before schema version 5, or one the writer could not
keep exact) or with one that disagrees with its rows (counts that do not add up to the
stored calls, a pick that is not the call it names) is counted instead: one aggregate query
over its calls (one sort in SQLite) finds the times of the calls to pick, each then looked up
through an index. Both give the same events; only the time differs.

The events come in the order `reader.RunReader` streams them: RunStarted, ThreadSeen*, the
timeline by (time, arrival number, kind), FunctionStats*, NodeStats*, UnreachedFunction*,
RunEnded. Runs this cannot stand in for (still running, nodes that have no exact numbers,
calls without a node id as older versions stored them, or calls under nodes the store does
not have) give None: read their whole stream.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from debugflow.protocol import Event, Paused, Resumed, RunStarted
from debugflow.storage import node_calls, rows, statements

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
# A summarised run's picks by call id, each only if it is still the call its key names
# (parameters: run, call id, node, time, arrival number), and its latest open calls.
_SUMMARY = f"SELECT {node_calls.COLUMNS} FROM node_calls WHERE run_id = :run ORDER BY node_id"
_SUMMED = (
    "SELECT COALESCE(SUM(calls), 0), COALESCE(SUM(raised), 0) FROM node_calls WHERE run_id = ?"
)
_STARTED_AS = f"{_BY_ID} AND node_id = ? AND start_ns = ? AND seq = ?"
_ENDED_AS = f"{_BY_ID} AND node_id = ? AND end_ns = ? AND end_seq = ?"
_PICKED_BY_ID = (  # in the order of `node_calls.PICKS`
    f"{_STARTED_AS} AND call_line IS NOT NULL",
    f"{_STARTED_AS} AND detailed",
    f"{_ENDED_AS} AND outcome = 'exception'",
    _ENDED_AS,
)
_RAISED_PICK = 2  # its place in them: a node that raised must have it
_IS_SUMMARISED = "SELECT summarised FROM runs WHERE run_id = ?"
_OPEN_NODES = "SELECT DISTINCT node_id FROM calls WHERE run_id = ? AND end_ns IS NULL"
_LATEST_OPEN = (
    f"{_CALL} WHERE run_id = ? AND node_id = ? AND end_ns IS NULL "
    "ORDER BY start_ns DESC, seq DESC LIMIT 1"
)
_MARKED = "SELECT DISTINCT parent_id FROM pulses WHERE run_id = ? AND parent_id IS NOT NULL"
_NODES_WITHOUT_STATS = (
    "SELECT COUNT(*) FROM nodes WHERE run_id = :run AND node_id NOT IN "
    "(SELECT node_id FROM node_stats WHERE run_id = :run)"
)
_NODES = f"SELECT first_ns, seq, {rows.NODE_COLUMNS} FROM nodes WHERE run_id = :run"
_PULSES = f"SELECT ts_ns, seq, {rows.PULSE_COLUMNS} FROM pulses WHERE run_id = :run"
_PAUSES = f"SELECT ts_ns, seq, {rows.PAUSE_COLUMNS} FROM pauses WHERE run_id = :run"
_RESUMES = f"SELECT ts_ns, seq, {rows.RESUME_COLUMNS} FROM resumes WHERE run_id = :run"
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
# `runs.stored_calls` and `stored_exceptions` in a GET_RUN row.
_STORED_CALLS, _STORED_EXCEPTIONS = 14, 15

log = logging.getLogger("debugflow.store")

Counts = dict[int, tuple[int, int]]  # node: calls stored, of which raised


@dataclass
class FinalSpine:
    """A finished run's spine-deciding events, and per tracer node the calls left out."""

    run_id: str
    events: list[Event]
    unread: dict[int, tuple[int, int]] = field(default_factory=dict)  # node: calls, raised
    read_calls: int = 0  # call rows built into events
    summarised: bool = False  # counts and picks read from `node_calls`, not from every call
    # The debugger's pauses and resumes in stream order: not part of the spine, but what a
    # viewer opening the run is sent beside it (so they need no pass over the stream).
    pauses: list[Paused | Resumed] = field(default_factory=list)

    @property
    def origin_ns(self) -> int:
        """The run's clock at its start (from its RunStarted, the first event)."""
        started = self.events[0]
        assert isinstance(started, RunStarted)
        return started.origin_ns


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
    summed = _summed(conn, tuple(run_row), known)
    found = summed if summed is not None else _counted(conn, run_id)
    if found is None or any(node not in known for node in found[0]):
        return None  # calls placed by function, or under nodes the store does not have
    counts, picked = found
    for (parent,) in conn.execute(_MARKED, (run_id,)).fetchall():
        row = conn.execute(_BY_ID, (run_id, parent)).fetchone()
        if row is not None:
            picked.setdefault(int(row[2]), tuple(row))
    timeline: list[tuple[Any, ...]] = [(r[0], r[1], _NODE, rows.node_seen(r[2:])) for r in nodes]
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
        node: (calls - fed_calls[node], raised - fed_raised[node])
        for node, (calls, raised) in counts.items()
        if calls > fed_calls[node]
    }
    pauses: list[tuple[int, int, Paused | Resumed]] = [
        (r[0], r[1], rows.paused(r[2:])) for r in conn.execute(_PAUSES, run)
    ]
    pauses += [(r[0], r[1], rows.resumed(r[2:])) for r in conn.execute(_RESUMES, run)]
    pauses.sort(key=lambda entry: entry[:2])
    return FinalSpine(
        str(run_row[0]),
        events,
        unread,
        len(picked),
        summed is not None,
        [entry[2] for entry in pauses],
    )


def _summed(
    conn: sqlite3.Connection, run_row: rows.Row, known: set[int]
) -> tuple[Counts, dict[int, rows.Row]] | None:
    """A summarised run's counts and picked calls (by call id) from `node_calls`; None when
    the run has no summary or its summary disagrees with the stored calls or `known` nodes."""
    run_id = run_row[0]
    if not conn.execute(_IS_SUMMARISED, (run_id,)).fetchone()[0]:
        return None
    calls, raised = conn.execute(_SUMMED, (run_id,)).fetchone()
    if calls != run_row[_STORED_CALLS] or raised > run_row[_STORED_EXCEPTIONS]:
        _disagrees(run_id, f"{calls} calls summed, {run_row[_STORED_CALLS]} stored")
        return None
    counts: Counts = {}
    picked: dict[int, rows.Row] = {}
    for node, stored, node_raised, *picks in conn.execute(_SUMMARY, {"run": run_id}):
        if node not in known:
            _disagrees(run_id, f"node {node} is not stored")
            return None
        counts[node] = (stored, node_raised)
        if (node_raised > 0) != (picks[3 * _RAISED_PICK] is not None):
            _disagrees(run_id, f"node {node}'s raised count and raised call do not agree")
            return None
        for at, sql in enumerate(_PICKED_BY_ID):
            call, t, seq = picks[3 * at : 3 * at + 3]
            if call is None and t is None and seq is None:
                continue
            row = conn.execute(sql, (run_id, call, node, t, seq)).fetchone()
            if row is None:
                _disagrees(run_id, f"call {call} of node {node} is not as picked")
                return None
            picked.setdefault(int(row[2]), tuple(row))
    for (node,) in conn.execute(_OPEN_NODES, (run_id,)).fetchall():
        row = conn.execute(_LATEST_OPEN, (run_id, node)).fetchone()
        if node not in counts or row is None:
            _disagrees(run_id, f"node {node} has open calls but no summary")
            return None
        picked.setdefault(int(row[2]), tuple(row))
    return counts, picked


def _disagrees(run_id: str, why: str) -> None:
    """Say that a run's summary is not used, and why (its spine is counted instead)."""
    log.warning(
        "the call summary of run %s disagrees with its calls (%s); counting them", run_id, why
    )


def _counted(conn: sqlite3.Connection, run_id: str) -> tuple[Counts, dict[int, rows.Row]] | None:
    """The counts and picked calls (by call id) of a run, from a pass over its calls; None
    when some call has no node id (placed by function, as version 1 stored them)."""
    per_node = conn.execute(_PER_NODE, {"run": run_id}).fetchall()
    counts: Counts = {}
    picked: dict[int, rows.Row] = {}
    for node, calls, raised, first, sample, raised_end, last_end, open_start in per_node:
        if node is None:
            return None
        counts[node] = (calls, int(raised))
        found = zip((_FIRST, _SAMPLE, _RAISED, _LAST_END, _OPEN),
                    (first, sample, raised_end, last_end, open_start), strict=True)  # fmt: skip
        for sql, t in found:
            if t is None:
                continue
            row = conn.execute(sql, (run_id, t, node)).fetchone()
            if row is not None:
                picked.setdefault(int(row[2]), tuple(row))
    return counts, picked
