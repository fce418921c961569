"""An X server of the script's own: Xvfb on a free display number, optionally with openbox (a
window manager, so the HUD docks like on a desktop) and xcompmgr (a compositor, so it is
translucent); the pointer moved with xdotool, and its picture and windows' places read back.

`xserver()` yields the DISPLAY value (":N") and stops everything it started, whatever happens.
The children started here are the script's own, stopped by their process objects, never by
name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PIL import Image

from debugflow.hud.x11 import compositing_on
from debugflow.hud.xvfb import start_xvfb

START_TIMEOUT = 15.0  # seconds for Xvfb, openbox or xcompmgr to be up
DESKTOP_COLOR = "#1b2330"  # the root window behind everything: a dark desktop

TOOLS = ("Xvfb", "xdotool", "xprop")
DOCKED_TOOLS = ("openbox", "xcompmgr")


def missing_tools(docked: bool = False) -> list[str]:
    """The X programs this machine lacks for the recordings (the docked one needs more)."""
    wanted = (*TOOLS, *DOCKED_TOOLS) if docked else TOOLS
    return [tool for tool in wanted if shutil.which(tool) is None]


def display_env(display: str, **extra: str) -> dict[str, str]:
    """This process's environment pointed at `display`, with none of the user's session."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=display, **extra)
    return env


@contextmanager
def xserver(width: int, height: int, *, docked: bool = False) -> Iterator[str]:
    """Xvfb `width`×`height` on a free display number; `docked` adds openbox and xcompmgr."""
    started: list[subprocess.Popen[bytes]] = []
    try:
        server, display = start_xvfb(width, height)
        started.append(server)
        env = display_env(display)
        paint_root(display, DESKTOP_COLOR)
        if docked:
            started.append(spawn(["openbox", "--sm-disable"], env))
            wait_for(lambda: _root_has(display, "_NET_SUPPORTING_WM_CHECK"), "openbox")
            started.append(spawn(["xcompmgr"], env))
            wait_for(lambda: compositing_on(display), "xcompmgr")
        yield display
    finally:
        for proc in reversed(started):
            stop(proc)


def paint_root(display: str, color: str) -> None:
    """Give the desktop one colour, the way wallpaper setters do: a pixmap named in
    `_XROOTPMAP_ID`, which a compositor paints behind the windows (xcompmgr paints grey
    otherwise). The pixmap outlives this connection (RetainPermanent)."""
    from Xlib import X, Xatom
    from Xlib import display as xdisplay

    connection = xdisplay.Display(display)
    try:
        connection.set_close_down_mode(X.RetainPermanent)
        screen = connection.screen()
        red, green, blue = (int(color[i : i + 2], 16) * 257 for i in (1, 3, 5))
        pixel = screen.default_colormap.alloc_color(red, green, blue).pixel
        tile = screen.root.create_pixmap(1, 1, screen.root_depth)
        tile.fill_rectangle(tile.create_gc(foreground=pixel), 0, 0, 1, 1)
        for name in ("_XROOTPMAP_ID", "_XSETROOT_ID"):
            screen.root.change_property(connection.intern_atom(name), Xatom.PIXMAP, 32, [tile.id])
        screen.root.change_attributes(background_pixmap=tile)
        screen.root.clear_area()
        connection.sync()
    finally:
        connection.close()


def spawn(command: Sequence[str], env: dict[str, str], **options: Any) -> subprocess.Popen[Any]:
    """Start a child process, its output discarded unless `options` say otherwise."""
    options.setdefault("stdout", subprocess.DEVNULL)
    options.setdefault("stderr", subprocess.DEVNULL)
    return subprocess.Popen(list(command), env=env, **options)


def stop(proc: subprocess.Popen[Any], timeout: float = 5.0) -> None:
    """Terminate a child process we started, then kill it if it does not go."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)


def wait_for(check: Callable[[], Any], what: str, timeout: float = START_TIMEOUT) -> Any:
    """Poll `check` until it returns something true; raises RuntimeError on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.05)


def move_pointer(display: str, x: float, y: float) -> None:
    """Move the pointer to a root position."""
    _run(["xdotool", "mousemove", str(round(x)), str(round(y))], display)


@dataclass(frozen=True)
class Cursor:
    """The pointer's picture and its hot spot (the pixel that points)."""

    image: Image.Image
    hot_x: int
    hot_y: int


class Screen:
    """A connection to the X server: where windows are, and the pointer's picture."""

    def __init__(self, display: str) -> None:
        from Xlib import display as xdisplay

        self._display = xdisplay.Display(display)
        self._root = self._display.screen().root

    def cursor(self) -> Cursor:
        """The pointer's current picture (XFixes), which screen grabs leave out."""
        self._display.xfixes_query_version()  # XFixes answers only once asked its version
        reply = self._display.xfixes_get_cursor_image(self._root)
        argb = b"".join(int(p).to_bytes(4, "little") for p in reply.cursor_image)
        image = Image.frombytes("RGBA", (reply.width, reply.height), argb, "raw", "BGRA")
        return Cursor(image, int(reply.xhot), int(reply.yhot))

    def window(self, title: str) -> tuple[int, int, int, int] | None:
        """Where the top-level window named `title` is on the screen: x, y, width, height."""
        for window in self._root.query_tree().children:
            for candidate in (window, *window.query_tree().children):
                if candidate.get_wm_name() == title:
                    spot = candidate.translate_coords(self._root, 0, 0)
                    size = candidate.get_geometry()
                    return -int(spot.x), -int(spot.y), int(size.width), int(size.height)
        return None

    def close(self) -> None:
        """Let go of the connection."""
        self._display.close()


def _root_has(display: str, name: str) -> bool:
    out = _run(["xprop", "-root", name], display, check=False)
    return out.startswith(f"{name}(")  # `NAME(TYPE) = …` when set


def _run(command: Sequence[str], display: str, check: bool = True) -> str:
    done = subprocess.run(
        list(command), env=display_env(display), capture_output=True, text=True, timeout=30
    )
    if check and done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {done.stderr.strip()}")
    return done.stdout
