"""Recorded runs are replayed and paged from the store a chunk at a time, never loaded whole.

The hub's history and replay run for real (worker thread, SQLite store); the store's
connection only counts the rows SQLite hands back, so the tests can bound what was read.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from debugflow.protocol import Event, RunStarted
from debugflow.server.history import History
from debugflow.server.replay import Replay, event_time_ns
from debugflow.storage import RunStore
from debugflow.storage.reader import PAGE_ROWS
from stored_runs import long_run, picture, record, spine_at, stored_order

STEPS = 4000  # about 17,000 events
CHUNK = 500
# Rows a reader may hold beyond what it has returned: a page per timeline cursor, plus the
# few single rows of opening a reader (the run, its cut, its latest times, a count).
BUFFERED = 4 * PAGE_ROWS + 16


class RowCount:
    """How many rows the store's queries have handed back so far."""

    def __init__(self) -> None:
        self.rows = 0


def counting_store(count: RowCount) -> Callable[[Path], RunStore]:
    """Opens a RunStore whose connection counts every row fetched through it."""

    class Cursor(sqlite3.Cursor):
        def fetchall(self) -> list[Any]:
            found = super().fetchall()
            count.rows += len(found)
            return found

        def fetchone(self) -> Any:
            found = super().fetchone()
            count.rows += found is not None
            return found

        def __next__(self) -> Any:
            found = super().__next__()
            count.rows += 1
            return found

    class Connection(sqlite3.Connection):
        def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
            return self.cursor(Cursor).execute(sql, parameters)

    return lambda path: RunStore(path, connection_factory=Connection)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Event]]:
    path = tmp_path_factory.mktemp("replay") / "runs.db"
    events = long_run("long-run-1", STEPS)
    record(path, events)
    return path, stored_order(events)


def _needed(events: list[Event], at: int) -> int:
    """How many events a seek to `at` reads: up to the first timed one after it."""
    origin = events[0].origin_ns if isinstance(events[0], RunStarted) else 0
    times = (event_time_ns(event) for event in events)
    return next((i + 1 for i, t in enumerate(times) if t is not None and t - origin > at), 0)


def _shows(replay: Replay, events: list[Event], at: int | None) -> bool:
    got = replay.model.snapshot("replay", replay.at)
    want = spine_at(events, at).snapshot("replay", replay.at)
    return picture(got) == json.loads(json.dumps(picture(want)))


async def _seeks(path: Path, events: list[Event], count: RowCount) -> None:
    history = History(path, open_store=counting_store(count), chunk=CHUNK)
    try:
        replay = Replay(await history.open_events("long-run"), speed=0)
        await replay.seek(20_000)  # the first snapshot is built from this
        assert count.rows <= _needed(events, 20_000) + CHUNK + BUFFERED < len(events) // 5
        assert _shows(replay, events, 20_000)

        await replay.seek(3_000_000)
        assert _shows(replay, events, 3_000_000)
        first_model = replay.model
        await replay.seek(2_000_000)  # backwards: a fresh spine, the run read from its start
        assert replay.model is not first_model
        assert _shows(replay, events, 2_000_000)

        before = count.rows
        await replay.seek(2_100_000)  # forwards: the stream continues where it stopped
        between = _needed(events, 2_100_000) - _needed(events, 2_000_000)
        assert count.rows - before <= between + CHUNK + BUFFERED < _needed(events, 2_000_000)
        assert _shows(replay, events, 2_100_000)

        await replay.seek(None)
        assert replay.done and _shows(replay, events, None)
    finally:
        history.close()


def test_a_replay_reads_only_what_its_seek_needs(stored: tuple[Path, list[Event]]) -> None:
    path, events = stored
    asyncio.run(_seeks(path, events, RowCount()))


async def _pages(path: Path, events: list[Event], count: RowCount) -> None:
    history = History(path, open_store=counting_store(count))
    try:
        deep = await history.page("long-run-1", 10_000, 1000)
        assert (deep.run_id, deep.total) == ("long-run-1", len(events))
        assert list(deep.events) == events[10_000:11_000]
        before = count.rows
        following = await history.page("long-run-1", 11_000, 1000)
        assert list(following.events) == events[11_000:12_000]
        assert count.rows - before <= 1000 + BUFFERED  # continued, not skipped afresh
        last = await history.page("long-run-1", len(events) - 3, 1000)
        assert list(last.events) == events[-3:]
    finally:
        history.close()


def test_event_pages_continue_where_the_last_one_ended(
    stored: tuple[Path, list[Event]],
) -> None:
    path, events = stored
    asyncio.run(_pages(path, events, RowCount()))


async def _play_then_pause(path: Path, events: list[Event]) -> None:
    history = History(path, chunk=CHUNK)
    try:
        replay = Replay(await history.open_events("long-run-1"), speed=0.001)  # 1 ms/s
        await replay.seek(0)
        model = replay.model
        playing = asyncio.create_task(replay.play(lambda: None, 0.005))
        while replay.at < 50_000:
            await asyncio.sleep(0.001)
        replay.speed = 0  # how a viewer's pause stops it
        await playing
        assert replay.model is model  # paused where it was, not rebuilt from the start
        assert 50_000 <= replay.at < replay.end and _shows(replay, events, replay.at)
    finally:
        history.close()


def test_a_paused_replay_stays_where_it_played_to(stored: tuple[Path, list[Event]]) -> None:
    path, events = stored
    asyncio.run(_play_then_pause(path, events))
