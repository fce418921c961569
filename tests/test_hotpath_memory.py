"""The hot path keeps no memory and no references it should not: a long traced run stays flat,
and tracing leaves every object's reference count as it found it, on the core under test."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import BACKENDS
from debugflow.formatting import describe
from debugflow.tracer.codefilter import CodeFilter
from debugflow.tracer.codetable import CodeTable
from debugflow.tracer.hotpath import HotPath
from debugflow.tracer.previewing import Previewer
from debugflow.tracer.selector import choose_backend

# Phases of calls, generators and exceptions; the process's resident memory after the warm
# ones and after as many more, each read once DebugFlow's threads have caught up (what waits
# for them at that instant is work, not memory kept). Warm means the code table, the nodes
# and the store are made and the caches that grow with a run are full: the resident size
# grows by about 5 MB over the first ten phases, then by under 0.2 MB per ten (measured to
# forty; SQLite's page cache and the allocator's arenas), so a bound after one phase would
# measure caches filling, not memory kept per call.
WORKLOAD = textwrap.dedent(
    """
    import sys
    import time
    import debugflow

    def leaf(n):
        return n + 1

    def numbers(n):
        yield n
        yield n + 1

    def fails(n):
        raise ValueError(n)

    def phase(calls):
        total = 0
        for i in range(calls):
            total = leaf(total)
            if i % 100 == 0:
                total += sum(numbers(i))
            if i % 1000 == 0:
                try:
                    fails(i)
                except ValueError:
                    pass
        return total

    def rss_kb():
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * 4

    def settled_rss_kb():
        time.sleep(0.5)  # the collector and the store writer catch up: no backlog counted
        return rss_kb()

    with debugflow.trace(root=sys.argv[1]):
        for _ in range(int(sys.argv[2])):
            phase(200_000)
        first = settled_rss_kb()
        for _ in range(int(sys.argv[3])):
            phase(200_000)
        last = settled_rss_kb()
    print(first, last)
    """
)


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc/self/statm")
def test_a_long_traced_run_keeps_its_memory_flat(tmp_path: Path, flow_env: dict[str, str]) -> None:
    script = tmp_path / "workload.py"
    script.write_text(WORKLOAD)
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path), "10", "10"],  # 2 million measured calls
        env=flow_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    first, last = map(int, done.stdout.split())
    # A reference kept per call (an int is 28 bytes) would add 56 MB; allocator noise is ~1 MB.
    assert last - first < 6_000, (first, last)


def loop(n: int, value: object) -> object:
    for _ in range(n):
        same(value)
    return value


def same(value: object) -> object:
    return value


@pytest.mark.parametrize("backend", BACKENDS)
def test_tracing_leaves_reference_counts_as_it_found_them(backend: str) -> None:
    """Counts of the values passed and returned, the entries and the nodes, before and after
    more calls: a reference kept or dropped once per call shows up as thousands."""
    table = CodeTable(CodeFilter(Path(__file__).parent), detail_calls=3, sample_every=50)
    records: list[tuple[object, ...]] = []
    hot = HotPath(records, table, Previewer(describe))
    value = object()
    tracer = choose_backend(backend).create()
    tracer.start(hot)
    try:
        loop(100, value)
        entries = list(table.entries.values())
        nodes = list(hot.tree.nodes)
        records.clear()  # records of sampled calls hold their nodes
        before = [sys.getrefcount(value), *map(sys.getrefcount, entries + nodes)]
        loop(10_000, value)
        records.clear()
        after = [sys.getrefcount(value), *map(sys.getrefcount, entries + nodes)]
    finally:
        tracer.stop()
    assert after == before
    assert table.calls_of(table.entries[id(same.__code__)]) == 10_100
