"""Draws what moves, each frame while anything does: pulses travelling along the tree's edges,
flashes of calls that start and end, and the breathing glow of running calls.

Only what is in view is drawn; a flash or pulse out of view is only waited for, since its time
passes all the same. The items are kept from frame to frame and set anew (`SpritePool`).
The rules are the web HUD's (`viewer/src/painter.ts`).
"""

from __future__ import annotations

import math

import dearpygui.dearpygui as dpg

from debugflow.hud.animations import Flash, Pulse, flash_strength
from debugflow.hud.draw import Parent
from debugflow.hud.layout import Point, row_top
from debugflow.hud.painter import scroll_shift
from debugflow.hud.scene import Scene
from debugflow.hud.sprites import SpritePool, Sprites
from debugflow.hud.theme import COLORS, DIMMED, OUTCOME_COLORS, TIMING, faded, rgba, state_color
from debugflow.hud.theme import GEOMETRY as G

BREATH_MS = 180  # a running call's glow swells and fades over 2π times this


class MotionPainter:
    """Keeps the motion layer of one drawlist up to date."""

    def __init__(self, drawlist: Parent, sprites: Sprites) -> None:
        self._layer = dpg.add_draw_node(parent=drawlist)
        self._discs = SpritePool(sprites.disc, self._layer)
        self._rings = SpritePool(sprites.ring, self._layer)
        self._pulses = SpritePool(sprites.pulse, self._layer)
        self.moving = False  # whether the last frame drew anything that moves

    def draw(self, scene: Scene, drawn: set[int]) -> None:
        """Redraw the moving parts of `scene`; `drawn`: the nodes the scene layer holds.

        Flashes of nodes out of view are not looked at: their time passes all the same, and
        `Animations.prune` says whether any is still under way."""
        pools = (self._discs, self._rings, self._pulses)
        for pool in pools:
            pool.begin()
        dpg.apply_transform(self._layer, scroll_shift(scene))
        moving = self._draw_running(scene, drawn)
        flashes = scene.anim.flashes
        for node_id in flashes.keys() & drawn:  # a few drawn nodes among thousands of flashes
            moving = self._draw_flash(scene, node_id, flashes[node_id]) or moving
        for pulse in scene.anim.pulses:
            moving = self._draw_pulse(scene, pulse) or moving
        for pool in pools:
            pool.end()
        self.moving = moving

    def _draw_running(self, scene: Scene, drawn: set[int]) -> bool:
        if scene.ghost:
            return False
        breathing = 0.5 + 0.5 * math.sin(scene.now / BREATH_MS)
        color = state_color("processing")
        found = False
        for node_id in drawn:
            node = scene.mirror.nodes.get(node_id)
            at = scene.layout.center(scene.mirror, node_id)
            if node is None or at is None or node["state"] != "processing":
                continue
            found = True
            dim = DIMMED if scene.hover not in (None, node_id) else 1.0
            self._discs.draw(at, faded(color, 0.10 * dim), G.radius + 6 + 5 * breathing)
            self._discs.draw(at, faded(color, 0.18 * dim), G.radius + 3 + 2 * breathing)
        return found

    def _draw_flash(self, scene: Scene, node_id: int, flash: Flash) -> bool:
        strength = flash_strength(flash, scene.now)
        at = scene.layout.center(scene.mirror, node_id)
        node = scene.mirror.node(node_id)
        if at is None or node is None or strength <= 0:
            return flash.start > scene.now  # not started yet: keep frames coming
        if flash.color == "call":
            ring_color = rgba(COLORS["pulseDown"])
        else:
            ring_color = rgba(OUTCOME_COLORS[flash.color])
        core = state_color(node["state"])
        self._discs.draw(at, faded(core, 0.22 * strength), G.radius + 3 * strength + 9)
        self._discs.draw(at, core, G.radius + 3 * strength)
        radius = G.radius + 4 + 10 * (1 - strength)
        self._rings.draw(at, faded(ring_color, strength), radius)
        return True

    def _draw_pulse(self, scene: Scene, pulse: Pulse) -> bool:
        q = (scene.now - pulse.start) / TIMING.pulse_ms
        if q < 0:
            return True  # staggered: it starts a little later
        at = pulse_position(scene, pulse, q) if q <= 1 else None
        if at is None:
            return False
        if not _in_view(scene, at):
            return True
        if pulse.dir == "down":
            color = rgba(COLORS["pulseDown"])
        else:
            color = rgba(OUTCOME_COLORS[pulse.outcome or "success"])
        self._pulses.draw(at, color)
        return True


def pulse_position(scene: Scene, pulse: Pulse, q: float) -> Point | None:
    """Where a pulse is at `q` (0 to 1) of its way: down the parent's line, then across to the
    node (the other way round going up)."""
    mirror, layout = scene.mirror, scene.layout
    node = layout.center(mirror, pulse.node)
    if node is None:
        return None
    parent = None if pulse.parent is None else layout.center(mirror, pulse.parent)
    start = parent if parent is not None else Point(node.x, row_top(0))
    t = q if pulse.dir == "down" else 1 - q
    vertical = abs(node.y - start.y)
    across = abs(node.x - start.x)
    travelled = t * (vertical + across)
    if travelled <= vertical:
        return Point(start.x, start.y + math.copysign(travelled, node.y - start.y))
    return Point(start.x + math.copysign(travelled - vertical, node.x - start.x), node.y)


def _in_view(scene: Scene, at: Point) -> bool:
    return (
        scene.left - 20 <= at.x <= scene.left + scene.width + 20
        and scene.top - 20 <= at.y <= scene.top + scene.height + 20
    )
