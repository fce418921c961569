"""Where the HUD window goes: a strip along one edge of the monitor under the pointer.

Full height of that monitor, one lane column wide, wider for up to `MAX_COLUMNS` lanes side by
side, never more than `MAX_SHARE` of the monitor's width (further lanes scroll sideways).
Pure arithmetic; `x11.py` finds the monitors and the pointer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from debugflow.hud.layout import columns_width

Side = Literal["right", "left"]

MAX_COLUMNS = 3
MAX_SHARE = 0.45


@dataclass(frozen=True)
class Rect:
    """A rectangle on the desktop, in pixels (a monitor, or the window)."""

    x: int
    y: int
    width: int
    height: int

    def contains(self, x: int, y: int) -> bool:
        """Whether the point lies inside."""
        return self.x <= x < self.x + self.width and self.y <= y < self.y + self.height


def monitor_at(monitors: list[Rect], x: int, y: int) -> Rect | None:
    """The monitor holding the point, else the first one (the primary); None without any."""
    for monitor in monitors:
        if monitor.contains(x, y):
            return monitor
    return monitors[0] if monitors else None


def window_width(monitor_width: int, lanes: int) -> int:
    """The window's width for `lanes` lanes on a monitor `monitor_width` wide."""
    wanted = columns_width(min(max(lanes, 1), MAX_COLUMNS))
    return int(min(wanted, monitor_width * MAX_SHARE))


def dock_rect(monitor: Rect, lanes: int, side: Side = "right") -> Rect:
    """The window's place: along `side` of `monitor`, its full height."""
    width = window_width(monitor.width, lanes)
    x = monitor.x + monitor.width - width if side == "right" else monitor.x
    return Rect(x, monitor.y, width, monitor.height)
