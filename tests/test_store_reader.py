"""`RunReader`: a stored run read back in bounded chunks, with nothing held open between them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from debugflow.protocol import CallEnded, CallStarted, Event, FunctionStats, NodeStats, Pulse
from debugflow.storage import RunNotFound, RunStore
from debugflow.storage.reader import PAGE_ROWS
from stored_runs import ORIGIN, long_run, record, stored_order

STEPS = 700  # more than PAGE_ROWS rows in every timeline cursor


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Event]]:
    path = tmp_path_factory.mktemp("reader") / "runs.db"
    events = long_run("long-1", STEPS)
    record(path, events)
    return path, events


def _read_all(store: RunStore, run_id: str, chunk: int) -> list[Event]:
    reader = store.reader(run_id)
    got: list[Event] = []
    while part := reader.read(chunk):
        assert len(part) <= chunk
        got += part
    assert reader.done
    return got


@pytest.mark.parametrize("chunk", [1, 7, PAGE_ROWS + 1, 100_000])
def test_chunks_make_up_the_stream_in_store_order(
    stored: tuple[Path, list[Event]], chunk: int
) -> None:
    path, events = stored
    with RunStore(path) as store:
        got = _read_all(store, "long-1", chunk)
        assert got == list(store.events("long-1"))
    assert got == stored_order(events)


def test_skip_count_and_last_time(stored: tuple[Path, list[Event]]) -> None:
    path, events = stored
    expected = stored_order(events)
    with RunStore(path) as store:
        for offset in (0, 5, 1234, len(expected) - 3, len(expected) + 10):
            reader = store.reader("long-1")
            assert reader.skip(offset) == min(offset, len(expected))
            assert reader.read(50) == expected[offset : offset + 50]
        reader = store.reader("long-1")
        assert reader.count() == len(expected)
        timed = [e.start_ns if isinstance(e, CallStarted) else e.end_ns for e in events
                 if isinstance(e, CallStarted | CallEnded)]  # fmt: skip
        pulses = [e.ts_ns for e in events if isinstance(e, Pulse)]
        assert reader.last_ns() == max(timed + pulses)
        assert reader.origin_ns == ORIGIN
        with pytest.raises(RunNotFound):
            store.reader("nope")


def _numbered(events: list[Event]) -> list[Event]:
    """The events a reader's cut fixes (stats carry no arrival number: they are read as
    they are when the stream reaches them)."""
    return [e for e in events if not isinstance(e, FunctionStats | NodeStats)]


def test_a_reader_sees_the_run_as_stored_when_it_opened(tmp_path: Path) -> None:
    """Written on between chunks, the run reads back as it was: no call ending without its
    start, none of the later events, and every event stored before the reader opened."""
    path = tmp_path / "runs.db"
    events = long_run("growing", 900)
    half = len(events) // 2
    record(path, events[:half])
    with RunStore(path) as store:
        before = list(store.events("growing"))
        reader = store.reader("growing")
        got = reader.read(100)
        with RunStore(path) as writer:  # another connection, like the traced program's
            for start in range(half, len(events), 300):
                writer.append("growing", events[start : start + 300])
                got += reader.read(100)
        while part := reader.read(1000):
            got += part
        assert _numbered(got) == _numbered(before)
        assert len(list(store.events("growing"))) > len(before)  # the writes did land
    started = {e.call_id for e in got if isinstance(e, CallStarted)}
    assert all(e.call_id in started for e in got if isinstance(e, CallEnded))


def _truncate_wal(path: Path) -> bool:
    """Whether another connection can checkpoint the whole WAL and empty it right now (it
    cannot while any reader still holds a snapshot that uses the WAL)."""
    conn = sqlite3.connect(path, timeout=0)
    try:
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    return busy == 0


def test_nothing_is_held_open_between_chunks(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    events = long_run("held", 600)
    with RunStore(path) as writer:
        record(path, events[:2000])
        with RunStore(path) as store:
            reader = store.reader("held")
            stream = store.events("held")  # one transaction for the whole stream
            assert reader.read(300) and next(stream)
            writer.append("held", events[2000:2100])  # the WAL grows past both snapshots
            assert not _truncate_wal(path)  # the half-read stream holds its snapshot
            stream.close()
            assert _truncate_wal(path)  # the reader, between chunks, holds nothing
            assert reader.read(300)
