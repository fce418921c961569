"""Every number a user sees agrees: `flow show`, `flow stats --json`, the HUD's snapshot and the
program's own count, on random call programs (nesting, loops, recursion, exceptions caught and
escaping, generators, threads).

In process, once per backend, the tracer's collapsed tree must count every calling context's
calls and exceptions exactly as the program counted them itself. Through the real commands
(`flow run`, `flow show`, `flow stats --json`, and a real hub serving the stored run), the
three views must print the same counts and the same min / median / max for every node.
"""

from __future__ import annotations

import json
import os
import re
import runpy
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from callprograms import Program, programs, read_counts, write_program
from conftest import flow
from debugflow.config import FlowConfig
from debugflow.protocol import Event, FunctionStats
from debugflow.protocol.viewer import NodeWire, SnapshotMessage
from debugflow.run.session import TraceSession
from debugflow.spine.model import SpineModel
from debugflow.spine.terminal import timing
from debugflow.storage import RunStore
from hub_helpers import http_url, running_hub
from test_tracer import ListSink

_FIXTURES = HealthCheck.function_scoped_fixture  # fresh folders come from tmp_path_factory
# The program's own frames above the functions it generates: its module body and main().
_PROGRAM_FRAMES = ("<module __main__>", "main")


@contextmanager
def _counter_on_path(lib: Path) -> Iterator[None]:
    sys.path.insert(0, str(lib))
    sys.modules.pop("callcounter", None)
    try:
        yield
    finally:
        sys.path.remove(str(lib))
        sys.modules.pop("callcounter", None)


def _trace_in_process(program: Program, folder: Path, backend: str) -> list[Event]:
    script, _ = write_program(program, folder)
    config = FlowConfig.from_env(
        env={"FLOW_DATA_DIR": str(folder / "data")}, root=str(script.parent)
    )
    config = config.with_options(backend=backend, detail_calls=3, sample_every=7)
    sink = ListSink()
    with _counter_on_path(folder / "lib"):
        session = TraceSession(config, kind="test", sinks=[sink])
        session.start()
        try:
            runpy.run_path(str(script), run_name="__main__")
        finally:
            session.stop(0)
    return sink.events


def node_paths(snapshot: SnapshotMessage) -> dict[str, NodeWire]:
    """Each call node by its calling context: `lane/f0/f2/…`, the program's own frames left
    out of the main thread's paths (the program counts from `f0`)."""
    lanes = {lane["id"]: lane["name"] for lane in snapshot["lanes"]}
    by_id = {node["id"]: node for node in snapshot["nodes"]}
    found: dict[str, NodeWire] = {}
    for node in snapshot["nodes"]:
        names = [node["function"]]
        parent = node["parent"]
        while parent is not None:
            names.insert(0, by_id[parent]["function"])
            parent = by_id[parent]["parent"]
        names = _own_frames(names)
        if names and node["kind"] == "call":
            found["/".join([lanes[node["lane"]], *names])] = node
    return found


def _own_frames(names: list[str]) -> list[str]:
    """The generated functions of a path: the program's module body and main() left out."""
    frames = list(_PROGRAM_FRAMES)
    while names and frames and names[0] == frames[0]:
        names, frames = names[1:], frames[1:]
    return names


def _exact_counts(snapshot: SnapshotMessage) -> tuple[dict[str, int], dict[str, int]]:
    nodes = node_paths(snapshot)
    calls = {path: node["calls"] for path, node in nodes.items()}
    raised = {path: node["exceptions"] for path, node in nodes.items() if node["exceptions"]}
    return calls, raised


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(program=programs())
def test_the_tree_counts_every_calling_context_exactly(
    program: Program, backend: str, tmp_path_factory: Any
) -> None:
    folder = tmp_path_factory.mktemp("program")
    events = _trace_in_process(program, folder, backend)
    model = SpineModel("r")
    model.apply(events)
    calls, raised = read_counts(folder / "counts.json")
    assert _exact_counts(model.snapshot()) == (calls, raised)
    functions = {e.function: e for e in events if isinstance(e, FunctionStats)}
    for name in {path.rsplit("/", 1)[1] for path in calls}:
        mine = sum(n for path, n in calls.items() if path.endswith(f"/{name}"))
        assert functions[name].calls == mine, name


# -- through the commands a person uses --------------------------------------------------------

_GUIDE = re.compile(r"^((?:│   |    |├── |└── )*)(.*)$")
_NODE = re.compile(
    r"^(?P<name><module [\w.]+>|[\w.<>]+)\((?P<args>[^)]*)\)"
    r"(?: ×(?P<calls>[\d,]+))?(?: \((?P<raised>[\d,]+) raised\))?"
    r"  (?P<timing>min \S+ · median \S+ · max \S+|[\d.]+[a-z]+|running|)"
)


def shown_nodes(text: str) -> dict[str, tuple[int, int, str]]:
    """`flow show`'s nodes by calling context: (calls, raised, timing as printed)."""
    rows = [_GUIDE.match(line).groups() for line in text.splitlines()[1:]]  # type: ignore[union-attr]
    headed = any(_NODE.match(content) is None for _, content in rows)
    top = 2 if headed else 1  # the depth of a lane's first nodes (under a heading, if any)
    stack: list[str] = []
    found: dict[str, tuple[int, int, str]] = {}
    lane = "MainThread"
    for guides, content in rows:
        match = _NODE.match(content)
        if match is None:  # a lane's heading
            lane, stack = content.strip(), []
            continue
        stack = [*stack[: len(guides) // 4 - top], match["name"]]
        names = _own_frames(stack)
        if names:
            calls = int((match["calls"] or "1").replace(",", ""))
            raised = int((match["raised"] or "0").replace(",", ""))
            if calls == 1 and "  ✗ " in content:  # one call: its exception says it raised
                raised = 1
            found["/".join([lane, *names])] = (calls, raised, match["timing"])
    return found


def _hub_snapshot(data_dir: Path, run_id: str) -> SnapshotMessage:
    with (
        running_hub(data_dir, store_path=data_dir / "runs.db", write_discovery=False) as info,
        urllib.request.urlopen(http_url(info, f"/api/runs/{run_id}"), timeout=30) as answer,
    ):
        body: dict[str, Any] = json.loads(answer.read())
    snapshot: SnapshotMessage = body["snapshot"]
    return snapshot


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(program=programs(max_functions=4))
def test_show_stats_and_the_hud_print_the_same_numbers(
    program: Program, tmp_path_factory: Any, flow_env: dict[str, str]
) -> None:
    folder = tmp_path_factory.mktemp("program")
    script, counts = write_program(program, folder)
    env = {**flow_env, "FLOW_DATA_DIR": str(folder / "data"), "COLUMNS": "400",
           "PYTHONPATH": os.pathsep.join([str(folder / "lib"), flow_env.get("PYTHONPATH", "")]),
           "FLOW_DETAIL_CALLS": "3", "FLOW_SAMPLE_EVERY": "7"}  # fmt: skip
    ran = flow("run", script.name, env=env, cwd=script.parent)
    assert ran.returncode == 0, ran.stderr
    shown = flow("show", env=env, cwd=script.parent)
    stats = json.loads(flow("stats", "--json", env=env, cwd=script.parent).stdout)
    with RunStore(folder / "data" / "runs.db") as store:
        run_id = store.resolve("latest")
    snapshot = _hub_snapshot(folder / "data", run_id)

    calls, raised = read_counts(counts)
    hud = node_paths(snapshot)
    assert _exact_counts(snapshot) == (calls, raised)
    expected = {path: (n["calls"], n["exceptions"], timing(n)) for path, n in hud.items()}
    assert shown_nodes(shown.stdout) == expected
    for row in stats:
        mine = [n for path, n in hud.items() if path.endswith("/" + row["function"])]
        if not mine:
            continue
        assert row["calls"] == sum(n["calls"] for n in mine), row["function"]
        assert row["exceptions"] == sum(n["exceptions"] for n in mine), row["function"]
        finished = [n["dur"] for n in mine if n["dur"] is not None]
        assert row["min_ns"] == min(d["min"] for d in finished)
        assert row["max_ns"] == max(d["max"] for d in finished)
        if len(mine) == 1:
            assert row["median_ns"] == finished[0]["median"], row["function"]
