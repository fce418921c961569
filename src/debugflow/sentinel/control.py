"""What `flow activate`, `flow status` and `flow deactivate` do with a project's sentinel.

`activate` starts `python -m debugflow.sentinel` detached from the terminal (a session of
its own, output to `<data dir>/sentinel.log`) and waits for its state file to say it is
ready. `deactivate` stops it, then stops anything a crashed sentinel left behind (the HUD and
run pids in its state file, each checked to be still what the sentinel started), and removes
the state and discovery files. `status` reads the state file, checked (`state.find_sentinel`).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict
from pathlib import Path

from debugflow.config import FlowConfig
from debugflow.errors import StoreError
from debugflow.private_files import make_private_dir, make_private_file
from debugflow.sentinel.children import stop_leftover
from debugflow.sentinel.desktop import HUD_MODULE
from debugflow.sentinel.hotkeys import pretty
from debugflow.sentinel.state import (
    SENTINEL_MODULE,
    Found,
    SentinelState,
    find_sentinel,
    remove_state,
)
from debugflow.transport.discovery import remove_hub_file
from debugflow.transport.processes import pid_alive

LOG_FILE = "sentinel.log"
START_TIMEOUT_S = 30.0  # the hub, the hotkeys and the HUD process all start in this time
STOP_TIMEOUT_S = 10.0
RULE = "─" * 46

Say = Callable[[str], None]


def _print(message: str) -> None:
    print(message, flush=True)


def activate(config: FlowConfig, env: Mapping[str, str], say: Say = _print) -> int:
    """Start the project's sentinel (or say it is running); 0 once it is ready."""
    found = find_sentinel(config.data_dir)
    if found.alive:
        assert found.state is not None
        say(f"DebugFlow is already active in {config.root} (sentinel pid {found.state.pid}).")
        _describe(found.state, say)
        return 0
    if found.stale is not None:
        _clean_up(config, found, say)
    make_private_dir(config.data_dir)
    log_path = make_private_file(config.data_dir / LOG_FILE)
    with open(log_path, "a", encoding="utf-8") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                SENTINEL_MODULE,
                "--root",
                str(config.root),
                "--log",
                str(log_path),
            ],
            cwd=config.root,
            env={**env, "FLOW_DATA_DIR": str(config.data_dir)},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # detached: a closed terminal does not stop it
        )
    state = _wait_ready(config.data_dir, process)
    if state is None:
        say(f"flow activate: the sentinel did not start; its log: {log_path}")
        say(_tail(log_path))
        return 1
    say(f"DebugFlow is active in {config.root} (sentinel pid {state.pid}).")
    _describe(state, say)
    return 0


def status(config: FlowConfig, as_json: bool, say: Say = _print) -> int:
    """Describe the sentinel; 0 when one is running, 1 when not."""
    found = find_sentinel(config.data_dir)
    runs = _runs_since(config, found.state.started_at) if found.alive and found.state else None
    if as_json:
        report: dict[str, object] = {"active": found.alive, "project": str(config.root)}
        if found.alive and found.state is not None:
            report.update(asdict(found.state), uptime_s=time.time() - found.state.started_at)
            report["runs_since_activation"] = runs
        if found.stale is not None:
            report["stale"] = found.stale
        say(json.dumps(report, indent=2))
        return 0 if found.alive else 1
    if not found.alive or found.state is None:
        say(f"DebugFlow is not active in {config.root}.")
        if found.stale is not None:
            say(f"A stale state file was left behind: {found.stale}; `flow deactivate` or "
                "`flow activate` cleans it up.")  # fmt: skip
        return 1
    state = found.state
    say(f"DebugFlow is active in {config.root}")
    say(f"  sentinel   pid {state.pid}, up {_duration(time.time() - state.started_at)}")
    say(f"  hub        {state.hub_url or state.hub_problem or 'not running'}")
    say(f"  HUD        {_hud_line(state)}")
    for hotkey in state.hotkeys:
        bound = "bound" if hotkey.bound else f"not bound: {hotkey.problem}"
        say(f"  hotkey     {hotkey.action}: {pretty(hotkey.combo)} ({bound})")
    if state.run_pid is not None:
        say(f"  running    {state.run_script} (pid {state.run_pid})")
    say(f"  runs       {'?' if runs is None else runs} recorded since activation")
    say(f"  log        {state.log or 'none'}")
    return 0


def deactivate(config: FlowConfig, say: Say = _print) -> int:
    """Stop the sentinel and everything it started; clean up after a crashed one."""
    found = find_sentinel(config.data_dir)
    if found.state is None and found.stale is None:
        say(f"DebugFlow is not active in {config.root}.")
        return 0
    if found.alive and found.state is not None:
        pid = found.state.pid
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if pid_alive(pid):
            say(f"the sentinel (pid {pid}) did not stop in {STOP_TIMEOUT_S:.0f} s: killed it")
            os.kill(pid, signal.SIGKILL)
        say(f"DebugFlow deactivated in {config.root} (sentinel pid {pid} stopped).")
    _clean_up(config, found, say if not found.alive else None)
    return 0


def _clean_up(config: FlowConfig, found: Found, say: Say | None) -> None:
    """Stop what a sentinel that is gone left running, and remove its files."""
    state = found.state
    if state is not None:
        left = [what for what, pid, marker in (
            ("the desktop HUD", state.hud_pid, HUD_MODULE),
            ("the triggered run", state.run_pid, state.run_script or "\0"),
        ) if stop_leftover(pid, marker)]  # fmt: skip
        if left and say is not None:
            say(f"stopped what the sentinel left running: {', '.join(left)}")
        remove_hub_file(config.data_dir, state.pid)
    remove_state(config.data_dir)
    if say is not None and found.stale is not None:
        say(f"cleaned up after a sentinel that stopped unexpectedly ({found.stale}).")


def _wait_ready(data_dir: Path, process: subprocess.Popen[bytes]) -> SentinelState | None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        found = find_sentinel(data_dir)
        state = found.state
        if found.alive and state is not None and state.pid == process.pid and state.ready:
            return state
        if process.poll() is not None:
            return None
        time.sleep(0.05)
    process.terminate()
    return None


def _describe(state: SentinelState, say: Say) -> None:
    say(RULE)
    say(
        "DebugFlow hotkeys active:" if any(h.bound for h in state.hotkeys) else "DebugFlow hotkeys:"
    )
    for hotkey in state.hotkeys:
        line = f"  {hotkey.action:<14}: {pretty(hotkey.combo)}"
        say(line if hotkey.bound else f"{line}  (not bound: {hotkey.problem})")
    say(RULE)
    say(f"HUD: {state.hub_url}" if state.hub_url else f"no hub: {state.hub_problem}")
    if state.hud_problem:
        say(state.hud_problem)
    say("`flow status` shows what it is doing, `flow deactivate` stops it.")


def _hud_line(state: SentinelState) -> str:
    if state.hud == "none" and state.hud_problem:
        return state.hud_problem
    shown = {"shown": "desktop HUD shown", "hidden": "desktop HUD hidden",
             "starting": "desktop HUD starting", "web": "web HUD opened in a browser",
             "none": "no desktop HUD running"}.get(state.hud, state.hud)  # fmt: skip
    if state.hud_pid is not None:
        shown += f" (pid {state.hud_pid})"
    return f"{shown}; {state.hud_problem}" if state.hud_problem else shown


def _runs_since(config: FlowConfig, started_at: float) -> int | None:
    """Runs recorded in the store since `started_at`; None when the store cannot be read."""
    if not config.store_path.exists():
        return 0
    from debugflow.storage import RunStore

    try:
        store = RunStore(config.store_path)
        try:
            return sum(1 for run in store.runs() if run.started_at >= started_at)
        finally:
            store.close()
    except StoreError:
        return None


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m {secs:02d}s"


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
