"""The Dear PyGui items of one drawn row, set anew for whichever node the row shows.

A node on screen is a fixed set of items: its two edges, the hover highlight, its glow and its
four labels. Creating them costs about 130 µs of Python and Dear PyGui calls, setting them
(`configure_item`) about 50. While the view glides through a run that streams thousands of
nodes a second, a screenful of rows comes into range every frame or two, so a row that leaves
the range is hidden and kept (`RowPool`), and the next node that comes in is drawn with it.
What only some rows need (a link to another lane, a ghost node's circles) is added to a row
as extra items, dropped when the row is drawn again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import dearpygui.dearpygui as dpg

from debugflow.hud.draw import NONE, Parent
from debugflow.hud.fonts import Fonts
from debugflow.hud.layout import Point
from debugflow.hud.sprites import Sprite
from debugflow.hud.theme import COLORS, ROW_HIGHLIGHT, Rgba, rgba

Item = int | str
Line = tuple[tuple[float, float], tuple[float, float]]


@dataclass
class RowItems:
    """One row's items, bottom to top; `extras` go in under the glow (a ghost node's circles)
    or under the highlight (a link to another lane)."""

    group: Item
    down: Item  # the line down to the last child
    across: Item  # the line across from the parent's
    box: Item  # the hover highlight
    glow: Item
    args: Item
    title: Item
    took: Item
    result: Item
    extras: list[Item] = field(default_factory=list)

    @classmethod
    def create(cls, parent: Parent, sprite: Sprite, fonts: Fonts) -> RowItems:
        """A new row, empty until it is set."""
        group = dpg.add_draw_node(parent=parent)
        edge = rgba(COLORS["edge"])

        def text(size: int) -> Item:
            return dpg.draw_text((0, 0), "", size=size, show=False, parent=group)

        items = cls(
            group,
            dpg.draw_line((0, 0), (0, 0), color=edge, thickness=1.5, show=False, parent=group),
            dpg.draw_line((0, 0), (0, 0), color=edge, thickness=1.5, show=False, parent=group),
            dpg.draw_rectangle(
                (0, 0),
                (0, 0),
                color=NONE,
                fill=rgba(ROW_HIGHLIGHT),
                rounding=4,
                show=False,
                parent=group,
            ),
            dpg.draw_image(sprite.texture, (0, 0), (0, 0), show=False, parent=group),
            text(fonts.value.size),
            text(fonts.title.size),
            text(fonts.value.size),
            text(fonts.value.size),
        )
        if fonts.title.item and fonts.title is not fonts.value:
            dpg.bind_item_font(items.title, fonts.title.item)
        return items

    def clear(self) -> None:
        """Drop the extra items of the node drawn last."""
        for item in self.extras:
            dpg.delete_item(item)
        self.extras.clear()

    def line(self, item: Item, ends: Line | None) -> None:
        """Show one of the edges between `ends`, or hide it."""
        if ends is None:
            dpg.configure_item(item, show=False)
        else:
            dpg.configure_item(item, p1=ends[0], p2=ends[1], show=True)

    def highlight(self, corners: Line | None) -> None:
        """Show the hover highlight over `corners`, or hide it."""
        if corners is None:
            dpg.configure_item(self.box, show=False)
        else:
            dpg.configure_item(self.box, pmin=corners[0], pmax=corners[1], show=True)

    def sprite(self, sprite: Sprite, at: Point | None, color: Rgba) -> None:
        """Show the glow centred on `at`, or hide it (None)."""
        if at is None:
            dpg.configure_item(self.glow, show=False)
            return
        half = sprite.half
        corners = {"pmin": (at.x - half, at.y - half), "pmax": (at.x + half, at.y + half)}
        dpg.configure_item(self.glow, **corners, color=color, show=True)

    def text(self, item: Item, at: tuple[float, float], words: str, color: Rgba) -> None:
        """Show one of the labels, or hide it when it has no words."""
        if words:
            dpg.configure_item(item, pos=at, text=words, color=color, show=True)
        else:
            dpg.configure_item(item, show=False)


class RowPool:
    """Rows taken off screen, kept for the next nodes that come into range."""

    def __init__(self, parent: Parent, sprite: Sprite, fonts: Fonts) -> None:
        self._parent = parent
        self._sprite = sprite
        self._fonts = fonts
        self._free: list[RowItems] = []

    def take(self) -> RowItems:
        """A row to draw a node with: a kept one, shown again, or a new one."""
        if self._free:
            row = self._free.pop()
            dpg.configure_item(row.group, show=True)
            return row
        return RowItems.create(self._parent, self._sprite, self._fonts)

    def give_back(self, row: RowItems) -> None:
        """A row whose node left the range: hidden, kept."""
        row.clear()
        dpg.configure_item(row.group, show=False)
        self._free.append(row)

    def forget(self) -> None:
        """Every row was deleted (a new run, new fonts)."""
        self._free.clear()
