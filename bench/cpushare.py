"""Who used the CPU during a stretch of a bench: given processes, and the machine as a whole.

Read from /proc (Linux): a process's user + system time from `/proc/PID/stat` (all its
threads), the machine's busy time from `/proc/stat`. What the machine spent beyond the named
processes is everything else that shared the cores: other jobs, the kernel.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

TICK = os.sysconf("SC_CLK_TCK")


def process_seconds(pid: int) -> float | None:
    """CPU seconds a live process has used (None once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def thread_seconds(pid: int) -> dict[str, float]:
    """CPU seconds of a live process's threads, summed by thread name (digits dropped, so
    Mesa's `llvmpipe-0` and `llvmpipe-1` are one `llvmpipe-N`)."""
    found: dict[str, float] = {}
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/comm", encoding="utf-8") as comm:
                name = "".join("N" if c.isdigit() else c for c in comm.read().strip())
            with open(f"/proc/{pid}/task/{task}/stat", encoding="utf-8") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the thread ended meanwhile
        found[name] = found.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / TICK
    return found


def machine_seconds() -> float:
    """CPU seconds every core of the machine has been busy since boot."""
    with open("/proc/stat", encoding="utf-8") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) / TICK


@dataclass
class CpuMeter:
    """CPU used between `start()` and `stop()`, per named process and in all, in cores; the
    process named `split` also by thread name (as `NAME:THREAD`)."""

    pids: dict[str, int]
    split: str | None = None
    _wall: float = 0.0
    _machine: float = 0.0
    _own: dict[str, float] = field(default_factory=dict)
    _threads: dict[str, float] = field(default_factory=dict)

    def start(self) -> None:
        """Note where every counter stands."""
        self._wall = time.monotonic()
        self._machine = machine_seconds()
        self._own = {name: process_seconds(pid) or 0.0 for name, pid in self.pids.items()}
        self._threads = thread_seconds(self.pids[self.split]) if self.split else {}

    def stop(self, extra: dict[str, float] | None = None) -> dict[str, float]:
        """Cores used since `start()` by each process, `extra` (CPU seconds of processes that
        ended meanwhile, e.g. from `os.wait4`), everything else ("others") and in all."""
        wall = time.monotonic() - self._wall
        used = {
            name: (process_seconds(pid) or self._own[name]) - self._own[name]
            for name, pid in self.pids.items()
        }
        used.update(extra or {})
        machine = machine_seconds() - self._machine
        used["others"] = max(0.0, machine - sum(used.values()))
        used["all"] = machine
        if self.split:
            for thread, seconds in thread_seconds(self.pids[self.split]).items():
                used[f"{self.split}:{thread}"] = seconds - self._threads.get(thread, 0.0)
        return {name: round(seconds / wall, 3) for name, seconds in used.items()}
