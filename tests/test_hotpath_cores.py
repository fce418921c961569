"""The compiled hot path against the Python one (the oracle), on random programs.

Hypothesis writes small programs (nesting, recursion, loops past the detail budget, short
generators and long ones (past the stretches kept as records), coroutines, exceptions caught
and escaping, threads); each is traced once with each core, on every backend this Python
has, and the two runs must leave the same code-table counts, the same raw records and the
same call tree, times aside.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BACKENDS
from debugflow.formatting import describe
from debugflow.tracer.codefilter import CodeFilter
from debugflow.tracer.codetable import CodeTable
from debugflow.tracer.hotcore import CoreChoice, choose_core
from debugflow.tracer.hotpath import HotPath
from debugflow.tracer.previewing import ExcSeen, Previewer
from debugflow.tracer.records import CALL, RAISE, RESUME, RETURN, THREAD, UNWIND, YIELD
from debugflow.tracer.selector import choose_backend
from debugflow.tracer.threadnames import ThreadNamer

COMPILED = CoreChoice("compiled", "test")
PYTHON = CoreChoice("python", "test")
needs_compiled = pytest.mark.skipif(
    not choose_core({}).compiled, reason="the compiled hot path is not built here"
)

# -- the programs ---------------------------------------------------------------------------

FUNCTIONS = 5
# A statement in the body of function i, calling function j (j > i) unless it recurses.
STATEMENTS = {
    "call": "f{j}(n)",
    "loop": "for _ in range({k}):\n        f{j}(n)",
    "recurse": "if n > 0:\n        f{i}(n - 1)",
    "catch": "try:\n        f{j}(n)\n    except ValueError:\n        pass",
    "raise": "if n == {k}:\n        raise ValueError('f{i} at {k}')",
    "generator": "total = sum(g{j}(n))",
    "stretches": "total = sum(s{j}(n))",
    "coroutine": "drive(c{j}(n))",
    "thread": "worker = threading.Thread(target=quietly, args=(f{j}, n))\n"
    "    worker.start()\n    worker.join()",
}
HEADER = """import threading


def quietly(function, n):
    try:
        function(n)
    except ValueError:
        pass


def drive(coroutine):
    try:
        coroutine.send(None)
    except StopIteration as stop:
        return stop.value


def g{last}(n):
    yield n


def s{last}(n):
    yield from range(120)


async def c{last}(n):
    return n


def f{last}(n):
    return n
"""
HELPERS = """

def g{i}(n):
    for step in range(2):
        yield f{i}(n + step)


def s{i}(n):
    for step in range(120):  # past the stretches a recorded generator keeps as records
        if step % 60 == 59:
            f{i}(n)
        yield step


async def c{i}(n):
    return f{i}(n)
"""

statement = st.tuples(st.sampled_from(sorted(STATEMENTS)), st.integers(1, 4), st.integers(0, 9))


@st.composite
def programs(draw: st.DrawFn) -> str:
    """The source of a module whose `main()` runs a random mix of calls."""
    parts = [HEADER.format(last=FUNCTIONS)]
    for i in range(FUNCTIONS):
        body = []
        for kind, k, pick in draw(st.lists(statement, min_size=1, max_size=4)):
            j = i + 1 + pick % (FUNCTIONS - i)
            body.append("    " + STATEMENTS[kind].format(i=i, j=j, k=k))
        parts.append(f"\n\ndef f{i}(n):\n" + "\n".join(body) + "\n    return n\n")
        parts.append(HELPERS.format(i=i))
    top = draw(st.lists(st.integers(0, FUNCTIONS - 1), min_size=1, max_size=4))
    depth = draw(st.integers(0, 3))
    calls = "".join(f"    quietly(f{i}, {depth})\n" for i in top)
    parts.append(f"\n\ndef main():\n{calls}")
    return "".join(parts)


# -- tracing one program with one core ------------------------------------------------------

_names = itertools.count()


def load(source: str, folder: Path) -> ModuleType:
    """Import `source` as a new module from a file in `folder` (the traced project)."""
    name = f"hot_program_{next(_names)}"
    path = folder / f"{name}.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def trace_once(
    main: Callable[[], object], folder: Path, backend: str, core: CoreChoice
) -> dict[str, Any]:
    """Run `main` traced with `core`: what its hot path left, with times taken out."""
    table = CodeTable(CodeFilter(folder), detail_calls=2, sample_every=3)
    records: list[tuple[Any, ...]] = []
    hot = HotPath(records, table, Previewer(describe), core=core)
    tracer = choose_backend(backend).create()
    namer = ThreadNamer(hot.thread_began)  # a thread id the OS reuses gets a lane of its own
    namer.start()
    tracer.start(hot)
    try:
        main()
    finally:
        tracer.stop()
        namer.stop()
    return {"counts": counts(table), "records": normalised(records), "tree": tree(hot)}


def counts(table: CodeTable) -> dict[str, tuple[int, int]]:
    """Each traced function's calls (from its budget) and kind."""
    by_name = {}
    for code_id, entry in table.entries.items():
        by_name[table.infos[code_id].qualname] = (table.calls_of(entry), entry[1])
    return by_name


def node_path(node: list[Any]) -> tuple[str, ...]:
    path: list[str] = []
    while node is not None and node[1] is not None:
        path.append(node[1][0].co_name)
        node = node[2]
    return tuple(reversed(path))


def tree(hot: HotPath) -> list[tuple[tuple[str, ...], int, int]]:
    """Every node by its path: calls and how many ended plain calls it timed."""
    return sorted((node_path(n), n[4], len(n[5])) for n in hot.tree.nodes)


class Renamer:
    """Numbers thread ids and frame keys in order of appearance (they differ run to run)."""

    def __init__(self) -> None:
        self.seen: dict[object, int] = {}
        self.numbers = itertools.count()

    def __call__(self, value: object) -> object:
        if value is None:
            return None
        if value not in self.seen:
            self.seen[value] = next(self.numbers)
        return self.seen[value]

    def fresh(self, value: object) -> int:
        """A new number for a value that now stands for something else (a reused id)."""
        self.seen[value] = number = next(self.numbers)
        return number


def normalised(records: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The records with times, child times and identities replaced by stable stand-ins."""
    tids, keys = Renamer(), Renamer()
    open_keys: set[object] = set()  # frames of generators and coroutines the records follow

    def opened(key: object) -> object:
        # A generator timed by the hot path and then recorded (for a callee, an exception)
        # first shows its frame in a YIELD, RETURN or UNWIND: a frame address seen before
        # then stands for a new generator.
        if key is not None and key not in open_keys:
            open_keys.add(key)
            return keys.fresh(key)
        return keys(key)

    out = []
    for record in records:
        kind, code = record[0], record[1]
        tid = tids.fresh(record[2]) if kind == THREAD else tids(record[2])
        name = code.co_name if isinstance(code, CodeType) else None
        rest = record[4:]
        if kind == CALL:
            args, line, key, task, node = rest
            if key is not None:
                open_keys.discard(key)
            key = opened(key)  # a frame's address is reused
            rest = (unaddressed(args), line, key, task, node_path(node))
        elif kind == THREAD:
            rest = ()  # its name is numbered process-wide, its lane key is the OS's id
        elif kind == RETURN:
            value, key, _child = rest
            rest = (unaddressed(value), opened(key))
            open_keys.discard(key)
        elif kind == YIELD:
            rest = (opened(rest[0]),)
        elif kind == RESUME:
            rest = (keys(rest[0]), rest[1])
        elif kind == RAISE:
            rest = (text(rest[0]), rest[1])
        elif kind == UNWIND:
            key, seen, line, _child, node = rest
            rest = (opened(key), text(seen), line, node_path(node))
            open_keys.discard(key)
        out.append((kind, name, tid, *rest))
    return out


def unaddressed(previews: object) -> str:
    """Previews as text without the addresses of objects (`<coroutine at 0x…>`)."""
    return re.sub(r" at 0x[0-9a-f]+", " at 0x…", repr(previews))


def text(seen: ExcSeen | None) -> str | None:
    return None if seen is None else seen.message


# -- the tests ------------------------------------------------------------------------------


@pytest.fixture
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name).resolve()


@needs_compiled
@pytest.mark.parametrize("backend", BACKENDS)
@settings(
    max_examples=int(os.environ.get("FLOW_DIFFERENTIAL_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(source=programs())
def test_both_cores_leave_the_same_counts_records_and_tree(
    source: str, backend: str, folder: Path
) -> None:
    main = load(source, folder).main
    python = trace_once(main, folder, backend, PYTHON)
    compiled = trace_once(main, folder, backend, COMPILED)
    assert compiled["counts"] == python["counts"]
    assert compiled["tree"] == python["tree"]
    assert compiled["records"] == python["records"]


@needs_compiled
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_hot_loop_is_counted_exactly_and_sampled_alike(backend: str, folder: Path) -> None:
    source = (
        "def leaf(n):\n    return n + 1\n\n\n"
        "def main():\n    for i in range(5000):\n        leaf(i)\n"
    )
    main = load(source, folder).main
    python = trace_once(main, folder, backend, PYTHON)
    compiled = trace_once(main, folder, backend, COMPILED)
    assert compiled == python
    assert compiled["counts"]["leaf"] == (5000, 0)
    # 2 calls in detail, then one in 3 of the 4,998 others: 1,666 sampled
    detailed = [r for r in compiled["records"] if r[0] == CALL and r[1] == "leaf"]
    assert len(detailed) == 2 + 4998 // 3


@needs_compiled
@pytest.mark.parametrize("backend", BACKENDS)
def test_generators_and_coroutines_past_the_budget_make_no_records(
    backend: str, folder: Path
) -> None:
    source = (
        "import asyncio\n\n\n"
        "def numbers(n):\n    yield n\n    yield n + 1\n\n\n"
        "async def child(n):\n    await asyncio.sleep(0)\n    return n\n\n\n"
        "async def tasks():\n    for i in range(300):\n        await child(i)\n"
        "    await asyncio.gather(*(child(i) for i in range(300)))\n\n\n"
        "def main():\n    for i in range(300):\n        sum(numbers(i))\n"
        "    asyncio.run(tasks())\n"
    )
    main = load(source, folder).main
    python = trace_once(main, folder, backend, PYTHON)
    compiled = trace_once(main, folder, backend, COMPILED)
    assert compiled["counts"] == python["counts"] and compiled["tree"] == python["tree"]

    def unnamed(records: list[tuple[Any, ...]]) -> str:  # asyncio numbers tasks per process
        return re.sub(r"Task-\d+", "Task-N", repr(records))

    assert unnamed(compiled["records"]) == unnamed(python["records"])
    assert compiled["counts"]["numbers"] == (300, 1) and compiled["counts"]["child"] == (600, 2)
    for name, calls in (("numbers", 300), ("child", 600)):
        records = [r for r in compiled["records"] if r[1] == name]
        # 2 calls in detail, then one in 3 (6 records each at most: a call, two yields, two
        # resumptions, the return); none for the others
        assert len(records) <= 6 * (2 + calls // 3 + 1), name


def test_the_compiled_core_is_chosen_where_it_is_built() -> None:
    """`FLOW_EXPECT_CORE` (set by scripts/test.sh) makes a build that silently failed fail."""
    expected = os.environ.get("FLOW_EXPECT_CORE")
    chosen = choose_core()
    if expected:
        assert chosen.name == expected, chosen.reason
    assert choose_core({"FLOW_PURE_PYTHON": "1"}) == CoreChoice("python", "FLOW_PURE_PYTHON is set")
    assert choose_core({"FLOW_PURE_PYTHON": "0"}).name == choose_core({}).name


def test_without_the_extension_the_python_core_runs_and_says_why() -> None:
    import subprocess

    blocker = (
        "import sys, importlib.abc\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name == 'debugflow.tracer._hotpath':\n"
        "            raise ImportError('blocked for the test')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from debugflow.tracer.hotcore import choose_core\n"
        "print(choose_core({}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", blocker], capture_output=True, text=True, check=True
    )
    assert "name='python'" in done.stdout and "blocked for the test" in done.stdout


def test_flow_doctor_and_the_run_record_name_the_hot_path(flow_env: dict[str, str]) -> None:
    from conftest import flow
    from debugflow.config import FlowConfig
    from debugflow.storage import RunStore

    pure = {**flow_env, "FLOW_PURE_PYTHON": "1"}
    doctor = flow("doctor", env=pure).stdout
    assert "hot path:      python\n" in doctor and "FLOW_PURE_PYTHON is set" in doctor
    assert flow("run", "-q", "classes.py", env=pure).returncode == 0
    store = FlowConfig.from_env(env=flow_env).store_path
    with RunStore(store) as runs:
        assert runs.runs()[0].backend_reason.endswith(
            "; hot path: python (FLOW_PURE_PYTHON is set)"
        )
    if choose_core({}).compiled:
        plain = {k: v for k, v in flow_env.items() if k != "FLOW_PURE_PYTHON"}
        assert "hot path:      compiled\n" in flow("doctor", env=plain).stdout
        assert flow("run", "-q", "classes.py", env=plain).returncode == 0
        with RunStore(store) as runs:
            assert "; hot path: compiled (" in runs.runs()[0].backend_reason


MID_RUN = """
def leaf(n):
    return n


def main(observe):
    for i in range(500):
        leaf(i)
    observe()
    for i in range(300):
        leaf(i)
"""


@needs_compiled
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("core", [PYTHON, COMPILED], ids=["python", "compiled"])
def test_a_reading_while_the_program_runs_counts_every_call_so_far(
    backend: str, core: CoreChoice, folder: Path
) -> None:
    """The compiled core keeps plain calls' numbers in C until the collector reads them: a
    reading in the middle of a run (the collector's tick) must still see every call."""
    from debugflow.protocol import FunctionStats, NodeStats
    from debugflow.tracer.calltree import CallTreeBuilder

    table = CodeTable(CodeFilter(folder), detail_calls=2, sample_every=1000)
    records: list[Any] = []
    hot = HotPath(records, table, Previewer(describe), core=core)
    builder = CallTreeBuilder(table, hot.tree)
    seen: dict[str, tuple[int, int]] = {}

    def observe() -> None:
        builder.feed(list(records))
        records.clear()
        for event in builder.stats(only_changed=False):
            if isinstance(event, FunctionStats) and event.function == "leaf":
                seen["function"] = (event.calls, event.total_ns > 0)
            elif isinstance(event, NodeStats) and event.calls >= seen.get("node", (0,))[0]:
                seen["node"] = (event.calls, event.total_ns > 0)

    main = load(MID_RUN, folder).main
    tracer = choose_backend(backend).create()
    tracer.start(hot)
    try:
        main(observe)
    finally:
        tracer.stop()
    assert seen["function"] == (500, True)
    assert seen["node"] == (500, True)  # the busiest node: leaf's, under main
    builder.feed(list(records))
    final = [s for s in builder.stats(only_changed=False) if isinstance(s, FunctionStats)]
    assert {s.function: s.calls for s in final}["leaf"] == 800
