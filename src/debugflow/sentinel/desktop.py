"""The desktop HUD as the sentinel runs it: a child process it shows and hides.

The HUD (`python -m debugflow.hud`) reports on stdout, one line at a time: `hud: ready`,
`hud: shown`, `hud: hidden`, `hud: opaque: <why>`, `hud: error: <text>`; SIGUSR1 asks it to
toggle. This module starts it, reads those lines on a thread of its own and keeps the last
state, so the sentinel never waits on the HUD.
"""

from __future__ import annotations

import importlib.util
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from debugflow.sentinel.children import Child
from debugflow.sentinel.hotkeys import INSTALL_HINT, display_problem

HUD_MODULE = "debugflow.hud"
LINE_PREFIX = "hud: "


def desktop_problem(env: Mapping[str, str]) -> str | None:
    """Why no desktop HUD can run here (no display, the extra not installed), or None."""
    problem = display_problem(env)
    if problem is not None:
        return problem
    try:  # the module itself, so a broken install is found here and not in the HUD
        found = importlib.util.find_spec("dearpygui.dearpygui")
    except ImportError as exc:
        return f"the desktop HUD needs Dear PyGui, which cannot be loaded ({exc}): {INSTALL_HINT}"
    if found is None:
        return f"the desktop HUD needs Dear PyGui, which is not installed: {INSTALL_HINT}"
    return None


class DesktopHud:
    """One desktop HUD process and what it last said about itself."""

    def __init__(
        self,
        data_dir: Path,
        cwd: Path,
        env: Mapping[str, str],
        log: Callable[[str], None],
        on_change: Callable[[], None],
    ) -> None:
        self._data_dir = data_dir
        self._cwd = cwd
        self._env = env
        self._log = log
        self._on_change = on_change
        self._child: Child | None = None
        self.state = "none"  # "starting", "shown", "hidden" or "none" (not running)
        self.note: str | None = None  # why it is opaque, or its last error

    @property
    def pid(self) -> int | None:
        """The HUD's pid while it runs."""
        return self._child.pid if self._child is not None and self._child.alive() else None

    def start(self, shown: bool) -> None:
        """Start the HUD process (shown, or hidden until the first toggle)."""
        argv = [sys.executable, "-m", HUD_MODULE, "--data-dir", str(self._data_dir)]
        if not shown:
            argv.append("--hidden")
        child = Child(argv, cwd=self._cwd, env=self._env, output=subprocess.PIPE)
        self._child, self.state = child, "starting"
        threading.Thread(
            target=self._read, args=(child,), name="debugflow-hud-reader", daemon=True
        ).start()

    def toggle(self) -> None:
        """Show it if hidden, hide it if shown; a HUD that is not running starts shown."""
        child = self._child
        if child is None or not child.alive():
            self._log("starting the desktop HUD")
            self.start(shown=True)
            return
        child.process.send_signal(signal.SIGUSR1)

    def check(self) -> bool:
        """Notice a HUD that ended by itself; True when its state changed."""
        child = self._child
        if child is None or child.alive() or self.state == "none":
            return False
        self._log(f"the desktop HUD ended (exit code {child.process.returncode})")
        self.state = "none"
        return True

    def stop(self) -> None:
        """Close the HUD."""
        if self._child is not None:
            self._child.stop()
        self.state = "none"

    def _read(self, child: Child) -> None:
        stream = child.process.stdout
        assert stream is not None  # started with a pipe
        for line in stream:
            if not line.startswith(LINE_PREFIX):
                self._log(f"HUD: {line.rstrip()}")
                continue
            said = line[len(LINE_PREFIX) :].strip()
            word, _, rest = said.partition(":")
            if child is not self._child:
                continue  # an older HUD's last words
            if word in ("shown", "hidden"):
                self.state = word
            elif word == "ready":
                pass
            elif word in ("opaque", "error"):
                self.note = f"{word}: {rest.strip()}"
                self._log(f"HUD {self.note}")
            self._on_change()
