"""The SQL statements the run store writes and reads with (reads of events live in replay)."""

from __future__ import annotations

from debugflow.storage.rows import (
    ENDING_COLUMNS,
    NODE_STATS_COLUMNS,
    RUN_COLUMNS,
    STATS_COLUMNS,
    THREAD_COLUMNS,
)

NEWEST_FIRST = "ORDER BY started_at DESC, rowid DESC"
# A run begun by this version is summarised (`node_calls`) from its first call on.
INSERT_RUN = (
    "INSERT OR IGNORE INTO runs (run_id, kind, argv, cwd, python, backend, backend_reason, "
    "started_at, origin_ns, heartbeat_at, summarised) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
)
INSERT_THREAD = (
    f"INSERT INTO threads (run_id, {THREAD_COLUMNS}) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (run_id, thread_id, task_id) DO UPDATE SET name = excluded.name"
)
INSERT_NODE = "INSERT OR IGNORE INTO nodes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
UPSERT_NODE_STATS = (
    f"INSERT INTO node_stats (run_id, {NODE_STATS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (run_id, node_id) DO UPDATE SET calls = excluded.calls, "
    "exceptions = excluded.exceptions, total_ns = excluded.total_ns, own_ns = excluded.own_ns, "
    "min_ns = excluded.min_ns, median_ns = excluded.median_ns, max_ns = excluded.max_ns"
)
INSERT_UNREACHED = "INSERT INTO unreached VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
_CALL_ROW = (
    "run_id, call_id, seq, parent_id, thread_id, task_id, function, module, file, line, "
    f"call_line, args, start_ns, detailed, node_id, {ENDING_COLUMNS}"
)
# A whole row: its end columns are NULL for a call still running when its batch was written.
INSERT_CALL = (
    f"INSERT OR IGNORE INTO calls ({_CALL_ROW}) "
    f"VALUES ({', '.join('?' for _ in _CALL_ROW.split(', '))})"
)
# The end of a call whose row an earlier batch wrote.
END_CALL = (
    f"UPDATE calls SET {', '.join(f'{column} = ?' for column in ENDING_COLUMNS.split(', '))} "
    "WHERE run_id = ? AND call_id = ?"
)
INSERT_PULSE = "INSERT INTO pulses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
INSERT_PAUSE = "INSERT INTO pauses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
INSERT_RESUME = "INSERT INTO resumes VALUES (?, ?, ?, ?, ?, ?)"
INSERT_LINE_CALL = "INSERT INTO line_calls VALUES (?, ?, ?, ?, ?, ?, ?)"
# Keep a node's latest KEEP_LINE_CALLS call traces: (run_id, node_id) twice.
KEEP_LINE_CALLS = 20
PRUNE_LINE_CALLS = (
    "DELETE FROM line_calls WHERE run_id = ? AND node_id = ? AND seq < ("
    "SELECT seq FROM line_calls WHERE run_id = ? AND node_id = ? ORDER BY seq DESC "
    f"LIMIT 1 OFFSET {KEEP_LINE_CALLS - 1})"
)
UPSERT_LINE_STATS = (
    "INSERT INTO line_stats VALUES (?, ?, ?) "
    "ON CONFLICT (run_id, node_id) DO UPDATE SET lines = excluded.lines"
)
UPSERT_STATS = (
    f"INSERT INTO function_stats (run_id, {STATS_COLUMNS}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (run_id, file, line, function) DO UPDATE SET module = excluded.module, "
    "calls = excluded.calls, exceptions = excluded.exceptions, total_ns = excluded.total_ns, "
    "own_ns = excluded.own_ns, min_ns = excluded.min_ns, median_ns = excluded.median_ns, "
    "max_ns = excluded.max_ns"
)
PROGRESS = (
    "UPDATE runs SET stored_calls = stored_calls + ?, "
    "stored_exceptions = stored_exceptions + ?, next_seq = ?, heartbeat_at = ? WHERE run_id = ?"
)
HEARTBEAT = "UPDATE runs SET heartbeat_at = ?, writer_dropped = ? WHERE run_id = ?"
END_RUN = (
    "UPDATE runs SET ended_at = ?, exit_code = ?, calls = ?, exceptions = ?, dropped = ? "
    "WHERE run_id = ?"
)
STATS_TOTALS = (
    "SELECT COALESCE(SUM(calls), 0), COALESCE(SUM(exceptions), 0) "
    "FROM function_stats WHERE run_id = ?"
)

# Reads. Ties on started_at go to the run stored last.
LIST_RUNS = f"SELECT {RUN_COLUMNS} FROM runs {NEWEST_FIRST} LIMIT ?"
GET_RUN = f"SELECT {RUN_COLUMNS} FROM runs WHERE run_id = ?"
# Run-id lookups take (kind, bool): runs whose kind is, or (False) is not, the given one.
LATEST_RUN_ID = f"SELECT run_id FROM runs WHERE (kind = ?) = ? {NEWEST_FIRST} LIMIT 1"
COUNT_RUNS_OF_KIND = "SELECT COUNT(*) FROM runs WHERE (kind = ?) = ?"
RUN_ID_EXISTS = "SELECT 1 FROM runs WHERE run_id = ?"
# instr, not LIKE: a reference is matched literally, `%` and `_` included.
RUN_IDS_CONTAINING = f"SELECT run_id FROM runs WHERE instr(run_id, ?) > 0 {NEWEST_FIRST}"
RUN_IDS_BEYOND = f"SELECT run_id FROM runs {NEWEST_FIRST} LIMIT -1 OFFSET ?"
NEXT_SEQ = "SELECT next_seq FROM runs WHERE run_id = ?"
FUNCTION_STATS = (
    f"SELECT {STATS_COLUMNS} FROM function_stats WHERE run_id = ? ORDER BY total_ns DESC, rowid"
)
