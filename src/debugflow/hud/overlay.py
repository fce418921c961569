"""What is drawn under and over the spine, in view coordinates (it does not scroll): the backdrop
and focus band, the lane headers, the run's status line, scroll bars, the Follow pill, notices
and the editor's answer. These change rarely, so each layer is rebuilt only when what it shows
changes (a key compared each frame), never on every frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import dearpygui.dearpygui as dpg

from debugflow.hud.draw import NONE, Box, Layer, Parent, panel, text
from debugflow.hud.follow import FOCUS_BAND_HEIGHT, FOCUS_BAND_TOP
from debugflow.hud.fonts import Fonts
from debugflow.hud.labels import clip, wrap
from debugflow.hud.layout import Layout, column_x
from debugflow.hud.mirror import RunMirror
from debugflow.hud.sprites import Sprites
from debugflow.hud.theme import (
    CARD_BACKGROUND,
    CARD_BORDER,
    COLORS,
    HEADER_BACKGROUND,
    TOAST_ERROR,
    TOAST_TEXT,
    faded,
    rgba,
    state_color,
)
from debugflow.hud.theme import GEOMETRY as G
from debugflow.protocol.viewer import StatusWire
from debugflow.units import format_count, format_duration

FOOTER_HEIGHT = 24
PAD = 10
STATE_WORDS = {"live": "LIVE", "ended": "ENDED", "lost": "LOST"}
FOLLOW_LABEL = "↓ Follow (End)"


@dataclass(frozen=True)
class Toast:
    """A short message above the status line: the editor's answer, or a refusal."""

    words: str
    ok: bool
    until: float  # monotonic seconds


class Backdrop:
    """The glow under the header and the focus band the followed node is kept in.

    The panel itself is the window's clear colour (`BACKGROUND`, where the web HUD's gradient
    starts), not a gradient over the whole window: its end is only four shades darker, and
    covering every pixel once more is a few milliseconds a frame on a software renderer.
    """

    def __init__(self, drawlist: Parent, sprites: Sprites) -> None:
        self._layer = Layer(drawlist)
        self._sprites = sprites

    def draw(self, width: float, height: float, band: bool) -> None:
        """Bring the backdrop up to the window's size and whether the view follows."""
        if not self._layer.stale((width, height, band)):
            return
        parent, fade = self._layer.item, self._sprites.fade_down
        fade(Box(0, 0, width, height * 0.3), faded(rgba(COLORS["pulseDown"]), 0.07), parent)
        if band:
            top, half = height * FOCUS_BAND_TOP, height * FOCUS_BAND_HEIGHT / 2
            zone = rgba(COLORS["focusZone"])
            fade(Box(0, top, width, half), zone, parent, upward=True)
            fade(Box(0, top + half, width, half), zone, parent)


@dataclass(frozen=True)
class OverlayState:
    """What the overlay shows this frame."""

    lanes: tuple[tuple[int, str], ...]  # (column, lane name)
    status: StatusWire | None
    width: float
    height: float
    left: int
    top: int
    content_width: float
    content_height: float
    follow_pill: bool
    notice: str
    toast: Toast | None


def lane_names(mirror: RunMirror | None, layout: Layout) -> tuple[tuple[int, str], ...]:
    """Each column with the name of the lane it shows."""
    names = {} if mirror is None else {lane: info["name"] for lane, info in mirror.lanes.items()}
    return tuple((column, names.get(lane, "")) for column, lane in enumerate(layout.lane_of_column))


class Overlay:
    """Headers, status line, scroll bars, the Follow pill, notice and toast."""

    def __init__(self, drawlist: Parent, fonts: Fonts) -> None:
        self._fonts = fonts
        self._header = Layer(drawlist)
        self._chrome = Layer(drawlist)
        self.follow_box: Box | None = None  # where the Follow pill is, when shown

    def draw(self, state: OverlayState) -> None:
        """Bring both layers up to `state`."""
        if self._header.stale((state.lanes, state.left, state.width)):
            self._draw_header(state, self._header.item)
        chrome = (
            state.status,
            state.width,
            state.height,
            state.left,
            state.top,
            state.content_width,
            state.content_height,
            state.follow_pill,
            state.notice,
            state.toast,
        )
        if self._chrome.stale(chrome):
            self._draw_chrome(state, self._chrome.item)

    def _draw_header(self, state: OverlayState, parent: Parent) -> None:
        font = self._fonts.header
        fill = rgba(HEADER_BACKGROUND)
        dpg.draw_rectangle(
            (0, 0), (state.width, G.header_height), color=NONE, fill=fill, parent=parent
        )
        rule = rgba(COLORS["spine"])
        dpg.draw_line(
            (0, G.header_height), (state.width, G.header_height), color=rule, parent=parent
        )
        for column, name in state.lanes:
            x = column_x(column) - state.left
            if -G.column_width < x < state.width:
                label = clip(f"▍{name.upper()}", font.cells(G.column_width))
                top = G.header_height / 2 - font.size * 0.6
                text((x, top), label, font, rgba(COLORS["header"]), parent)

    def _draw_chrome(self, state: OverlayState, parent: Parent) -> None:
        self._draw_status(state, parent)
        self._draw_scrollbars(state, parent)
        self.follow_box = self._draw_follow(state, parent) if state.follow_pill else None
        if state.notice:
            self._draw_notice(state, parent)
        if state.toast is not None:
            self._draw_toast(state, state.toast, parent)

    def _draw_status(self, state: OverlayState, parent: Parent) -> None:
        top, font = state.height - FOOTER_HEIGHT, self._fonts.value
        dpg.draw_rectangle(
            (0, top),
            (state.width, state.height),
            color=NONE,
            fill=rgba(HEADER_BACKGROUND),
            parent=parent,
        )
        dpg.draw_line((0, top), (state.width, top), color=rgba(COLORS["spine"]), parent=parent)
        status = state.status
        if status is None:
            text((12, top + 6), "DebugFlow · no run yet", font, rgba(COLORS["dim"]), parent)
            return
        dot = {"live": state_color("processing"), "ended": state_color("success")}.get(
            status["state"], state_color("exception")
        )
        dpg.draw_circle((14, top + FOOTER_HEIGHT / 2), 4, color=NONE, fill=dot, parent=parent)
        words = clip(status_text(status), font.cells(state.width - 36))
        text((26, top + 6), words, font, rgba(COLORS["text"]), parent)

    def _draw_scrollbars(self, state: OverlayState, parent: Parent) -> None:
        color = faded(rgba(COLORS["header"]), 0.3)
        track = state.height - G.header_height - FOOTER_HEIGHT
        if state.content_height > state.height:
            length = track * max(0.05, state.height / state.content_height)
            share = min(1.0, state.top / max(1.0, state.content_height - state.height))
            start = G.header_height + (track - length) * share
            end = (state.width - 2, start + length)
            dpg.draw_rectangle(
                (state.width - 5, start), end, color=NONE, fill=color, rounding=2, parent=parent
            )
        if state.content_width > state.width:
            length = state.width * state.width / state.content_width
            share = min(1.0, state.left / (state.content_width - state.width))
            start, bottom = (state.width - length) * share, state.height - FOOTER_HEIGHT - 2
            dpg.draw_rectangle(
                (start, bottom - 3),
                (start + length, bottom),
                color=NONE,
                fill=color,
                rounding=2,
                parent=parent,
            )

    def _draw_follow(self, state: OverlayState, parent: Parent) -> Box:
        font = self._fonts.value
        width = len(FOLLOW_LABEL) * (font.advance or font.size * 0.6) + 2 * PAD
        box = Box(state.width - width - 12, state.height - FOOTER_HEIGHT - 34, width, 24)
        panel(box, rgba(CARD_BACKGROUND), rgba(CARD_BORDER), parent, rounding=12)
        text((box.x + PAD, box.y + 5), FOLLOW_LABEL, font, rgba(COLORS["pulseDown"]), parent)
        return box

    def _draw_notice(self, state: OverlayState, parent: Parent) -> None:
        font = self._fonts.card
        width = min(380, state.width - 24)
        lines = wrap(state.notice, font.cells(width - 2 * PAD), 6)
        height = len(lines) * (font.size + 5) + 2 * PAD
        box = Box((state.width - width) / 2, state.height * 0.4 - height / 2, width, height)
        panel(box, rgba(CARD_BACKGROUND), rgba(CARD_BORDER), parent)
        for index, words in enumerate(lines):
            at = (box.x + PAD, box.y + PAD + index * (font.size + 5))
            text(at, words, font, rgba(COLORS["text"]), parent)

    def _draw_toast(self, state: OverlayState, toast: Toast, parent: Parent) -> None:
        font = self._fonts.card
        width = state.width - 24
        lines = wrap(toast.words, font.cells(width - 2 * PAD), 3)
        height = len(lines) * (font.size + 5) + 16
        box = Box(12, state.height - FOOTER_HEIGHT - height - 44, width, height)
        fill = (6, 46, 30, 235) if toast.ok else rgba(TOAST_ERROR)
        panel(box, fill, faded(rgba(COLORS["text"]), 0.2), parent)
        color = rgba(COLORS["ret"]) if toast.ok else rgba(TOAST_TEXT)
        for index, words in enumerate(lines):
            text((box.x + PAD, box.y + 8 + index * (font.size + 5)), words, font, color, parent)


def status_text(status: StatusWire) -> str:
    """The run's status line: state, script, calls, exceptions, time."""
    parts = [STATE_WORDS.get(status["state"], status["state"].upper()), status["script"]]
    parts.append(f"{format_count(status['calls'])} calls")
    if status["exceptions"]:
        parts.append(f"{format_count(status['exceptions'])} raised")
    parts.append(format_duration(status["elapsed_ns"]))
    if status["exit_code"] not in (None, 0):
        parts.append(f"exit {status['exit_code']}")
    return " · ".join(parts)
