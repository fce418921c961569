"""A private X server for the desktop HUD's bench, and the pointer and wheel driven through it.

Xvfb is started by `debugflow.hud.xvfb`, as for the display tests and the demo recorder: it
picks a free display number itself, so a bench never collides with a test run or a
developer's own display. `xdotool` moves the pointer and turns the wheel as a person would,
through the X server.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from debugflow.hud.xvfb import start_xvfb

WHEEL_UP, WHEEL_DOWN = 4, 5  # X11 pointer buttons


@dataclass(frozen=True)
class Geometry:
    """A window's place on the screen."""

    x: int
    y: int
    width: int
    height: int


@contextmanager
def xvfb(width: int, height: int) -> Iterator[tuple[str, int]]:
    """An Xvfb server on a free display number until the block ends; yields ":N" and its pid
    (whose CPU time the bench reports)."""
    server, display = start_xvfb(width, height)
    try:
        yield display, server.pid
    finally:
        server.terminate()
        server.wait(10)


def display_env(display: str, **extra: str) -> dict[str, str]:
    """This process's environment pointed at `display`, nothing of the user's session."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=display, **extra)
    return env


def window_geometry(display: str, title: str) -> Geometry | None:
    """Where the window named exactly `title` is, or None while there is none."""
    found = xdotool(display, "search", "--name", f"^{re.escape(title)}$", check=False)
    ids = found.split()
    if not ids:
        return None
    shape = xdotool(display, "getwindowgeometry", "--shell", ids[0])
    values = dict(line.split("=", 1) for line in shape.splitlines() if "=" in line)
    return Geometry(*(int(values[k]) for k in ("X", "Y", "WIDTH", "HEIGHT")))


def move_pointer(display: str, x: float, y: float) -> None:
    """Put the pointer at a screen position."""
    xdotool(display, "mousemove", str(round(x)), str(round(y)))


def turn_wheel(display: str, button: int, notches: int, delay_ms: int) -> None:
    """Turn the wheel `notches` times (WHEEL_UP or WHEEL_DOWN), `delay_ms` apart."""
    xdotool(display, "click", "--repeat", str(notches), "--delay", str(delay_ms), str(button))


def xdotool(display: str, *args: str, check: bool = True) -> str:
    """Run xdotool on `display`; its output."""
    return _run(["xdotool", *args], display, check)


def _run(command: Sequence[str], display: str, check: bool) -> str:
    done = subprocess.run(
        list(command), env=display_env(display), capture_output=True, text=True, timeout=60
    )
    if check and done.returncode != 0:
        raise RuntimeError(f"{command[0]} {command[1]} failed: {done.stderr.strip()}")
    return done.stdout
