"""The store's per-node call summary (`node_calls`): kept exact as calls are appended in
any slicing, used to open a finished run, and never trusted when it disagrees with the rows.

Runs here are generated (`stored_runs.long_run`: two threads, calls at the same
nanoseconds, exceptions, marks) and stored through `RunStore.append` into real SQLite files;
`test_final_spine.py` does the same with real `flow run` programs.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from debugflow.protocol import CallEnded, CallStarted, Event, Paused, Resumed, RunEnded
from debugflow.spine.model import SpineModel
from debugflow.storage import RunStore
from debugflow.storage.final_spine import FinalSpine
from stored_runs import long_run, record


def _spines(path: Path, run_id: str) -> tuple[dict[str, Any], dict[str, Any], FinalSpine]:
    """The spine from `final_spine` and the one from the whole stream, and the former's
    FinalSpine."""
    with RunStore(path) as store:
        final = store.final_spine(run_id)
        assert final is not None
        events = list(store.events(run_id))
    quick, whole = SpineModel(run_id), SpineModel(run_id)
    quick.apply(final.events)
    quick.count_unread_calls(final.unread)
    whole.apply(events)
    return _content(quick), _content(whole), final


def _content(model: SpineModel) -> dict[str, Any]:
    return {k: v for k, v in model.snapshot().items() if k != "version"}


def _sql(path: Path, *statements: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        found: list[tuple[Any, ...]] = []
        for statement in statements:
            found = conn.execute(statement).fetchall()
        conn.commit()
        return found
    finally:
        conn.close()


def _summarised(path: Path, run_id: str) -> int:
    return int(_sql(path, f"SELECT summarised FROM runs WHERE run_id = '{run_id}'")[0][0])


# Per node, in one pass over the rows: what `node_calls` must hold.
_FROM_ROWS = """
    SELECT node_id, COUNT(*), SUM(outcome = 'exception'),
        (SELECT call_id FROM calls f WHERE f.run_id = c.run_id AND f.node_id = c.node_id
         AND f.call_line IS NOT NULL ORDER BY start_ns, seq LIMIT 1),
        (SELECT call_id FROM calls f WHERE f.run_id = c.run_id AND f.node_id = c.node_id
         AND f.detailed ORDER BY start_ns DESC, seq DESC LIMIT 1),
        (SELECT call_id FROM calls f WHERE f.run_id = c.run_id AND f.node_id = c.node_id
         AND f.outcome = 'exception' ORDER BY end_ns DESC, end_seq DESC LIMIT 1),
        (SELECT call_id FROM calls f WHERE f.run_id = c.run_id AND f.node_id = c.node_id
         AND f.end_ns IS NOT NULL ORDER BY end_ns DESC, end_seq DESC LIMIT 1)
    FROM calls c GROUP BY node_id ORDER BY node_id
"""
_KEPT = (
    "SELECT node_id, calls, raised, first_call, sample_call, raised_call, ended_call "
    "FROM node_calls ORDER BY node_id"
)


@pytest.mark.parametrize("batch", [3, 97, 997, 100_000])
def test_the_summary_is_what_a_pass_over_the_rows_finds(tmp_path: Path, batch: int) -> None:
    """However the calls were sliced into appends (a call's start and end often in
    different ones), the summary holds the counts and picks the rows give."""
    path = tmp_path / "runs.db"
    record(path, long_run("run", steps=300), batch=batch)
    assert _sql(path, _KEPT) == _sql(path, _FROM_ROWS)
    assert _sql(path, "SELECT COUNT(*), SUM(raised) FROM node_calls")[0] == (4, 6)
    quick, whole, final = _spines(path, "run")
    assert final.summarised
    assert quick == whole


def test_a_run_ended_with_calls_still_open(tmp_path: Path) -> None:
    """Calls that never ended (a thread still running at exit) are found through the
    index of open calls, the latest per node, as the whole stream ends them `unfinished`."""
    events = long_run("run", steps=120)
    never = {10 * 117 + 10, 10 * 117 + 11, 10 * 110 + 15}  # a step, its inner, a work call
    kept = [e for e in events if not (isinstance(e, CallEnded) and e.call_id in never)]
    path = tmp_path / "runs.db"
    record(path, kept, batch=50)
    quick, whole, final = _spines(path, "run")
    assert final.summarised
    assert quick == whole
    open_ids = {e.call_id for e in final.events if isinstance(e, CallStarted)} & never
    assert open_ids == never  # each is its node's latest open call


# Ways a summary can come to disagree with the rows (edited or damaged by hand).
DAMAGES = {
    "a count changed": "UPDATE node_calls SET calls = calls + 1 WHERE node_id = 3",
    "a node's row gone": "DELETE FROM node_calls WHERE node_id = 4",
    "every row gone": "DELETE FROM node_calls",
    "a pick names another call": "UPDATE node_calls SET sample_call = sample_call - 10",
    "a pick half cleared": "UPDATE node_calls SET ended_call = NULL WHERE node_id = 2",
    "a raised pick cleared": (
        "UPDATE node_calls SET raised_call = NULL, raised_ns = NULL, raised_seq = NULL "
        "WHERE node_id = 3"
    ),
    "a pick's key changed": "UPDATE node_calls SET ended_ns = ended_ns - 1 WHERE node_id = 3",
    "a picked call gone": (
        "DELETE FROM calls WHERE call_id = (SELECT raised_call FROM node_calls "
        "WHERE node_id = 3); UPDATE runs SET stored_calls = stored_calls - 1"
    ),
    "a node it does not have": "UPDATE node_calls SET node_id = 99 WHERE node_id = 4",
    "a summary of calls that are gone": (
        "DELETE FROM calls WHERE node_id = 4; UPDATE runs SET stored_calls = stored_calls - "
        "(SELECT calls FROM node_calls WHERE node_id = 4)"
    ),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_summary_that_disagrees_is_not_used(
    tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The run opens by counting its calls instead, with the same spine as its whole
    stream, and the store's log says why."""
    path = tmp_path / "runs.db"
    record(path, long_run("run", steps=200))
    _sql(path, *damage.split("; "))
    with caplog.at_level(logging.WARNING, logger="debugflow.store"):
        quick, whole, final = _spines(path, "run")
    assert not final.summarised
    assert quick == whole
    assert "call summary of run run disagrees" in caplog.text


def _with_duplicate_start(events: Sequence[Event]) -> list[Event]:
    """`events` with one call's start sent again in a later slice."""
    again = next(e for e in events if isinstance(e, CallStarted) and e.call_id == 20)
    return [*events[:-1], again, events[-1]]


def _with_end_twice(events: Sequence[Event]) -> list[Event]:
    again = next(e for e in events if isinstance(e, CallEnded) and e.call_id == 20)
    return [*events[:-1], again, events[-1]]


def _with_an_end_of_a_shed_start(events: Sequence[Event]) -> list[Event]:
    """An exception's end whose start the writer shed (ends of exceptions are essential)."""
    orphan = CallEnded(999_999, 7_000_000_000 + 999_999, "exception", None, "KeyError", "k", 1)
    return [*events[:-1], orphan, events[-1]]


def test_calls_the_summary_cannot_account_for_mark_the_run(tmp_path: Path) -> None:
    """A call stored twice or an end given twice makes the writer mark the run not
    summarised (it is counted when opened, correctly); an end whose start was never
    stored changes nothing stored, so the summary stays in use."""
    cases = {
        "twice": (_with_duplicate_start, 0),
        "ended-twice": (_with_end_twice, 0),
        "orphan-end": (_with_an_end_of_a_shed_start, 1),
    }
    for run_id, (change, summarised) in cases.items():
        path = tmp_path / f"{run_id}.db"
        record(path, change(long_run(run_id, steps=100)), batch=200)
        assert _summarised(path, run_id) == summarised, run_id
        quick, whole, final = _spines(path, run_id)
        assert final.summarised == bool(summarised), run_id
        assert quick == whole, run_id


def test_calls_without_a_node_are_read_from_the_whole_stream(tmp_path: Path) -> None:
    events = long_run("run", steps=30)
    placed = [
        e._replace(node_id=None) if isinstance(e, CallStarted) and e.call_id == 40 else e
        for e in events
    ]
    path = tmp_path / "runs.db"
    record(path, placed)
    assert _summarised(path, "run") == 0
    with RunStore(path) as store:
        assert store.final_spine("run") is None


def test_pruning_deletes_a_runs_summary(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    record(path, long_run("old", steps=20))
    record(path, long_run("new", steps=20))
    with RunStore(path) as store:
        assert store.prune(1) == 1
    assert _sql(path, "SELECT DISTINCT run_id FROM node_calls") == [("new",)]
    with RunStore(path) as store:
        assert store.clear() == 1
    assert _sql(path, "SELECT COUNT(*) FROM node_calls") == [(0,)]


def test_an_unfinished_run_is_not_opened_from_its_summary(tmp_path: Path) -> None:
    events = [e for e in long_run("run", steps=20) if not isinstance(e, RunEnded)]
    path = tmp_path / "runs.db"
    record(path, events)
    assert _summarised(path, "run") == 1
    with RunStore(path) as store:
        assert store.final_spine("run") is None


def test_the_pauses_come_with_the_final_spine(tmp_path: Path) -> None:
    """A debugged run's pauses and resumes, in stream order, beside its spine: a viewer
    opening the run gets them without a pass over the stream."""
    events = long_run("run", steps=40)
    t = 7_000_000_000
    pauses: list[Event] = [
        Paused(1, 1, "/tmp/long.py", 20, "step", "breakpoint", t + 5_150, "MainThread", None, 20),
        Resumed(2, 1, "next", t + 5_160),
        Paused(3, 1, "/tmp/long.py", 21, "step", "step", t + 5_170, "MainThread", None, 20),
        Resumed(4, 1, "continue", t + 9_000),
    ]
    at = next(i for i, e in enumerate(events) if isinstance(e, CallStarted) and e.call_id == 60)
    path = tmp_path / "runs.db"
    record(path, [*events[: at + 1], *pauses, *events[at + 1 :]], batch=50)
    with RunStore(path) as store:
        final = store.final_spine("run")
        streamed = [e for e in store.events("run") if isinstance(e, Paused | Resumed)]
    assert final is not None and final.summarised
    assert final.pauses == streamed
    assert sorted(final.pauses, key=lambda e: e.ts_ns) == pauses
