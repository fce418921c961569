"""On a terminal, `flow run` shows a live panel and one summary line; the program's output stays."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from terminal import read_until_closed

PROGRAM = """
import time

def slow_step(i):
    time.sleep(0.3)
    return i

for i in range(3):
    print(f"step {slow_step(i)}", flush=True)
"""


def _run_on_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        args,
        cwd=cwd,
        env={**env, "TERM": "xterm", "COLUMNS": "100"},
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
    )
    os.close(secondary)
    text = read_until_closed(main, 60)
    process.wait(timeout=30)
    os.close(main)
    return text


def test_live_panel_and_summary_line(tmp_path: Path, flow_env: dict[str, str]) -> None:
    (tmp_path / "slow.py").write_text(PROGRAM)
    screen = _run_on_terminal(
        [sys.executable, "-m", "debugflow", "run", "slow.py"], tmp_path, flow_env
    )
    for i in range(3):
        assert f"step {i}" in screen
    assert "running now" in screen and "slow_step" in screen  # the live panel was drawn
    assert "debugflow: run " in screen and "4 calls · 0 exceptions" in screen
    assert "open it: flow show" in screen


def test_quiet_prints_nothing_of_its_own(tmp_path: Path, flow_env: dict[str, str]) -> None:
    (tmp_path / "slow.py").write_text(PROGRAM)
    screen = _run_on_terminal(
        [sys.executable, "-m", "debugflow", "run", "-q", "slow.py"], tmp_path, flow_env
    )
    assert screen.replace("\r\n", "\n") == "step 0\nstep 1\nstep 2\n"
