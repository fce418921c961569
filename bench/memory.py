"""Show that DebugFlow's memory stays bounded: 1M and 10M calls, untraced and under `flow run`.

Each run's peak RSS comes from `os.wait4` (the kernel's maximum resident set of that process)
and its RSS over time from polling `/proc/PID/status`, so growth during the run is visible.
For traced runs the store's size and the calls and dropped events read back from it are shown.
Usage: `bench/.venvs/py3.12/bin/python bench/memory.py [--quick] [--json FILE]`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import environment
from catalog import WORKLOADS_DIR
from measure import base_env
from storeinfo import RunCounts, read_counts, runs_table

SCRIPT = WORKLOADS_DIR / "manycalls.py"
POLL_S = 0.05
EXTRA_CALLS = 2  # `main` and the module itself, which `flow run` records as calls too


@dataclass
class MemoryRun:
    """One run of the many-calls workload: time, memory, and what the store holds."""

    mode: str
    calls: int
    seconds: float
    peak_rss_kb: int
    rss_timeline_kb: list[int] = field(default_factory=list)
    checksum: str = ""
    store_bytes: int | None = None
    counts: RunCounts | None = None


def _rss_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _wait_polling(process: subprocess.Popen[bytes]) -> tuple[int, int, list[int]]:
    """Wait for `process`, sampling its RSS; return exit code, peak RSS (KB) and the samples."""
    timeline: list[int] = []
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return process.returncode, usage.ru_maxrss, timeline
        rss = _rss_kb(process.pid)
        if rss is not None:
            timeline.append(rss)
        time.sleep(POLL_S)


def _command(python: str, mode: str, calls: int) -> list[str]:
    tracer = ["-m", "debugflow", "run", "-q", "--root", str(WORKLOADS_DIR)]
    return [python, *(tracer if mode == "debugflow" else []), str(SCRIPT), str(calls)]


def measure_run(python: str, mode: str, calls: int) -> MemoryRun:
    """Run the workload once and measure it (a traced run also reads its store back)."""
    with tempfile.TemporaryDirectory(prefix="flowbench-mem-") as folder:
        scratch = Path(folder)
        env = dict(base_env(1), FLOW_DATA_DIR=str(scratch / "store"), FLOW_LIVE="0")
        with open(scratch / "stdout", "wb") as stdout:
            start = time.perf_counter()
            process = subprocess.Popen(_command(python, mode, calls), stdout=stdout, env=env)
            code, peak, timeline = _wait_polling(process)
            seconds = time.perf_counter() - start
        output = (scratch / "stdout").read_text()
        if code != 0 or not output.startswith("checksum: "):
            raise SystemExit(f"{mode} run of {calls:,} calls failed (exit {code}): {output!r}")
        run = MemoryRun(mode, calls, seconds, peak, timeline, output.split()[1])
        if mode == "debugflow":
            store = scratch / "store"
            run.store_bytes = sum(item.stat().st_size for item in store.iterdir())
            run.counts = read_counts(python, store)
            print(runs_table(python, store), file=sys.stderr)
        return run


def _timeline(samples: list[int]) -> str:
    """RSS at 10%, 50% and 90% of the run, in MB."""
    if not samples:
        return "–"
    picks = [samples[min(len(samples) - 1, int(len(samples) * share))] for share in (0.1, 0.5, 0.9)]
    return " / ".join(f"{kb / 1024:.0f}" for kb in picks)


def _row(run: MemoryRun) -> str:
    counts = run.counts
    recorded = f"{counts.calls:,} ({counts.stats_calls:,} in stats)" if counts else "–"
    dropped = f"{counts.dropped:,}" if counts else "–"
    store = f"{run.store_bytes / 1e6:.1f} MB" if run.store_bytes is not None else "–"
    return (
        f"| {run.mode} | {run.calls:,} | {run.seconds:.2f}s | {run.peak_rss_kb / 1024:.0f} MB | "
        f"{_timeline(run.rss_timeline_kb)} | {store} | {recorded} | {dropped} |"
    )


def render(facts: dict[str, object], runs: list[MemoryRun]) -> str:
    """The memory table in Markdown, with the checks that every count is exact."""
    lines = [
        f"### Memory — Python {facts['python']}, backend {facts.get('backend')}, {facts['date']}",
        "",
        "| run | calls made | took | peak RSS | RSS at 10/50/90% of the run (MB) | store | "
        "calls recorded | dropped |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *(_row(run) for run in runs),
        "",
    ]
    for run in runs:
        if run.counts:
            expected = run.calls + EXTRA_CALLS
            exact = run.counts.stats_calls == expected
            lines.append(f"- {run.calls:,} calls: store holds {run.counts.stats_calls:,} calls, "
                         f"expected {expected:,}: {'exact' if exact else 'MISMATCH'}")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure 1M and 10M calls, untraced and traced, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=sys.executable, help="interpreter to measure")
    parser.add_argument("--quick", action="store_true", help="100k and 1M calls")
    parser.add_argument("--json", type=Path, help="write the raw numbers to this file")
    options = parser.parse_args(argv)
    facts = environment.describe(options.python)
    sizes = (100_000, 1_000_000) if options.quick else (1_000_000, 10_000_000)
    runs = [
        measure_run(options.python, mode, n) for n in sizes for mode in ("untraced", "debugflow")
    ]
    if len({run.checksum for run in runs if run.calls == sizes[-1]}) != 1:
        raise SystemExit("traced and untraced runs gave different checksums")
    print(render(facts, runs))
    if options.json:
        options.json.write_text(json.dumps([asdict(run) for run in runs], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
