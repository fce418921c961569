"""The run store: what a stored run reads back as, listings, id lookup, retention, the file."""

from __future__ import annotations

import gc
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

import debugflow.storage as storage
from debugflow.protocol import (
    ArgPreview,
    CallEnded,
    CallStarted,
    Event,
    FunctionStats,
    Pulse,
    RunEnded,
    RunStarted,
    ThreadSeen,
)
from debugflow.storage import SCHEMA_VERSION, RunNotFound, RunStore, StoreError

FILE = "/proj/app.py"


class FakeClock:
    """Wall-clock seconds that move only when a test says so."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def make_run(run_id: str = "run-a1", started_at: float = 1000.0) -> RunStarted:
    return RunStarted(
        run_id, ("app.py", "--fast"), "/proj", "3.11.7", "settrace", "forced by FLOW_BACKEND",
        started_at, 5_000,
    )  # fmt: skip


def stats(function: str, calls: int, total_ns: int, exceptions: int = 0) -> FunctionStats:
    return FunctionStats(function, "app", FILE, 1, calls, exceptions, total_ns, total_ns, 1, 2, 3)


def sample_events() -> list[Event]:
    """Two threads, nested calls, an exception, a pulse, two ties on one nanosecond."""
    return [
        ThreadSeen(1, "MainThread"),
        ThreadSeen(2, "worker"),
        CallStarted(1, None, 1, None, "main", "app", FILE, 1, None,
                    (ArgPreview("n", "int", "3"),), 6_000),
        CallStarted(2, 1, 1, None, "Parser.parse", "app", FILE, 10, 4,
                    (ArgPreview("text", "str", "'x'"), ArgPreview("raw", "bytes", "")), 7_000),
        CallStarted(3, None, 2, 7, "work", "app", FILE, 20, None, (), 7_000, detailed=False),
        Pulse("checkpoint", (ArgPreview("step", "int", "1"),), "ok", "info", 7_500, 1, 2),
        CallEnded(2, 8_000, "exception", None, "ValueError", "bad input", 12),
        CallEnded(3, 8_000, "return", ArgPreview("return", "NoneType", "None")),
        CallEnded(1, 9_000, "return", ArgPreview("return", "int", "3"), caught=("ValueError",)),
        stats("main", 1, 3_000),
        stats("Parser.parse", 1, 1_000, exceptions=1),
        RunEnded(1002.5, 0, 3, 1, 0),
    ]  # fmt: skip


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[RunStore]:
    opened = RunStore(tmp_path / "data" / "runs.db", clock=clock)
    yield opened
    opened.close()


def sql(path: Path, statement: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    """Run one statement on the store file with a plain sqlite3 connection of its own."""
    with closing(sqlite3.connect(path)) as conn, conn:
        return conn.execute(statement, params).fetchall()


def test_public_names_resolve() -> None:
    assert all(hasattr(storage, name) for name in storage.__all__)


# -- round trip and order -------------------------------------------------------------------


def test_a_stored_run_reads_back_as_the_same_events(store: RunStore) -> None:
    store.begin_run(make_run())
    store.append("run-a1", sample_events())
    assert list(store.events("run-a1")) == [make_run(), *sample_events()]


def test_events_split_over_many_batches_read_back_the_same(store: RunStore) -> None:
    store.begin_run(make_run())
    events = sample_events()
    for i in range(0, len(events), 2):
        store.append("run-a1", events[i : i + 2])
    assert list(store.events("run-a1")) == [make_run(), *events]


def test_one_batch_larger_than_a_slice_of_rows_reads_back_the_same(
    store: RunStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rows are made a slice at a time: calls that start in one slice and end in the next
    # (and a run that ends in the last) come back whole, and the counts add up.
    monkeypatch.setattr("debugflow.storage.store.ROWS_AT_ONCE", 3)
    store.begin_run(make_run())
    store.append("run-a1", sample_events())
    assert list(store.events("run-a1")) == [make_run(), *sample_events()]
    path = store.path
    assert sql(path, "SELECT stored_calls, stored_exceptions FROM runs") == [(3, 1)]


def test_events_come_back_in_time_order_whatever_the_arrival_order(store: RunStore) -> None:
    store.begin_run(make_run())
    events = sample_events()
    worker = [e for e in events if getattr(e, "call_id", None) == 3]
    store.append("run-a1", [e for e in events if e not in worker])  # the worker's batch is late
    store.append("run-a1", worker)
    timeline = [e for e in store.events("run-a1") if isinstance(e, CallStarted | CallEnded)]
    times = [e.start_ns if isinstance(e, CallStarted) else e.end_ns for e in timeline]
    assert times == sorted(times)
    # Ties keep arrival order: the main thread's call 2 arrived before the worker's call 3.
    assert [(type(e).__name__, e.call_id) for e in timeline] == [
        ("CallStarted", 1), ("CallStarted", 2), ("CallStarted", 3),
        ("CallEnded", 2), ("CallEnded", 3), ("CallEnded", 1),
    ]  # fmt: skip


def test_a_run_started_event_in_a_batch_begins_the_run(store: RunStore) -> None:
    store.append("run-a1", [make_run(), *sample_events()])
    store.append("run-a1", [make_run()])  # already begun: ignored
    assert [e for e in store.events("run-a1") if isinstance(e, RunStarted)] == [make_run()]


def test_appending_to_a_run_never_begun_is_refused(store: RunStore) -> None:
    with pytest.raises(StoreError, match="ghost"):
        store.append("ghost", [ThreadSeen(1, "MainThread")])


def test_an_abandoned_event_stream_does_not_block_later_writes(store: RunStore) -> None:
    store.begin_run(make_run())
    store.append("run-a1", sample_events())
    stream = store.events("run-a1")
    assert len(list(islice(stream, 3))) == 3
    stream.close()
    store.append("run-a1", [Pulse("late", (), None, "info", 9_500, 1, None)])
    assert list(store.events("run-a1"))[-4].name == "late"  # type: ignore[union-attr]


def test_text_python_cannot_encode_is_stored_with_replacements(store: RunStore) -> None:
    store.begin_run(make_run())
    odd = CallStarted(1, None, 1, None, "f", "m", "/proj/\udcff.py", 1, None, (), 6_000)
    store.append("run-a1", [odd, CallEnded(1, 7_000, "exception", None, "E", "bad \ud800")])
    start, end = list(store.events("run-a1"))[1:3]
    assert isinstance(start, CallStarted) and start.file == "/proj/?.py"
    assert isinstance(end, CallEnded) and end.exc_message == "bad ?"


# -- function statistics --------------------------------------------------------------------


def test_function_stats_keep_the_latest_snapshot_sorted_by_total_time(store: RunStore) -> None:
    store.begin_run(make_run())
    store.append("run-a1", [stats("main", 1, 500), stats("helper", 10, 900)])
    store.append("run-a1", [stats("main", 4, 2_000)])
    assert store.function_stats("run-a1") == [stats("main", 4, 2_000), stats("helper", 10, 900)]


# -- listings, counts and status ------------------------------------------------------------


def test_runs_are_listed_newest_first(store: RunStore) -> None:
    for i, started in enumerate([1000.0, 3000.0, 2000.0]):
        store.begin_run(make_run(f"run-{i}", started))
    assert [r.run_id for r in store.runs()] == ["run-1", "run-2", "run-0"]
    assert [r.run_id for r in store.runs(limit=2)] == ["run-1", "run-2"]


def test_a_finished_run_reports_its_run_ended_counts(store: RunStore) -> None:
    store.begin_run(make_run())
    store.append("run-a1", [*sample_events()[:-1], RunEnded(1002.5, 3, 120, 7, 4)])
    summary = store.summary("run-a1")
    assert (summary.status, summary.exit_code, summary.duration_s) == ("ended", 3, 2.5)
    assert (summary.calls, summary.exceptions, summary.dropped) == (120, 7, 4)
    assert summary.argv == ("app.py", "--fast") and summary.backend == "settrace"


def test_an_unfinished_run_counts_from_function_stats(store: RunStore) -> None:
    store.begin_run(make_run())
    store.append("run-a1", [stats("main", 40, 9), stats("helper", 60, 9, exceptions=5)])
    summary = store.summary("run-a1")
    assert (summary.calls, summary.exceptions, summary.duration_s) == (100, 5, None)


def test_an_unfinished_run_without_stats_counts_its_stored_calls(store: RunStore) -> None:
    store.begin_run(make_run())
    store.append("run-a1", sample_events()[:9])  # three calls, one exception, no stats yet
    assert (store.summary("run-a1").calls, store.summary("run-a1").exceptions) == (3, 1)


def test_status_follows_the_heartbeat_until_the_run_ends(store: RunStore, clock: FakeClock) -> None:
    store.begin_run(make_run())
    clock.now += 2
    assert store.summary("run-a1").status == "live"
    clock.now += 10  # the writer has stopped refreshing: killed or crashed
    assert store.runs()[0].status == "lost"
    store.append("run-a1", [RunEnded(1012.0, 0, 0, 0, 0)])
    assert store.summary("run-a1").status == "ended"


def test_a_closing_writer_clears_the_heartbeat(store: RunStore) -> None:
    store.begin_run(make_run())
    store.record_progress("run-a1", writer_dropped=6, alive=False)
    summary = store.summary("run-a1")
    assert (summary.status, summary.dropped) == ("lost", 6)


# -- finding a run ---------------------------------------------------------------------------


def test_resolve_finds_latest_full_ids_and_unique_prefixes(store: RunStore) -> None:
    store.begin_run(make_run("20240101-aaaa", 1000.0))
    store.begin_run(make_run("20240101-abcd", 2000.0))
    assert store.resolve() == "20240101-abcd"
    assert store.resolve("20240101-aaaa") == "20240101-aaaa"
    assert store.resolve("20240101-ab") == "20240101-abcd"


def test_resolve_explains_an_ambiguous_prefix(store: RunStore) -> None:
    store.begin_run(make_run("20240101-aaaa", 1000.0))
    store.begin_run(make_run("20240101-abcd", 2000.0))
    with pytest.raises(RunNotFound, match=r"matches 2 runs \(20240101-abcd, 20240101-aaaa\)"):
        store.resolve("2024")


def test_resolve_explains_a_missing_run(store: RunStore) -> None:
    with pytest.raises(RunNotFound, match="no runs are recorded yet"):
        store.resolve("latest")
    store.begin_run(make_run())
    with pytest.raises(RunNotFound, match="no recorded run matches 'zzz'"):
        store.resolve("zzz")
    with pytest.raises(RunNotFound, match="run-b"):
        store.summary("run-b")
    with pytest.raises(RunNotFound):
        store.events("run-b")  # raised at once, not on first iteration
    with pytest.raises(RunNotFound):
        store.function_stats("run-b")


@pytest.mark.parametrize("read_first", [0, 1, 5])
def test_closing_the_store_closes_its_unfinished_event_streams(
    store: RunStore, read_first: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A command that stops reading half way (its reader went away) closes the store while
    # the stream is suspended; the stream must not later run on the closed connection.
    store.begin_run(make_run())
    store.append("run-a1", sample_events())
    stream = store.events("run-a1")
    assert list(islice(stream, read_first)) == [make_run(), *sample_events()][:read_first]
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    store.close()
    assert list(stream) == []
    del stream
    gc.collect()
    assert unraisable == []


# -- retention -------------------------------------------------------------------------------


def _row_count(path: Path, table: str, run_id: str) -> int:
    return int(sql(path, f"SELECT COUNT(*) FROM {table} WHERE run_id = ?", (run_id,))[0][0])


def test_prune_keeps_the_newest_runs_and_deletes_every_row_of_the_rest(store: RunStore) -> None:
    for i in range(5):
        store.begin_run(make_run(f"run-{i}", 1000.0 + i))
        store.append(f"run-{i}", sample_events())
    assert store.prune(2) == 3
    assert [r.run_id for r in store.runs()] == ["run-4", "run-3"]
    for table in ("calls", "pulses", "threads", "function_stats", "runs"):
        assert _row_count(store.path, table, "run-0") == 0
    assert _row_count(store.path, "calls", "run-4") == 3
    assert store.prune(2) == 0


def test_pruning_gives_the_space_back(store: RunStore) -> None:
    store.begin_run(make_run())
    calls = [call_with_payload(i) for i in range(4_000)]  # far more pages than the schema's
    store.append("run-a1", calls)
    size = sql(store.path, "PRAGMA page_count")[0][0]
    store.prune(0)
    assert sql(store.path, "PRAGMA freelist_count") == [(0,)]
    assert sql(store.path, "PRAGMA page_count")[0][0] < size / 10


def test_a_long_history_reuses_freed_space_instead_of_growing(store: RunStore) -> None:
    """Each new run past the retention count takes the pages the oldest one left.

    Shrinking the file after every prune would make each run's end wait for a pass over it.
    """
    sizes, free = [], []
    for n in range(12):
        run_id = f"run-h{n}"
        store.begin_run(make_run(run_id, started_at=1000.0 + n))
        store.append(run_id, [call_with_payload(i) for i in range(300)])
        store.prune(3)
        sizes.append(sql(store.path, "PRAGMA page_count")[0][0])
        free.append(sql(store.path, "PRAGMA freelist_count")[0][0])
    assert all(pages > 0 for pages in free[3:])  # one run's pages kept for the next run
    assert max(sizes[6:]) <= sizes[5] * 1.2  # and the file stays flat once the history is full
    assert [row.run_id for row in store.runs()] == ["run-h11", "run-h10", "run-h9"]


def call_with_payload(i: int) -> CallStarted:
    arg = ArgPreview("text", "str", "x" * 500)
    return CallStarted(i, None, 1, None, "f", "m", FILE, 1, None, (arg,), i)


def test_prune_refuses_a_negative_count(store: RunStore) -> None:
    with pytest.raises(ValueError, match="keep"):
        store.prune(-1)


def test_clear_deletes_every_run(store: RunStore) -> None:
    for i in range(3):
        store.begin_run(make_run(f"run-{i}", 1000.0 + i))
        store.append(f"run-{i}", sample_events())
    assert store.clear() == 3
    assert store.runs() == []
    assert _row_count(store.path, "calls", "run-1") == 0
    assert store.clear() == 0


def test_a_writer_whose_run_was_pruned_elsewhere_gets_a_clear_error(
    store: RunStore, tmp_path: Path
) -> None:
    store.begin_run(make_run())
    with RunStore(store.path) as other:
        other.clear()
    with pytest.raises(StoreError, match="pruned or cleared"):
        store.append("run-a1", sample_events())


# -- the file --------------------------------------------------------------------------------


def test_the_store_is_created_with_its_folders_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "runs.db"
    RunStore(path).close()
    assert sql(path, "PRAGMA journal_mode") == [("wal",)]
    version = sql(path, "SELECT value FROM meta WHERE key = 'schema_version'")
    assert version == [(str(SCHEMA_VERSION),)]


def test_a_reopened_store_keeps_its_runs(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    with RunStore(path) as first:
        first.begin_run(make_run())
        first.append("run-a1", sample_events())
    with RunStore(path) as second:
        assert list(second.events("run-a1")) == [make_run(), *sample_events()]


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    RunStore(path).close()
    sql(path, "UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer DebugFlow") as caught:
        RunStore(path)
    assert str(path) in str(caught.value)


def test_a_corrupt_file_is_reported_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    path.write_bytes(b"this is not a database, just some text\n" * 200)
    with pytest.raises(StoreError, match="not a SQLite database or it is damaged") as caught:
        RunStore(path)
    assert str(path) in str(caught.value)
    assert not isinstance(caught.value, sqlite3.Error)


def test_a_foreign_sqlite_file_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    sql(path, "CREATE TABLE notes (text TEXT)")
    with pytest.raises(StoreError, match="not a DebugFlow run store"):
        RunStore(path)
