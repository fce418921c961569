"""One engine: a ghost pass and `flow run` of the same program draw the same tree.

The ghost pass traces with the tracer `flow run` uses; this proves it on the Python the suite
runs under (CI: 3.10 to 3.13), for each backend `flow run` can use here. Both runs go through
`debugflow.spine.model.SpineModel`, and every node's path (function names from the entry down)
must carry the same number of calls. It guards a finding: on 3.13 a generator consumed in a
ghost pass once counted 6 calls where `flow run` counted 1.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from conftest import flow
from debugflow.ghost import run_ghost
from debugflow.protocol import Event
from debugflow.spine.model import SpineModel
from debugflow.storage import RunStore
from ghost_helpers import FIXTURES, returned

ENGINE = FIXTURES / "engine"
# What the program computes as `run(1)`, and the tree both runs must show.
RESULT = "38"
EXPECTED_TREE = {
    "run": 1,
    "run/Counter.__init__": 1,
    "run/squares": 2,  # two generators: one summed, one listed
    "run/squares/square": 4,  # 3 items summed, 1 listed
    "run/outer": 3,
    "run/outer/inner": 6,
    "run/outer/inner/square": 6,
    "run/Counter.bump": 3,
    "run/depth": 1,
    "run/depth/depth": 1,
    "run/depth/depth/depth": 1,
    "run/depth/depth/depth/depth": 1,
}


def tree(events: Iterable[Event]) -> tuple[dict[str, int], set[str]]:
    """Calls by node path (lanes left out, and the script's `<module>` frame above `run`),
    and the names of the lanes the calls ran in, from the spine's snapshot."""
    model = SpineModel("compare")
    model.apply(events)
    snapshot = model.snapshot()
    lane_names = {lane["id"]: lane["name"] for lane in snapshot["lanes"]}
    by_id = {node["id"]: node for node in snapshot["nodes"]}
    paths: dict[str, int] = {}
    lanes: set[str] = set()
    for node in snapshot["nodes"]:
        assert node["kind"] == "call", f"{node['function']} is a {node['kind']} node"
        names = [node["function"]]
        parent = node["parent"]
        while parent is not None:
            names.insert(0, by_id[parent]["function"])
            parent = by_id[parent]["parent"]
        if names[:1] == ["<module __main__>"]:
            names = names[1:]
        if names:
            paths["/".join(names)] = node["calls"]
            lanes.add(lane_names[node["lane"]])
    return paths, lanes


def test_flow_run_and_a_ghost_pass_draw_the_same_tree(
    flow_env: dict[str, str], backend: str
) -> None:
    done = flow("run", "program.py", env=flow_env, backend=backend, cwd=ENGINE)
    assert (done.returncode, done.stdout) == (0, f"{RESULT}\n"), done.stderr
    with RunStore(Path(flow_env["FLOW_DATA_DIR"]) / "runs.db") as store:
        (summary,) = store.runs()
        live, live_lanes = tree(store.events(summary.run_id))

    ghost = run_ghost(str(ENGINE / "program.py") + ":run", root=ENGINE)
    assert ghost.attempts == 1 and ghost.stopped_by is None, ghost.notes
    assert returned(ghost, "run") == [RESULT]  # the same values: the same calls
    dry, dry_lanes = tree(ghost.events)

    assert live == dry == EXPECTED_TREE, f"Python {sys.version_info[:2]}, {backend}"
    assert (live_lanes, dry_lanes) == ({"MainThread"}, {"attempt 1"})
