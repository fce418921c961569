"""Draws the still picture of the spine on a Dear PyGui draw layer: edges, glowing nodes and
their labels, the hovered row.

Only the rows in view are drawn (with a margin of `MARGIN_ROWS` each side), so a run of
20,000 nodes costs what twenty do. Each drawn node has its own group of items (its edges
first, then its glow and labels), drawn again only when what it shows changes (`Look`: the
node's data, its place and its neighbours', the hover): a patch redraws the nodes it changed,
scrolling past the margin draws the rows that come into range and drops those that leave
it, and scrolling inside the margin only moves the layer (a translation). What moves
(pulses, flashes, the breathing of running calls) is `motion.py`'s. The look is the web
HUD's (`viewer/src/painter.ts`): Dear PyGui has no blur, so a node's glow is a few
translucent rings (`sprites.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

import dearpygui.dearpygui as dpg

from debugflow.hud.draw import NONE, Layer, Parent, disc, line, ring
from debugflow.hud.fonts import Font, Fonts
from debugflow.hud.labels import args_line, clip, result_line, shown_duration, title
from debugflow.hud.layout import Point, column_x
from debugflow.hud.rows import Line, RowItems, RowPool
from debugflow.hud.scene import Look, Scene, ancestors, last_child_y, look_of
from debugflow.hud.sprites import Sprites
from debugflow.hud.theme import (
    COLORS,
    DIMMED,
    GHOST,
    faded,
    rgba,
    state_color,
)
from debugflow.hud.theme import GEOMETRY as G
from debugflow.protocol.viewer import NodeWire

MARGIN_ROWS = 2  # rows drawn beyond each edge of the view, so small scrolls redraw nothing
TIMING_GAP = 10  # pixels between a node's title and its duration


@dataclass
class Drawn:
    """A drawn node's row of items, and the look they were set for."""

    row: RowItems
    look: Look


@dataclass(frozen=True)
class Labels:
    """A node's lines as drawn, clipped to its column: the duration follows the title, dim,
    where there is room."""

    args: str
    title: str
    duration: str
    result: str


class SpinePainter:
    """Keeps the scene layer of one drawlist up to date."""

    def __init__(self, drawlist: Parent, fonts: Fonts, sprites: Sprites) -> None:
        self._fonts = fonts
        self._sprites = sprites
        self._scene = dpg.add_draw_node(parent=drawlist)
        self._above = Layer(self._scene)  # lines down from callers above the drawn rows
        self._nodes = dpg.add_draw_node(parent=self._scene)
        self._pool = RowPool(self._nodes, sprites.node, fonts)
        self._groups: dict[int, Drawn] = {}
        self._dirty = True
        self._drawn: dict[int, range] = {}  # rows drawn per column
        self._drawn_ids: set[int] = set()
        self._ever_drawn: set[int] = set()
        self._labels: dict[int, tuple[NodeWire, bool, Labels]] = {}

    def invalidate(self) -> None:
        """Look at every drawn node again on the next frame (new layout, hover moved)."""
        self._dirty = True

    def reset(self) -> None:
        """A new run, or new fonts: forget what was drawn."""
        dpg.delete_item(self._nodes, children_only=True)
        self._pool.forget()
        self._groups.clear()
        self._drawn_ids = set()
        self._above.stale(None)
        self._ever_drawn.clear()
        self._labels.clear()
        self._dirty = True

    def touched(self, node_ids: list[int]) -> None:
        """Nodes that changed: they are looked at again if any of them is drawn now."""
        if not self._dirty and not self._drawn_ids.isdisjoint(node_ids):
            self._dirty = True

    def draw(self, scene: Scene) -> list[int]:
        """Bring the layer up to `scene`; returns the nodes drawn for the first time."""
        wanted = self._wanted_rows(scene)
        fresh: list[int] = []
        if self._dirty or not self._covers(wanted):
            fresh = self._update(scene, wanted)
        dpg.apply_transform(self._scene, scroll_shift(scene))
        return fresh

    @property
    def drawn(self) -> set[int]:
        """The nodes on the layer now (in view, and the margin)."""
        return self._drawn_ids

    # ---- the still picture ----

    def _wanted_rows(self, scene: Scene) -> dict[int, range]:
        wanted: dict[int, range] = {}
        for column in range(len(scene.layout.columns)):
            x = column_x(column)
            if x + G.column_width >= scene.left and x <= scene.left + scene.width:
                wanted[column] = scene.layout.visible_rows(column, scene.top, scene.height)
        return wanted

    def _covers(self, wanted: dict[int, range]) -> bool:
        for column, rows in wanted.items():
            drawn = self._drawn.get(column)
            if rows and (drawn is None or rows.start < drawn.start or rows.stop > drawn.stop):
                return False
        return True

    def _update(self, scene: Scene, wanted: dict[int, range]) -> list[int]:
        """Redraw the nodes whose look changed, drop those out of range, draw the new ones."""
        self._drawn = {}
        shown: list[list[int]] = []
        for column, rows in wanted.items():
            count = len(scene.layout.columns[column])
            start = max(0, rows.start - MARGIN_ROWS)
            stop = min(count, rows.stop + MARGIN_ROWS)
            self._drawn[column] = range(start, stop)
            shown.append(scene.layout.columns[column][start:stop])
        ids = {node_id for rows_ids in shown for node_id in rows_ids}
        for gone in self._drawn_ids - ids:
            held = self._groups.pop(gone, None)  # None: it had nowhere to be drawn
            if held is not None:
                self._pool.give_back(held.row)
        self._drawn_ids = ids
        for node_id in ids:
            self._draw_node(scene, node_id)
        self._draw_lines_above(scene, [rows_ids[0] for rows_ids in shown if rows_ids])
        self._dirty = False
        fresh = [i for i in ids if i not in self._ever_drawn]
        self._ever_drawn.update(fresh)
        return fresh

    def _draw_lines_above(self, scene: Scene, firsts: list[int]) -> None:
        # Callers above the drawn rows: their lines down to their last child cross the view.
        lines: list[tuple[float, float, float]] = []
        for first in firsts:
            for node_id in ancestors(scene.mirror, first):
                start = scene.layout.center(scene.mirror, node_id)
                end = last_child_y(scene, node_id)
                if node_id not in self._drawn_ids and start is not None and end is not None:
                    lines.append((start.x, start.y + G.radius, end))
        if self._above.stale(tuple(lines)):
            color = rgba(COLORS["edge"])
            for x, top, bottom in lines:
                line((x, top), (x, bottom), color, self._above.item)

    def _draw_node(self, scene: Scene, node_id: int) -> None:
        """Set one node's row of items, unless it would look as it does."""
        node = scene.mirror.nodes[node_id]
        at = scene.layout.center(scene.mirror, node_id)
        held = self._groups.get(node_id)
        look = None if at is None else look_of(scene, node, at)
        if held is not None and held.look == look:
            return
        if look is None:
            if held is not None:
                self._pool.give_back(self._groups.pop(node_id).row)
            return
        row = self._pool.take() if held is None else held.row
        self._groups[node_id] = Drawn(row, look)
        row.clear()
        self._set_edges(row, look)
        row.highlight(self._row_box(scene, node, look) if look.hover == "hovered" else None)
        alpha = DIMMED if look.hover == "dimmed" else 1.0
        if node["kind"] == "unreached":
            alpha *= GHOST["placeholderAlpha"]
        if scene.ghost:
            row.sprite(self._sprites.node, None, NONE)
            self._draw_ghost_circle(node, look.at, alpha, row)
        else:
            color = faded(state_color(node["state"]), alpha)
            row.sprite(self._sprites.node, look.at, color)
        self._set_labels(scene, node, look.at, alpha, row)

    def _set_edges(self, row: RowItems, look: Look) -> None:
        at = look.at
        down = None if look.down_to is None else ((at.x, at.y + G.radius), (at.x, look.down_to))
        row.line(row.down, down)
        source = look.across_from
        row.line(row.across, None if source is None else ((source, at.y), (at.x - G.radius, at.y)))
        start = look.spawner
        if start is not None:  # a call started from another lane links to its spawner
            link = dpg.draw_bezier_cubic(
                (start.x + G.radius, start.y),
                (start.x + 120, start.y),
                (at.x - 120, at.y),
                (at.x - G.radius, at.y),
                color=rgba(COLORS["link"]),
                thickness=1.2,
                parent=row.group,
                before=row.box,
            )
            row.extras.append(link)

    def _draw_ghost_circle(self, node: NodeWire, at: Point, alpha: float, row: RowItems) -> None:
        # Ghost nodes: a translucent violet disc with a ring; never-reached ones only the ring.
        if node["kind"] != "unreached":
            fill = state_color("exception") if node["state"] == "exception" else None
            color = faded(fill or rgba(GHOST["fill"]), alpha)
            row.extras.append(disc(at, G.radius, color, row.group, before=row.glow))
        stroke = faded(rgba(GHOST["stroke"]), alpha)
        row.extras.append(ring(at, G.radius, stroke, 1.5, row.group, before=row.glow))

    def _row_box(self, scene: Scene, node: NodeWire, look: Look) -> Line:
        left = column_x(scene.layout.column(node["lane"]) or 0)
        y = look.at.y
        return (left, y - G.row_height / 2 + 1), (left + G.column_width, y + G.row_height / 2 - 1)

    def _set_labels(
        self, scene: Scene, node: NodeWire, at: Point, alpha: float, row: RowItems
    ) -> None:
        fonts, ghost = self._fonts, scene.ghost
        text = self._fit(scene, node, at)
        x = at.x + G.text_gap
        top = at.y - G.row_height / 2
        args_color = rgba(GHOST["args"]) if ghost else rgba(COLORS["args"])
        dim = rgba(COLORS["dim"])
        if node["state"] == "unfinished":
            title_color = rgba(COLORS["dim"])
        else:
            title_color = rgba(GHOST["text"]) if ghost else rgba(COLORS["text"])
        if node["state"] == "exception":
            result_color = rgba(COLORS["error"])
        else:
            result_color = args_color if ghost else rgba(COLORS["ret"])
        title_top = at.y - fonts.title.size * 0.62
        row.text(row.args, (x, top + 5), text.args, faded(args_color, alpha))
        row.text(row.title, (x, title_top), text.title, faded(title_color, alpha))
        after = x + len(text.title) * _advance(fonts.title) + TIMING_GAP
        timing_top = at.y - fonts.value.size * 0.6
        row.text(row.took, (after, timing_top), text.duration, faded(dim, alpha))
        result_at = (x, top + G.row_height - 17)
        row.text(row.result, result_at, text.result, faded(result_color, alpha))

    def _fit(self, scene: Scene, node: NodeWire, at: Point) -> Labels:
        folded = node["id"] in scene.mirror.view.collapsed
        held = self._labels.get(node["id"])
        if held is not None and held[0] is node and held[1] == folded:
            return held[2]
        column = scene.layout.column(node["lane"]) or 0
        width = column_x(column) + G.column_width - (at.x + G.text_gap) - 6
        heading = title(node)
        if folded:
            heading += f"  ▸ {len(scene.mirror.children.get(node['id'], []))} more"
        fonts = self._fonts
        heading = clip(heading, fonts.title.cells(width))
        room = width - len(heading) * _advance(fonts.title) - TIMING_GAP
        took = shown_duration(node)
        fitted = Labels(
            clip(args_line(node), fonts.value.cells(width)),
            heading,
            took if len(took) <= fonts.value.cells(room) else "",
            clip(result_line(node), fonts.value.cells(width)),
        )
        self._labels[node["id"]] = (node, folded, fitted)
        return fitted


def _advance(font: Font) -> float:
    return font.advance or font.size * 0.6


def scroll_shift(scene: Scene) -> object:
    """The translation that scrolls a layer in content coordinates to the view (whole pixels,
    so text stays sharp)."""
    return dpg.create_translation_matrix([-round(scene.left), -round(scene.top)])
