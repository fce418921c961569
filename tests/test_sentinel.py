"""`flow activate` / `status` / `deactivate` and the trigger, for real, without a display.

Every test starts a real sentinel process (detached, as a person's `flow activate` does),
signals it as its hotkeys would (SIGUSR2 is Ctrl+Alt+S, SIGUSR1 Ctrl+Alt+F), and checks the
processes, files and runs it leaves. The hotkeys themselves are tested under Xvfb in
test_sentinel_desktop.py.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest

from debugflow.sentinel.hotkeys import pretty
from debugflow.sentinel.scripts import newest_script
from debugflow.transport.discovery import find_hub
from debugflow.transport.processes import pid_alive
from sentinel_helpers import SLOW_SCRIPT, gone, processes_running, project


@pytest.fixture
def env(flow_env: dict[str, str]) -> dict[str, str]:
    """No display: what a server or a container has."""
    return {k: v for k, v in flow_env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}


def test_activate_status_and_deactivate_without_a_display(
    tmp_path: Path, env: dict[str, str]
) -> None:
    with project(tmp_path, env) as proj:
        first = proj.flow("activate")
        assert first.returncode == 0, first.stderr
        assert "DebugFlow is active" in first.stdout
        assert "Ctrl + Alt + F  (not bound: no display (DISPLAY is not set))" in first.stdout
        assert "no desktop HUD: no display" in first.stdout
        pid = proj.sentinel_pid()
        again = proj.flow("activate")
        assert f"already active in {proj.root} (sentinel pid {pid})" in again.stdout
        assert proj.sentinel_pid() == pid  # no second sentinel

        status = proj.status()
        assert status["active"] and status["pid"] == pid and status["hud"] == "none"
        assert [hotkey["bound"] for hotkey in status["hotkeys"]] == [False, False]
        assert status["hotkeys"][1]["combo"] == "<ctrl>+<alt>+s"
        assert status["runs_since_activation"] == 0
        hub = find_hub(proj.data)  # the sentinel's hub, checked as every client checks it
        assert hub is not None and hub.pid == pid and hub.url == status["hub_url"]
        text = proj.flow("status")
        assert text.returncode == 0 and f"pid {pid}" in text.stdout
        doctor = proj.flow("doctor").stdout
        assert "display:       none: no display (DISPLAY is not set)" in doctor
        assert "desktop HUD:   unavailable: no display" in doctor
        assert "hotkeys:       cannot be bound (no display" in doctor
        assert f"sentinel:      active (pid {pid})" in doctor
        for name in ("sentinel.json", "sentinel.log", "hub.json"):
            assert stat.S_IMODE((proj.data / name).stat().st_mode) == 0o600, name

        stopped = proj.flow("deactivate")
        assert f"sentinel pid {pid} stopped" in stopped.stdout
        assert gone(pid)
        assert not (proj.data / "sentinel.json").exists()
        assert not (proj.data / "hub.json").exists()
        after = proj.flow("status")
        assert after.returncode == 1 and "not active" in after.stdout
        assert proj.flow("deactivate").stdout.startswith("DebugFlow is not active")


def test_the_trigger_runs_the_newest_script_and_restarts_it(
    tmp_path: Path, env: dict[str, str]
) -> None:
    with project(tmp_path, env) as proj:
        (proj.root / "old.py").write_text("print('old')\n")
        script = proj.root / "train.py"
        script.write_text(SLOW_SCRIPT)
        for hidden in ("venv/lib/newer.py", ".cache/newer.py", "__pycache__/newer.py"):
            path = proj.root / hidden
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("raise SystemExit('must never run')\n")
        (proj.root / "venv" / "pyvenv.cfg").write_text("home = /usr\n")
        os.utime(proj.root / "old.py", (1, 1))
        assert proj.flow("activate").returncode == 0
        sentinel = proj.sentinel_pid()

        os.kill(sentinel, signal.SIGUSR2)  # Ctrl+Alt+S
        status = proj.wait_status(lambda s: s["run_pid"] is not None, "the triggered run")
        assert status["run_script"] == str(script)
        first = _program_pid(script)
        os.kill(sentinel, signal.SIGUSR2)  # again while it runs: restarted
        second = _program_pid(script, other_than=first)
        assert gone(first), "the first run was not stopped when the trigger restarted it"
        assert pid_alive(second)
        proj.wait_status(lambda s: s["runs_since_activation"] == 2, "both runs in the store")

        proj.flow("deactivate")
        assert gone(second), "deactivate left the triggered run running"
        assert gone(sentinel)
    log = (proj.data / "sentinel.log").read_text()
    assert "must never run" not in log and "newer.py" not in log


def test_a_crashed_sentinel_is_detected_and_what_it_left_is_stopped(
    tmp_path: Path, env: dict[str, str]
) -> None:
    with project(tmp_path, env) as proj:
        script = proj.root / "train.py"
        script.write_text(SLOW_SCRIPT)
        assert proj.flow("activate").returncode == 0
        sentinel = proj.sentinel_pid()
        os.kill(sentinel, signal.SIGUSR2)
        program = _program_pid(script)
        os.kill(sentinel, signal.SIGKILL)
        assert gone(sentinel)

        status = proj.flow("status")
        assert status.returncode == 1
        assert f"its sentinel (pid {sentinel}) is no longer running" in status.stdout
        assert pid_alive(program)  # nothing stopped it yet
        cleaned = proj.flow("deactivate")
        assert "stopped what the sentinel left running: the triggered run" in cleaned.stdout
        assert "cleaned up after a sentinel that stopped unexpectedly" in cleaned.stdout
        assert gone(program)
        assert not (proj.data / "sentinel.json").exists()
        assert proj.flow("activate").returncode == 0  # and it starts again
        assert proj.sentinel_pid() != sentinel


def test_a_state_file_that_is_not_a_sentinels_is_not_believed(
    tmp_path: Path, env: dict[str, str]
) -> None:
    with project(tmp_path, env) as proj:
        bystander = subprocess.Popen(["sleep", "60"])
        try:
            proj.data.mkdir(mode=0o700)
            state = proj.data / "sentinel.json"
            fake = {"pid": os.getpid(), "project": str(proj.root), "hotkeys": [],
                    "hud_pid": bystander.pid, "run_pid": bystander.pid,
                    "run_script": "sleep"}  # fmt: skip
            state.write_text(json.dumps(fake))
            state.chmod(0o644)
            status = proj.flow("status")
            assert status.returncode == 1
            assert "is open to other users (mode 0644)" in status.stdout
            state.chmod(0o600)
            status = proj.flow("status")
            assert f"pid {os.getpid()} is not a DebugFlow sentinel" in status.stdout
            proj.flow("deactivate")
            assert bystander.poll() is None, "deactivate signalled a process it did not start"
            assert not state.exists()
        finally:
            bystander.kill()
            bystander.wait()


def test_newest_script_skips_environments_caches_and_data(tmp_path: Path) -> None:
    assert newest_script(tmp_path) is None
    (tmp_path / "pkg").mkdir()
    wanted = tmp_path / "pkg" / "model.py"
    wanted.write_text("")
    os.utime(wanted, (time.time() - 100, time.time() - 100))
    for skipped in ("env/x.py", ".git/x.py", "node_modules/x.py", "a/site-packages/x.py",
                    ".debugflow/x.py", "pkg/__pycache__/x.py", "notes.txt"):  # fmt: skip
        path = tmp_path / skipped
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")
    (tmp_path / "env" / "pyvenv.cfg").write_text("")
    assert newest_script(tmp_path) == wanted


def test_hotkeys_are_shown_as_people_write_them() -> None:
    assert pretty("<ctrl>+<alt>+f") == "Ctrl + Alt + F"
    assert pretty("<cmd>+<shift>+s") == "Cmd + Shift + S"


def _program_pid(script: Path, other_than: int | None = None, timeout: float = 30.0) -> int:
    """The pid the triggered program wrote beside itself (a new one, when `other_than`)."""
    marker = script.with_suffix(".pid")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker.exists() and (text := marker.read_text()).isdigit():
            pid = int(text)
            if pid != other_than:
                return pid
        time.sleep(0.05)
    raise AssertionError(f"{script.name} did not start (running: {processes_running('train')})")
