"""A viewer that applies the hub's patches holds exactly the picture a fresh snapshot gives.

Real event streams (random call programs traced in process) are cut into random batches and
applied to a spine; a viewer that asks for what changed at random moments — sometimes after
every batch, sometimes several versions late — must always end up with the snapshot's nodes,
lanes, functions and status, and every patch must start at the version the viewer holds.
"""

from __future__ import annotations

import sys
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callprograms import Program, programs
from debugflow.protocol import Event
from debugflow.protocol.shapes import problems
from debugflow.protocol.viewer import PatchMessage, SnapshotMessage
from debugflow.spine.model import SpineLimits, SpineModel
from test_calltree_agreement import _trace_in_process

BACKEND = "monitoring" if sys.version_info >= (3, 12) else "settrace"


class Viewer:
    """What a viewer keeps of one run: the latest version of every node, lane and function."""

    def __init__(self) -> None:
        self.version = -1
        self.nodes: dict[int, Any] = {}
        self.lanes: dict[int, Any] = {}
        self.functions: dict[str, Any] = {}
        self.status: Any = None

    def take(self, message: SnapshotMessage | PatchMessage) -> None:
        if message["type"] == "snapshot":
            self.nodes, self.lanes, self.functions = {}, {}, {}
            self.status = message["status"]
        else:
            assert message["base"] == self.version, "a patch must start where the viewer is"
            self.status = message["status"] or self.status
        self.version = message["version"]
        self.nodes.update({node["id"]: node for node in message["nodes"]})
        self.lanes.update({lane["id"]: lane for lane in message["lanes"]})
        self.functions.update({fn["fkey"]: fn for fn in message["functions"]})

    def picture(self) -> tuple[Any, ...]:
        return (
            [self.nodes[i] for i in sorted(self.nodes)],
            [self.lanes[i] for i in sorted(self.lanes)],
            sorted(self.functions.values(), key=lambda fn: fn["fkey"]),
            self.status,
        )


def picture(snapshot: SnapshotMessage) -> tuple[Any, ...]:
    functions = sorted(snapshot["functions"], key=lambda fn: fn["fkey"])
    return snapshot["nodes"], snapshot["lanes"], functions, snapshot["status"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    program=programs(),
    cuts=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=60),
    asks=st.lists(st.booleans(), min_size=1, max_size=60),
    history=st.sampled_from([2, 8, 512]),
)
def test_patches_rebuild_the_snapshot(
    program: Program,
    cuts: list[int],
    asks: list[bool],
    history: int,
    tmp_path_factory: Any,
) -> None:
    events = _trace_in_process(program, tmp_path_factory.mktemp("program"), BACKEND)
    model = SpineModel("r", SpineLimits(history=history))
    viewer = Viewer()
    for index, batch in enumerate(_batches(events, cuts)):
        model.apply(batch)
        if asks[index % len(asks)]:
            _catch_up(viewer, model)
    _catch_up(viewer, model)
    snapshot = model.snapshot()
    assert viewer.picture() == picture(snapshot)
    assert problems(snapshot, SnapshotMessage) == []


def _catch_up(viewer: Viewer, model: SpineModel) -> None:
    message = model.patch_since(viewer.version)
    if message is not None:
        assert (
            problems(message, SnapshotMessage if message["type"] == "snapshot" else PatchMessage)
            == []
        )
        viewer.take(message)


def _batches(events: list[Event], cuts: list[int]) -> list[list[Event]]:
    batches, start = [], 0
    for index in range(len(events)):
        size = cuts[index % len(cuts)]
        if start >= len(events):
            break
        batches.append(events[start : start + size])
        start += size
    return batches
