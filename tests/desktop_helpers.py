"""Helpers for tests that need a real X display: Xvfb on a free display number, optionally with a
window manager (openbox) and a compositor (xcompmgr); the desktop HUD as a child process; and
what the X server says about windows and pixels (xwininfo, xprop, xdotool, ImageMagick).

`xvfb()` is a context manager that yields the DISPLAY value (":N") and stops everything it
started, whatever happens; `display_skip_reason()` says why display tests cannot run here and
`hud_skip_reason()` why the HUD's cannot (the X tools, the desktop extra; never in CI).
Nothing here imports Dear PyGui: the HUD always runs in its own process, since Dear PyGui
ends the process it runs in when there is no display.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from debugflow.hud.x11 import compositing_on
from debugflow.hud.xvfb import start_xvfb

TOOLS = ("Xvfb", "xdotool", "xwininfo", "xprop", "import")
START_TIMEOUT = 15.0
HUD_TITLE = "DebugFlow HUD"


def display_skip_reason(*extra_tools: str) -> str | None:
    """Why display tests are skipped here (an X tool is missing), or None.

    CI must have them all: there it is never a reason to skip, and the tests fail instead.
    """
    if os.environ.get("CI"):
        return None
    missing = [tool for tool in (*TOOLS, *extra_tools) if shutil.which(tool) is None]
    if missing:
        return f"needs {', '.join(missing)} (apt-get install xvfb xdotool x11-utils imagemagick)"
    return None


def hud_skip_reason() -> str | None:
    """Why tests of the desktop HUD on a display are skipped here, or None (never in CI)."""
    if os.environ.get("CI"):
        return None
    return display_skip_reason() or desktop_extra_missing()


def desktop_extra_missing() -> str | None:
    """Why the desktop HUD cannot run in this Python (its extra is not installed), or None."""
    lacking = [name for name in ("dearpygui", "Xlib") if importlib.util.find_spec(name) is None]
    if lacking:
        return f"needs {', '.join(lacking)}: pip install -e '.[test,desktop]'"
    return None


@contextmanager
def xvfb(
    width: int = 1920,
    height: int = 1080,
    *,
    window_manager: bool = False,
    compositor: bool = False,
) -> Iterator[str]:
    """A fresh X server on a free display number, yielding its DISPLAY value (":N").

    `window_manager` starts openbox, `compositor` xcompmgr (which needs no window manager);
    each is waited for until the X server shows it runs. Everything is stopped on exit.
    """
    started: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory(prefix="debugflow-x-") as home:
        try:
            server, display = start_xvfb(width, height)
            started.append(server)
            env = display_env(display, XDG_CACHE_HOME=home, XDG_CONFIG_HOME=home)
            if window_manager:
                started.append(_spawn(["openbox", "--sm-disable"], env))
                wait_for(lambda: _root_has(display, "_NET_SUPPORTING_WM_CHECK"), "openbox")
            if compositor:
                started.append(_spawn(["xcompmgr"], env))
                wait_for(lambda: compositing_on(display), "xcompmgr")
            yield display
        finally:
            for proc in reversed(started):
                stop_process(proc)


def display_env(display: str, **extra: str) -> dict[str, str]:
    """This process's environment, pointed at `display` (and nothing of the user's session)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=display, **extra)
    return env


def wait_for(check: Callable[[], object], what: str, timeout: float = START_TIMEOUT) -> Any:
    """Poll `check` until it returns something true; fails the test with `what` on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def stop_process(proc: subprocess.Popen[Any], timeout: float = 5.0) -> None:
    """Terminate a child process, then kill it if it does not go."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)


@dataclass(frozen=True)
class WindowInfo:
    """What xwininfo says about a window."""

    id: int
    x: int
    y: int
    width: int
    height: int
    viewable: bool


def find_window(display: str, title: str = HUD_TITLE) -> int | None:
    """The id of the (first) window named `title`, or None."""
    out = _run(["xdotool", "search", "--name", f"^{re.escape(title)}$"], display, check=False)
    ids = [int(line) for line in out.split() if line.isdigit()]
    return ids[0] if ids else None


def window_info(display: str, window: int) -> WindowInfo:
    """Position, size and map state of a window, from xwininfo."""
    out = _run(["xwininfo", "-id", str(window)], display)

    def field(name: str) -> int:
        found = re.search(rf"{name}:\s+(-?\d+)", out)
        assert found is not None, f"xwininfo has no {name!r}: {out}"
        return int(found[1])

    return WindowInfo(
        window,
        field("Absolute upper-left X"),
        field("Absolute upper-left Y"),
        field("Width"),
        field("Height"),
        "IsViewable" in out,
    )


def xprop(display: str, window: int, name: str) -> str:
    """One property of a window as xprop prints it (`NAME(TYPE) = value`, or not found)."""
    return _run(["xprop", "-id", str(window), name], display, check=False)


def split_screen(display: str, parts: int) -> bool:
    """Split the screen into `parts` RandR monitors side by side; whether RandR lists them.

    Some Xvfb builds accept `xrandr --setmonitor` and list nothing new: callers skip then.
    """
    info = _run(["xwininfo", "-root"], display)
    width = int(re.search(r"Width:\s+(\d+)", info)[1]) // parts  # type: ignore[index]
    height = int(re.search(r"Height:\s+(\d+)", info)[1])  # type: ignore[index]
    for index in range(parts):
        geometry = f"{width}/{width // 4}x{height}/{height // 4}+{index * width}+0"
        _run(["xrandr", "--setmonitor", f"part{index}", geometry, "none"], display, check=False)
    listed = _run(["xrandr", "--listmonitors"], display, check=False)
    return sum(f"part{index}" in listed for index in range(parts)) == parts


def move_pointer(display: str, x: float, y: float) -> None:
    """Move the pointer to a root position."""
    _run(["xdotool", "mousemove", str(round(x)), str(round(y))], display)


def click(display: str, button: int = 1) -> None:
    """Press and release a mouse button where the pointer is."""
    _run(["xdotool", "click", str(button)], display)


@dataclass(frozen=True)
class Screenshot:
    """The root window's pixels, RGB."""

    width: int
    height: int
    rgb: bytes

    def pixel(self, x: float, y: float) -> tuple[int, int, int]:
        """The pixel at a root position."""
        at = (round(y) * self.width + round(x)) * 3
        return self.rgb[at], self.rgb[at + 1], self.rgb[at + 2]

    def region(self, x: float, y: float, width: float, height: float) -> list[tuple[int, int, int]]:
        """Every pixel of a rectangle, row by row."""
        return [
            self.pixel(px, py)
            for py in range(round(y), round(y + height))
            for px in range(round(x), round(x + width))
        ]


def screenshot(display: str, save: Path | None = None) -> Screenshot:
    """What the screen shows now (the composited picture when a compositor runs)."""
    info = _run(["xwininfo", "-root"], display)
    width = int(re.search(r"Width:\s+(\d+)", info)[1])  # type: ignore[index]
    height = int(re.search(r"Height:\s+(\d+)", info)[1])  # type: ignore[index]
    raw = subprocess.run(
        ["import", "-window", "root", "-depth", "8", "rgb:-"],
        env=display_env(display),
        capture_output=True,
        check=True,
        timeout=30,
    ).stdout
    assert len(raw) == width * height * 3, f"import gave {len(raw)} bytes for {width}x{height}"
    if save is not None:
        save.parent.mkdir(parents=True, exist_ok=True)
        _run(["import", "-window", "root", str(save)], display)
    return Screenshot(width, height, raw)


class HudProcess:
    """`python -m debugflow.hud` on a display, with its stdout lines and its stats file."""

    def __init__(self, display: str, data_dir: Path, *args: str, env: dict[str, str] | None = None):
        self.stats_file = data_dir.parent / f"hud-stats-{time.monotonic_ns()}.jsonl"
        self.lines: list[str] = []
        self._changed = threading.Condition()
        command = [sys.executable, "-m", "debugflow.hud", "--data-dir", str(data_dir)]
        command += ["--stats-file", str(self.stats_file), *args]
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop()
        self.proc = subprocess.Popen(
            command,
            env=env or display_env(display),
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            bufsize=1,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()

    def wait_line(self, wanted: str, timeout: float = 30.0, after: int = 0) -> int:
        """Wait for a stdout line starting with `wanted` (from line `after` on); its index."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for index, line in enumerate(self.lines[after:], after):
                    if line.startswith(wanted):
                        return index
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self._more_soon()):
                    raise AssertionError(
                        f"no {wanted!r} line; got {self.lines}; stderr: {self.error_output()}"
                    )
                self._changed.wait(min(left, 0.2))

    def _more_soon(self) -> bool:
        return self.proc.stdout is not None and not self.proc.stdout.closed

    def signal(self, number: int) -> None:
        """Send a signal to the HUD."""
        self.proc.send_signal(number)

    def stats(self) -> list[dict[str, Any]]:
        """Every stats line written so far."""
        if not self.stats_file.exists():
            return []
        text = self.stats_file.read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def wait_stats(self, check: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        """Wait for a stats line (written once a second) that satisfies `check`."""

        def found() -> dict[str, Any] | None:
            records = self.stats()
            return records[-1] if records and check(records[-1]) else None

        return dict(wait_for(found, what, timeout=30.0))

    def error_output(self) -> str:
        """What the HUD wrote on stderr."""
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")

    def stop(self) -> int:
        """SIGTERM, then wait; returns the exit status (killed after 10 s)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
            raise AssertionError("the HUD did not exit within 10 s of SIGTERM") from None
        finally:
            self._reader.join(5)
            if self.proc.stdout is not None:
                self.proc.stdout.close()
            self.stderr.close()


@contextmanager
def running_hud(display: str, data_dir: Path, *args: str, **kwargs: Any) -> Iterator[HudProcess]:
    """A HUD process until the block ends (then SIGTERM, and a kill if it hangs)."""
    hud = HudProcess(display, data_dir, *args, **kwargs)
    try:
        yield hud
    finally:
        with contextlib.suppress(AssertionError):
            hud.stop()


def _spawn(command: Sequence[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        list(command), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _root_has(display: str, name: str) -> bool:
    out = _run(["xprop", "-root", name], display, check=False)
    return out.startswith(f"{name}(")  # `NAME(TYPE): …` or `NAME(TYPE) = …`; else not set


def _run(command: Sequence[str], display: str, check: bool = True) -> str:
    done = subprocess.run(
        list(command), env=display_env(display), capture_output=True, text=True, timeout=30
    )
    if check and done.returncode != 0:
        raise AssertionError(f"{command[0]} failed: {done.stderr.strip()}")
    return done.stdout
