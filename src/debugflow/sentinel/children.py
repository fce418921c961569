"""Processes the sentinel starts (the desktop HUD, triggered runs), and stopping them.

Each child leads a process group of its own, so stopping it stops what it started too (a
traced program and its subprocesses). A sentinel that was killed cannot stop its children:
their pids are in the state file, and `flow deactivate` stops them after checking that each
pid still runs what the sentinel started (by its command line), so a reused pid is left alone.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO

from debugflow.transport.processes import ours, pid_alive

STOP_GRACE_S = 3.0  # a child asked to stop has this long before it is killed


class Child:
    """One started process, in its own process group."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cwd: Path,
        env: Mapping[str, str],
        output: IO[str] | int | None,
        first_signal: int = signal.SIGTERM,
    ) -> None:
        self.first_signal = first_signal
        self.process = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT if output is not None else None,
            text=True,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        """The child's pid (also its process group)."""
        return self.process.pid

    def alive(self) -> bool:
        """Whether it still runs (reaping it when it has ended)."""
        return self.process.poll() is None

    def stop(self, grace: float = STOP_GRACE_S) -> None:
        """Stop it and its group: `first_signal`, then SIGKILL after `grace` seconds."""
        if self.alive():
            _signal_group(self.pid, self.first_signal)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(grace)
        _signal_group(self.pid, signal.SIGKILL)  # whatever of the group is left
        self.process.wait()


def stop_group(pid: int, first: int = signal.SIGTERM, grace: float = STOP_GRACE_S) -> None:
    """Send `first` to process group `pid` (not a child of ours: a leftover), and SIGKILL to
    what is left of the group once its leader has ended or `grace` seconds have passed."""
    _signal_group(pid, first)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            break
        time.sleep(0.05)
    _signal_group(pid, signal.SIGKILL)  # whatever of the group is left


def stop_leftover(pid: int | None, marker: str) -> bool:
    """Stop the group of `pid` if it is this user's and its command line holds `marker`
    (a child of a sentinel that died); True when there was one to stop."""
    if pid is None or not pid_alive(pid) or not ours(pid) or not runs(pid, marker):
        return False
    stop_group(pid)
    return True


def runs(pid: int, marker: str) -> bool:
    """Whether process `pid`'s command line has an argument containing `marker` (/proc)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False  # no /proc (or gone): never signal what cannot be recognised
    return any(marker.encode() in arg for arg in args)


def _signal_group(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)
