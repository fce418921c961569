"""Recording the desktop HUD: a fresh X server, hub and HUD (a `Desk`), traced demo programs,
and the pictures of what the HUD showed, timed as they were rendered.

Two sources of pictures, both the real window: the frames the HUD saves itself (`--frames`,
Dear PyGui's frame buffer), and grabs of the screen (`Grabber`: what the X server shows, the
compositor's translucency included), for the wide three-lane window and the whole desktop.
Neither holds the pointer: where a recording moves it, its picture (read from the X server)
is put back at the recorded positions.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from PIL import ImageGrab

from debugflow.hud.overlay import FOOTER_HEIGHT
from debugflow.hud.theme import GEOMETRY as G
from demo_gifs.display import Cursor, Screen, move_pointer, stop, wait_for, xserver
from demo_gifs.gif import Frame, saved_frames
from demo_gifs.stage import HUD_TITLE, Hub, Hud, Program, node_on_screen

Box = tuple[int, int, int, int]  # x, y, width, height on the screen
LEAD = 0.6  # seconds of a still picture before the pointer starts moving
TAIL = 0.4  # seconds kept after the HUD settled (the GIF then holds its last frame)


@dataclass
class Desk:
    """A display with a hub and the desktop HUD on it."""

    display: str
    data: Path
    frames: Path
    hub: Hub
    hud: Hud
    screen: Screen
    pointer: list[tuple[float, float, float]] = field(default_factory=list)  # at, x, y (root)
    cursor: Cursor | None = None
    programs: list[Program] = field(default_factory=list)

    def window(self, width: int | None = None) -> Box:
        """Where the HUD's window is (once it is `width` wide, when given)."""

        def placed() -> Box | None:
            box = self.screen.window(HUD_TITLE)
            return box if box is not None and width in (None, box[2]) else None

        box: Box = wait_for(placed, "the HUD's window")
        return box

    def run(self, script: str) -> Program:
        """Start a demo program, traced, streaming to this hub."""
        self.programs.append(Program(script, self.data))
        return self.programs[-1]

    def finish(self, program: Program) -> None:
        """Wait for the program to end and the HUD to draw it to rest."""
        program.wait()
        self.hud.wait_settled()
        time.sleep(TAIL)

    def hover(self, function: str, seconds: float) -> None:
        """Move the pointer onto the node of `function` (it must be in view) and stay."""
        window = self.window()
        x, y = node_on_screen(self.hub, self.hud, window, function)
        top, bottom = window[1] + G.header_height, window[1] + window[3] - FOOTER_HEIGHT
        if not top + G.radius <= y <= bottom - G.radius:
            raise RuntimeError(f"the node of {function} is out of view (y={y:.0f})")
        self.point(x, y)
        if self.cursor is None:
            time.sleep(0.1)  # the window sets its cursor once the pointer is in it
            self.cursor = self.screen.cursor()
        time.sleep(seconds)

    def point(self, x: float, y: float) -> None:
        """Move the pointer to a root position and note when, for the pictures."""
        move_pointer(self.display, x, y)
        self.pointer.append((time.time(), x, y))

    def saved(self, since: float) -> list[Frame]:
        """The frames the HUD saved since `since`, the HUD's window at (0, 0)."""
        frames = saved_frames(self.frames, since, time.time())
        return with_pointer(frames, self.pointer, self.cursor, self.window()[:2])


@contextmanager
def desk(
    screen: tuple[int, int], frames_fps: float | None = None, docked: bool = False
) -> Iterator[Desk]:
    """An X server of `screen` size with a hub and the desktop HUD docked on it; the HUD
    saves `frames_fps` frames a second when given."""
    with (
        tempfile.TemporaryDirectory(prefix="debugflow-demo-") as work,
        xserver(*screen, docked=docked) as display,
    ):
        data = Path(work) / "data"
        data.mkdir(mode=0o700)
        frames = Path(work) / "frames"
        with (
            closing(Hub(data)) as hub,
            closing(Hud(display, data, frames if frames_fps else None, frames_fps or 0)) as hud,
        ):
            hud.wait_ready()
            with closing(Screen(display)) as connection:
                d = Desk(display, data, frames, hub, hud, connection)
                try:
                    yield d
                finally:
                    for program in d.programs:
                        stop(program.proc)


class Grabber:
    """Grabs a box of the screen `fps` times a second on a thread, until stopped."""

    def __init__(self, display: str, box: Box, fps: float) -> None:
        self.frames: list[Frame] = []
        self._display = display
        self._bbox = (box[0], box[1], box[0] + box[2], box[1] + box[3])
        self._interval = 1.0 / fps
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._grab, daemon=True)
        self._thread.start()

    def _grab(self) -> None:
        due = time.monotonic()
        while not self._stopped.is_set():
            at = time.time()
            image = ImageGrab.grab(bbox=self._bbox, xdisplay=self._display)
            self.frames.append(Frame(image, at))
            due = max(due + self._interval, time.monotonic())
            self._stopped.wait(max(0.0, due - time.monotonic()))

    def stop(self, desk: Desk) -> list[Frame]:
        """Stop grabbing; the frames, with the pointer drawn in."""
        self.close()
        return with_pointer(self.frames, desk.pointer, desk.cursor, self._bbox[:2])

    def close(self) -> None:
        """Stop grabbing (again: nothing happens)."""
        self._stopped.set()
        self._thread.join()


def with_pointer(
    frames: list[Frame],
    track: list[tuple[float, float, float]],
    cursor: Cursor | None,
    origin: tuple[int, int],
) -> list[Frame]:
    """Draw the pointer where it was when each frame was made (`origin`: the frames' top
    left corner on the screen)."""
    if not track or cursor is None:
        return frames
    drawn = []
    for frame in frames:
        spots = [(x, y) for at, x, y in track if at <= frame.at]
        if not spots:
            drawn.append(frame)
            continue
        x = round(spots[-1][0]) - origin[0] - cursor.hot_x
        y = round(spots[-1][1]) - origin[1] - cursor.hot_y
        image = frame.image.copy()
        image.paste(cursor.image, (x, y), cursor.image)
        drawn.append(replace(frame, image=image))
    return drawn
