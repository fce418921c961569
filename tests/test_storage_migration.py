"""A run store written by an older schema opens with the current one: its runs stay readable.

The tables below are version 1's, exactly as it created them (a fixed piece of history);
version 2 is version 1 with its migration applied, as a version-2 DebugFlow left it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from debugflow.protocol import (
    ArgPreview,
    CallStarted,
    LineCall,
    LineCount,
    LineStats,
    LineStep,
    NodeSeen,
    Paused,
    Resumed,
    RunStarted,
    ThreadSeen,
)
from debugflow.spine.model import SpineModel
from debugflow.storage import RunStore
from debugflow.storage.schema import MIGRATIONS, SCHEMA_VERSION

V1 = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE runs (
        run_id TEXT PRIMARY KEY, kind TEXT NOT NULL, argv TEXT NOT NULL, cwd TEXT NOT NULL,
        python TEXT NOT NULL, backend TEXT NOT NULL, backend_reason TEXT NOT NULL,
        started_at REAL NOT NULL, origin_ns INTEGER NOT NULL,
        ended_at REAL, exit_code INTEGER,
        calls INTEGER NOT NULL DEFAULT 0, exceptions INTEGER NOT NULL DEFAULT 0,
        dropped INTEGER NOT NULL DEFAULT 0,
        stored_calls INTEGER NOT NULL DEFAULT 0, stored_exceptions INTEGER NOT NULL DEFAULT 0,
        writer_dropped INTEGER NOT NULL DEFAULT 0,
        next_seq INTEGER NOT NULL DEFAULT 0, heartbeat_at REAL)""",
    "CREATE INDEX runs_started ON runs (started_at)",
    """CREATE TABLE threads (
        run_id TEXT NOT NULL, thread_id INTEGER NOT NULL, name TEXT NOT NULL,
        PRIMARY KEY (run_id, thread_id))""",
    """CREATE TABLE calls (
        run_id TEXT NOT NULL, call_id INTEGER NOT NULL, seq INTEGER NOT NULL,
        parent_id INTEGER, thread_id INTEGER NOT NULL, task_id INTEGER,
        function TEXT NOT NULL, module TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL,
        call_line INTEGER, args TEXT NOT NULL, start_ns INTEGER NOT NULL,
        detailed INTEGER NOT NULL,
        end_ns INTEGER, end_seq INTEGER, outcome TEXT, value TEXT,
        exc_type TEXT, exc_message TEXT, exc_line INTEGER, caught TEXT,
        PRIMARY KEY (run_id, call_id))""",
    "CREATE INDEX calls_start ON calls (run_id, start_ns, seq)",
    "CREATE INDEX calls_end ON calls (run_id, end_ns, end_seq) WHERE end_ns IS NOT NULL",
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
)


def _version_1_store(path: Path) -> None:
    conn = sqlite3.connect(path)
    for statement in V1:
        conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute(
        "INSERT INTO runs (run_id, kind, argv, cwd, python, backend, backend_reason, "
        "started_at, origin_ns, ended_at, exit_code, calls) "
        "VALUES ('old-run', 'run', ?, '/p', '3.11', 'settrace', 'old', 1.0, 0, 2.0, 0, 3)",
        (json.dumps(["app.py"]),),
    )
    conn.execute("INSERT INTO threads VALUES ('old-run', 1, 'MainThread')")
    rows = [(1, None, "main", 0, 90), (2, 1, "step", 10, 20), (3, 1, "step", 30, 40)]
    for call_id, parent, function, start, end in rows:
        conn.execute(
            "INSERT INTO calls VALUES ('old-run', ?, ?, ?, 1, NULL, ?, 'app', '/p/app.py', ?, "
            "NULL, '[]', ?, 1, ?, ?, 'return', NULL, NULL, NULL, NULL, NULL)",
            (call_id, call_id, parent, function, len(function), start, end, 10 + call_id),
        )
    conn.commit()
    conn.close()


def test_a_version_1_store_is_upgraded_and_its_runs_stay_readable(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    _version_1_store(path)
    with RunStore(path) as store:
        events = list(store.events("old-run"))
        assert store.summary("old-run").status == "ended"
    threads = [e for e in events if isinstance(e, ThreadSeen)]
    assert threads == [ThreadSeen(1, "MainThread", None)]
    calls = [e for e in events if isinstance(e, CallStarted)]
    assert [c.function for c in calls] == ["main", "step", "step"]
    assert all(c.node_id is None for c in calls)
    model = SpineModel("old-run")
    model.apply(events)
    nodes = {n["function"]: n for n in model.snapshot()["nodes"]}
    assert (nodes["step"]["calls"], nodes["step"]["parent"]) == (2, nodes["main"]["id"])
    conn = sqlite3.connect(path)
    (version,) = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert int(version) == SCHEMA_VERSION
    conn.close()


def _store_at_version(path: Path, version: int) -> None:
    """A store as DebugFlow left it at schema `version`: version 1, then each migration up to
    `version` applied as that DebugFlow applied it."""
    _version_1_store(path)
    conn = sqlite3.connect(path)
    for step in range(1, version):
        for statement in MIGRATIONS[step]:
            conn.execute(statement)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    conn.commit()
    conn.close()


def test_a_version_2_store_gets_the_debuggers_tables(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    _store_at_version(path, 2)
    pause = Paused(2, 7, "/p/app.py", 3, "main", "breakpoint", 50, "MainThread", "bp 1", 1)
    with RunStore(path) as store:
        old = list(store.events("old-run"))
        assert not [e for e in old if isinstance(e, Paused | Resumed)]
        run = RunStarted("new-run", ("app.py",), "/p", "3.12", "monitoring", "x", 3.0, 0)
        store.begin_run(run)
        store.append("new-run", [pause, Resumed(3, 7, "continue", 60)])
        events = list(store.events("new-run"))
        assert events[1:] == [pause, Resumed(3, 7, "continue", 60)]
        assert store.prune(0) == 2
    conn = sqlite3.connect(path)
    (version,) = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert int(version) == SCHEMA_VERSION
    assert conn.execute("SELECT COUNT(*) FROM pauses").fetchone() == (0,)
    conn.close()


def test_a_version_3_store_gets_the_line_trace_tables(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    _store_at_version(path, 3)
    conn = sqlite3.connect(path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "line_calls" not in tables and "pauses" in tables
    conn.close()
    node = NodeSeen(1, None, 7, None, "work", "app", "/p/app.py", 5, None, 40)
    steps = (LineStep(6, 0, (ArgPreview("total", "int", "0"),)), LineStep(7, 90))
    line = LineCall(1, 7, 50, steps, 0)
    counts = LineStats(1, (LineCount(6, 1, 90), LineCount(7, 1, 10)))
    with RunStore(path) as store:
        old = list(store.events("old-run"))
        assert not [e for e in old if isinstance(e, LineCall | LineStats)]
        run = RunStarted("new-run", ("app.py",), "/p", "3.12", "monitoring", "x", 3.0, 0)
        store.begin_run(run)
        store.append("new-run", [node, line, counts])
        events = list(store.events("new-run"))
        assert events[1:] == [node, line, counts]
        assert store.prune(0) == 2
    conn = sqlite3.connect(path)
    (version,) = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert int(version) == SCHEMA_VERSION
    assert conn.execute("SELECT COUNT(*) FROM line_calls").fetchone() == (0,)
    assert conn.execute("SELECT COUNT(*) FROM line_stats").fetchone() == (0,)
    conn.close()


def test_the_store_keeps_the_latest_line_traces_of_each_node(tmp_path: Path) -> None:
    run = RunStarted("run", ("app.py",), "/p", "3.12", "monitoring", "x", 3.0, 0)
    node = NodeSeen(1, None, 7, None, "work", "app", "/p/app.py", 5, None, 0)
    other = NodeSeen(2, None, 7, None, "other", "app", "/p/app.py", 9, None, 0)
    with RunStore(tmp_path / "runs.db") as store:
        store.begin_run(run)
        store.append("run", [node, other, LineCall(2, 7, 1, (LineStep(10, 0),))])
        for start in range(30):  # ten batches of three calls
            store.append("run", [LineCall(1, 7, 100 + start, (LineStep(6, 0),))])
        kept = [e for e in store.events("run") if isinstance(e, LineCall)]
    assert [c.start_ns for c in kept if c.node_id == 1] == list(range(110, 130))
    assert [c.start_ns for c in kept if c.node_id == 2] == [1]


def test_a_version_4_store_gets_the_call_summary(tmp_path: Path) -> None:
    """Its runs are marked not summarised (they open by counting their calls); runs
    recorded from then on are summarised as their calls are stored."""
    path = tmp_path / "runs.db"
    _store_at_version(path, 4)
    node = NodeSeen(1, None, 7, None, "work", "app", "/p/app.py", 5, None, 40)
    call = CallStarted(1, None, 7, None, "work", "app", "/p/app.py", 5, 9, (), 50, True, 1)
    with RunStore(path) as store:
        assert [c.function for c in store.events("old-run") if isinstance(c, CallStarted)] == [
            "main",
            "step",
            "step",
        ]
        run = RunStarted("new-run", ("app.py",), "/p", "3.12", "monitoring", "x", 3.0, 0)
        store.begin_run(run)
        store.append("new-run", [node, call])
    conn = sqlite3.connect(path)
    (version,) = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert int(version) == SCHEMA_VERSION == 5
    summarised = conn.execute("SELECT run_id, summarised FROM runs ORDER BY run_id").fetchall()
    assert summarised == [("new-run", 1), ("old-run", 0)]
    kept = conn.execute("SELECT run_id, node_id, calls, first_call FROM node_calls").fetchall()
    assert kept == [("new-run", 1, 1, 1)]
    conn.close()
