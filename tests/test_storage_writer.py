"""The background writer: what reaches the store, and that the traced program never suffers."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from debugflow.protocol import (
    ArgPreview,
    CallEnded,
    CallStarted,
    Event,
    FunctionStats,
    RunEnded,
    RunStarted,
    ThreadSeen,
)
from debugflow.storage import RunStore, StoreWriter
from debugflow.storage import writer as writer_module
from debugflow.storage.sink import StoreSink


def make_run(run_id: str = "run-w", started_at: float = 1000.0) -> RunStarted:
    return RunStarted(run_id, ("app.py",), "/proj", "3.11", "settrace", "default", started_at, 0)


def call_pair(i: int, payload: str = "") -> list[Event]:
    """One call that starts and returns, numbered `i`."""
    arg = ArgPreview("i", "int", f"{i}{payload}")
    return [
        CallStarted(i, None, 1, None, "work", "app", "/proj/app.py", 1, None, (arg,), i * 10),
        CallEnded(i, i * 10 + 5, "return", None),
    ]


def raising_call(i: int) -> list[Event]:
    """One call that lets a ValueError out, numbered `i`."""
    return [
        CallStarted(i, None, 1, None, "parse", "app", "/proj/app.py", 9, None, (), i * 10),
        CallEnded(i, i * 10 + 5, "exception", None, "ValueError", f"bad {i}", 10),
    ]


def work_stats(calls: int) -> FunctionStats:
    return FunctionStats("work", "app", "/proj/app.py", 1, calls, 0, calls, calls, 1, 1, 1)


class FakeClock:
    """Wall-clock seconds that move only when a test says so."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class SlowStore(RunStore):
    """A store on a disk that stalls: `append` waits until the test releases it."""

    entered = threading.Event()
    release = threading.Event()

    def append(self, run_id: str, events: Any) -> None:
        SlowStore.entered.set()
        SlowStore.release.wait(30)
        super().append(run_id, events)


class SmallDisk(sqlite3.Connection):
    """A connection whose database may not grow past a few pages: SQLite reports a full disk."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.execute("PRAGMA max_page_count = 40")


def small_disk_store(path: Path) -> RunStore:
    return RunStore(path, connection_factory=SmallDisk)


def test_submitted_batches_are_in_the_store_after_close(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    writer = StoreWriter(path, make_run())
    for i in range(1, 51):
        writer.submit(call_pair(i))
    writer.submit([RunEnded(1001.0, 0, 50, 0, 0)])
    writer.close()
    with RunStore(path) as store:
        summary = store.summary("run-w")
        calls = [e for e in store.events("run-w") if isinstance(e, CallStarted)]
    assert (summary.status, summary.calls, len(calls)) == ("ended", 50, 50)
    assert (writer.error, writer.dropped) == (None, 0)


def test_the_run_is_visible_as_soon_as_the_writer_has_opened_the_store(tmp_path: Path) -> None:
    clock = FakeClock()
    writer = StoreWriter(tmp_path / "runs.db", make_run(), flush_interval=60,
                         store_factory=lambda p: RunStore(p, clock=clock))  # fmt: skip
    assert writer.opened.wait(10)  # before any batch or flush (the interval is a minute)
    with RunStore(tmp_path / "runs.db", clock=FakeClock(1001.0)) as reader:
        assert reader.summary("run-w").status == "live"
    writer.close()
    with RunStore(tmp_path / "runs.db", clock=FakeClock(1001.0)) as reader:
        assert reader.summary("run-w").status == "lost"  # closed without RunEnded


def test_a_full_queue_drops_and_counts_instead_of_blocking(tmp_path: Path) -> None:
    SlowStore.entered.clear()
    SlowStore.release.clear()
    path = tmp_path / "runs.db"
    writer = StoreWriter(path, make_run(), max_pending_events=10, store_factory=SlowStore)
    writer.submit(call_pair(1) * 3)  # six events: half full, so the writer takes them at once
    assert SlowStore.entered.wait(30)
    writer.submit(call_pair(2) * 3)  # six pending: fits
    writer.submit(call_pair(3) * 3)  # twelve would not fit: dropped
    assert writer.dropped == 6
    SlowStore.release.set()
    writer.close()
    with RunStore(path) as store:
        ids = {e.call_id for e in store.events("run-w") if isinstance(e, CallStarted)}
        assert (ids, store.summary("run-w").dropped) == ({1, 2}, 6)


def _stall(writer: StoreWriter) -> None:
    """Hold `writer` inside a SlowStore append, with its queue of four events full."""
    writer.submit(call_pair(1))  # half full: the writer takes it at once, and stalls
    assert SlowStore.entered.wait(30)
    writer.submit(call_pair(2))
    writer.submit(call_pair(3))


def test_a_stalled_disk_still_stores_the_end_the_exceptions_and_the_counts(tmp_path: Path) -> None:
    SlowStore.entered.clear()
    SlowStore.release.clear()
    path = tmp_path / "runs.db"
    writer = StoreWriter(path, make_run(), max_pending_events=4, store_factory=SlowStore)
    _stall(writer)
    for i in range(10, 60):
        writer.submit([*call_pair(i), *raising_call(i + 100), work_stats(i)])
    writer.submit([ThreadSeen(2, "loader"), work_stats(99), RunEnded(1001.0, 0, 105, 50, 0)])
    assert writer.dropped == 100  # the returning calls: two events each
    SlowStore.release.set()
    writer.close()
    with RunStore(path) as store:
        summary = store.summary("run-w")
        events = list(store.events("run-w"))
        (stats,) = store.function_stats("run-w")
    raised = [e for e in events if isinstance(e, CallEnded) and e.outcome == "exception"]
    assert (summary.status, summary.exceptions, summary.dropped) == ("ended", 50, 100)
    assert [(e.call_id, e.exc_type, e.exc_message) for e in raised] == [
        (i, "ValueError", f"bad {i}") for i in range(110, 160)
    ]
    assert stats.calls == 99
    assert ThreadSeen(2, "loader") in events


def test_past_the_essential_cap_exceptions_are_counted_but_the_end_is_stored(
    tmp_path: Path,
) -> None:
    SlowStore.entered.clear()
    SlowStore.release.clear()
    path = tmp_path / "runs.db"
    writer = StoreWriter(
        path, make_run(), max_pending_events=4, max_essential_events=6, store_factory=SlowStore
    )
    _stall(writer)
    for i in range(10, 1010):
        writer.submit(raising_call(i))
    writer.submit([RunEnded(1001.0, 0, 1003, 1000, 0)])
    assert writer.dropped == 2000 - 6
    SlowStore.release.set()
    writer.close()
    with RunStore(path) as store:
        summary = store.summary("run-w")
        raised = [e.call_id for e in store.events("run-w") if isinstance(e, CallEnded)][3:]
    assert (summary.status, summary.exceptions, summary.dropped) == ("ended", 1000, 1994)
    assert raised == [10, 11, 12]


def test_the_sink_counts_the_writers_drops_once(tmp_path: Path) -> None:
    SlowStore.entered.clear()
    SlowStore.release.clear()
    path = tmp_path / "runs.db"
    sink = StoreSink(path, make_run(), 50, max_pending_events=4, store_factory=SlowStore)
    _stall(sink.writer)
    sink.handle(call_pair(4) * 3)  # shed: six events dropped by the writer
    sink.handle([RunEnded(1001.0, 0, 6, 0, dropped=5)])  # five the collector dropped
    SlowStore.release.set()
    sink.close()
    with RunStore(path) as store:
        stored = store.summary("run-w").dropped
    assert sink.final_end is not None
    assert (sink.writer.dropped, sink.final_end.dropped, stored) == (6, 11, 11)


def test_submit_after_close_is_counted_not_raised(tmp_path: Path) -> None:
    writer = StoreWriter(tmp_path / "runs.db", make_run())
    writer.close()
    writer.submit(call_pair(1))
    writer.close()  # idempotent
    assert writer.dropped == 2


def test_a_full_disk_sets_error_and_the_program_never_sees_it(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    writer = StoreWriter(path, make_run(), flush_interval=0.01, store_factory=small_disk_store)
    for i in range(1, 400):
        writer.submit(call_pair(i, payload="x" * 2000))
    writer.close()
    writer.submit(call_pair(999))
    assert writer.error is not None and "full" in writer.error
    assert writer.dropped > 0
    with RunStore(path, clock=FakeClock(time.time() + 60)) as store:  # still readable
        assert store.summary("run-w").status == "lost"


def test_a_store_that_cannot_be_opened_is_reported_and_nothing_raises(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    path.write_bytes(b"garbage" * 1000)
    writer = StoreWriter(path, make_run())  # opened on the writer's thread: never raises here
    assert writer.opened.wait(10)
    writer.submit(call_pair(1))
    writer.close()
    assert writer.open_error is not None and str(path) in writer.open_error
    assert writer.error == writer.open_error
    assert writer.dropped == 2
    assert path.read_bytes() == b"garbage" * 1000  # left as it was


def test_old_runs_are_pruned_when_a_writer_starts(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    with RunStore(path) as store:
        for i in range(4):
            store.begin_run(make_run(f"old-{i}", 100.0 + i))
    StoreWriter(path, make_run("new", 1000.0), keep_runs=2).close()
    with RunStore(path) as store:
        assert [r.run_id for r in store.runs()] == ["new", "old-3"]


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from debugflow.protocol import CallEnded, CallStarted, RunStarted
    from debugflow.storage import RunStore, StoreWriter

    path = Path(sys.argv[1])
    run = RunStarted("killed", ("child.py",), "/", "3", "settrace", "test", time.time(), 0)
    writer = StoreWriter(path, run, flush_interval=0.05)
    writer.opened.wait(30)  # the run is begun on the writer's thread

    def batch(i):
        start = CallStarted(i, None, 1, None, "f", "m", "m.py", 1, None, (), i)
        return [start, CallEnded(i, i + 1, "return")]

    for i in range(200):
        writer.submit(batch(i))
    reader, deadline = RunStore(path), time.monotonic() + 60
    while reader.summary("killed").calls < 200 and time.monotonic() < deadline:
        time.sleep(0.01)  # wait until the writer has committed without being closed
    print("ready", flush=True)
    i = 200
    while True:  # keep writing: the kill lands in the middle of it
        writer.submit(batch(i))
        i += 1
        time.sleep(0.001)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_program_leaves_a_readable_store_with_its_events(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)],
                             stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(30)
    child.stdout.close()
    with RunStore(path, clock=lambda: time.time() + 60) as store:
        summary = store.summary("killed")
        events = list(store.events("killed"))
    assert summary.status == "lost" and summary.calls >= 200
    assert isinstance(events[0], RunStarted) and not isinstance(events[-1], RunEnded)
    assert sum(isinstance(e, CallEnded) for e in events) >= 200
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


class BusyDisk(RunStore):
    """A store whose every write takes a while, as on a machine busy with other work."""

    def append(self, run_id: str, events: Any) -> None:
        time.sleep(0.3)
        super().append(run_id, events)


def test_close_waits_for_a_slow_backlog_while_it_makes_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer_module, "WRITE_AT_ONCE", 500)
    path = tmp_path / "runs.db"
    writer = StoreWriter(path, make_run(), flush_interval=60, store_factory=BusyDisk)
    for i in range(1, 4_001):  # 8,000 events: sixteen parts of 500, each over 0.3 s
        writer.submit(call_pair(i))
    writer.close(timeout=2.0)  # longer than any one part takes, shorter than all of them
    assert (writer.error, writer.dropped) == (None, 0)
    with RunStore(path) as store:
        assert store.summary("run-w").calls == 4_000


def test_close_gives_up_on_a_writer_that_stops_making_progress(tmp_path: Path) -> None:
    SlowStore.entered.clear()
    SlowStore.release.clear()
    writer = StoreWriter(tmp_path / "runs.db", make_run(), store_factory=SlowStore)
    writer.submit(call_pair(1))
    assert SlowStore.entered.wait(10)
    started = time.monotonic()
    writer.close(timeout=0.5)  # the disk hangs: close returns, the program can exit
    assert time.monotonic() - started < 5
    SlowStore.release.set()
    assert writer.error == "the store made no progress for 0.5 s at exit"
    assert writer.open_error is None  # it was opened: the run is there, its end may not be


class SlowToOpen(RunStore):
    """A store whose opening takes a while, as on a machine busy with other work."""

    def __init__(self, path: Path) -> None:
        time.sleep(1.5)
        super().__init__(path)


def test_close_waits_for_a_store_still_being_opened(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    writer = StoreWriter(path, make_run(), store_factory=SlowToOpen)
    writer.submit(call_pair(1))
    writer.close(timeout=0.5)  # shorter than the opening: no progress to see meanwhile
    assert (writer.open_error, writer.error, writer.dropped) == (None, None, 0)
    with RunStore(path) as store:
        assert store.summary("run-w").calls == 1


def test_the_open_allowance_is_sqlites_busy_timeout() -> None:
    from debugflow.storage.connection import BUSY_TIMEOUT_S

    assert writer_module.OPEN_ALLOWANCE_S == BUSY_TIMEOUT_S
