"""The sentinel as a person uses it at a desktop, under a real X server (Xvfb + openbox):
`flow activate` → Ctrl+Alt+S → Ctrl+Alt+F → Ctrl+Alt+F → `flow deactivate`, with the keys
pressed by xdotool, the global hotkeys heard by pynput, the HUD a real Dear PyGui window."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from desktop_helpers import display_env, display_skip_reason, find_window, window_info, xvfb
from sentinel_helpers import SLOW_SCRIPT, gone, processes_running, project

pytestmark = [
    pytest.mark.renderer,
    pytest.mark.skipif(display_skip_reason() is not None, reason=display_skip_reason() or ""),
]


def press(display: str, keys: str) -> None:
    """Press a key combination as a person would (xdotool, through the X server)."""
    subprocess.run(["xdotool", "key", keys], env=display_env(display), check=True, timeout=10)


def test_activate_run_show_hide_and_deactivate(tmp_path: Path, flow_env: dict[str, str]) -> None:
    with (
        xvfb(window_manager=True) as display,
        project(
            tmp_path,
            display_env(display, **{k: v for k, v in flow_env.items() if k.startswith("FLOW_")}),
        ) as proj,
    ):
        script = proj.root / "train.py"
        script.write_text(SLOW_SCRIPT)
        started = proj.flow("activate")
        assert started.returncode == 0, started.stdout + started.stderr
        assert "DebugFlow hotkeys active:" in started.stdout
        assert "Toggle HUD    : Ctrl + Alt + F\n" in started.stdout
        doctor = proj.flow("doctor").stdout
        assert f"display:       DISPLAY={display}" in doctor
        assert "desktop HUD:   Dear PyGui " in doctor and "hotkeys:       pynput " in doctor
        status = proj.wait_status(lambda s: s["hud"] == "hidden", "the HUD, started hidden")
        assert all(hotkey["bound"] for hotkey in status["hotkeys"]), status["hotkeys"]
        sentinel, hud = status["pid"], status["hud_pid"]

        press(display, "ctrl+alt+s")
        status = proj.wait_status(lambda s: s["run_pid"] is not None, "the run Ctrl+Alt+S starts")
        assert status["run_script"] == str(script)
        proj.wait_status(lambda s: s["runs_since_activation"] == 1, "the run in the store")

        press(display, "ctrl+alt+f")
        proj.wait_status(lambda s: s["hud"] == "shown", "the HUD shown by Ctrl+Alt+F")
        window = find_window(display)
        assert window is not None and window_info(display, window).viewable
        press(display, "ctrl+alt+f")
        proj.wait_status(lambda s: s["hud"] == "hidden", "the HUD hidden by Ctrl+Alt+F")
        assert not window_info(display, window).viewable

        text = proj.flow("status").stdout
        assert f"desktop HUD hidden (pid {hud})" in text and "train.py" in text
        proj.flow("deactivate")
        for pid in (sentinel, hud, status["run_pid"]):
            assert gone(pid), f"pid {pid} outlived flow deactivate"
        assert find_window(display) is None
    assert processes_running(str(tmp_path)) == []


def test_hotkeys_chosen_in_the_environment_and_one_that_cannot_be_bound(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    chosen = {"FLOW_HUD_HOTKEY": "<ctrl>+<shift>+h", "FLOW_TRIGGER_HOTKEY": "<ctrl>+<nokey>"}
    with (
        xvfb() as display,
        project(
            tmp_path, display_env(display, FLOW_DATA_DIR=flow_env["FLOW_DATA_DIR"]), **chosen
        ) as proj,
    ):
        started = proj.flow("activate")
        assert started.returncode == 0
        assert "Toggle HUD    : Ctrl + Shift + H\n" in started.stdout
        assert "'<ctrl>+<nokey>' is not a hotkey pynput understands" in started.stdout
        status = proj.wait_status(lambda s: s["hud"] == "hidden", "the HUD, started hidden")
        assert [hotkey["bound"] for hotkey in status["hotkeys"]] == [True, False]
        press(display, "ctrl+shift+h")
        proj.wait_status(lambda s: s["hud"] == "shown", "the HUD shown by the chosen hotkey")


def test_without_the_desktop_extra_the_hotkey_opens_the_web_hud(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    # Dear PyGui made unloadable (failure injection); the browser is a script noting its URL.
    shim = tmp_path / "shim"
    (shim / "dearpygui").mkdir(parents=True)
    (shim / "dearpygui" / "__init__.py").write_text("raise ImportError('not on this desktop')\n")
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" >> {opened}\n')
    browser.chmod(0o755)
    extra = {"PYTHONPATH": str(shim), "BROWSER": str(browser)}
    with (
        xvfb() as display,
        project(
            tmp_path, display_env(display, FLOW_DATA_DIR=flow_env["FLOW_DATA_DIR"]), **extra
        ) as proj,
    ):
        started = proj.flow("activate")
        assert "no desktop HUD: the desktop HUD needs Dear PyGui" in started.stdout
        assert "not on this desktop" in started.stdout
        status = proj.status()
        assert status["hud_pid"] is None and status["hotkeys"][0]["bound"]
        press(display, "ctrl+alt+f")
        status = proj.wait_status(lambda s: s["hud"] == "web", "the web HUD opened")
        deadline = time.monotonic() + 10
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert opened.read_text().strip() == status["hub_url"]
