"""While a sink is behind, calls past the detail budget are not kept in detail; counts stay exact.

The store's writer shares the GIL with the traced program: a program making millions of
calls a second makes sampled detail calls faster than their events are written, and those
events would wait in memory. So the collector asks its sinks whether they are behind and
the hot path (either core) stops sampling meanwhile, then starts again.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from conftest import BACKENDS
from debugflow.formatting import describe
from debugflow.protocol import Event
from debugflow.tracer.codefilter import CodeFilter
from debugflow.tracer.codetable import CodeTable
from debugflow.tracer.collector import Collector
from debugflow.tracer.hotcore import CoreChoice, choose_core
from debugflow.tracer.hotpath import HotPath
from debugflow.tracer.previewing import Previewer
from debugflow.tracer.records import CALL
from debugflow.tracer.selector import choose_backend
from test_hotpath_cores import load

CORES = [CoreChoice("python", "test")]
if choose_core().compiled:
    CORES.append(CoreChoice("compiled", "test"))

PROGRAM = """
def step(n):
    return n + 1

def main(calls):
    for i in range(calls):
        step(i)
"""


@pytest.fixture
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name).resolve()


def detailed_steps(folder: Path, backend: str, core: CoreChoice, sampling: bool) -> tuple[int, int]:
    """Trace 3,000 calls of `step` (detail budget 5, then one in 100): how many were kept in
    detail (their CALL records) and how many were counted."""
    module = load(PROGRAM, folder)
    table = CodeTable(CodeFilter(folder), detail_calls=5, sample_every=100)
    records: list[tuple[Any, ...]] = []
    hot = HotPath(records, table, Previewer(describe), core=core)
    hot.keep_sampling(sampling)
    tracer = choose_backend(backend).create()
    tracer.start(hot)
    try:
        module.main(3_000)
    finally:
        tracer.stop()
    step = module.step.__code__
    kept = sum(1 for r in records if r[0] == CALL and r[1] is step)
    return kept, table.calls_of(table.entries[id(step)])


@pytest.mark.parametrize("core", CORES, ids=lambda c: c.name)
@pytest.mark.parametrize("backend", BACKENDS)
def test_without_sampling_only_the_budget_is_kept_and_every_call_counted(
    folder: Path, backend: str, core: CoreChoice
) -> None:
    assert detailed_steps(folder, backend, core, sampling=True) == (5 + 30, 3_000)
    assert detailed_steps(folder, backend, core, sampling=False) == (5, 3_000)


class SlowSink:
    """A sink whose writer is behind until told otherwise (failure injection)."""

    def __init__(self) -> None:
        self.behind = True
        self.batches = 0

    def handle(self, events: Sequence[Event]) -> None:
        self.batches += 1

    def close(self) -> None:
        pass


def test_the_collector_stops_sampling_while_a_sink_is_behind(folder: Path) -> None:
    table = CodeTable(CodeFilter(folder), detail_calls=5, sample_every=100)
    records: list[tuple[Any, ...]] = []
    hot = HotPath(records, table, Previewer(describe), core=CORES[0])
    changes: list[bool] = []
    changed = threading.Event()

    def keep_sampling(on: bool) -> None:
        hot.keep_sampling(on)
        changes.append(on)
        changed.set()

    sink = SlowSink()
    collector = Collector(
        records, table, hot.tree, hot.previews, [sink], keep_sampling=keep_sampling
    )
    collector.start()
    try:
        assert changed.wait(5), "the collector never asked the hot path to stop sampling"
        assert changes == [False]
        changed.clear()
        sink.behind = False
        assert changed.wait(5), "the collector never asked the hot path to sample again"
        assert changes == [False, True]
    finally:
        collector.stop(lambda builder: [])
