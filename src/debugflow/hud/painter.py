"""Draws the still picture of the spine on a Dear PyGui draw layer: edges, glowing nodes and
their labels, the hovered row.

Only the rows in view are drawn (with a margin of `MARGIN_ROWS` each side), so a run of
20,000 nodes costs what twenty do. The layer is rebuilt only when it changes: nodes laid out
anew, a drawn node touched, the hover moved, or the view scrolled past the margin; scrolling
inside the margin only moves it (a translation). What moves (pulses, flashes, the breathing of
running calls) is `motion.py`'s. The look is the web HUD's (`viewer/src/painter.ts`): Dear
PyGui has no blur, so a node's glow is a few translucent rings.
"""

from __future__ import annotations

from dataclasses import dataclass

import dearpygui.dearpygui as dpg

from debugflow.hud.animations import Animations
from debugflow.hud.draw import NONE, Parent, disc, line, ring
from debugflow.hud.fonts import Font, Fonts
from debugflow.hud.labels import args_line, clip, result_line, shown_duration, title
from debugflow.hud.layout import Layout, Point, column_x
from debugflow.hud.mirror import RunMirror
from debugflow.hud.theme import (
    COLORS,
    DIMMED,
    GHOST,
    ROW_HIGHLIGHT,
    Rgba,
    faded,
    rgba,
    state_color,
)
from debugflow.hud.theme import GEOMETRY as G
from debugflow.protocol.viewer import NodeWire

MARGIN_ROWS = 4  # rows drawn beyond each edge of the view, so small scrolls redraw nothing
TIMING_GAP = 10  # pixels between a node's title and its duration
# Rings around a node, outermost first: extra radius, alpha.
GLOW = ((8.0, 0.08), (4.5, 0.16), (2.0, 0.34))


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

    def __init__(self, drawlist: Parent, fonts: Fonts) -> None:
        self._fonts = fonts
        self._scene = dpg.add_draw_node(parent=drawlist)
        self._dirty = True
        self._drawn: dict[int, range] = {}  # rows drawn per column
        self._drawn_ids: set[int] = set()
        self._ever_drawn: set[int] = set()
        self._labels: dict[int, tuple[NodeWire, bool, Labels]] = {}

    def invalidate(self) -> None:
        """Redraw the scene on the next frame (new layout, new run, hover moved)."""
        self._dirty = True

    def reset(self) -> None:
        """A new run: forget what was drawn."""
        self._ever_drawn.clear()
        self._labels.clear()
        self._dirty = True

    def touched(self, node_ids: list[int]) -> None:
        """Nodes that changed: the scene is redrawn if any of them is drawn now."""
        if not self._dirty and not self._drawn_ids.isdisjoint(node_ids):
            self._dirty = True

    def draw(self, scene: Scene) -> list[int]:
        """Bring the layer up to `scene`; returns the nodes drawn for the first time."""
        wanted = self._wanted_rows(scene)
        fresh: list[int] = []
        if self._dirty or not self._covers(wanted):
            fresh = self._rebuild(scene, wanted)
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

    def _rebuild(self, scene: Scene, wanted: dict[int, range]) -> list[int]:
        dpg.delete_item(self._scene, children_only=True)
        self._drawn = {}
        self._drawn_ids = set()
        for column, rows in wanted.items():
            count = len(scene.layout.columns[column])
            start = max(0, rows.start - MARGIN_ROWS)
            stop = min(count, rows.stop + MARGIN_ROWS)
            self._drawn[column] = range(start, stop)
            ids = scene.layout.columns[column][start:stop]
            self._draw_edges(scene, ids)
            for node_id in ids:
                self._draw_node(scene, node_id)
            self._drawn_ids.update(ids)
        self._dirty = False
        fresh = [i for i in self._drawn_ids if i not in self._ever_drawn]
        self._ever_drawn.update(fresh)
        return fresh

    def _draw_edges(self, scene: Scene, ids: list[int]) -> None:
        if not ids:
            return
        mirror, layout = scene.mirror, scene.layout
        color = rgba(COLORS["edge"])
        owners = dict.fromkeys(ids)
        owners.update(dict.fromkeys(_ancestors(mirror, ids[0])))
        for node_id in owners:  # the line down from a node to its last shown child
            children = None if node_id in mirror.view.collapsed else mirror.children.get(node_id)
            start = layout.center(mirror, node_id)
            end = layout.center(mirror, children[-1]) if children else None
            if start is not None and end is not None:
                line((start.x, start.y + G.radius), (start.x, end.y), color, self._scene)
        for node_id in ids:  # and across to each child
            node = mirror.nodes[node_id]
            to = layout.center(mirror, node_id)
            parent = node["parent"]
            source = None if parent is None else layout.center(mirror, parent)
            if to is not None and source is not None:
                line((source.x, to.y), (to.x - G.radius, to.y), color, self._scene)
        self._draw_spawn_links(scene, ids)

    def _draw_spawn_links(self, scene: Scene, ids: list[int]) -> None:
        # A call started from another lane (thread or task) links to the node that spawned it.
        color = rgba(COLORS["link"])
        for node_id in ids:
            spawner = scene.mirror.nodes[node_id]["spawned_by"]
            start = None if spawner is None else scene.layout.center(scene.mirror, spawner)
            end = scene.layout.center(scene.mirror, node_id)
            if start is None or end is None:
                continue
            dpg.draw_bezier_cubic(
                (start.x + G.radius, start.y),
                (start.x + 120, start.y),
                (end.x - 120, end.y),
                (end.x - G.radius, end.y),
                color=color,
                thickness=1.2,
                parent=self._scene,
            )

    def _draw_node(self, scene: Scene, node_id: int) -> None:
        node = scene.mirror.nodes[node_id]
        at = scene.layout.center(scene.mirror, node_id)
        if at is None:
            return
        alpha = DIMMED if scene.hover is not None and scene.hover != node_id else 1.0
        if scene.hover == node_id:
            self._draw_row_box(scene, node, at)
        if node["kind"] == "unreached":
            alpha *= GHOST["placeholderAlpha"]
        if scene.ghost:
            self._draw_ghost_circle(node, at, alpha)
        else:
            self._draw_circle(node, at, alpha)
        self._draw_labels(scene, node, at, alpha)

    def _draw_circle(self, node: NodeWire, at: Point, alpha: float) -> None:
        color = state_color(node["state"])
        for extra, share in GLOW:
            disc(at, G.radius + extra, faded(color, share * alpha), self._scene)
        disc(at, G.radius, faded(color, alpha), self._scene)

    def _draw_ghost_circle(self, node: NodeWire, at: Point, alpha: float) -> None:
        # Ghost nodes: a translucent violet disc with a ring; never-reached ones only the ring.
        if node["kind"] != "unreached":
            fill = state_color("exception") if node["state"] == "exception" else None
            disc(at, G.radius, faded(fill or rgba(GHOST["fill"]), alpha), self._scene)
        ring(at, G.radius, faded(rgba(GHOST["stroke"]), alpha), 1.5, self._scene)

    def _draw_row_box(self, scene: Scene, node: NodeWire, at: Point) -> None:
        column = scene.layout.column(node["lane"]) or 0
        left = column_x(column)
        dpg.draw_rectangle(
            (left, at.y - G.row_height / 2 + 1),
            (left + G.column_width, at.y + G.row_height / 2 - 1),
            color=NONE,
            fill=rgba(ROW_HIGHLIGHT),
            rounding=4,
            parent=self._scene,
        )

    def _draw_labels(self, scene: Scene, node: NodeWire, at: Point, alpha: float) -> None:
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
        self._text((x, top + 5), text.args, fonts.value, faded(args_color, alpha))
        self._text((x, title_top), text.title, fonts.title, faded(title_color, alpha))
        after = x + len(text.title) * _advance(fonts.title) + TIMING_GAP
        timing_top = at.y - fonts.value.size * 0.6
        self._text((after, timing_top), text.duration, fonts.value, faded(dim, alpha))
        self._text(
            (x, top + G.row_height - 17), text.result, fonts.value, faded(result_color, alpha)
        )

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

    def _text(self, at: tuple[float, float], text: str, font: Font, color: Rgba) -> None:
        if not text:
            return
        item = dpg.draw_text(at, text, color=color, size=font.size, parent=self._scene)
        if font is not self._fonts.value and font.item:
            dpg.bind_item_font(item, font.item)


def _advance(font: Font) -> float:
    return font.advance or font.size * 0.6


def scroll_shift(scene: Scene) -> object:
    """The translation that scrolls a layer in content coordinates to the view (whole pixels,
    so text stays sharp)."""
    return dpg.create_translation_matrix([-round(scene.left), -round(scene.top)])


def _ancestors(mirror: RunMirror, node_id: int) -> list[int]:
    found: list[int] = []
    node = mirror.node(node_id)
    while node is not None and node["parent"] is not None:
        found.append(node["parent"])
        node = mirror.node(node["parent"])
    return found
