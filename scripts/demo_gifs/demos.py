"""The demos: for each, which program runs, what the recording does, and the files it writes.

Every demo records the real HUDs following a real run of a program in `examples/demo/`:
the desktop HUD's own frames (`pulse`, `returns`, `hover`), its window on the screen
(`threads`, three lanes wide; `docked`, the whole desktop under a compositor), and the web
HUD in chromium (`web`).
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

from debugflow.hud.dock import window_width
from debugflow.hud.overlay import FOOTER_HEIGHT
from debugflow.hud.theme import COLORS, OUTCOME_COLORS, STATE_COLORS, rgba
from demo_gifs.display import display_env, missing_tools, spawn, stop, wait_for
from demo_gifs.gif import Frame, Rgb, capture_interval, shorten_stills, write_gif
from demo_gifs.recording import LEAD, Grabber, desk
from demo_gifs.stage import ROOT
from demo_gifs.web import missing as web_missing
from demo_gifs.web import record_web

FPS = 12.0  # frames a second recorded
SMOOTH_MS = 200  # recorded less often than this (median), a GIF looks jerky
SCREEN = (1280, 640)  # the HUD docks 432 px wide and the screen's height: the GIF's size
WIDE_SCREEN = (2880, 420)  # wide enough for the HUD to show three lanes side by side
DESKTOP = (1280, 720)  # the docked recording: the whole screen
WEB_PAGE = (1000, 600)
REDRAW = 0.3  # seconds a resized window takes to be drawn again
PIPELINE = "examples/demo/pipeline.py"
CHECKOUT = "examples/demo/checkout.py"
LOADER = "examples/demo/loader.py"
EDITOR_TITLE = "pipeline.py"
TITLE_BAR = 21  # openbox's window title bar, above the editor
GAP = 8  # desktop between the editor and the HUD
RUNNING_PIXELS = 40  # a running node's circle, at least


def desktop_missing(docked: bool = False) -> str | None:
    """What the desktop HUD's recordings need and this machine lacks, or None."""
    lacking = missing_tools(docked)
    modules = ("dearpygui", "Xlib", *(("tkinter",) if docked else ()))
    lacking += [name for name in modules if importlib.util.find_spec(name) is None]
    if not lacking:
        return None
    return (
        f"needs {', '.join(lacking)} (apt-get install xvfb xdotool x11-utils openbox "
        "xcompmgr python3-tk; pip install -e '.[desktop]')"
    )


@dataclass(frozen=True)
class Demo:
    """One demo: `build(out)` writes its files into `out` and returns their paths;
    `missing()` says what this machine lacks for it, or None."""

    name: str
    build: Callable[[Path], list[Path]]
    missing: Callable[[], str | None] = desktop_missing


def theme_colors() -> list[Rgb]:
    """The HUDs' own colours (states, pulses, labels): kept exact in every GIF's palette."""
    names = ("pulseDown", "text", "dim", "args", "ret", "error", "header")
    css = [*STATE_COLORS.values(), *OUTCOME_COLORS.values(), *(COLORS[n] for n in names)]
    return [rgba(color)[:3] for color in css]


def gif(out: Path, name: str, frames: list[Frame]) -> Path:
    """Write one GIF of the demo frames; warns when they came too seldom to look smooth."""
    write_gif(frames, out / name, keep=theme_colors())
    every = capture_interval(frames)
    if every > SMOOTH_MS:
        print(f"warning: {name} was recorded at one frame every {every:.0f} ms, not "
              f"{1000 / FPS:.0f}: the machine was busy; build it again when it is quieter",
              file=sys.stderr)  # fmt: skip
    return out / name


def pulse(out: Path) -> list[Path]:
    """The pipeline's calls pulsing in, running and settling, in the desktop HUD."""
    return [gif(out, "live-call-flow.gif", saved_run(PIPELINE))]


def returns(out: Path) -> list[Path]:
    """Returns travelling up; a call that raises, caught upstream, in the desktop HUD."""
    return [gif(out, "returns-exceptions.gif", saved_run(CHECKOUT))]


def saved_run(script: str) -> list[Frame]:
    """The HUD's own frames of one run of `script`, from just before its first call."""
    with desk(SCREEN, FPS) as d:
        program = d.run(script)
        d.finish(program)
        return shorten_stills(d.saved(program.started))


def hover(out: Path) -> list[Path]:
    """After a run, the pointer rests on nodes in turn: the others dim, the card shows."""
    with desk(SCREEN, FPS) as d:
        d.finish(d.run(PIPELINE))
        began = time.time()
        time.sleep(LEAD)
        for function in ("parse", "summarise", "largest"):
            d.hover(function, 2.0)
        x, y, _, height = d.window()
        d.point(x - 60, y + height // 2)  # off the HUD: everything lit again
        time.sleep(1.0)
        return [gif(out, "hover-metadata.gif", d.saved(began))]


def threads(out: Path) -> list[Path]:
    """A loader with two threads: three lanes side by side (the window, from the screen)."""
    with desk(WIDE_SCREEN) as d:
        program = d.run(LOADER)
        window = d.window(width=window_width(WIDE_SCREEN[0], 3))  # widened for the lanes
        time.sleep(REDRAW)  # the widened window's first frames are drawn
        with closing(Grabber(d.display, window, FPS)) as grabber:
            d.finish(program)
            return [gif(out, "thread-lanes.gif", grabber.stop(d))]


def docked(out: Path) -> list[Path]:
    """The whole desktop: the program's source in an editor, the HUD docked at the right,
    translucent under a compositor; and one still of it mid-run."""
    hud_width = window_width(DESKTOP[0], 1)
    with desk(DESKTOP, docked=True) as d:
        editor = spawn(
            [sys.executable, str(Path(__file__).with_name("editor.py")), str(ROOT / PIPELINE),
             f"{DESKTOP[0] - hud_width - GAP}x{DESKTOP[1] - TITLE_BAR}+0+0"],
            display_env(d.display),
        )  # fmt: skip
        try:
            wait_for(lambda: d.screen.window(EDITOR_TITLE), "the editor")
            with closing(Grabber(d.display, (0, 0, *DESKTOP), FPS)) as grabber:
                time.sleep(LEAD)
                d.finish(d.run(PIPELINE))
                frames = shorten_stills(grabber.stop(d))
        finally:
            stop(editor)
    still = out / "desktop-hud-docked.png"
    hud = (DESKTOP[0] - hud_width, 0, DESKTOP[0], DESKTOP[1] - FOOTER_HEIGHT)
    last_running(frames, hud).image.save(still, optimize=True)
    return [gif(out, "desktop-hud-docked.gif", frames), still]


def last_running(frames: list[Frame], box: tuple[int, int, int, int]) -> Frame:
    """The last frame in which a call is still running (yellow) in `box`: the run live,
    most of its calls settled."""
    yellow = rgba(STATE_COLORS["processing"])[:3]
    running = [f for f in frames if color_area(f.image.crop(box), yellow) >= RUNNING_PIXELS]
    return running[-1] if running else frames[-1]


def color_area(image: Image.Image, color: Rgb, tolerance: int = 40) -> int:
    """How many pixels of `image` are within `tolerance` of `color` on every channel."""
    red, green, blue = ImageChops.difference(image, Image.new("RGB", image.size, color)).split()
    farthest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    return sum(farthest.histogram()[:tolerance])


def web(out: Path) -> list[Path]:
    """The web HUD in chromium following the checkout run."""
    return [gif(out, "web-hud.gif", shorten_stills(record_web(CHECKOUT, WEB_PAGE, FPS)))]


DEMOS = {
    demo.name: demo
    for demo in (
        Demo("pulse", pulse),
        Demo("returns", returns),
        Demo("hover", hover),
        Demo("threads", threads),
        Demo("docked", docked, lambda: desktop_missing(docked=True)),
        Demo("web", web, web_missing),
    )
}
