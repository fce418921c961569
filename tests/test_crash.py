"""A traced program killed with SIGKILL leaves a readable store with its events so far."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from conftest import flow
from debugflow.storage import RunStore
from waiting import wait_until

PROGRAM = """
import time

def step(i):
    return i * 2

def main():
    i = 0
    started = time.monotonic()
    while True:
        step(i)
        i += 1
        if i == 50:
            print("ready", flush=True)
        if time.monotonic() - started > 30:
            return

main()
"""


def _step_calls_on_disk(database: Path) -> int:
    """How many `step` calls the store already holds, read as a second SQLite connection."""
    if not database.exists():
        return 0
    with RunStore(database) as store:
        runs = store.runs()
        if not runs:
            return 0
        stats = store.function_stats(runs[0].run_id)
    return max((row.calls for row in stats if row.function == "step"), default=0)


def test_sigkill_keeps_what_was_written_before_the_kill(
    tmp_path: Path, backend: str, flow_env: dict[str, str]
) -> None:
    script = tmp_path / "forever.py"
    script.write_text(PROGRAM)
    env = {**flow_env, "FLOW_BACKEND": backend}
    process = subprocess.Popen(
        [sys.executable, "-m", "debugflow", "run", str(script)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    # Kill only once the periodic statistics have reached the disk: what this checks is that
    # a SIGKILL loses nothing already committed, not how fast a loaded machine flushes.
    database = Path(flow_env["FLOW_DATA_DIR"]) / "runs.db"
    wait_until(lambda: _step_calls_on_disk(database) > 1000 or process.poll() is not None,
               "the periodic statistics to reach the store", timeout=30)  # fmt: skip
    assert process.poll() is None, "the traced program ended before it was killed"
    on_disk_before_kill = _step_calls_on_disk(database)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    process.stdout.close()

    with RunStore(database) as store:
        (summary,) = store.runs()
    # No end was recorded; the status turns "lost" once the heartbeat is stale.
    assert summary.ended_at is None and summary.exit_code is None
    assert summary.status in ("live", "lost")
    stats = json.loads(flow("stats", "--json", env=flow_env, cwd=tmp_path).stdout)
    step = next(row for row in stats if row["function"] == "step")
    assert step["calls"] >= on_disk_before_kill > 1000
    shown = flow("show", env=flow_env, cwd=tmp_path)
    assert "step(i: int=" in shown.stdout and "main()" in shown.stdout
    # The tree's count and the function's are written together: they agree after a SIGKILL.
    assert f"×{step['calls']:,}" in shown.stdout
