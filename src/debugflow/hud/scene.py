"""What one frame of the spine shows (`Scene`), and what each drawn node depends on (`Look`).

The painter draws a node's items again only when its look changes: the node's data (the
mirror replaces a node's wire object whenever the hub changes it, so identity says enough),
its place, the places its edges run to, the hover and folding. No Dear PyGui here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from debugflow.hud.animations import Animations
from debugflow.hud.layout import Layout, Point
from debugflow.hud.mirror import RunMirror
from debugflow.protocol.viewer import NodeWire


@dataclass
class Scene:
    """What one frame shows."""

    mirror: RunMirror
    layout: Layout
    anim: Animations
    width: float
    height: float
    left: float
    top: float
    hover: int | None
    now: float  # milliseconds

    @property
    def ghost(self) -> bool:
        """Whether the run is a ghost pass (drawn in the ghost style)."""
        status = self.mirror.status
        return status is not None and status["kind"] == "ghost"


@dataclass(frozen=True, eq=False)
class Look:
    """What a node's drawn items depend on: when it changes, they are drawn again."""

    node: NodeWire  # the wire object itself: the mirror replaces it when the hub changes it
    at: Point
    hover: Literal["", "hovered", "dimmed"]
    folded: int  # how many children a folded node hides (-1: not folded)
    ghost: bool
    down_to: float | None  # where the line down to its last shown child ends
    across_from: float | None  # where the line across from its parent's line starts
    spawner: Point | None  # the node in another lane that started it

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Look)
            and self.node is other.node
            and (self.at, self.hover, self.folded, self.ghost)
            == (other.at, other.hover, other.folded, other.ghost)
            and (self.down_to, self.across_from, self.spawner)
            == (other.down_to, other.across_from, other.spawner)
        )


def look_of(scene: Scene, node: NodeWire, at: Point) -> Look:
    """How `node`, drawn at `at`, looks in `scene`."""
    node_id = node["id"]
    hover: Literal["", "hovered", "dimmed"] = ""
    if scene.hover is not None:
        hover = "hovered" if scene.hover == node_id else "dimmed"
    mirror, layout = scene.mirror, scene.layout
    folded = -1
    if node_id in mirror.view.collapsed:
        folded = len(mirror.children.get(node_id, ()))
    parent = None if node["parent"] is None else layout.center(mirror, node["parent"])
    spawner = node["spawned_by"]
    return Look(
        node,
        at,
        hover,
        folded,
        scene.ghost,
        last_child_y(scene, node_id),
        None if parent is None else parent.x,
        None if spawner is None else layout.center(mirror, spawner),
    )


def last_child_y(scene: Scene, node_id: int) -> float | None:
    """Where a node's line down ends: at its last child, unless it is folded."""
    if node_id in scene.mirror.view.collapsed:
        return None
    children = scene.mirror.children.get(node_id)
    end = scene.layout.center(scene.mirror, children[-1]) if children else None
    return None if end is None else end.y


def ancestors(mirror: RunMirror, node_id: int) -> list[int]:
    """The nodes above `node_id`, its parent first."""
    found: list[int] = []
    node = mirror.node(node_id)
    while node is not None and node["parent"] is not None:
        found.append(node["parent"])
        node = mirror.node(node["parent"])
    return found
