"""`python -m debugflow.hud`: the desktop HUD, a window that follows this project's hub.

    python -m debugflow.hud [--data-dir DIR] [--hidden] [--dock right|left]

It finds the project's hub through its discovery file (waiting up to `--wait` seconds for one
to appear, verified as `flow run` verifies it), opens an always-on-top window along the edge
of the monitor under the pointer and draws the newest live run as the web HUD does. It is
driven by the sentinel through stdout lines and signals (`statusline.py`, docs/desktop-hud.md):
SIGUSR1 hides or shows it, SIGTERM and SIGINT close it. Dear PyGui is optional (the desktop
extra): without it, or without a display, it says why and exits with status 2.
"""

from __future__ import annotations

import os
import queue
import sys
import time
from collections.abc import Callable
from pathlib import Path

from debugflow.hud.control import Orders, signal_orders, stop_ordered
from debugflow.hud.options import parse_options
from debugflow.hud.statusline import StatusLines
from debugflow.transport.discovery import HubInfo, running_hub

DESKTOP_HINT = "the desktop HUD needs the desktop extra: pip install 'debugflow[desktop]'"
HUB_POLL = 0.25  # seconds between two looks for the hub


def main(argv: list[str] | None = None) -> int:
    """Run the desktop HUD; returns the exit status (2: it could not start)."""
    options = parse_options(argv)
    lines = StatusLines()
    orders: Orders = queue.Queue()
    with signal_orders(orders):
        if not _dearpygui_installed():
            lines.error(DESKTOP_HINT)
            return 2
        problem = display_problem()
        if problem:
            lines.error(problem)
            return 2
        hub = wait_for_hub(options.data_dir, options.wait, lambda: stop_ordered(orders))
        if stop_ordered(orders):
            return 0
        if hub is None:
            lines.error(
                f"no hub is running for {options.data_dir} (waited {options.wait:g} s): "
                "start one with `flow activate` or `flow hud`"
            )
            return 2
        from debugflow.hud.start import start_hud  # Dear PyGui loads only now

        return start_hud(options, hub, lines, orders)


def display_problem() -> str:
    """Why no window can be opened here, or "" (Dear PyGui ends the process without a display)."""
    if sys.platform in ("win32", "darwin"):
        return ""
    if not os.environ.get("DISPLAY"):
        return "no X display: DISPLAY is not set (the desktop HUD needs a graphical session)"
    from debugflow.hud import x11

    if x11.installed():
        desktop, why = x11.connect()
        if desktop is None:
            return why
        desktop.close()
    return ""


def wait_for_hub(data_dir: Path, wait: float, stopped: Callable[[], bool]) -> HubInfo | None:
    """The project's hub, verified; asks again until it appears, `wait` seconds passed or
    `stopped()` says to give up."""
    said: set[str] = set()

    def tell(line: str) -> None:  # an untrusted discovery file: said once on stderr
        if line not in said:
            said.add(line)
            print(f"debugflow hud: {line}", file=sys.stderr, flush=True)

    deadline = time.monotonic() + wait
    while True:
        hub = running_hub(data_dir, tell)
        if hub is not None or time.monotonic() >= deadline or stopped():
            return hub
        time.sleep(HUB_POLL)


def _dearpygui_installed() -> bool:
    try:  # optional: the desktop extra
        import dearpygui.dearpygui  # noqa: F401
    except ImportError:
        return False
    return True
