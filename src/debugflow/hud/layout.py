"""Where each node sits: the web HUD's layout rules (`viewer/src/layout.ts`), in Python.

One column per lane, in lane id order; one row per node in tree order (children below their
parent, in id order), indented by depth up to `max_indent_depth`. Content coordinates are
pixels from the top left of the whole spine; the view scrolls over them. A node changing state
keeps the layout. Nodes added while a run streams are placed where they belong (`extend`):
appended in O(depth) when they land at the end of their column, as a running program's new
calls mostly do, inserted with the rows below renumbered otherwise; anything else (a
snapshot, a subtree folded, a lane that sorts before others, more renumbering than a rebuild
costs) lays it out again in O(nodes) (`build`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from debugflow.hud.mirror import RunMirror
from debugflow.hud.theme import GEOMETRY as G


@dataclass(frozen=True)
class Point:
    """A point in content coordinates."""

    x: float
    y: float


# Rows renumbered in one `extend` (after nodes inserted above others) before a rebuild is
# cheaper: the rows laid out, and at least this many.
MIN_RENUMBER = 2000


class Layout:
    """Rows and columns of one run's nodes."""

    def __init__(self) -> None:
        self.columns: list[list[int]] = []  # node ids of each lane column, top to bottom
        self.lane_of_column: list[int] = []  # the lane shown in each column
        self.version = 0  # grows with every change of rows
        self._row_of: dict[int, int] = {}
        self._column_of_lane: dict[int, int] = {}

    def build(self, mirror: RunMirror) -> None:
        """Recompute every row from the mirror (its collapsed nodes hide their subtrees)."""
        roots: dict[int, list[int]] = {}
        for node in mirror.nodes.values():
            if node["parent"] is None:
                roots.setdefault(node["lane"], []).append(node["id"])
        self._row_of = {}
        self.lane_of_column = sorted(roots)
        self._column_of_lane = {lane: column for column, lane in enumerate(self.lane_of_column)}
        self.columns = [self._walk(mirror, sorted(roots[lane])) for lane in self.lane_of_column]
        self.version += 1

    def extend(self, mirror: RunMirror, added: Iterable[int]) -> bool:
        """Place nodes new in the mirror since the layout was last made; False when that
        takes a `build` (then call it: some of them may be placed already)."""
        budget = max(MIN_RENUMBER, sum(map(len, self.columns)))
        for node_id in sorted(added):
            renumbered = self._place(mirror, node_id)
            if renumbered is None:
                return False
            budget -= renumbered
            if budget < 0:
                return False
        self.version += 1
        return True

    def row(self, node_id: int) -> int | None:
        """A node's row in its column; None when it is hidden under a collapsed node."""
        return self._row_of.get(node_id)

    def column(self, lane: int) -> int | None:
        """The column a lane is drawn in."""
        return self._column_of_lane.get(lane)

    def center(self, mirror: RunMirror, node_id: int) -> Point | None:
        """The centre of a node's circle; None when it is not laid out."""
        node = mirror.node(node_id)
        row = self._row_of.get(node_id)
        column = None if node is None else self._column_of_lane.get(node["lane"])
        if node is None or row is None or column is None:
            return None
        depth = min(node["depth"], G.max_indent_depth)
        return Point(column_x(column) + 12 + depth * G.indent, row_top(row) + G.row_height / 2)

    def hit(self, x: float, y: float) -> int | None:
        """The node whose row is under a content point, if any."""
        column = int((x - G.pad) // (G.column_width + G.lane_gap))
        inside = x - column_x(column)
        if column < 0 or column >= len(self.columns) or not 0 <= inside <= G.column_width:
            return None
        row = int((y - G.header_height) // G.row_height)
        ids = self.columns[column]
        return ids[row] if 0 <= row < len(ids) else None

    def visible_rows(self, column: int, top: float, height: float) -> range:
        """The rows of a column that a view from `top`, `height` high, shows (one spare each
        side, so a row half in view is drawn whole)."""
        count = len(self.columns[column]) if 0 <= column < len(self.columns) else 0
        first = max(0, int((top - G.header_height) // G.row_height) - 1)
        last = min(count - 1, -int(-(top + height) // G.row_height))
        return range(first, last + 1)

    @property
    def width(self) -> float:
        """The content width: every column and the margins (no gap after the last column)."""
        return columns_width(len(self.columns))

    @property
    def height(self) -> float:
        """The content height: the longest column and room below it."""
        rows = max((len(ids) for ids in self.columns), default=0)
        return row_top(rows) + G.bottom_space

    def _place(self, mirror: RunMirror, node_id: int) -> int | None:
        """Put one new node in its row; returns how many rows below it were renumbered (0 for a
        node appended or hidden), None when it takes a rebuild.

        A new node has the highest id so far, so it is the last child of its parent (or the
        last root of its lane), and its row follows the last row of its parent's subtree.
        """
        node = mirror.nodes[node_id]
        parent = node["parent"]
        if parent is None:
            return self._place_root(node_id, node["lane"])
        above = mirror.node(parent)
        if above is None or above["lane"] != node["lane"]:
            return None
        if parent not in self._row_of or parent in mirror.view.collapsed:
            return 0  # under a folded node: not shown
        order = self.columns[self._column_of_lane[node["lane"]]]
        row = self._row_of[self._last_shown(mirror, parent)] + 1
        self._row_of[node_id] = row
        if row == len(order):
            order.append(node_id)
            return 0
        order.insert(row, node_id)
        self._row_of.update(zip(order[row + 1 :], range(row + 1, len(order)), strict=True))
        return len(order) - row - 1

    def _place_root(self, node_id: int, lane: int) -> int | None:
        column = self._column_of_lane.get(lane)
        if column is None:
            if self.lane_of_column and lane < self.lane_of_column[-1]:
                return None  # a lane that sorts before a shown one: columns move
            column = len(self.columns)
            self._column_of_lane[lane] = column
            self.lane_of_column.append(lane)
            self.columns.append([])
        self._row_of[node_id] = len(self.columns[column])
        self.columns[column].append(node_id)
        return 0

    def _last_shown(self, mirror: RunMirror, node_id: int) -> int:
        """The node in the last row of `node_id`'s shown subtree, before the node being placed."""
        last = node_id
        while last not in mirror.view.collapsed:
            # Children in id order: the last one placed is at most a few from the end.
            child = next(
                (c for c in reversed(mirror.children.get(last, ())) if c in self._row_of), None
            )
            if child is None:
                return last
            last = child
        return last

    def _walk(self, mirror: RunMirror, roots: list[int]) -> list[int]:
        # Depth first with an explicit stack: deep recursion makes deep trees.
        order: list[int] = []
        stack = roots[::-1]
        collapsed = mirror.view.collapsed
        while stack:
            node_id = stack.pop()
            self._row_of[node_id] = len(order)
            order.append(node_id)
            children = mirror.children.get(node_id)
            if children and node_id not in collapsed:
                stack.extend(reversed(children))
        return order


def column_x(column: int) -> float:
    """The left edge of a lane column."""
    return G.pad + column * (G.column_width + G.lane_gap)


def row_top(row: int) -> float:
    """The top of a row."""
    return G.header_height + row * G.row_height


def columns_width(columns: int) -> float:
    """The width that shows `columns` columns whole, with the margins on both sides."""
    return column_x(max(1, columns) - 1) + G.column_width + G.pad
