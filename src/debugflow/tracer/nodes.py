"""The run's collapsed call tree as the hot path keeps it: one node per function per place.

Every call of the same code under the same parent node, in the same lane, lands in one node,
so a loop that calls `step` a million times makes one `step` node with exact numbers, however
few of those calls are recorded in detail. The hot path finds a call's node with one dict
lookup in its parent's children and counts and times the call there; the collector turns the
nodes into `NodeSeen` / `NodeStats` events. This is the tree every view draws (×N, min /
median / max): `flow show`, the HUD and the ghost report all render these nodes.

A node is a list, indexed with literal numbers on the hot path:

    [0 children, 1 entry, 2 parent, 3 lane, 4 calls, 5 durations, 6 own_ns, 7 id,
     8 spawned_by, 9 first_ns]

`children` maps `id(code)` to child nodes (traced code objects are pinned by the code table,
so the ids stay valid). `entry` is the function's code-table entry; `calls` counts the calls
that started; `durations` holds the durations of ended plain calls not yet taken by the
collector, and `own_ns` their running total of own time (generators and coroutines are timed
by the collector instead). `lane` is the lane key: the thread's id in events, or
`(thread key, task id)` for an asyncio task's lane. A lane's top-level calls hang under a
root node, which has no entry and is never reported; a task lane's root remembers the node
that `spawned` the task.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Any

Node = list[Any]
LaneKey = Any  # an int (a thread), or a (thread key, task id) tuple

CHILDREN, ENTRY, PARENT, LANE, CALLS, DURATIONS, OWN_NS, ID, SPAWNED_BY, FIRST_NS = range(10)


def new_root(lane: LaneKey, spawned_by: Node | None = None) -> Node:
    """The root of one lane: its children are the lane's top-level nodes."""
    return [{}, None, None, lane, 0, [], 0, 0, spawned_by, 0]


class NodeTable:
    """Every node made so far, in the order they were made (the collector walks this list).

    `settle()` writes into the nodes (and the code-table entries' totals) the numbers a
    compiled hot path keeps in C between two readings; whoever reads `calls`, `durations`,
    `own_ns` or an entry's total calls it first. With the Python hot path it does nothing.
    """

    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self._ids = itertools.count(1)
        self.settle: Callable[[], object] = _nothing_to_settle

    def child(self, parent: Node, entry: list[Any], code_id: int) -> Node:
        """The node of `entry`'s code under `parent`, made now if it is new.

        Two threads may meet a new place at once: both get the node stored first, so no call
        is counted into a node that is then thrown away.
        """
        node = [{}, entry, parent, parent[LANE], 0, [], 0, next(self._ids), None, 0]
        node[FIRST_NS] = time.perf_counter_ns()
        stored: Node = parent[CHILDREN].setdefault(code_id, node)
        if stored is node:
            self.nodes.append(node)
        return stored


def _nothing_to_settle() -> None:
    """The Python hot path writes its numbers into the nodes as it goes."""


def is_root(node: Node) -> bool:
    """Whether `node` is a lane's root (not a function's node)."""
    return node[ENTRY] is None
