"""A project with a sentinel for tests: `flow activate/status/deactivate` run for real, and
whatever a test leaves running is stopped at the end, whatever happened."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from conftest import flow
from debugflow.sentinel.children import runs
from debugflow.transport.processes import pid_alive

SLOW_SCRIPT = """\
import os, sys, time
from pathlib import Path
def work(step):
    return step * 2
Path(sys.argv[0]).with_suffix(".pid").write_text(str(os.getpid()))
for step in range(600):
    work(step)
    time.sleep(0.1)
"""


class Project:
    """A project folder, its data folder and the environment `flow` runs in."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root = root
        self.data = Path(env["FLOW_DATA_DIR"])
        self.env = env

    def flow(self, *args: str) -> subprocess.CompletedProcess[str]:
        """`flow ARGS` in the project."""
        return flow(*args, env=self.env, cwd=self.root)

    def status(self) -> dict[str, Any]:
        """`flow status --json`, parsed."""
        result = self.flow("status", "--json")
        parsed: dict[str, Any] = json.loads(result.stdout)
        return parsed

    def sentinel_pid(self) -> int:
        """The running sentinel's pid, from its state file."""
        pid: int = json.loads((self.data / "sentinel.json").read_text())["pid"]
        return pid

    def wait_status(self, check: Any, what: str, timeout: float = 30.0) -> dict[str, Any]:
        """Poll `flow status --json` until `check(status)` holds."""
        deadline = time.monotonic() + timeout
        while True:
            status = self.status()
            if check(status):
                return status
            if time.monotonic() > deadline:
                log = (self.data / "sentinel.log").read_text(errors="replace")[-3000:]
                raise AssertionError(f"timed out waiting for {what}: {status}\nlog:\n{log}")
            time.sleep(0.1)


@contextmanager
def project(tmp_path: Path, env: dict[str, str], **extra: str) -> Iterator[Project]:
    """A fresh project whose sentinel (and all it started) is stopped on exit."""
    root = tmp_path / "project"
    root.mkdir()
    env = {**env, "FLOW_PORT": "0", **extra}
    env.pop("FLOW_PROJECT_ROOT", None)
    made = Project(root, env)
    try:
        yield made
    finally:
        made.flow("deactivate")
        _stop_everything_under(tmp_path)


def processes_running(marker: str) -> list[int]:
    """Pids of this user's processes whose command line holds `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if (
            entry.name.isdigit()
            and int(entry.name) != os.getpid()
            and runs(int(entry.name), marker)
        ):
            found.append(int(entry.name))
    return found


def gone(pid: int, timeout: float = 10.0) -> bool:
    """Whether process `pid` ends within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while pid_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _stop_everything_under(root: Path) -> None:
    for pid in processes_running(str(root)):
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
