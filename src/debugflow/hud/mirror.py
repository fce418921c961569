"""The desktop HUD's copy of one run's spine, kept in step with the hub's snapshots and patches.

It holds what the protocol sends and nothing it computes itself: nodes by id, each node's
children in id order (the order they are drawn), lanes, the status and the per-function
statistics, at the spine `version` held. Beside them sits the view state of the run on screen
(collapsed nodes, scroll position, the hovered node), which a new run starts afresh. The
rules are the web HUD's (`viewer/src/runmodel.ts`); no Dear PyGui here, so it is unit-tested
without a display.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field
from typing import Literal

from debugflow.protocol.viewer import (
    FunctionWire,
    LaneWire,
    NodeWire,
    PulseWire,
    SpineMessage,
    StatusWire,
    ViewMode,
)


@dataclass
class Change:
    """What one applied message changed, for the parts that redraw."""

    reset: bool = False  # the whole picture was replaced (a snapshot)
    added: list[int] = field(default_factory=list)  # node ids new in this message
    touched: list[int] = field(default_factory=list)  # node ids replaced (new ones included)
    before: dict[int, NodeWire] = field(default_factory=dict)  # earlier states of touched nodes
    pulses: list[PulseWire] = field(default_factory=list)


@dataclass
class ViewState:
    """How the run on screen is looked at: nothing here comes from the hub."""

    collapsed: set[int] = field(default_factory=set)  # nodes whose children are hidden
    # Nodes the hub said start folded (imports) that were folded on arrival: folded once, so
    # a node the user opened stays open when a snapshot sends it again.
    folded_once: set[int] = field(default_factory=set)
    left: float = 0.0  # scroll position, content pixels
    top: float = 0.0
    hover: int | None = None  # the node under the pointer


@dataclass
class Applied:
    """A message that was applied, and what it changed."""

    change: Change
    kind: Literal["applied"] = "applied"


@dataclass
class Gap:
    """A patch whose `base` is not the version held: ask for a snapshot instead."""

    kind: Literal["gap"] = "gap"


class RunMirror:
    """One run as the hub last described it; `version` is the spine version held (-1: none)."""

    def __init__(self, run_id: str) -> None:
        self.run_id = run_id
        self.version = -1
        self.mode: ViewMode = "live"
        self.at: int | None = None
        self.status: StatusWire | None = None
        self.nodes: dict[int, NodeWire] = {}
        self.children: dict[int, list[int]] = {}
        self.lanes: dict[int, LaneWire] = {}
        self.functions: dict[str, FunctionWire] = {}
        self.view = ViewState()

    def apply(self, message: SpineMessage) -> Applied | Gap:
        """Apply a snapshot, or a patch that follows the version held (anything else: a gap)."""
        if message["type"] == "patch" and message["base"] != self.version:
            return Gap()
        change = Change()
        if message["type"] == "snapshot":
            self._clear()
            change.reset = True
            self.status = message["status"]
        else:
            if message["status"] is not None:
                self.status = message["status"]
            change.pulses = list(message["pulses"])
        self.version = message["version"]
        self.mode = message["mode"]
        self.at = message["at"]
        self.lanes.update((lane["id"], lane) for lane in message["lanes"])
        self.functions.update((fn["fkey"], fn) for fn in message["functions"])
        for node in message["nodes"]:
            self._put(node, change)
        return Applied(change)

    def node(self, node_id: int) -> NodeWire | None:
        """The node with this id, if held."""
        return self.nodes.get(node_id)

    def function_of(self, node: NodeWire) -> FunctionWire | None:
        """Exact tracer statistics for a node's function, once the run sent them."""
        return self.functions.get(node["fkey"])

    def _put(self, node: NodeWire, change: Change) -> None:
        node_id = node["id"]
        old = self.nodes.get(node_id)
        if old is None:
            change.added.append(node_id)
            if node["folded"] and node_id not in self.view.folded_once:
                self.view.folded_once.add(node_id)
                self.view.collapsed.add(node_id)
            if node["parent"] is not None:
                self.nodes[node_id] = node  # the sibling order reads it
                siblings = self.children.setdefault(node["parent"], [])
                # Siblings in the order their first calls started (then by id): a node recorded
                # at once (an exception) reaches the hub before siblings that started earlier.
                insort(siblings, node_id, key=self._sibling_order)
        else:
            change.before[node_id] = old
        self.nodes[node_id] = node
        change.touched.append(node_id)

    def _sibling_order(self, node_id: int) -> tuple[int, int]:
        node = self.nodes.get(node_id)
        return (node["first_t"] if node is not None else 0, node_id)

    def _clear(self) -> None:
        self.nodes.clear()
        self.children.clear()
        self.lanes.clear()
        self.functions.clear()
