"""Glows and dots as small textures, made once and drawn as one quad each.

A node's glow is a few translucent rings around its disc (Dear PyGui has no blur). Drawn as
circles, each ring is dozens of triangles with anti-aliased edges, and a software renderer
(Mesa's llvmpipe, no GPU) pays for every one: four circles per node cost about 45 µs each to
rasterise, most of a frame for a screenful of nodes. The same rings, composited once into a
white texture whose alpha is their coverage (supersampled, so edges stay smooth), are one
textured quad tinted with the node's colour, at a tenth of the cost. The picture is the one
the circles drew: every ring is the node's colour, so the stack of rings is that colour with
the combined alpha. The backdrop's fades (the glow under the header, the focus band) are a
stretched texture too, a little cheaper per pixel than a rectangle shaded corner to corner.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import dearpygui.dearpygui as dpg

from debugflow.hud.draw import Box, Parent
from debugflow.hud.layout import Point
from debugflow.hud.theme import GEOMETRY as G
from debugflow.hud.theme import Rgba

# Rings around a node, outermost first: extra radius, alpha (the circles painter.py drew).
GLOW = ((8.0, 0.08), (4.5, 0.16), (2.0, 0.34))
# A pulse: a dot with two faint halos (radius, alpha), outermost first.
PULSE = ((7.0, 0.08), (5.0, 0.16), (3.2, 1.0))
DISC_SIZE = 64  # texels across the plain disc that is scaled to any radius
SAMPLES = 4  # per texel and axis, for smooth edges
FADE_TEXELS = 64  # down the fade, stretched (and interpolated) over any height
# The ring a flash spreads (radius 11 to 21 px): drawn 2 px thick at this radius.
RING_RADIUS, RING_WIDTH = 13.0, 2.0


@dataclass(frozen=True)
class Sprite:
    """A square texture drawn centred on a point, `half` pixels each way at scale 1
    (`SpritePool`, `rows.RowItems`)."""

    texture: int | str
    half: float


@dataclass(frozen=True)
class Sprites:
    """The textures the painters draw with."""

    node: Sprite  # a node's disc and its glow rings
    pulse: Sprite  # a pulse's dot and halos
    disc: Sprite  # a plain disc of radius 1 (scale it by the radius wanted)
    ring: Sprite  # a ring of radius 1, RING_WIDTH / RING_RADIUS thick (scaled likewise)
    fade: int | str  # opaque at the top, clear at the bottom, linearly

    def fade_down(self, box: Box, color: Rgba, parent: Parent, upward: bool = False) -> None:
        """Fill `box` with `color` fading out downwards (`upward`: fading in)."""
        dpg.draw_image(
            self.fade,
            (box.x, box.y),
            (box.x + box.width, box.y + box.height),
            uv_min=(0, 1) if upward else (0, 0),
            uv_max=(1, 0) if upward else (1, 1),
            color=color,
            parent=parent,
        )


def make_sprites() -> Sprites:
    """Make the textures (call once, after Dear PyGui's context exists)."""
    node_rings = [(G.radius + extra, alpha) for extra, alpha in GLOW] + [(G.radius, 1.0)]
    disc_radius = DISC_SIZE / 2 - 1  # a texel of margin for the soft edge
    with dpg.texture_registry():
        node = _texture(node_rings)
        pulse = _texture(list(PULSE))
        disc = _texture([(disc_radius, 1.0)])
        ring = _texture([(RING_RADIUS + RING_WIDTH / 2, 1.0)], RING_RADIUS - RING_WIDTH / 2)
        alphas = [1 - (row + 0.5) / FADE_TEXELS for row in range(FADE_TEXELS)]
        fade = dpg.add_static_texture(1, FADE_TEXELS, [v for a in alphas for v in (1, 1, 1, a)])
    return Sprites(
        node=Sprite(node, _size(node_rings) / 2),
        pulse=Sprite(pulse, _size(list(PULSE)) / 2),
        disc=Sprite(disc, DISC_SIZE / 2 / disc_radius),
        ring=Sprite(ring, _size([(RING_RADIUS + RING_WIDTH / 2, 1.0)]) / 2 / RING_RADIUS),
        fade=fade,
    )


def coverage(rings: list[tuple[float, float]], size: int, hole: float = 0.0) -> list[float]:
    """The combined alpha of concentric discs (radius, alpha), texel by texel, row by row;
    nothing within `hole` of the centre (a ring)."""
    centre = size / 2
    step = 1 / SAMPLES
    offsets = [(i + 0.5) * step for i in range(SAMPLES)]
    alphas: list[float] = []
    for row in range(size):
        for column in range(size):
            total = 0.0
            for dy in offsets:
                for dx in offsets:
                    distance = math.hypot(column + dx - centre, row + dy - centre)
                    if distance < hole:
                        continue
                    clear = 1.0
                    for radius, alpha in rings:
                        if distance <= radius:
                            clear *= 1 - alpha
                    total += 1 - clear
            alphas.append(total / SAMPLES**2)
    return alphas


def _size(rings: list[tuple[float, float]]) -> int:
    # Even, so a texel lands on each pixel around a whole-pixel centre; a texel of margin.
    return 2 * math.ceil(max(radius for radius, _ in rings) + 1)


def _texture(rings: list[tuple[float, float]], hole: float = 0.0) -> int | str:
    size = _size(rings)
    data: list[float] = []
    for alpha in coverage(rings, size, hole):
        data += (1.0, 1.0, 1.0, alpha)
    return dpg.add_static_texture(size, size, data)


class SpritePool:
    """Images of one sprite drawn anew every frame, by setting kept items rather than
    making new ones (about 7 µs an item instead of 20): `begin()`, `draw()` each, `end()`."""

    def __init__(self, sprite: Sprite, parent: Parent) -> None:
        self._sprite = sprite
        self._parent = parent
        self._items: list[int | str] = []
        self._used = 0  # drawn this frame
        self._shown = 0  # shown after the last frame

    def begin(self) -> None:
        """A new frame: nothing drawn yet."""
        self._used = 0

    def draw(self, at: Point, color: Rgba, scale: float = 1.0) -> None:
        """Draw the sprite centred on `at`, tinted with `color`, `scale` times its size."""
        half = self._sprite.half * scale
        pmin, pmax = (at.x - half, at.y - half), (at.x + half, at.y + half)
        if self._used < len(self._items):
            item = self._items[self._used]
            if self._used < self._shown:
                dpg.configure_item(item, pmin=pmin, pmax=pmax, color=color)
            else:
                dpg.configure_item(item, pmin=pmin, pmax=pmax, color=color, show=True)
        else:
            texture = self._sprite.texture
            self._items.append(
                dpg.draw_image(texture, pmin, pmax, color=color, parent=self._parent)
            )
        self._used += 1

    def end(self) -> None:
        """The frame is drawn: hide the items it did not use."""
        for item in self._items[self._used : self._shown]:
            dpg.configure_item(item, show=False)
        self._shown = self._used
