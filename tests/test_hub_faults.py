"""A traced program never depends on the hub: killed mid-run, it finishes the same way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from debugflow.storage import RunStore
from debugflow.transport.discovery import hub_from_url
from hub_helpers import start_hub_process
from waiting import wait_until

PROGRAM = """
import sys, time

def step(i):
    time.sleep(0.01)
    return i * 2

def main():
    total = 0
    for i in range(150):
        total += step(i)
    print("total", total)
    sys.exit(3)

main()
"""


def _flow_run(script: Path, data_dir: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    env["FLOW_DATA_DIR"] = str(data_dir)
    return subprocess.Popen(
        [sys.executable, "-m", "debugflow", "run", str(script)],
        cwd=script.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _live_runs(url: str) -> list[Any]:
    info = hub_from_url(url)
    assert info is not None
    api = f"http://127.0.0.1:{info.port}/api/runs?token={info.token}"
    try:
        with urllib.request.urlopen(api, timeout=5) as resp:
            return [r for r in json.loads(resp.read())["runs"] if r["live"]]
    except OSError:
        return []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killing_the_hub_mid_run_changes_nothing_for_the_program(tmp_path: Path) -> None:
    script = tmp_path / "prog.py"
    script.write_text(PROGRAM)
    alone = _flow_run(script, tmp_path / "alone")
    expected_out, _ = alone.communicate(timeout=120)

    data = tmp_path / "data"
    hub, url = start_hub_process(data, "--port", "0")
    program = _flow_run(script, data)
    wait_until(lambda: _live_runs(url), "the run to reach the hub", timeout=60)
    os.kill(hub.pid, signal.SIGKILL)
    hub.communicate(timeout=10)
    out, err = program.communicate(timeout=120)

    assert (program.returncode, alone.returncode) == (3, 3)
    assert out == expected_out == "total 22350\n"
    assert "debugflow: this run was not recorded" not in err, err
    with RunStore(data / "runs.db") as store:
        summary = store.summary(store.resolve("latest"))
    with RunStore(tmp_path / "alone" / "runs.db") as store:
        reference = store.summary(store.resolve("latest"))
    assert (summary.status, summary.exit_code) == ("ended", 3)
    assert (summary.calls, summary.exceptions) == (reference.calls, reference.exceptions)
    assert summary.calls > 150
