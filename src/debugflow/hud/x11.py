"""What the HUD asks of an X11 desktop, through python-xlib (optional): monitors, the pointer,
its own window, a compositor, translucency, hiding and showing.

python-xlib comes with the desktop extra (pynput needs it on Linux). Without it, or without an
X display, `connect()` returns None and says why; the HUD then runs opaque, where the viewport
puts itself. Dear PyGui offers no way to unmap its window or to find the monitors, so this
module talks to the X server on a connection of its own, and only the render thread uses it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from debugflow.hud.dock import Rect

try:  # optional: the desktop extra brings it on Linux
    from Xlib import X, Xatom
    from Xlib import display as xdisplay
    from Xlib import error as xerror
    from Xlib.protocol import event as xevent
except ImportError:  # pragma: no cover - exercised where python-xlib is missing
    xdisplay = None

WINDOW_SEARCH_DEPTH = 3  # root → window manager frame → client window (and one spare)
_SUBSTRUCTURE = 0x00180000  # SubstructureRedirectMask | SubstructureNotifyMask
_ADD = 1  # _NET_WM_STATE_ADD


def installed() -> bool:
    """Whether python-xlib can be imported."""
    return xdisplay is not None


def connect(name: str | None = None) -> tuple[Desktop | None, str]:
    """A connection to the X display `name` (default: `DISPLAY`), or None and the reason
    there is none."""
    if xdisplay is None:
        return None, "python-xlib is not installed (pip install 'debugflow[desktop]')"
    name = name or os.environ.get("DISPLAY")
    if not name:
        return None, "DISPLAY is not set"
    try:
        return Desktop(xdisplay.Display(name)), ""
    except (xerror.DisplayError, xerror.ConnectionClosedError, OSError) as exc:
        return None, f"cannot open the X display {name!r}: {exc}"


def compositing_on(name: str) -> bool:
    """Whether a compositing manager runs on X display `name` (False when it cannot be
    opened): for the tools that start one and wait for it."""
    desktop, _ = connect(name)
    if desktop is None:
        return False
    try:
        return desktop.compositing()
    finally:
        desktop.close()


class Desktop:
    """One X display: its monitors, the pointer and the HUD's own window."""

    def __init__(self, display: Any) -> None:
        self._display = display
        self._root = display.screen().root
        self.errors: list[str] = []
        display.set_error_handler(self._on_error)  # async errors: kept, never printed

    def monitors(self) -> list[Rect]:
        """The monitors, primary first: RandR's, else Xinerama's, else the whole screen."""
        return self._randr() or self._xinerama() or [self._screen()]

    def pointer(self) -> tuple[int, int]:
        """Where the pointer is, in root coordinates."""
        reply = self._root.query_pointer()
        return int(reply.root_x), int(reply.root_y)

    def pointer_in(self, window_id: int) -> tuple[int, int]:
        """Where the pointer is, relative to the window's top left corner."""
        reply = self._window(window_id).query_pointer()
        return int(reply.win_x), int(reply.win_y)

    def find_window(self, pid: int, title: str) -> int | None:
        """The id of this process's top-level client window named `title`, if it exists."""
        pid_atom = self._atom("_NET_WM_PID")
        for window in self._windows(self._root, WINDOW_SEARCH_DEPTH):
            try:
                owner = window.get_full_property(pid_atom, X.AnyPropertyType)
                name = window.get_wm_name()
            except xerror.XError:
                continue  # gone while we looked
            if owner is not None and list(owner.value)[:1] == [pid] and name == title:
                return int(window.id)
        return None

    def compositing(self) -> bool:
        """Whether a compositing manager owns this screen's `_NET_WM_CM_S<n>` selection."""
        screen = self._display.get_default_screen()
        owner = self._display.get_selection_owner(self._atom(f"_NET_WM_CM_S{screen}"))
        return bool(owner) and owner != X.NONE

    def set_opacity(self, window_id: int, opacity: float) -> None:
        """Ask the compositor to draw the window (and its window-manager frame) translucent."""
        value = round(max(0.0, min(1.0, opacity)) * 0xFFFFFFFF)
        atom = self._atom("_NET_WM_WINDOW_OPACITY")
        for window in {window_id, self._top_level(window_id)}:
            self._window(window).change_property(atom, Xatom.CARDINAL, 32, [value])
        self._display.flush()

    def hide(self, window_id: int) -> None:
        """Unmap the window and tell the window manager it is withdrawn (ICCCM 4.1.4)."""
        window = self._window(window_id)
        window.unmap()
        notice = xevent.UnmapNotify(window=window, event=self._root, from_configure=False)
        self._root.send_event(notice, event_mask=_SUBSTRUCTURE)
        self._display.sync()

    def show(self, window_id: int) -> None:
        """Map the window again, above the others."""
        window = self._window(window_id)
        state, above = self._atom("_NET_WM_STATE"), self._atom("_NET_WM_STATE_ABOVE")
        window.change_property(state, Xatom.ATOM, 32, [above])  # read by the manager on mapping
        window.map()
        request = xevent.ClientMessage(
            window=window, client_type=state, data=(32, [_ADD, above, 0, 1, 0])
        )
        self._root.send_event(request, event_mask=_SUBSTRUCTURE)
        window.raise_window()
        self._display.sync()

    def viewable(self, window_id: int) -> bool:
        """Whether the window is mapped and all its ancestors too."""
        return bool(self._window(window_id).get_attributes().map_state == X.IsViewable)

    def close(self) -> None:
        """Close the connection."""
        self._display.close()

    def _randr(self) -> list[Rect]:
        if not self._display.has_extension("RANDR"):
            return []
        try:
            found = self._root.xrandr_get_monitors().monitors
        except (xerror.XError, AttributeError):  # RandR older than 1.5
            return []
        ordered = sorted(found, key=lambda m: not m.primary)
        return [Rect(m.x, m.y, m.width_in_pixels, m.height_in_pixels) for m in ordered]

    def _xinerama(self) -> list[Rect]:
        if not self._display.has_extension("XINERAMA"):
            return []
        try:
            if not self._display.xinerama_is_active():
                return []
            screens = self._display.xinerama_query_screens().screens
        except (xerror.XError, AttributeError):
            return []
        return [Rect(s.x, s.y, s.width, s.height) for s in screens]

    def _screen(self) -> Rect:
        screen = self._display.screen()
        return Rect(0, 0, screen.width_in_pixels, screen.height_in_pixels)

    def _windows(self, parent: Any, depth: int) -> Iterator[Any]:
        if depth <= 0:
            return
        try:
            children = parent.query_tree().children
        except xerror.XError:
            return
        for child in children:
            yield child
            yield from self._windows(child, depth - 1)

    def _top_level(self, window_id: int) -> int:
        """The window's ancestor just below the root: the manager's frame, or itself."""
        window = self._window(window_id)
        while True:
            parent = window.query_tree().parent
            if parent is None or parent.id in (0, self._root.id):
                return int(window.id)
            window = parent

    def _window(self, window_id: int) -> Any:
        return self._display.create_resource_object("window", window_id)

    def _atom(self, name: str) -> int:
        return int(self._display.intern_atom(name))

    def _on_error(self, error: object, *args: object) -> None:
        self.errors.append(str(error))
