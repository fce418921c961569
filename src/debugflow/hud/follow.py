"""Following the run: which node the view keeps in sight, and the glide that keeps it there.

The rules are the web HUD's (`viewer/src/focus.ts`, `focuszone.ts`, `scroller.ts`). The view
follows the deepest running call and holds on it after it ends while only its callers still
run, so short calls do not bounce it up and down. Once `focus_min_nodes` nodes exist it glides
(`follow_ease` of the distance a frame) until that node sits in the middle band, and moves
only when the node leaves the band. Going up waits `UP_DWELL_MS` first. Scrolling by hand
stops the following until the view is back at the bottom, or a new run starts. Pure
arithmetic, no Dear PyGui: times are milliseconds, distances content pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

from debugflow.hud.layout import Point
from debugflow.hud.mirror import Change, RunMirror, ViewState
from debugflow.hud.theme import TIMING
from debugflow.protocol.viewer import NodeWire

FOCUS_BAND_TOP = 0.35  # the band, as shares of the view's height
FOCUS_BAND_HEIGHT = 0.3
UP_DWELL_MS = 400  # how long the followed node must stay above the band before going up
LEFT_MARGIN = 40  # room left of a node's circle…
LABEL_ROOM = 360  # …and right of it for its labels
END_SLACK = 8  # a view this close to the bottom is at the bottom


class FocusTracker:
    """Which node the view follows, kept in step with each applied message."""

    def __init__(self) -> None:
        self.current: int | None = None
        self._running: set[int] = set()

    def reset(self) -> None:
        """A new run: nothing is followed yet."""
        self._running.clear()
        self.current = None

    def update(self, mirror: RunMirror, change: Change) -> int | None:
        """Take in one applied message; returns the node to follow now."""
        if change.reset:
            self._running = {i for i, n in mirror.nodes.items() if n["state"] == "processing"}
        else:
            for node_id in change.touched:
                node = mirror.node(node_id)
                if node is not None and node["state"] == "processing":
                    self._running.add(node_id)
                else:
                    self._running.discard(node_id)
        # A snapshot adds every node at once: that is a new picture, not new activity.
        added = None if change.reset or not change.added else max(change.added)
        self.current = self._choose(mirror, added)
        return self.current

    def _choose(self, mirror: RunMirror, added: int | None) -> int | None:
        deepest = self._deepest_running(mirror)
        held = None if self.current is None else mirror.node(self.current)
        if held is None:
            if deepest is not None:
                return deepest["id"]
            return added if added is not None else max(mirror.nodes, default=None)
        if held["state"] == "processing":
            # Still running: only a deeper call, or a new node inside this one, takes over.
            if deepest is not None and deepest["depth"] > held["depth"]:
                return deepest["id"]
            inside = added is not None and is_ancestor(mirror, held["id"], added)
            return added if inside else held["id"]
        # It ended. Its callers running on is no reason to scroll back up.
        if deepest is not None and not is_ancestor(mirror, deepest["id"], held["id"]):
            return deepest["id"]
        return added if added is not None else held["id"]

    def _deepest_running(self, mirror: RunMirror) -> NodeWire | None:
        # Deepest first; among equals the latest to start or end, then the newest node.
        best: NodeWire | None = None
        for node_id in self._running:
            node = mirror.node(node_id)
            if node is not None and (best is None or _rank(node) > _rank(best)):
                best = node
        return best


def _rank(node: NodeWire) -> tuple[int, int, int]:
    return (node["depth"], node["last_t"], node["id"])


def is_ancestor(mirror: RunMirror, ancestor: int, node_id: int) -> bool:
    """Whether `ancestor` is a strict ancestor of `node_id` in its lane's tree."""
    node = mirror.node(node_id)
    parent = None if node is None else node["parent"]
    while parent is not None:
        if parent == ancestor:
            return True
        above = mirror.node(parent)
        parent = None if above is None else above["parent"]
    return False


@dataclass
class Box:
    """The view over the content: its size and how far it can scroll."""

    width: float
    height: float
    max_left: float
    max_top: float


class Scroller:
    """The scroll position of the view (kept in the run's `ViewState`) and who moves it."""

    def __init__(self) -> None:
        self.view = ViewState()
        self.following = True
        self.box = Box(0, 0, 0, 0)
        self._gliding = False
        self._up_since: float | None = None

    def attach(self, view: ViewState) -> None:
        """Scroll this view state from now on (a new run), following again."""
        self.view = view
        self.resume()

    def resize(self, view_width: float, view_height: float, content: Point) -> None:
        """The view's size and the content's (which gets half a view of room below its end,
        so even the last node can rise into the band)."""
        self.box = Box(
            view_width,
            view_height,
            max(0.0, content.x - view_width),
            max(0.0, content.y + view_height / 2 - view_height),
        )
        self.view.left = _clamp(self.view.left, 0, self.box.max_left)
        self.view.top = _clamp(self.view.top, 0, self.box.max_top)

    def scroll_by(self, dx: float, dy: float) -> None:
        """A scroll by the user: following stops, unless it brought the view to the bottom."""
        self.view.left = _clamp(self.view.left + dx, 0, self.box.max_left)
        self.view.top = _clamp(self.view.top + dy, 0, self.box.max_top)
        self.following = self.view.top >= self.box.max_top - END_SLACK

    def resume(self) -> None:
        """Follow again, straight to the followed node."""
        self.following = True
        self._gliding = True
        self._up_since = float("-inf")

    def follow(self, target: Point | None, node_count: int, now: float) -> bool:
        """One frame's step toward keeping `target` in the band; returns whether frames must
        keep coming (gliding, or waiting before going up)."""
        if not self.following or target is None or node_count < TIMING.focus_min_nodes:
            return False
        box, view = self.box, self.view
        goal_top = _clamp(target.y - box.height / 2, 0, box.max_top)
        goal_left = horizontal_goal(box, view.left, target.x)
        dy, dx = goal_top - view.top, goal_left - view.left
        band = box.height * FOCUS_BAND_HEIGHT / 2
        if dy < -band:
            if self._up_since is None:
                self._up_since = now
            if now - self._up_since < UP_DWELL_MS:
                self._gliding = False
                return True
        else:
            self._up_since = None
        if not self._gliding and abs(dx) < 1 and abs(dy) <= band:
            return False
        if abs(dx) < 1 and abs(dy) < 1:
            self._gliding = False  # arrived: land exactly on the goal
            view.left, view.top = goal_left, goal_top
            return False
        self._gliding = True
        view.left += _ease(dx)
        view.top += _ease(dy)
        return True


def horizontal_goal(box: Box, left: float, x: float) -> float:
    """The horizontal scroll that shows a node and its labels; unchanged while they are in view."""
    if x - LEFT_MARGIN >= left and x + LABEL_ROOM <= left + box.width:
        return left
    return _clamp(x - LEFT_MARGIN, 0, box.max_left)


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(value, max(low, high)))


def _ease(distance: float) -> float:
    # A share of the remaining distance per frame, at least a pixel so the glide always ends.
    step = distance * TIMING.follow_ease
    if abs(step) < 1:
        return min(1.0, abs(distance)) * (1 if distance > 0 else -1)
    return step
