"""Parent side of the sandbox: start the child, feed it the request, collect its report lines,
and kill it when it overruns its caps by a margin (a loop stuck in C code, a swallowed stop)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import debugflow
from debugflow.ghost.child.main import IMPORT_SECONDS
from debugflow.ghost.wire import GhostRequest, read_lines

KILL_MARGIN = 2.0  # seconds past a cap before the parent kills the child
_STDERR_TAIL = 4000


@dataclass
class ChildOutput:
    """What one sandbox child reported, and whether it had to be killed."""

    lines: list[dict[str, Any]] = field(default_factory=list)
    killed: bool = False
    returncode: int | None = None
    stderr_tail: str = ""


class _Reader:
    """Collects a pipe's bytes on a thread; notices the `started` line on the report pipe."""

    def __init__(self, pipe: IO[bytes], keep_tail: int | None = None):
        self.chunks: list[bytes] = []
        self.started_at: float | None = None
        self._pipe = pipe
        self._tail = keep_tail
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        for line in iter(self._pipe.readline, b""):
            if self.started_at is None and line.startswith(b'{"kind": "started"'):
                self.started_at = time.monotonic()
            self.chunks.append(line)
            if self._tail is not None and len(self.chunks) > 200:
                del self.chunks[:100]

    def text(self) -> bytes:
        data = b"".join(self.chunks)
        return data[-self._tail :] if self._tail is not None else data


def run_child(request: GhostRequest) -> ChildOutput:
    """Run one sandbox child to its end (or kill it) and return its report lines."""
    process = subprocess.Popen(
        [sys.executable, "-m", "debugflow.ghost.child"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=request.temp_dir,
        env=_child_environment(Path(request.temp_dir)),
    )
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    report = _Reader(process.stdout)
    errors = _Reader(process.stderr, keep_tail=_STDERR_TAIL)
    _send(process.stdin, request.to_json().encode("utf-8"))
    killed = _wait(process, report, request.max_seconds)
    report.thread.join(timeout=5)
    errors.thread.join(timeout=5)
    process.stdout.close()
    process.stderr.close()
    return ChildOutput(
        lines=read_lines(report.text()),
        killed=killed,
        returncode=process.returncode,
        stderr_tail=errors.text().decode("utf-8", errors="replace"),
    )


def _send(stdin: IO[bytes], data: bytes) -> None:
    try:
        stdin.write(data)
        stdin.close()
    except BrokenPipeError:
        pass  # the child died at once; its stderr says why


def _wait(process: subprocess.Popen[bytes], report: _Reader, max_seconds: float) -> bool:
    """Wait for the child; kill it past its deadline. Returns True when it was killed."""
    spawned = time.monotonic()
    while True:
        try:
            process.wait(timeout=0.05)
            return False
        except subprocess.TimeoutExpired:
            pass
        started = report.started_at
        deadline = (
            started + max_seconds + KILL_MARGIN
            if started is not None
            else spawned + IMPORT_SECONDS + KILL_MARGIN
        )
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            return True


def _child_environment(temp_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    package_parent = str(Path(debugflow.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["TMPDIR"] = str(temp_dir)
    env.pop("PYTHONSTARTUP", None)
    return env
