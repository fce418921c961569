"""The sentinel process: the hub, the hotkeys, and the processes they start.

Everything that happens arrives as an action in one deque — from pynput's thread (hotkeys),
from signal handlers (SIGUSR1 toggles, SIGUSR2 triggers, SIGTERM/SIGINT/SIGHUP stop) — and
the main thread handles them in order. A deque, not a queue: appending takes no lock, so a
signal handler can never wait on a lock the main thread holds.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Mapping
from pathlib import Path
from types import FrameType
from typing import IO, TYPE_CHECKING

from debugflow.cli.hud_launch import open_browser
from debugflow.sentinel.children import Child
from debugflow.sentinel.desktop import DesktopHud, desktop_problem
from debugflow.sentinel.hotkeys import HotkeyListener, bind, chosen_hotkeys, display_problem
from debugflow.sentinel.scripts import newest_script
from debugflow.sentinel.state import SentinelState, remove_state, write_state

if TYPE_CHECKING:
    from debugflow.server.hub import HubThread

TOGGLE, TRIGGER, STOP = "toggle", "trigger", "stop"
POLL_S = 0.1  # how often the main thread looks for actions and ended children
RUN_MODULE = "debugflow"  # `python -m debugflow run SCRIPT` is `flow run SCRIPT`


class Sentinel:
    """One project's sentinel; `serve()` runs until it is asked to stop."""

    def __init__(self, root: Path, data_dir: Path, env: Mapping[str, str], log: IO[str]) -> None:
        self.root = root
        self.data_dir = data_dir
        self.env = {**env, "FLOW_DATA_DIR": str(data_dir), "FLOW_NO_BROWSER": "1"}
        self._log_file = log
        self.actions: deque[str] = deque()
        self.state = SentinelState(pid=os.getpid(), project=str(root))
        self._dirty = True
        self._hub: HubThread | None = None
        self._hotkeys: HotkeyListener | None = None
        self._run: Child | None = None
        self._desktop_problem = desktop_problem(env)
        self.hud = DesktopHud(data_dir, root, self.env, self.log, self._changed)

    # -- lifecycle -------------------------------------------------------------------------

    def serve(self) -> int:
        """Start everything, handle actions until told to stop, then stop everything."""
        self._handle_signals()
        try:
            self._start()
            while True:
                while self.actions:
                    action = self.actions.popleft()
                    if action == STOP:
                        return 0
                    self._do(action)
                self._check_children()
                if self._dirty:
                    self._dirty = False
                    self._save()
                time.sleep(POLL_S)
        finally:
            self._shutdown()

    def _start(self) -> None:
        self.log(f"sentinel {os.getpid()} for {self.root}")
        self._start_hub()
        self.state.hotkeys = chosen_hotkeys(self.env)
        self._hotkeys = bind(
            self.state.hotkeys,
            {"Toggle HUD": lambda: self.actions.append(TOGGLE),
             "Run / Trigger": lambda: self.actions.append(TRIGGER)},
            self.env,
        )  # fmt: skip
        for hotkey in self.state.hotkeys:
            self.log(f"hotkey {hotkey.action} {hotkey.combo}: " + (hotkey.problem or "bound"))
        if self._desktop_problem is None:
            self.hud.start(shown=False)  # ready when the hotkey first asks for it
        else:
            self.state.hud_problem = f"no desktop HUD: {self._desktop_problem}"
            self.log(self.state.hud_problem)
        self.state.ready = True
        self._changed()

    def _start_hub(self) -> None:
        # The hub's modules (aiohttp) load here, in the sentinel only.
        from debugflow.server.hub import HubThread
        from debugflow.server.settings import HubSettings

        port = int(self.env.get("FLOW_PORT") or 5555)
        settings = HubSettings(
            data_dir=self.data_dir, port=port, store_path=self.data_dir / "runs.db"
        )
        hub = HubThread(settings, notify=lambda message: self.log(f"hub: {message}"))
        try:
            info = hub.start()
        except (OSError, TimeoutError, RuntimeError) as exc:
            self.state.hub_problem = f"the hub could not start ({exc}): runs are still recorded"
            self.log(self.state.hub_problem)
            return
        self._hub = hub
        self.state.hub_url = info.url

    def _shutdown(self) -> None:
        self.log("stopping")
        if self._hotkeys is not None:
            self._hotkeys.stop()
        if self._run is not None:
            self._run.stop()
        self.hud.stop()
        if self._hub is not None:
            self._hub.stop()
        remove_state(self.data_dir, os.getpid())
        self.log("stopped")

    # -- actions ---------------------------------------------------------------------------

    def _do(self, action: str) -> None:
        if action == TOGGLE:
            self._toggle()
        elif action == TRIGGER:
            self._trigger()
        self._changed()

    def _toggle(self) -> None:
        if self._desktop_problem is None:
            self.hud.toggle()
            return
        # No desktop HUD here: the web HUD in a browser, when there is a display for one.
        url = self.state.hub_url
        if url is None or display_problem(self.env) is not None:
            self.log(f"Ctrl+Alt+F: {self.state.hud_problem}; no browser to open either")
            return
        opened = open_browser(url, {k: v for k, v in self.env.items() if k != "FLOW_NO_BROWSER"})
        self.state.hud = "web" if opened else self.state.hud
        self.log(f"opened the web HUD: {url.split('?')[0]}" if opened else "no browser opened")

    def _trigger(self) -> None:
        script = newest_script(self.root)
        if script is None:
            self.log(f"Run / Trigger: no .py file under {self.root}")
            return
        if self._run is not None and self._run.alive():
            self.log(f"restarting: stopping run pid {self._run.pid}")
            self._run.stop()
        self.log(f"flow run {script}")
        self._log_file.flush()
        self._run = Child(
            [sys.executable, "-m", RUN_MODULE, "run", str(script)],
            cwd=self.root,
            env=self.env,
            output=self._log_file,
            first_signal=signal.SIGINT,  # like Ctrl+C: the run is finalised in the store
        )
        self.state.run_pid, self.state.run_script = self._run.pid, str(script)

    def _check_children(self) -> None:
        run = self._run
        if run is not None and not run.alive():
            self.log(f"run pid {run.pid} ended (exit code {run.process.returncode})")
            self._run = None
            self.state.run_pid = None
            self._changed()
        if self.hud.check():
            self._changed()

    # -- state -----------------------------------------------------------------------------

    def _changed(self) -> None:
        self._dirty = True

    def _save(self) -> None:
        state = self.state
        if state.hud != "web" or self.hud.state != "none":
            state.hud = self.hud.state
        state.hud_pid = self.hud.pid
        if self._desktop_problem is None:
            state.hud_problem = self.hud.note
        write_state(self.data_dir, state)

    def log(self, message: str) -> None:
        """One line in the sentinel's log."""
        stamp = time.strftime("%H:%M:%S")
        print(f"{stamp} sentinel: {message}", file=self._log_file, flush=True)

    def _handle_signals(self) -> None:
        wanted = {signal.SIGTERM: STOP, signal.SIGINT: STOP, signal.SIGHUP: STOP}
        if hasattr(signal, "SIGUSR1"):
            wanted[signal.SIGUSR1] = TOGGLE
            wanted[signal.SIGUSR2] = TRIGGER
        for sig, action in wanted.items():
            signal.signal(sig, self._on_signal(action))

    def _on_signal(self, action: str) -> Callable[[int, FrameType | None], None]:
        def handler(signum: int, frame: FrameType | None) -> None:
            self.actions.append(action)

        return handler
