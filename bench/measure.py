"""Runs one measurement in a fresh process and checks that its result is right.

`whole_process` times the complete `python …` command from outside (start-up and the final
write of the store or trace file included); `in_process` runs `inprocess.py`, which times the
workload's `main()` under the tracer from inside. Both compare the workload's checksum with the
untraced one: a wrong result raises `RunFailed` instead of giving a number.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from catalog import Workload
from tools import Tool

INPROCESS_SCRIPT = Path(__file__).resolve().parent / "inprocess.py"
Inspect = Callable[[Path], None]


class RunFailed(Exception):
    """A measured run exited with an error or printed a wrong checksum."""


class RunTimedOut(RunFailed):
    """A measured run did not finish in time (it was killed): a result, not a defect."""


@dataclass(frozen=True)
class Job:
    """One run to measure: which interpreter, tool, workload and size, and its limits."""

    python: str
    tool: Tool
    workload: Workload
    size: int
    env: dict[str, str]
    expected: str | None  # the untraced checksum, once known
    timeout: float


@dataclass(frozen=True)
class Sample:
    """One timed run: seconds, plus stop-and-save seconds and bytes written where known."""

    seconds: float
    checksum: str
    finish_seconds: float = 0.0
    output_bytes: int | None = None


def base_env(blas_threads: int) -> dict[str, str]:
    """The environment every run shares (0 BLAS threads: leave the libraries' default).

    Byte-code caches are allowed, as on a user's machine: every tool's own modules load from
    them after the first round.
    """
    env = dict(os.environ, PYTHONHASHSEED="0")
    for name in ("FLOW_BACKEND", "FLOW_PURE_PYTHON", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    if blas_threads > 0:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env[name] = str(blas_threads)
    return env


def _run(argv: list[str], env: dict[str, str], cwd: Path, timeout: float) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        done = subprocess.run(
            argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise RunTimedOut(f"timed out: > {timeout:.0f}s") from None
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        raise RunFailed(f"exit code {done.returncode}: {tail}")
    return seconds, done.stdout


def _checksum(stdout: str) -> str:
    for line in stdout.splitlines():
        if line.startswith("checksum: "):
            return line.removeprefix("checksum: ").strip()
    raise RunFailed(f"no checksum in the output: {stdout[-200:]!r}")


def _verified(checksum: str, expected: str | None) -> str:
    if expected is not None and checksum != expected:
        raise RunFailed(f"wrong result: checksum {checksum!r}, untraced gives {expected!r}")
    return checksum


def whole_process(job: Job, inspect: Inspect | None = None) -> Sample:
    """Time the whole `python …` process of the job's workload under its tool."""
    with tempfile.TemporaryDirectory(prefix="flowbench-") as folder:
        scratch = Path(folder)
        argv = job.tool.command(job.python, job.workload, job.size, scratch)
        env = {**job.env, **job.tool.env(scratch)}
        seconds, stdout = _run(argv, env, scratch, job.timeout)
        checksum = _verified(_checksum(stdout), job.expected)
        if inspect is not None:
            inspect(scratch)
        return Sample(seconds, checksum, output_bytes=job.tool.output_bytes(scratch))


def in_process(job: Job) -> Sample:
    """Time the job's workload `main()` inside one process under its tool (saving excluded)."""
    with tempfile.TemporaryDirectory(prefix="flowbench-") as folder:
        scratch = Path(folder)
        script, size = str(job.workload.script), str(job.size)
        argv = [job.python, str(INPROCESS_SCRIPT), job.tool.name, script, size, folder]
        _, stdout = _run(argv, {**job.env, **job.tool.env(scratch)}, scratch, job.timeout)
        result = json.loads(stdout.strip().splitlines()[-1])
        checksum = _verified(str(result["checksum"]), job.expected)
        return Sample(
            result["seconds"], checksum, result["finish_seconds"], job.tool.output_bytes(scratch)
        )
