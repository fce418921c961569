"""What is on screen for the open run: its layout, the followed node and the scroll, the
animations, the hovered node, and the draw layers from the backdrop up to the hover card.

The render loop (`app.py`) tells it what arrived and asks it to draw once a frame; it draws
only what changed (each layer keeps track of that). New nodes are placed in the layout as
they arrive; laying the whole run out again (a snapshot, a fold) happens at most as often as
its cost allows.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import dearpygui.dearpygui as dpg

from debugflow.hud.animations import Animations
from debugflow.hud.cardbox import HoverCard
from debugflow.hud.draw import Box
from debugflow.hud.follow import FocusTracker, Scroller
from debugflow.hud.fonts import Fonts
from debugflow.hud.layout import Layout, Point, column_x
from debugflow.hud.mirror import Change, RunMirror
from debugflow.hud.motion import MotionPainter
from debugflow.hud.overlay import FOOTER_HEIGHT, Backdrop, Overlay, OverlayState, Toast, lane_names
from debugflow.hud.painter import SpinePainter
from debugflow.hud.scene import Scene
from debugflow.hud.sprites import make_sprites
from debugflow.hud.theme import GEOMETRY as G
from debugflow.hud.theme import TIMING
from debugflow.hud.window import HudWindow
from debugflow.protocol.viewer import NodeWire

MIN_LAYOUT_INTERVAL = 1 / 30  # seconds
WHEEL_STEP = 90  # pixels a wheel notch scrolls (a row and a half)
TOAST_SECONDS = 5.0


@dataclass(frozen=True)
class Pointer:
    """Where the pointer is in the window, and whether it is over the spine."""

    x: float = -1.0
    y: float = -1.0
    inside: bool = False


class SpineView:
    """The open run on screen."""

    def __init__(self, window: HudWindow, fonts: Fonts, clock: Callable[[], float]) -> None:
        self.window = window
        self.clock = clock
        self.layout = Layout()
        self.anim = Animations()
        self.focus = FocusTracker()
        self.scroller = Scroller()
        self.pointer = Pointer()
        self.notice = ""
        self.toast: Toast | None = None
        self.moving = False  # the last frame glided or animated: more frames are due
        self._layout_due = False
        self._layout_cost = 0.0
        self._layout_at = 0.0
        drawlist = dpg.add_viewport_drawlist(front=False)
        sprites = make_sprites()
        self._backdrop = Backdrop(drawlist, sprites)  # created bottom to top: the drawing order
        self._painter = SpinePainter(drawlist, fonts, sprites)
        self._motion = MotionPainter(drawlist, sprites)
        self._overlay = Overlay(drawlist, fonts)
        self._card = HoverCard(drawlist, fonts)

    @property
    def settled(self) -> bool:
        """Nothing moves and nothing waits to be laid out."""
        return not self.moving and not self._layout_due

    def open(self, mirror: RunMirror) -> None:
        """A new run: everything about the previous one goes; follow from the start."""
        self.layout = Layout()
        self.anim.clear()
        self.focus.reset()
        self.scroller.attach(mirror.view)
        self._painter.reset()
        self._layout_due = True

    def applied(self, mirror: RunMirror, change: Change) -> None:
        """A snapshot or patch of the open run arrived.

        New nodes are placed at once where that is cheap (`Layout.extend`); a snapshot, or
        nodes that move others around too much, lay the run out again on a coming frame."""
        if change.reset:
            self._layout_due = True
            self._painter.invalidate()
        elif change.added and not self._layout_due:
            self._extend(mirror, change.added)
        self._painter.touched(change.touched)
        self.focus.update(mirror, change)
        self.anim.add(change, mirror, self.clock() * 1000)

    def redraw(self) -> None:
        """Draw the scene afresh on the next frame (fonts measured, the window shown again)."""
        self._painter.reset()

    def say(self, words: str, ok: bool) -> None:
        """Show a short message above the status line for a few seconds."""
        self.toast = Toast(words, ok, self.clock() + TOAST_SECONDS)

    def draw(self, mirror: RunMirror | None) -> list[int]:
        """Lay out if due, step the follow glide and draw; returns nodes drawn the first time."""
        now = self.clock()
        if mirror is not None and self._layout_due and self._layout_allowed(now):
            self._lay_out(mirror, now)
        width, height = self.window.size()
        spine_height = max(1, height - FOOTER_HEIGHT)
        self.scroller.resize(width, spine_height, Point(self.layout.width, self.layout.height))
        nodes = 0 if mirror is None else len(mirror.nodes)
        gliding = self.scroller.follow(self._target(mirror), nodes, now * 1000)
        self._hover(mirror, width, height)
        self._backdrop.draw(width, height, self.scroller.following and nodes >= 5)
        fresh: list[int] = []
        if mirror is not None:
            scene = self._scene(mirror, width, spine_height, now)
            fresh = self._painter.draw(scene)
            self._motion.draw(scene, self._painter.drawn)
        self._draw_overlay(mirror, width, height, nodes)
        self.moving = gliding or self._motion.moving or self.anim.prune(now * 1000)
        return fresh

    def scroll(self, notches: float, sideways: bool) -> None:
        """The wheel turned `notches` (up is positive): the user scrolls, following stops."""
        step = -notches * WHEEL_STEP
        self.scroller.scroll_by(step if sideways else 0.0, 0.0 if sideways else step)

    def resume(self) -> None:
        """Follow again (End, the Follow pill)."""
        self.scroller.resume()

    def on_follow_pill(self) -> bool:
        """Whether the pointer is on the Follow pill."""
        box = self._overlay.follow_box
        return box is not None and box.contains(self.pointer.x, self.pointer.y)

    def node_under_pointer(self) -> int | None:
        """The node whose row is under the pointer, if any."""
        if not self.pointer.inside:
            return None
        view = self.scroller.view
        return self.layout.hit(self.pointer.x + view.left, self.pointer.y + view.top)

    def fold(self, mirror: RunMirror, node_id: int) -> None:
        """Hide a node's children, or show them again."""
        if mirror.children.get(node_id):
            mirror.view.collapsed.symmetric_difference_update({node_id})
            self._layout_due = True
            self._layout_at = 0.0  # now, however recently it was laid out

    @property
    def card_box(self) -> Box | None:
        """Where the hover card is, in the window."""
        return self._card.box

    def _scene(self, mirror: RunMirror, width: float, height: float, now: float) -> Scene:
        view = self.scroller.view
        return Scene(
            mirror,
            self.layout,
            self.anim,
            width,
            height,
            view.left,
            view.top,
            view.hover,
            now * 1000,
        )

    def _target(self, mirror: RunMirror | None) -> Point | None:
        followed = self.focus.current
        if mirror is None or followed is None:
            return None
        return self.layout.center(mirror, followed)

    def _hover(self, mirror: RunMirror | None, width: int, height: int) -> None:
        x, y = self.window.pointer()
        inside = 0 <= x < width and G.header_height <= y < height - FOOTER_HEIGHT
        self.pointer = Pointer(x, y, inside)
        hover = self.node_under_pointer() if mirror is not None else None
        if hover != self.scroller.view.hover:
            self.scroller.view.hover = hover
            self._painter.invalidate()

    def _draw_overlay(self, mirror: RunMirror | None, width: int, height: int, nodes: int) -> None:
        if self.toast is not None and self.clock() > self.toast.until:
            self.toast = None
        view = self.scroller.view
        left, top = round(view.left), round(view.top)
        self._overlay.draw(
            OverlayState(
                lanes=lane_names(mirror, self.layout),
                status=None if mirror is None else mirror.status,
                width=width,
                height=height,
                left=left,
                top=top,
                content_width=self.layout.width,
                content_height=self.layout.height + (height - FOOTER_HEIGHT) / 2,
                follow_pill=not self.scroller.following and nodes >= TIMING.focus_min_nodes,
                notice=self.notice,
                toast=self.toast,
            )
        )
        node = None if mirror is None or view.hover is None else mirror.node(view.hover)
        spine = Box(0, G.header_height, width, height - G.header_height - FOOTER_HEIGHT)
        self._card.draw(mirror, node, self._card_anchor(mirror, node, left, top), spine)

    def _card_anchor(
        self, mirror: RunMirror | None, node: NodeWire | None, left: int, top: int
    ) -> Point | None:
        """The hovered node's column's left edge and its circle's height, in the window."""
        if mirror is None or node is None:
            return None
        center = self.layout.center(mirror, node["id"])
        column = self.layout.column(node["lane"])
        if center is None or column is None:
            return None
        return Point(column_x(column) - left, center.y - top)

    def _extend(self, mirror: RunMirror, added: list[int]) -> None:
        columns = len(self.layout.columns)
        if not self.layout.extend(mirror, added):
            self._layout_due = True
            return
        self._painter.invalidate()
        if len(self.layout.columns) != columns:
            self.window.dock(len(self.layout.columns))

    def _lay_out(self, mirror: RunMirror, now: float) -> None:
        started = time.perf_counter()
        columns = len(self.layout.columns)
        self.layout.build(mirror)
        self._layout_cost = time.perf_counter() - started
        self._layout_at = now
        self._layout_due = False
        self._painter.invalidate()
        if len(self.layout.columns) != columns:
            self.window.dock(len(self.layout.columns))

    def _layout_allowed(self, now: float) -> bool:
        # Laying out 20,000 nodes takes tens of milliseconds: while nodes keep coming, lay out
        # at most a fifth of the time, so frames keep coming too.
        return now - self._layout_at >= max(MIN_LAYOUT_INTERVAL, 4 * self._layout_cost)
