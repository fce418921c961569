"""The few shapes the HUD draws with, on Dear PyGui draw nodes: discs, rings, lines, text in a
given font, rounded panels, and a layer rebuilt only when it changes."""

from __future__ import annotations

from dataclasses import dataclass

import dearpygui.dearpygui as dpg

from debugflow.hud.fonts import Font
from debugflow.hud.layout import Point
from debugflow.hud.theme import Rgba

NONE: Rgba = (0, 0, 0, 0)
Parent = int | str


@dataclass(frozen=True)
class Box:
    """A rectangle in the window: x, y, width, height."""

    x: float
    y: float
    width: float
    height: float

    def contains(self, x: float, y: float) -> bool:
        """Whether the point lies inside."""
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height


class Layer:
    """A draw node whose content is rebuilt only when its key changes."""

    def __init__(self, drawlist: Parent) -> None:
        self.item = dpg.add_draw_node(parent=drawlist)
        self._key: object = object()

    def stale(self, key: object) -> bool:
        """Whether `key` differs (`!=`) from the last one; if so, empties the layer."""
        if key == self._key:
            return False
        self._key = key
        dpg.delete_item(self.item, children_only=True)
        return True


def disc(at: Point, radius: float, color: Rgba, parent: Parent, before: Parent = 0) -> Parent:
    """A filled circle without an outline (drawn before the item `before`, if given)."""
    return dpg.draw_circle(
        (at.x, at.y), radius, color=NONE, fill=color, thickness=0, parent=parent, before=before
    )


def ring(
    at: Point, radius: float, color: Rgba, thickness: float, parent: Parent, before: Parent = 0
) -> Parent:
    """A circle's outline (drawn before the item `before`, if given)."""
    return dpg.draw_circle(
        (at.x, at.y), radius, color=color, thickness=thickness, parent=parent, before=before
    )


def line(start: tuple[float, float], end: tuple[float, float], color: Rgba, parent: Parent) -> None:
    """A straight line, an edge of the tree's width."""
    dpg.draw_line(start, end, color=color, thickness=1.5, parent=parent)


def text(at: tuple[float, float], words: str, font: Font, color: Rgba, parent: Parent) -> None:
    """A line of text whose top left corner is `at`."""
    if not words:
        return
    item = dpg.draw_text(at, words, color=color, size=font.size, parent=parent)
    if font.item:
        dpg.bind_item_font(item, font.item)


def panel(box: Box, fill: Rgba, border: Rgba, parent: Parent, rounding: float = 8) -> None:
    """A rounded box with a thin border."""
    end = (box.x + box.width, box.y + box.height)
    dpg.draw_rectangle(
        (box.x, box.y), end, color=border, fill=fill, rounding=rounding, thickness=1, parent=parent
    )
