"""The HUD's window: an undecorated, always-on-top viewport docked along one edge of the monitor
under the pointer, translucent where a compositor can blend it, hidden and shown on request.

Dear PyGui makes and draws the window; what it cannot do (find the monitors, unmap the window,
set its opacity) goes through `x11.Desktop` on X11. Without python-xlib or off X11, the
viewport stays where it opened, opaque, and cannot be hidden; the HUD says so.
"""

from __future__ import annotations

import os
import time

import dearpygui.dearpygui as dpg

from debugflow.hud.dock import Rect, Side, dock_rect, monitor_at
from debugflow.hud.layout import columns_width
from debugflow.hud.statusline import StatusLines
from debugflow.hud.theme import BACKGROUND, WINDOW_OPACITY, rgba
from debugflow.hud.x11 import Desktop

TITLE = "DebugFlow HUD"
FALLBACK = Rect(100, 60, int(columns_width(1)), 900)  # where it opens when the desktop is unknown
OFF_SCREEN = -20_000  # a window that starts hidden is made out of sight, then unmapped
FIND_TRIES = 120  # frames to wait for the window to appear on the X display
POINTER_REFRESH = 0.25  # seconds: how stale the pointer may be when Dear PyGui saw no move


class HudWindow:
    """The viewport and what the desktop knows of it."""

    def __init__(
        self, desktop: Desktop | None, why_not: str, side: Side, lines: StatusLines
    ) -> None:
        self.shown = True
        self._desktop = desktop
        self._why_not = why_not  # why there is no desktop
        self._side = side
        self._lines = lines
        self._window: int | None = None
        self._settled = False
        self._tries = 0
        self._lanes = 1
        self._place = FALLBACK
        self._translucent = False
        self._pointer = (-1, -1)  # where the X server last said the pointer was
        self._pointer_seen = (-1.0, -1.0)  # and where Dear PyGui saw it then
        self._pointer_at = float("-inf")

    def create(self, hidden: bool) -> None:
        """Create the viewport (call once, after `create_context`). A window that cannot be
        hidden here starts shown, and says why."""
        if hidden and self._desktop is None:
            self._lines.error(f"cannot start hidden: {self._why_not}")
            hidden = False
        place = self._docked(self._lanes) or FALLBACK
        x = OFF_SCREEN if hidden else place.x
        dpg.create_viewport(
            title=TITLE,
            width=place.width,
            height=place.height,
            x_pos=x,
            y_pos=place.y,
            min_width=200,
            min_height=200,
            decorated=False,
            always_on_top=True,
            resizable=False,
            vsync=False,  # the render loop paces itself
            disable_close=True,  # a close request hides the HUD; the sentinel ends it
            clear_color=rgba(BACKGROUND),
        )
        self._place = Rect(x, place.y, place.width, place.height)
        self.shown = not hidden

    def settle(self) -> bool:
        """After a frame: find the window on the display, once; True when done looking."""
        if self._settled:
            return True
        if self._desktop is None:
            self._lines.opaque(self._why_not)
            self._settled = True
            return True
        self._window = self._desktop.find_window(os.getpid(), TITLE)
        self._tries += 1
        if self._window is None and self._tries < FIND_TRIES:
            return False
        self._settled = True
        if self._window is None:
            self._lines.opaque("the HUD's window was not found on the X display")
            return True
        self._translucency()
        if not self.shown:
            self._desktop.hide(self._window)
        return True

    def dock(self, lanes: int) -> None:
        """Dock to the monitor under the pointer, wide enough for `lanes` lanes."""
        self._lanes = lanes
        place = self._docked(lanes)
        if place is None or not self.shown or place == self._place:
            return
        dpg.set_viewport_pos([place.x, place.y])
        dpg.set_viewport_width(place.width)
        dpg.set_viewport_height(place.height)
        self._place = place

    def hide(self) -> str:
        """Unmap the window; returns why it could not be, or ""."""
        if self._desktop is None or self._window is None:
            return f"cannot hide the window: {self._why_not or 'it was not found'}"
        self._desktop.hide(self._window)
        self.shown = False
        return ""

    def show(self) -> str:
        """Map the window again, docked where the pointer is; returns why not, or ""."""
        if self._desktop is None or self._window is None:
            return f"cannot show the window: {self._why_not or 'it was not found'}"
        self.shown = True
        self._place = Rect(0, 0, 0, 0)  # dock again, wherever it was
        self.dock(self._lanes)
        self._desktop.show(self._window)
        self._translucency()
        return ""

    def pointer(self) -> tuple[float, float]:
        """Where the pointer is in the window (it may be outside: then beyond its edges).

        Asked of the X server where possible: Dear PyGui keeps the last position it saw
        when the pointer leaves the window, which would keep a node hovered. A round trip to
        the X server costs a good part of a millisecond, so it is made when Dear PyGui saw
        the pointer move, and otherwise `POINTER_REFRESH` seconds after the last one.
        """
        x, y = dpg.get_mouse_pos(local=False)
        seen = (float(x), float(y))
        if self._desktop is None or self._window is None or not self.shown:
            return seen
        now = time.monotonic()
        if seen != self._pointer_seen or now - self._pointer_at >= POINTER_REFRESH:
            self._pointer_seen, self._pointer_at = seen, now
            self._pointer = self._desktop.pointer_in(self._window)
        return float(self._pointer[0]), float(self._pointer[1])

    def size(self) -> tuple[int, int]:
        """The drawing area's width and height in pixels."""
        return dpg.get_viewport_client_width(), dpg.get_viewport_client_height()

    def close(self) -> None:
        """Let go of the desktop connection."""
        if self._desktop is not None:
            self._desktop.close()

    def _docked(self, lanes: int) -> Rect | None:
        if self._desktop is None:
            return None
        x, y = self._desktop.pointer()
        monitor = monitor_at(self._desktop.monitors(), x, y)
        return None if monitor is None else dock_rect(monitor, lanes, self._side)

    def _translucency(self) -> None:
        # Opacity is asked of the compositor; without one it would do nothing, so say so.
        if self._translucent or self._desktop is None or self._window is None:
            return
        if not self._desktop.compositing():
            self._lines.opaque("no compositing manager running")
            return
        self._desktop.set_opacity(self._window, WINDOW_OPACITY)
        self._translucent = True
