"""The real pieces a recording runs: a hub (`python -m debugflow.server`) with a data folder of
its own, the desktop HUD (`python -m debugflow.hud --frames …`) and programs traced with
`flow run`; and where a node is drawn on the screen, from the HUD's own layout rules.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from debugflow.hud.layout import Layout
from debugflow.hud.mirror import RunMirror
from demo_gifs.display import display_env, spawn, stop, wait_for

ROOT = Path(__file__).resolve().parents[2]  # the repository: traced programs run from here
HUD_TITLE = "DebugFlow HUD"
READY = "DebugFlow HUD: "  # the hub's first line, then its address


def flow_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of the hub and the traced programs: this run's data folder only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_") and k != "DISPLAY"}
    env.update(FLOW_DATA_DIR=str(data_dir), PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


class Hub:
    """`python -m debugflow.server --no-browser --port 0` serving one data folder."""

    def __init__(self, data_dir: Path) -> None:
        env = flow_env(data_dir, PYTHONUNBUFFERED="1")
        command = [sys.executable, "-m", "debugflow.server", "--no-browser", "--port", "0"]
        self.proc = spawn(command, env, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith(READY):
            stop(self.proc)
            raise RuntimeError(f"the hub did not start: {line!r}")
        self.url = line[len(READY) :].strip()
        stdout = self.proc.stdout  # read on, so the hub never waits on a full pipe
        threading.Thread(target=lambda: stdout.read(), daemon=True).start()
        address = urlsplit(self.url)
        self.port = address.port
        self.token = parse_qs(address.query)["token"][0]

    def get(self, path: str) -> Any:
        """A JSON answer of the hub's API."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", headers={"X-Flow-Token": self.token}
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.load(answer)

    def spine(self, run: str) -> tuple[RunMirror, Layout]:
        """A run as the hub serves it, laid out by the desktop HUD's rules."""
        mirror = RunMirror(run)
        mirror.apply(self.get(f"/api/runs/{run}")["snapshot"])
        layout = Layout()
        layout.build(mirror)
        return mirror, layout

    def close(self) -> None:
        """Stop the hub (it removes its discovery file)."""
        stop(self.proc)


class Hud:
    """The desktop HUD on a display, saving its frames and a stats line a second."""

    def __init__(self, display: str, data_dir: Path, frames: Path | None, fps: float) -> None:
        self.stats_file = data_dir.parent / "hud-stats.jsonl"
        self.lines: list[str] = []
        command = [sys.executable, "-m", "debugflow.hud", "--data-dir", str(data_dir)]
        command += ["--stats-file", str(self.stats_file)]
        if frames is not None:
            command += ["--frames", str(frames), "--frames-fps", str(fps)]
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        env = display_env(display)
        self.proc = spawn(command, env, stdout=subprocess.PIPE, stderr=self.errors, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_ready(self) -> None:
        """Wait until the window exists and drew its first frame."""
        wait_for(lambda: "hud: ready" in self.lines or self.proc.poll() is not None, "the HUD")
        if self.proc.poll() is not None:
            self.errors.seek(0)
            said = self.errors.read().decode(errors="replace").strip().splitlines()[-3:]
            raise RuntimeError(f"the desktop HUD exited: {self.lines} {' | '.join(said)}")

    def stats(self) -> dict[str, Any]:
        """The newest stats line ({} before the first)."""
        if not self.stats_file.exists():
            return {}
        lines = self.stats_file.read_text(encoding="utf-8").splitlines()
        return json.loads(lines[-1]) if lines else {}

    def wait_stats(self, check: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        """Wait for a stats line (one a second) that satisfies `check`."""

        def satisfying() -> dict[str, Any] | None:
            record = self.stats()
            return record if record and check(record) else None

        return dict(wait_for(satisfying, what))

    def wait_settled(self, nodes: int = 1) -> dict[str, Any]:
        """Wait until the run is drawn (at least `nodes` nodes) and nothing moves."""
        return self.wait_stats(
            lambda r: r["nodes"] >= nodes and r["view"]["settled"], "the HUD to settle"
        )

    def close(self) -> None:
        """Close the HUD (SIGTERM: it ends cleanly)."""
        stop(self.proc, timeout=10)
        self.errors.close()


class Program:
    """A demo program traced with `flow run`, from the repository (so it is the project)."""

    def __init__(self, script: str, data_dir: Path) -> None:
        command = [sys.executable, "-m", "debugflow", "run", "--quiet", "--no-live", script]
        self.started = time.time()
        self.proc = spawn(command, flow_env(data_dir), cwd=ROOT, stderr=subprocess.PIPE)
        self.ended = 0.0

    def wait(self, timeout: float = 60.0) -> float:
        """Wait for the program to end (it must succeed); returns when it ended (epoch)."""
        _, err = self.proc.communicate(timeout=timeout)
        self.ended = time.time()
        if self.proc.returncode != 0:
            raise RuntimeError(f"the demo program failed ({self.proc.returncode}): {err!r}")
        return self.ended


def node_on_screen(
    hub: Hub, hud: Hud, window: tuple[int, int, int, int], function: str
) -> tuple[float, float]:
    """Where the (first) node of `function` is drawn, in root coordinates."""
    view = hud.stats()["view"]
    mirror, layout = hub.spine(view["run"])
    node = next(n["id"] for n in mirror.nodes.values() if n["function"] == function)
    center = layout.center(mirror, node)
    if center is None:
        raise RuntimeError(f"{function} is not laid out")
    return window[0] + center.x - view["left"], window[1] + center.y - view["top"]
