"""`flow run --hud`: find or start this project's hub, open the HUD, keep serving after the run.

A hub already serving the project is reused and left alone, once its `hub.json` has passed
every check of `transport.discovery` (the hub proving who it is included); a discovery file
that fails one is ignored, saying why, and its URL is never shown. Otherwise
`python -m debugflow.server --no-browser` is started in its own process (so it outlives a
Ctrl+C aimed at the program) and stopped again when the user presses Ctrl+C after the run.
The program never depends on any of this: when no hub can be started it runs without one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import webbrowser
from collections.abc import Callable, Mapping
from pathlib import Path

from debugflow.transport.discovery import running_hub

READY_PREFIX = "DebugFlow HUD: "  # the first line `python -m debugflow.server` prints
NO_BROWSER_ENV = "FLOW_NO_BROWSER"
START_TIMEOUT = 20.0  # seconds for a new hub to print its address
STOP_TIMEOUT = 5.0

Opener = Callable[[str], object]


class HudLaunch:
    """The HUD for one `flow run --hud`: its address, and the hub process if we started it."""

    def __init__(self, url: str, process: subprocess.Popen[str] | None) -> None:
        self.url = url
        self.process = process

    def serve_until_interrupted(self) -> None:
        """Keep a hub we started serving until Ctrl+C (or until it stops), then stop it."""
        if self.process is None:
            return
        try:  # from the message on: a Ctrl+C as soon as it is read still stops the hub
            _say(f"the HUD keeps serving at {self.url} — press Ctrl+C to stop it")
            self.process.wait()
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop a hub we started (cleanly first: it removes its discovery file)."""
        proc = self.process
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGINT if os.name != "nt" else signal.SIGTERM)
        try:
            proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def start_hud(data_dir: Path, env: Mapping[str, str] | None = None) -> HudLaunch | None:
    """The project's hub (reused or started) with the HUD opened; None when none could start."""
    env = os.environ if env is None else env
    running = running_hub(data_dir, _say)
    if running is not None:
        launch = HudLaunch(running.url, None)
    else:
        try:
            launch = _spawn_hub(data_dir, env)
        except (OSError, RuntimeError) as exc:
            _say(f"could not start the HUD ({exc}); the program runs without it")
            return None
    _say(f"HUD: {launch.url}")
    open_browser(launch.url, env)
    return launch


def open_browser(url: str, env: Mapping[str, str], opener: Opener = webbrowser.open) -> bool:
    """Open the HUD in a browser unless FLOW_NO_BROWSER=1 or there is no display."""
    if env.get(NO_BROWSER_ENV, "").strip() not in ("", "0"):
        return False
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        _say("no display found: open the address above in a browser")
        return False
    # Some browsers block until they exit when started the first time: never wait for one.
    threading.Thread(target=opener, args=(url,), daemon=True).start()
    return True


def _spawn_hub(data_dir: Path, env: Mapping[str, str]) -> HudLaunch:
    proc = subprocess.Popen(
        [sys.executable, "-m", "debugflow.server", "--no-browser"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
        env={**env, "FLOW_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # a Ctrl+C that stops the program leaves the HUD up
    )
    line = _first_line(proc)
    if not line.startswith(READY_PREFIX):
        HudLaunch("", proc).stop()
        raise RuntimeError(f"the hub did not start (it said {line.strip()!r})")
    _drain(proc)
    return HudLaunch(line[len(READY_PREFIX) :].strip(), proc)


def _first_line(proc: subprocess.Popen[str]) -> str:
    """The hub's first stdout line, or "" when it exits or stays silent too long."""
    lines: list[str] = []
    assert proc.stdout is not None
    stdout = proc.stdout
    reader = threading.Thread(target=lambda: lines.append(stdout.readline()), daemon=True)
    reader.start()
    reader.join(START_TIMEOUT)
    return lines[0] if lines else ""


def _drain(proc: subprocess.Popen[str]) -> None:
    # The hub prints a few more lines; read them so it can never block on a full pipe.
    stdout = proc.stdout
    if stdout is not None:
        threading.Thread(target=stdout.read, name="debugflow-hud-out", daemon=True).start()


def _say(message: str) -> None:
    print(f"debugflow: {message}", file=sys.stderr, flush=True)
