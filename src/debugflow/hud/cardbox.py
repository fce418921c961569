"""The hover card on screen: the rows of `card.py` laid out in a rounded panel beside the
hovered node (below it, or above when there is no room), labels dim, values bright."""

from __future__ import annotations

from dataclasses import dataclass

import dearpygui.dearpygui as dpg

from debugflow.hud.card import Row, card_rows
from debugflow.hud.draw import Box, Layer, Parent, panel, text
from debugflow.hud.fonts import Font, Fonts
from debugflow.hud.labels import clip, wrap
from debugflow.hud.layout import Point
from debugflow.hud.mirror import RunMirror
from debugflow.hud.theme import CARD_BACKGROUND, CARD_BORDER, CARD_WHERE, COLORS, Rgba, rgba
from debugflow.hud.theme import GEOMETRY as G
from debugflow.protocol.viewer import NodeWire

CARD_WIDTH = 380
CARD_PAD = 10
MAX_VALUE_LINES = 3


@dataclass(frozen=True)
class Piece:
    """Some text of a card line, `x` pixels from the card's inner left edge."""

    x: float
    words: str
    font: Font
    color: Rgba


@dataclass(frozen=True)
class CardLine:
    """One line of the card and the height it takes."""

    pieces: tuple[Piece, ...]
    height: float


class HoverCard:
    """The card layer: redrawn when the hovered node, its data or the view changes."""

    def __init__(self, drawlist: Parent, fonts: Fonts) -> None:
        self._fonts = fonts
        self._layer = Layer(drawlist)
        self.box: Box | None = None  # where the card is, None while none is shown

    def draw(
        self, mirror: RunMirror | None, node: NodeWire | None, at: Point | None, view: Box
    ) -> None:
        """Show the card of `node` (None: no card). `at` is where its column's left edge
        (x) and its circle (y) are drawn in the window."""
        shown = mirror is not None and node is not None and at is not None
        key = (id(node), at, view) if shown else None
        if not self._layer.stale(key):
            return
        self.box = None
        if mirror is None or node is None or at is None:
            return
        width = min(CARD_WIDTH, view.width - 16)
        lines = self._lines(card_rows(mirror, node), width - 2 * CARD_PAD)
        height = sum(line.height for line in lines) + 2 * CARD_PAD
        self.box = _place(at, width, height, view)
        self._paint(self.box, lines)

    def _lines(self, rows: list[Row], width: float) -> list[CardLine]:
        fonts = self._fonts
        card, dim = fonts.card, rgba(COLORS["dim"])
        lines: list[CardLine] = []
        for row in rows:
            if row.style == "title":
                words = clip(row.text, fonts.title.cells(width))
                lines.append(
                    _single(words, fonts.title, rgba(COLORS["text"]), fonts.title.size + 7)
                )
            elif row.style == "where":
                for part in wrap(row.text, card.cells(width), 2):
                    lines.append(_single(part, card, rgba(CARD_WHERE), card.size + 4))
            elif row.style == "hint":
                lines.append(_single(row.text, fonts.hint, dim, fonts.hint.size + 6))
            elif row.style == "pair":
                lines.append(self._pair(row, width))
            else:
                color = rgba(COLORS["error"]) if row.style == "error" else rgba(COLORS["args"])
                lines.append(_single(row.label, card, dim, card.size + 4))
                for part in wrap(row.text, card.cells(width), MAX_VALUE_LINES):
                    lines.append(_single(part, card, color, card.size + 4))
        return lines

    def _pair(self, row: Row, width: float) -> CardLine:
        # The label on the left, dim; the value on the right, clipped to the room left.
        card = self._fonts.card
        cells = card.cells(width)
        value = clip(row.text, max(1, cells - len(row.label) - 2))
        advance = card.advance or card.size * 0.6
        label = Piece(0, row.label, card, rgba(COLORS["dim"]))
        shown = Piece(width - len(value) * advance, value, card, rgba(COLORS["text"]))
        return CardLine((label, shown), card.size + 5)

    def _paint(self, box: Box, lines: list[CardLine]) -> None:
        parent = self._layer.item
        dpg.draw_rectangle(  # a soft shadow around the panel (an outline: the panel hides
            (box.x - 0.5, box.y - 0.5),  # the rest, and a software renderer pays per pixel)
            (box.x + box.width + 0.5, box.y + box.height + 2.5),
            color=(0, 0, 0, 90),
            thickness=5,
            rounding=10,
            parent=parent,
        )
        panel(box, rgba(CARD_BACKGROUND), rgba(CARD_BORDER), parent)
        y = box.y + CARD_PAD
        for line in lines:
            for piece in line.pieces:
                text((box.x + CARD_PAD + piece.x, y), piece.words, piece.font, piece.color, parent)
            y += line.height


def _single(words: str, font: Font, color: Rgba, height: float) -> CardLine:
    return CardLine((Piece(0, words, font, color),), height)


def _place(at: Point, width: float, height: float, view: Box) -> Box:
    """Right of the hovered node's column when there is room (the web HUD's place), level with
    it; else at the window's right edge, below the hovered row or above it. Always in view."""
    beside = at.x + G.column_width + 8
    if beside + width <= view.x + view.width - 8:
        return Box(beside, _inside(at.y - 24, height, view), width, height)
    below = at.y + G.row_height / 2 + 4
    above = at.y - G.row_height / 2 - 4 - height
    fits_below = below + height <= view.y + view.height or above < view.y
    top = _inside(below if fits_below else above, height, view)
    return Box(view.x + view.width - width - 8, top, width, height)


def _inside(top: float, height: float, view: Box) -> float:
    return max(view.y + 2, min(top, view.y + view.height - height - 2))
