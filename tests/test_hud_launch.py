"""`flow run --hud`: starts a hub when none runs (and keeps it up until Ctrl+C), or reuses one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

from debugflow.cli.hud_launch import open_browser
from debugflow.transport.discovery import hub_file, pid_alive, read_hub_file
from hub_helpers import running_hub
from waiting import wait_until

PROGRAM = "def add(a, b):\n    return a + b\n\nprint(add(2, 3))\n"


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    env.update(FLOW_DATA_DIR=str(data_dir), FLOW_NO_BROWSER="1", FLOW_PORT="0")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _flow_run_hud(tmp_path: Path, data_dir: Path) -> subprocess.Popen[str]:
    (tmp_path / "prog.py").write_text(PROGRAM)
    return subprocess.Popen(
        [sys.executable, "-m", "debugflow", "run", "--hud", "prog.py"],
        cwd=tmp_path,
        env=_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _runs(url: str) -> list[dict[str, Any]]:
    """The hub's run list once it has runs and all of them ended (the last frames may be in
    flight)."""
    api = url.replace("/?token=", "/api/runs?token=")

    def ended() -> list[dict[str, Any]]:
        with urllib.request.urlopen(api, timeout=5) as response:
            runs: list[dict[str, Any]] = json.loads(response.read())["runs"]
        return runs if runs and all(r["state"] == "ended" for r in runs) else []

    return wait_until(ended, "the hub to list the run as ended")


def _read_until(proc: subprocess.Popen[str], text: str) -> list[str]:
    assert proc.stderr is not None
    lines: list[str] = []
    while not any(text in line for line in lines):
        line = proc.stderr.readline()
        assert line, f"flow run ended before saying {text!r}: {lines}"
        lines.append(line)
    return lines


def test_starts_a_hub_streams_into_it_and_serves_until_ctrl_c(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    proc = _flow_run_hud(tmp_path, data_dir)
    try:
        lines = _read_until(proc, "keeps serving")
        hub = read_hub_file(data_dir)
        assert hub is not None and hub.pid != proc.pid
        assert any(f"HUD: {hub.url}" in line for line in lines)
        runs = _runs(hub.url)
        assert [(r["script"], r["state"], r["live"]) for r in runs] == [("prog.py", "ended", True)]
        assert runs[0]["calls"] >= 2  # <module> and add()
        assert proc.poll() is None  # still serving after the program ended
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert (proc.returncode, out) == (0, "5\n")  # the program's own exit code and output
    wait_until(lambda: not pid_alive(hub.pid), "the hub to exit after Ctrl+C")
    assert not hub_file(data_dir).exists()


def test_reuses_a_running_hub_and_returns_after_the_run(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with running_hub(data_dir) as info:
        proc = _flow_run_hud(tmp_path, data_dir)
        out, err = proc.communicate(timeout=60)
        assert (proc.returncode, out) == (0, "5\n"), err
        assert f"HUD: {info.url}" in err
        assert "keeps serving" not in err
        assert [r["script"] for r in _runs(info.url)] == ["prog.py"]


def test_the_browser_is_opened_unless_told_not_to(tmp_path: Path) -> None:
    opened: list[str] = []
    display = {"DISPLAY": ":0"}
    assert (
        open_browser(
            "http://127.0.0.1:1/?token=t", {**display, "FLOW_NO_BROWSER": "1"}, opened.append
        )
        is False
    )
    assert open_browser("http://127.0.0.1:1/?token=t", display, opened.append) is True
    wait_until(lambda: opened, "the browser to be opened", timeout=5)  # from a thread of its own
    assert opened == ["http://127.0.0.1:1/?token=t"]
