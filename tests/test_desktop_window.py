"""The desktop HUD as a user sees it: a real HUD process on a real X server (Xvfb), following a
real hub that a real `flow run` streams into. Checked through the X server (xwininfo, xprop,
the screen's pixels) and the HUD's stdout lines; node positions come from the HUD's own layout
rules applied to the hub's snapshot, and the view's scroll from its stats file.
"""

from __future__ import annotations

import json
import signal
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from debugflow.hud.dock import window_width
from debugflow.hud.layout import Layout, columns_width
from debugflow.hud.mirror import RunMirror
from debugflow.hud.theme import STATE_COLORS, WINDOW_OPACITY, rgba
from debugflow.transport.discovery import HubInfo
from desktop_helpers import (
    HudProcess,
    click,
    find_window,
    hud_skip_reason,
    move_pointer,
    running_hud,
    screenshot,
    split_screen,
    wait_for,
    window_info,
    xprop,
    xvfb,
)
from hub_helpers import running_hub
from hud_page import finish, start_program

pytestmark = [
    pytest.mark.renderer,
    pytest.mark.skipif(hud_skip_reason() is not None, reason=str(hud_skip_reason())),
]

SCREEN = (1600, 1000)
OUTPUT = Path(__file__).parent / "output"


@dataclass
class Stage:
    """A finished pipeline run on screen: the display, the hub, the HUD and the run's layout."""

    display: str
    hub: HubInfo
    hud: HudProcess
    project: Path
    mirror: RunMirror
    layout: Layout

    def node_id(self, function: str) -> int:
        return next(n["id"] for n in self.mirror.nodes.values() if n["function"] == function)

    def on_screen(self, function: str) -> tuple[float, float]:
        """Where the node of `function` is drawn, in root coordinates."""
        center = self.layout.center(self.mirror, self.node_id(function))
        assert center is not None
        window = window_info(self.display, wait_for(lambda: find_window(self.display), "window"))
        view = self.hud.stats()[-1]["view"]
        return window.x + center.x - view["left"], window.y + center.y - view["top"]


def spine_of(hub: HubInfo, run: str) -> tuple[RunMirror, Layout]:
    """The run as the hub serves it, laid out by the HUD's rules."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{hub.port}/api/runs/{run}", headers={"X-Flow-Token": hub.token}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        snapshot = json.load(answer)["snapshot"]
    mirror = RunMirror(run)
    mirror.apply(snapshot)
    layout = Layout()
    layout.build(mirror)
    return mirror, layout


def newest_run(hub: HubInfo) -> str:
    """The id of the newest run the hub lists."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{hub.port}/api/runs", headers={"X-Flow-Token": hub.token}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        runs = json.load(answer)["runs"]
    return str(max(runs, key=lambda run: (run["started_at"], run["id"]))["id"])


def processes_naming(text: Path) -> list[int]:
    """The pids of processes whose command line mentions `text` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # not a process, or gone meanwhile
        if entry.name.isdigit() and str(text) in cmdline:
            found.append(int(entry.name))
    return found


def data_folder(root: Path) -> Path:
    folder = root / "data"
    folder.mkdir(mode=0o700)
    return folder


def near(got: tuple[int, int, int], want: str, tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(got, rgba(want)[:3], strict=True))


@pytest.fixture(scope="module")
def stage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stage]:
    root = tmp_path_factory.mktemp("desktop")
    data = data_folder(root)
    with xvfb(*SCREEN) as display, running_hub(data) as hub, running_hud(display, data) as hud:
        hud.wait_line("hud: ready")
        finish(start_program(root / "proj", "pipeline.py", data))
        record = hud.wait_stats(
            lambda r: r["nodes"] == 10 and r["view"]["settled"], "the run drawn and still"
        )
        mirror, layout = spine_of(hub, record["view"]["run"])
        yield Stage(display, hub, hud, root / "proj", mirror, layout)


def test_it_docks_to_the_right_edge_full_height_and_widens_for_a_second_lane(
    tmp_path: Path,
) -> None:
    data = data_folder(tmp_path)
    with xvfb(*SCREEN) as display, running_hub(data) as hub, running_hud(display, data) as hud:
        ready = hud.wait_line("hud: ready")
        assert hud.wait_line("hud: shown") == ready + 1
        assert "hud: opaque: no compositing manager running" in hud.lines
        window = window_info(display, wait_for(lambda: find_window(display), "the window"))
        assert (window.x, window.y, window.width, window.height) == (1600 - 432, 0, 432, 1000)
        assert window.viewable
        finish(start_program(tmp_path / "proj", "pipeline.py", data))  # main and a worker
        wide = window_width(SCREEN[0], 2)  # two columns, within 45% of the screen
        assert wide == min(columns_width(2), int(SCREEN[0] * 0.45))
        wait_for(lambda: window_info(display, window.id).width == wide, "a second column")
        assert window_info(display, window.id).x == 1600 - wide
        first = hud.wait_stats(lambda r: r["nodes"] == 10, "the first run drawn")["view"]["run"]
        finish(start_program(tmp_path / "proj", "pipeline.py", data))  # a newer run
        hud.wait_stats(lambda r: r["view"]["run"] not in (None, first), "the newer run shown")
        assert hud.stats()[-1]["view"]["run"] == newest_run(hub)


def test_a_returned_node_is_green_a_raised_one_red_and_its_exception_is_written(
    stage: Stage,
) -> None:
    move_pointer(stage.display, 5, 5)  # nothing hovered
    stage.hud.wait_stats(lambda r: r["view"]["hover"] is None and r["view"]["settled"], "still")
    shot = screenshot(stage.display, OUTPUT / "desktop-hud-pipeline.png")
    load, divide = stage.on_screen("load"), stage.on_screen("divide")
    assert near(shot.pixel(*load), STATE_COLORS["success"]), shot.pixel(*load)
    assert near(shot.pixel(*divide), STATE_COLORS["exception"]), shot.pixel(*divide)

    def reddish_text(x: float, y: float) -> int:
        # The result line, below the node: "✖ ZeroDivisionError: division by zero" in red.
        area = shot.region(x + 14, y + 12, 260, 14)
        return sum(1 for r, g, b in area if r > 170 and r - g > 45 and r - b > 45)

    assert reddish_text(*divide) > 40
    assert reddish_text(*load) == 0  # load's line is its green return value


def test_hovering_a_node_dims_the_others_and_shows_its_card(stage: Stage) -> None:
    move_pointer(stage.display, 5, 5)
    stage.hud.wait_stats(lambda r: r["view"]["hover"] is None and r["view"]["settled"], "still")
    before = screenshot(stage.display)
    divide = stage.on_screen("divide")
    move_pointer(stage.display, *stage.on_screen("load"))
    load_id = stage.node_id("load")
    record = stage.hud.wait_stats(lambda r: r["view"]["hover"] == load_id, "hover on load")
    assert record["view"]["card"] is not None
    after = screenshot(stage.display, OUTPUT / "desktop-hud-hover.png")
    assert sum(after.pixel(*divide)) < 0.6 * sum(before.pixel(*divide))  # dimmed
    window = window_info(stage.display, wait_for(lambda: find_window(stage.display), "window"))
    x, y, width, height = record["view"]["card"]
    card = after.region(window.x + x + 4, window.y + y + 4, width - 8, height - 8)
    bright = sum(1 for pixel in card if sum(pixel) > 450)  # the card's text
    assert bright > 100, "the hover card holds no text"
    move_pointer(stage.display, 5, 5)
    stage.hud.wait_stats(lambda r: r["view"]["card"] is None, "the card gone")


def test_clicking_a_node_opens_its_source_through_the_hub(
    stage: Stage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "editor-argv.json"
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import json, sys\nwith open(sys.argv[1], 'w') as out:\n    json.dump(sys.argv[2:], out)\n"
    )
    # The hub runs in this process and reads the editor command when asked.
    monkeypatch.setenv(
        "FLOW_EDITOR_CMD", f'"{sys.executable}" "{editor}" "{record}" {{file}} {{line}}'
    )
    move_pointer(stage.display, *stage.on_screen("load"))
    stage.hud.wait_stats(lambda r: r["view"]["hover"] == stage.node_id("load"), "hover on load")
    click(stage.display)
    wait_for(record.exists, "the editor command")
    load = stage.mirror.nodes[stage.node_id("load")]
    source = stage.project / "pipeline.py"
    assert wait_for(lambda: json.loads(record.read_text() or "null"), "argv") == [
        str(source),
        str(load["line"]),
    ]
    move_pointer(stage.display, 5, 5)


def test_the_wheel_pauses_following_until_the_view_is_back_at_the_bottom(stage: Stage) -> None:
    window = window_info(stage.display, wait_for(lambda: find_window(stage.display), "window"))
    move_pointer(stage.display, window.x + window.width - 40, window.y + 300)
    assert stage.hud.stats()[-1]["view"]["following"]
    click(stage.display, 4)  # the wheel, one notch up
    stage.hud.wait_stats(lambda r: not r["view"]["following"], "following paused")
    for _ in range(4):
        click(stage.display, 5)  # and down, past the bottom
    stage.hud.wait_stats(lambda r: r["view"]["following"], "following again")
    move_pointer(stage.display, 5, 5)


def test_sigusr1_hides_and_shows_the_window(stage: Stage) -> None:
    window = wait_for(lambda: find_window(stage.display), "the window")
    assert window_info(stage.display, window).viewable
    seen = len(stage.hud.lines)
    stage.hud.signal(signal.SIGUSR1)
    stage.hud.wait_line("hud: hidden", after=seen)
    wait_for(lambda: not window_info(stage.display, window).viewable, "the window unmapped")
    stage.hud.signal(signal.SIGUSR1)
    stage.hud.wait_line("hud: shown", after=seen)
    wait_for(lambda: window_info(stage.display, window).viewable, "the window mapped again")
    shown = window_info(stage.display, window)
    assert (shown.x + shown.width, shown.y, shown.height) == (SCREEN[0], 0, SCREEN[1])


def test_with_a_compositor_the_window_is_translucent_above_the_others(tmp_path: Path) -> None:
    data = data_folder(tmp_path)
    with (
        xvfb(*SCREEN, window_manager=True, compositor=True) as display,
        running_hub(data),
        running_hud(display, data) as hud,
    ):
        hud.wait_line("hud: ready")
        window = wait_for(lambda: find_window(display), "the window")
        opacity = round(WINDOW_OPACITY * 0xFFFFFFFF)
        wait_for(
            lambda: f"= {opacity}" in xprop(display, window, "_NET_WM_WINDOW_OPACITY"), "opacity"
        )
        wait_for(lambda: "_NET_WM_STATE_ABOVE" in xprop(display, window, "_NET_WM_STATE"), "on top")
        assert not any(line.startswith("hud: opaque") for line in hud.lines)
        shown = window_info(display, window)
        assert (shown.x + shown.width, shown.y, shown.height) == (SCREEN[0], 0, SCREEN[1])


def test_started_hidden_it_shows_on_sigusr1_and_sigterm_leaves_nothing(tmp_path: Path) -> None:
    data = data_folder(tmp_path)
    with xvfb(*SCREEN, window_manager=True) as display, running_hub(data):
        hud = HudProcess(display, data, "--hidden")
        try:
            ready = hud.wait_line("hud: ready")
            assert hud.wait_line("hud: hidden") == ready + 1
            window = wait_for(lambda: find_window(display), "the window")
            assert not window_info(display, window).viewable
            hud.signal(signal.SIGUSR1)
            hud.wait_line("hud: shown")
            wait_for(lambda: window_info(display, window).viewable, "the window shown")
            shown = window_info(display, window)
            assert (shown.x + shown.width, shown.y, shown.height) == (SCREEN[0], 0, SCREEN[1])
            pid = hud.proc.pid
        finally:
            status = hud.stop()
        assert status == 0
        assert find_window(display) is None
        assert not Path(f"/proc/{pid}").exists()  # exited and reaped
        assert processes_naming(data) == []  # and nothing it started lives on


def test_it_docks_on_the_monitor_under_the_pointer(tmp_path: Path) -> None:
    data = data_folder(tmp_path)
    with xvfb(2560, 1000) as display:
        if not split_screen(display, 2):
            pytest.skip(
                "this Xvfb cannot split its screen into RandR monitors (xrandr --setmonitor)"
            )
        move_pointer(display, 300, 300)  # on the left monitor
        with running_hub(data), running_hud(display, data) as hud:
            hud.wait_line("hud: ready")
            shown = window_info(display, wait_for(lambda: find_window(display), "window"))
            assert (shown.x + shown.width, shown.height) == (1280, 1000)


def test_rendered_frames_can_be_saved_for_recordings(tmp_path: Path) -> None:
    data, frames = data_folder(tmp_path), tmp_path / "frames"
    with xvfb(1200, 700) as display, running_hub(data):
        with running_hud(display, data, "--frames", str(frames), "--frames-fps", "5") as hud:
            hud.wait_line("hud: ready")
            wait_for(lambda: len(list(frames.glob("frame-*.png"))) >= 3, "three frames")
        saved = sorted(frames.glob("frame-*.png"))
        assert saved[0].name == "frame-000001.png"
        header = saved[1].read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert (width, height) == (432, 700)  # the window, one column wide, full height


def test_without_a_hub_it_says_so_and_exits_2(tmp_path: Path) -> None:
    data = data_folder(tmp_path)
    with xvfb(800, 600) as display:
        hud = HudProcess(display, data, "--wait", "1")
        try:
            hud.wait_line("hud: error: no hub is running")
            assert hud.proc.wait(15) == 2
            assert find_window(display) is None
        finally:
            hud.stop()


def test_while_it_waits_for_its_hub_sigusr1_waits_and_sigterm_ends_it(tmp_path: Path) -> None:
    data = data_folder(tmp_path)
    with xvfb(800, 600) as display:
        hud = HudProcess(display, data, "--wait", "60")
        try:
            time.sleep(3)  # well into its wait for a hub
            hud.signal(signal.SIGUSR1)
            time.sleep(1)
            assert hud.proc.poll() is None, "SIGUSR1 ended the HUD"
        finally:
            status = hud.stop()
        assert status == 0
        assert hud.lines == []


def test_when_its_hub_restarts_it_finds_and_verifies_the_new_one(tmp_path: Path) -> None:
    data = data_folder(tmp_path)
    with xvfb(1200, 800) as display:
        hud = HudProcess(display, data)
        try:
            with running_hub(data):
                hud.wait_line("hud: ready")
            hud.wait_line("hud: error: lost the hub")
            with running_hub(data) as hub:  # another port, another token
                finish(start_program(tmp_path / "proj", "pipeline.py", data))
                run = newest_run(hub)
                hud.wait_stats(lambda r: r["view"]["run"] == run and r["nodes"] == 10, "new run")
        finally:
            hud.stop()
