"""The desktop HUD's palette, geometry and timing: the web HUD's `viewer/src/theme.ts`, in Python.

The two HUDs draw one picture, so these values are the web HUD's, written the way theme.ts
writes them (CSS colour strings, pixels, milliseconds); `tests/test_desktop_theme.py` parses
theme.ts and fails when a value here differs. `rgba()` turns a CSS colour into the 0–255
RGBA tuple Dear PyGui draws with. The few values below the line are this HUD's own (the web
HUD writes them inline in painter.ts and styles.css).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final, TypedDict

from debugflow.protocol.viewer import NodeState, Outcome

Rgba = tuple[int, int, int, int]

COLORS: Final[dict[str, str]] = {
    "spine": "rgba(34, 211, 238, 0.22)",
    "edge": "rgba(125, 211, 252, 0.30)",
    "pulseDown": "#22d3ee",
    "text": "#d7e3ee",
    "dim": "#7b8b9c",
    "args": "#93a9bd",
    "ret": "#86efac",
    "error": "#fca5a5",
    "header": "#5eead4",
    "focusZone": "rgba(34, 211, 238, 0.045)",
    "focusRing": "#f0f9ff",
    "link": "rgba(196, 181, 253, 0.45)",
    # The web HUD's search hits; kept here so both HUDs share one palette.
    "hit": "#fbbf24",
    "hitDim": "rgba(251, 191, 36, 0.55)",
}

# Node colour by state.
STATE_COLORS: Final[dict[NodeState, str]] = {
    "processing": "#facc15",
    "success": "#4ade80",
    "exception": "#f87171",
    "info": "#c4b5fd",
    "unfinished": "#94a3b8",
}


class GhostStyle(TypedDict):
    """The ghost style's fields (theme.ts `GHOST`)."""

    fill: str
    stroke: str
    text: str
    args: str
    dash: list[int]
    placeholderAlpha: float


# The ghost style: muted violet, translucent, dashed (dry runs with mock arguments).
GHOST: Final[GhostStyle] = {
    "fill": "rgba(167, 139, 250, 0.35)",
    "stroke": "#a78bfa",
    "text": "#c4b5fd",
    "args": "#a5a0c8",
    "dash": [3, 3],
    "placeholderAlpha": 0.45,
}

# Flash colour of a returning pulse by outcome.
OUTCOME_COLORS: Final[dict[Outcome, str]] = {"success": "#4ade80", "exception": "#f87171"}


@dataclass(frozen=True)
class Geometry:
    """Sizes in pixels (theme.ts `GEOMETRY`, its names in snake_case)."""

    pad: int = 16  # left margin of the first lane
    column_width: int = 400  # one lane; labels are clipped to it
    # The web HUD widens a lane up to this and draws fold chevrons left of its nodes; the
    # desktop HUD keeps one fixed lane width and folds from its own tree, so these three
    # are the web HUD's values kept in step, not used in drawing here.
    max_column_width: int = 1400
    node_inset: int = 28  # from a column's left edge to a root's centre
    chevron_offset: int = 16  # from the node centre back to its fold chevron
    lane_gap: int = 28
    header_height: int = 34  # lane names, drawn pinned to the top
    row_height: int = 60  # args line above, node, return line below
    indent: int = 16  # per depth level…
    max_indent_depth: int = 10  # …up to this depth, so deep recursion stays in the column
    radius: int = 7
    text_gap: int = 14  # from the node centre to its labels
    bottom_space: int = 120


@dataclass(frozen=True)
class Timing:
    """Animation and following (theme.ts `TIMING`, its names in snake_case)."""

    pulse_ms: int = 420  # a pulse travelling between a node and its parent
    flash_ms: int = 700  # the green/red flash when a call ends
    max_pulses: int = 160  # animations beyond this are dropped (decoration, never state)
    follow_ease: float = 0.18  # share of the remaining distance scrolled per frame, following
    focus_min_nodes: int = 5  # the view starts following once this many nodes exist


GEOMETRY: Final = Geometry()
TIMING: Final = Timing()

# ---- this HUD's own values (inline in the web HUD's painter.ts and styles.css) ----
BACKGROUND: Final = "#070b12"  # the panel behind the spine (styles.css's gradient starts here)
HEADER_BACKGROUND: Final = "rgba(7, 11, 18, 1)"  # opaque: text scrolled under it must not show
ROW_HIGHLIGHT: Final = "rgba(148, 197, 255, 0.07)"
CARD_BACKGROUND: Final = "rgba(8, 14, 22, 0.94)"
CARD_BORDER: Final = "rgba(34, 211, 238, 0.35)"
CARD_WHERE: Final = "rgba(103, 232, 249, 0.75)"
TOAST_ERROR: Final = "rgba(127, 29, 29, 0.9)"
TOAST_TEXT: Final = "#fee2e2"
DIMMED: Final = 0.26  # alpha of the other nodes while one is hovered
WINDOW_OPACITY: Final = 0.88  # the whole window, where a compositor can blend it
VALUE_FONT_PX: Final = 12  # the web HUD's 11 px and 13 px, one step up for a desktop window
TITLE_FONT_PX: Final = 14

_HEX = re.compile(r"#([0-9a-fA-F]{6})")
_RGBA = re.compile(r"rgba\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*([0-9.]+)\s*\)")


@cache
def rgba(css: str) -> Rgba:
    """A CSS colour (`#rrggbb` or `rgba(r, g, b, a)`) as 0–255 RGBA; raises ValueError otherwise."""
    if found := _HEX.fullmatch(css):
        value = int(found[1], 16)
        return (value >> 16, (value >> 8) & 0xFF, value & 0xFF, 255)
    if found := _RGBA.fullmatch(css):
        red, green, blue = (int(found[i]) for i in (1, 2, 3))
        return (red, green, blue, round(float(found[4]) * 255))
    raise ValueError(f"not a colour this HUD reads: {css!r}")


def faded(color: Rgba, alpha: float) -> Rgba:
    """`color` with its alpha multiplied by `alpha` (dimming, flashes fading out)."""
    return (color[0], color[1], color[2], max(0, min(255, round(color[3] * alpha))))


def state_color(state: NodeState) -> Rgba:
    """The RGBA colour of a node in `state`."""
    return rgba(STATE_COLORS[state])
