"""Long recorded runs for the streaming tests, and the spine a replay must show at a time."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from debugflow.protocol import (
    ArgPreview,
    CallEnded,
    CallStarted,
    Event,
    FunctionStats,
    NodeSeen,
    NodeStats,
    Pulse,
    RunEnded,
    RunStarted,
    ThreadSeen,
    UnreachedFunction,
)
from debugflow.server.replay import event_time_ns
from debugflow.spine.model import SpineModel
from debugflow.storage import RunStore

ORIGIN = 7_000_000_000
FILE = "/tmp/long.py"
_NODES = {"main": (1, None, 1), "step": (2, 1, 1), "inner": (3, 2, 1), "work": (4, None, 2)}


def long_run(run_id: str, steps: int) -> list[Event]:
    """main() calling step(i) `steps` times, each calling inner() (every 50th raises); a
    worker thread calling work() at the same nanoseconds as every 10th step; a pulse every
    97 steps; then stats, an unreached function and the run's end."""
    run = RunStarted(run_id, ("long.py",), "/tmp", "3.11", "settrace", "test", time.time(), ORIGIN)
    events: list[Event] = [run, ThreadSeen(1, "MainThread"), ThreadSeen(2, "worker")]
    events += [_node("main", 0), _call(1, "main", None, 0)]
    for i in range(steps):
        events += list(_step(i))
    t = 1000 * steps + 500
    events += [CallEnded(1, ORIGIN + t, "return")]
    events += [_stats(fn, steps) for fn in ("main", "step", "inner", "work")]
    events += [NodeStats(node_id, 1, 0, 10, 10, 10, 10, 10) for node_id in (1, 2, 3, 4)]
    events += [UnreachedFunction("never", "long", FILE, 90, "not called", None)]
    events += [RunEnded(time.time(), 0, 2 * steps + 1 + steps // 10, steps // 50, 0)]
    return events


def _step(i: int) -> Iterator[Event]:
    t, cid = 1000 * i + 100, 10 * i + 10
    if i == 0:
        yield _node("step", t)
    yield _call(cid, "step", 1, t, (ArgPreview("i", "int", str(i)),))
    if i % 10 == 0:
        if i == 0:
            yield _node("work", t)
        yield _call(cid + 5, "work", None, t)  # the same nanosecond as the step's start
    if i == 0:
        yield _node("inner", t + 100)
    yield _call(cid + 1, "inner", cid, t + 100)
    if i % 50 == 49:
        yield CallEnded(cid + 1, ORIGIN + t + 300, "exception", None, "ValueError", "bad", 3)
    else:
        yield CallEnded(cid + 1, ORIGIN + t + 300, "return", ArgPreview("return", "int", "1"))
    if i % 97 == 0:
        yield Pulse(
            "checkpoint", (ArgPreview("i", "int", str(i)),), None, "info", ORIGIN + t + 400, 1, cid
        )
    if i % 10 == 0:
        yield CallEnded(cid + 5, ORIGIN + t + 500, "return")
    yield CallEnded(cid, ORIGIN + t + 600, "return")


def _node(fn: str, t: int) -> NodeSeen:
    node_id, parent, thread = _NODES[fn]
    return NodeSeen(node_id, parent, thread, None, fn, "long", FILE, node_id * 10, None, ORIGIN + t)


def _call(
    cid: int, fn: str, parent: int | None, t: int, args: tuple[ArgPreview, ...] = ()
) -> CallStarted:
    node_id, _parent, thread = _NODES[fn]
    return CallStarted(
        cid, parent, thread, None, fn, "long", FILE, node_id * 10, None, args, ORIGIN + t,
        True, node_id,
    )  # fmt: skip


def _stats(fn: str, steps: int) -> FunctionStats:
    node_id = _NODES[fn][0]
    return FunctionStats(fn, "long", FILE, node_id * 10, steps, 0, 100, 50, 1, 2, 3)


def record(store_path: Path, events: Sequence[Event], batch: int = 997) -> None:
    """Store `events` in batches (a call's start and end often land in different ones)."""
    run = events[0]
    assert isinstance(run, RunStarted)
    with RunStore(store_path) as store:
        store.begin_run(run)
        for start in range(0, len(events), batch):
            store.append(run.run_id, events[start : start + batch])


def stored_order(events: Sequence[Event]) -> list[Event]:
    """`events` in the order the store streams them back: the run, its threads, the nodes,
    calls, ends and pulses by time (ties in arrival order), stats, node stats, unreached
    functions, the run's end."""
    timeline = sorted(
        (event for event in events if _time(event) is not None),
        key=lambda event: _time(event) or 0,  # sorted() is stable: ties keep arrival order
    )
    kinds = (RunStarted, ThreadSeen, None, FunctionStats, NodeStats, UnreachedFunction, RunEnded)
    ordered: list[Event] = []
    for kind in kinds:
        ordered += timeline if kind is None else [e for e in events if isinstance(e, kind)]
    return ordered


def _time(event: Event) -> int | None:
    return event.first_ns if isinstance(event, NodeSeen) else event_time_ns(event)


def spine_at(events: Sequence[Event], at: int | None) -> SpineModel:
    """The spine a replay shows at `at` (None: the end): every event before the first timed
    one later than `at`, applied in stream order."""
    run = events[0]
    assert isinstance(run, RunStarted)
    model = SpineModel(run.run_id)
    shown = []
    for event in events:
        t = event_time_ns(event)
        if at is not None and t is not None and t - run.origin_ns > at:
            break
        shown.append(event)
    model.apply(shown)
    return model


def picture(message: dict[str, Any]) -> dict[str, Any]:
    """What a snapshot shows, without its version (which counts applied batches)."""
    return {key: message[key] for key in ("run", "status", "lanes", "nodes", "functions")}
