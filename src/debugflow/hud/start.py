"""Putting the desktop HUD together: Dear PyGui, the window, the link thread, the render loop.

On a stop order everything is closed in order (link thread, Dear PyGui, the X connection) and
the status is 0.
"""

from __future__ import annotations

import contextlib
import queue
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import TextIO

import dearpygui.dearpygui as dpg

from debugflow.hud import x11
from debugflow.hud.app import HudApp
from debugflow.hud.capture import FrameSaver, StatsWriter
from debugflow.hud.client import HubClient, Inbound
from debugflow.hud.control import Orders
from debugflow.hud.fonts import load_fonts
from debugflow.hud.options import HudOptions
from debugflow.hud.statusline import StatusLines
from debugflow.hud.window import HudWindow
from debugflow.transport.discovery import HubInfo, running_hub

X11_ONLY = "translucency and hiding are only implemented on X11 so far"


def start_hud(options: HudOptions, hub: HubInfo, lines: StatusLines, orders: Orders) -> int:
    """Draw the HUD until a stop order (SIGTERM, SIGINT); returns the exit status."""
    inbox: queue.Queue[Inbound] = queue.Queue()
    client = HubClient(hub, partial(running_hub, options.data_dir, _stderr), inbox)
    desktop, why_not = (
        x11.connect() if sys.platform.startswith(("linux", "freebsd")) else (None, X11_ONLY)
    )
    window = HudWindow(desktop, why_not, options.dock, lines)
    dpg.create_context()
    try:
        fonts = load_fonts()
        window.create(options.hidden)
        dpg.setup_dearpygui()
        if fonts.value.item:
            dpg.bind_font(fonts.value.item)
        dpg.show_viewport()
        app = HudApp(window, client, inbox, orders, fonts, lines)
        app.active_fps = options.max_fps
        if options.frames is not None:
            app.frames = FrameSaver(options.frames, options.frames_fps, _save_frame)
        with _stats(options) as stats:
            app.stats = stats
            client.start()
            return app.run()
    finally:
        client.stop()
        dpg.destroy_context()
        window.close()


@contextmanager
def _stats(options: HudOptions) -> Iterator[StatsWriter | None]:
    if options.stats_file is None:
        yield None
        return
    with open(options.stats_file, "a", encoding="utf-8") as out:
        yield StatsWriter(out, time.monotonic())


def _save_frame(path: str) -> None:
    dpg.output_frame_buffer(file=path)


def _stderr(line: str, out: TextIO | None = None) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(f"debugflow hud: {line}", file=out or sys.stderr, flush=True)
