"""The run store's SQLite schema, its version, and the check that a file speaks it.

Bump `SCHEMA_VERSION` whenever a table changes shape, add the statements that bring a store of
the previous version up to date to `MIGRATIONS`, and describe the change below. A store written
by a newer DebugFlow is refused rather than guessed at.

Changelog:
    1: first version: meta, runs, threads, calls, pulses, function_stats.
    2: the collapsed call tree: `nodes` and `node_stats`; `calls.node_id`; `threads.task_id`
       (task lanes have names; 0 for a thread's own lane); `unreached` (ghost placeholders).
       Runs stored by version 1 keep their calls, with no node ids.
    3: the debugger: `pauses` (a thread stopped: where, why, the state's sequence number)
       and `resumes` (how it went on). Older runs have none.
    4: line traces of focused functions (`flow run --lines`): `line_calls` (one call's
       executed lines, the latest few per node kept) and `line_stats` (a node's hits and
       time per line). Older runs have none.
    5: `node_calls`, per node of a run the number of its stored calls and exceptions and the
       ids of the calls that decide what it shows, kept by the writer in the transaction
       that stores the calls, so that a finished run opens in O(nodes) however many calls
       were stored; `runs.summarised` (1 while `node_calls` accounts for every stored call
       of the run) and the `calls_open` index (calls without an end). Older runs have no
       summary (`summarised` 0) and are opened by counting their calls, as before.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from debugflow.errors import StoreError

SCHEMA_VERSION = 5

# The tables of the collapsed call tree and of ghost placeholders (new in version 2).
_TREE_TABLES: tuple[str, ...] = (
    # One row per node of the collapsed call tree; first_ns/seq place it on the timeline.
    """CREATE TABLE nodes (
        run_id TEXT NOT NULL, node_id INTEGER NOT NULL, seq INTEGER NOT NULL,
        parent_id INTEGER, thread_id INTEGER NOT NULL, task_id INTEGER,
        function TEXT NOT NULL, module TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL,
        spawned_by INTEGER, first_ns INTEGER NOT NULL,
        PRIMARY KEY (run_id, node_id))""",
    "CREATE INDEX nodes_first ON nodes (run_id, first_ns, seq)",
    # The latest exact numbers of each node (upserted, like function_stats).
    """CREATE TABLE node_stats (
        run_id TEXT NOT NULL, node_id INTEGER NOT NULL,
        calls INTEGER NOT NULL, exceptions INTEGER NOT NULL, total_ns INTEGER NOT NULL,
        own_ns INTEGER NOT NULL, min_ns INTEGER NOT NULL, median_ns INTEGER NOT NULL,
        max_ns INTEGER NOT NULL,
        PRIMARY KEY (run_id, node_id))""",
    """CREATE TABLE unreached (
        run_id TEXT NOT NULL, seq INTEGER NOT NULL, function TEXT NOT NULL,
        module TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, reason TEXT NOT NULL,
        parent_id INTEGER)""",
)

# The debugger's pauses and resumes (new in version 3); `seq` is the arrival number,
# `state_seq` the debugger's own sequence number of the state the event made.
_DEBUG_TABLES: tuple[str, ...] = (
    """CREATE TABLE pauses (
        run_id TEXT NOT NULL, seq INTEGER NOT NULL, state_seq INTEGER NOT NULL,
        thread INTEGER NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL,
        function TEXT NOT NULL, reason TEXT NOT NULL, ts_ns INTEGER NOT NULL,
        thread_name TEXT NOT NULL, detail TEXT, parent_id INTEGER)""",
    "CREATE INDEX pauses_ts ON pauses (run_id, ts_ns, seq)",
    """CREATE TABLE resumes (
        run_id TEXT NOT NULL, seq INTEGER NOT NULL, state_seq INTEGER NOT NULL,
        thread INTEGER NOT NULL, how TEXT NOT NULL, ts_ns INTEGER NOT NULL)""",
    "CREATE INDEX resumes_ts ON resumes (run_id, ts_ns, seq)",
)

# Line traces of focused functions (new in version 4). `steps` is a JSON list of
# `[line, t, [[name, type, value], ...]]`; `lines` a JSON list of `[line, hits, ns]`.
_LINE_TABLES: tuple[str, ...] = (
    """CREATE TABLE line_calls (
        run_id TEXT NOT NULL, seq INTEGER NOT NULL, node_id INTEGER NOT NULL,
        thread_id INTEGER NOT NULL, start_ns INTEGER NOT NULL, steps TEXT NOT NULL,
        truncated INTEGER NOT NULL)""",
    "CREATE INDEX line_calls_start ON line_calls (run_id, start_ns, seq)",
    "CREATE INDEX line_calls_node ON line_calls (run_id, node_id, seq)",
    """CREATE TABLE line_stats (
        run_id TEXT NOT NULL, node_id INTEGER NOT NULL, lines TEXT NOT NULL,
        PRIMARY KEY (run_id, node_id))""",
)

# Per node of a run, its stored calls (new in version 5; see `storage.node_calls`): how many,
# how many raised, and the calls that decide what the node shows, each with the (time,
# arrival number) it was picked by: the first to know its call line and the latest kept in
# detail, by start; the latest to raise and the latest to end, by end. Calls still without an
# end are found through `calls_open`.
_NODE_CALLS_TABLE = """CREATE TABLE node_calls (
    run_id TEXT NOT NULL, node_id INTEGER NOT NULL,
    calls INTEGER NOT NULL, raised INTEGER NOT NULL,
    first_call INTEGER, first_ns INTEGER, first_seq INTEGER,
    sample_call INTEGER, sample_ns INTEGER, sample_seq INTEGER,
    raised_call INTEGER, raised_ns INTEGER, raised_seq INTEGER,
    ended_call INTEGER, ended_ns INTEGER, ended_seq INTEGER,
    PRIMARY KEY (run_id, node_id))"""
# Only calls without an end are in it: most rows are written whole and never enter it.
_CALLS_OPEN_INDEX = (
    "CREATE INDEX calls_open ON calls (run_id, node_id, start_ns, seq) WHERE end_ns IS NULL"
)

# Statements that create an empty store of SCHEMA_VERSION.
CREATE: tuple[str, ...] = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # calls/exceptions/dropped come from RunEnded; stored_* count what this store received, so
    # an incomplete run still shows numbers. next_seq numbers events in arrival order.
    """CREATE TABLE runs (
        run_id TEXT PRIMARY KEY, kind TEXT NOT NULL, argv TEXT NOT NULL, cwd TEXT NOT NULL,
        python TEXT NOT NULL, backend TEXT NOT NULL, backend_reason TEXT NOT NULL,
        started_at REAL NOT NULL, origin_ns INTEGER NOT NULL,
        ended_at REAL, exit_code INTEGER,
        calls INTEGER NOT NULL DEFAULT 0, exceptions INTEGER NOT NULL DEFAULT 0,
        dropped INTEGER NOT NULL DEFAULT 0,
        stored_calls INTEGER NOT NULL DEFAULT 0, stored_exceptions INTEGER NOT NULL DEFAULT 0,
        writer_dropped INTEGER NOT NULL DEFAULT 0,
        next_seq INTEGER NOT NULL DEFAULT 0, heartbeat_at REAL,
        summarised INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX runs_started ON runs (started_at)",
    """CREATE TABLE threads (
        run_id TEXT NOT NULL, thread_id INTEGER NOT NULL, task_id INTEGER NOT NULL,
        name TEXT NOT NULL, PRIMARY KEY (run_id, thread_id, task_id))""",
    *_TREE_TABLES,
    # seq / end_seq break ties between events at the same nanosecond in arrival order.
    """CREATE TABLE calls (
        run_id TEXT NOT NULL, call_id INTEGER NOT NULL, seq INTEGER NOT NULL,
        parent_id INTEGER, thread_id INTEGER NOT NULL, task_id INTEGER,
        function TEXT NOT NULL, module TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL,
        call_line INTEGER, args TEXT NOT NULL, start_ns INTEGER NOT NULL,
        detailed INTEGER NOT NULL, node_id INTEGER,
        end_ns INTEGER, end_seq INTEGER, outcome TEXT, value TEXT,
        exc_type TEXT, exc_message TEXT, exc_line INTEGER, caught TEXT,
        PRIMARY KEY (run_id, call_id))""",
    "CREATE INDEX calls_start ON calls (run_id, start_ns, seq)",
    "CREATE INDEX calls_end ON calls (run_id, end_ns, end_seq) WHERE end_ns IS NOT NULL",
    _CALLS_OPEN_INDEX,
    _NODE_CALLS_TABLE,
    """CREATE TABLE pulses (
        run_id TEXT NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL, params TEXT NOT NULL,
        returns TEXT, node_type TEXT NOT NULL, ts_ns INTEGER NOT NULL,
        thread_id INTEGER NOT NULL, parent_id INTEGER)""",
    "CREATE INDEX pulses_ts ON pulses (run_id, ts_ns, seq)",
    """CREATE TABLE function_stats (
        run_id TEXT NOT NULL, function TEXT NOT NULL, module TEXT NOT NULL,
        file TEXT NOT NULL, line INTEGER NOT NULL,
        calls INTEGER NOT NULL, exceptions INTEGER NOT NULL, total_ns INTEGER NOT NULL,
        own_ns INTEGER NOT NULL, min_ns INTEGER NOT NULL, median_ns INTEGER NOT NULL,
        max_ns INTEGER NOT NULL,
        PRIMARY KEY (run_id, file, line, function))""",
    *_DEBUG_TABLES,
    *_LINE_TABLES,
)

# MIGRATIONS[n] holds the statements that turn a version-n store into version n + 1.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "ALTER TABLE calls ADD COLUMN node_id INTEGER",
        """CREATE TABLE threads_v2 (
            run_id TEXT NOT NULL, thread_id INTEGER NOT NULL, task_id INTEGER NOT NULL,
            name TEXT NOT NULL, PRIMARY KEY (run_id, thread_id, task_id))""",
        "INSERT INTO threads_v2 SELECT run_id, thread_id, 0, name FROM threads",
        "DROP TABLE threads",
        "ALTER TABLE threads_v2 RENAME TO threads",
        *_TREE_TABLES,
    ),
    2: _DEBUG_TABLES,
    3: _LINE_TABLES,
    # Runs stored before keep `summarised` 0: they are opened by counting their calls.
    4: (
        "ALTER TABLE runs ADD COLUMN summarised INTEGER NOT NULL DEFAULT 0",
        _NODE_CALLS_TABLE,
        _CALLS_OPEN_INDEX,
    ),
}

# Every table that holds rows of a run, in the order `prune` deletes them.
RUN_TABLES: tuple[str, ...] = (
    "calls", "node_calls", "pulses", "pauses", "resumes", "line_calls", "line_stats",
    "threads", "nodes", "node_stats", "unreached", "function_stats", "runs",
)  # fmt: skip


def prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Create the schema in an empty store, migrate an older one, refuse a newer or foreign one."""
    if stored_version(conn, path) == SCHEMA_VERSION:
        return
    # Take the write lock, then look again: another process may have created it meanwhile.
    conn.execute("BEGIN IMMEDIATE")
    try:
        _create_or_migrate(conn, path)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def stored_version(conn: sqlite3.Connection, path: Path) -> int | None:
    """The schema version recorded in the store, or None for an empty file."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "meta" not in tables:
        if tables:
            raise StoreError(f"{path} is a SQLite file but not a DebugFlow run store")
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    version = _parse_version(row[0] if row else None, path)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the run store {path} has schema version {version}, written by a newer DebugFlow; "
            f"this version reads up to {SCHEMA_VERSION}. Upgrade debugflow, or point "
            "FLOW_DATA_DIR at another folder."
        )
    return version


def _parse_version(raw: object, path: Path) -> int:
    try:
        return int(str(raw))
    except ValueError:
        raise StoreError(f"the run store {path} has no readable schema version") from None


def _create_or_migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = stored_version(conn, path)
    if version is None:
        for statement in CREATE:
            conn.execute(statement)
        conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        return
    while version < SCHEMA_VERSION:
        steps = MIGRATIONS.get(version)
        if steps is None:
            raise StoreError(
                f"the run store {path} has schema version {version}, which "
                "this DebugFlow cannot upgrade; delete the file to start afresh"
            )
        for statement in steps:
            conn.execute(statement)
        version += 1
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
