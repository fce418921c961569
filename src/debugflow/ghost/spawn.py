"""Parent side of the sandbox: start the child (under bubblewrap, or behind its audit hook
alone), feed it the request, decode its signed report frames, and kill it when it overruns
its caps by a margin (a loop stuck in C code, a swallowed stop).

What the parent sees for itself, and the program under the pass cannot write, is kept apart
from the child's report: which isolation was in force, whether the sandbox started (from
bubblewrap's own status pipe), how the child ended, and every piece of the report stream
that was not a valid frame.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

import debugflow
from debugflow.ghost.child.main import IMPORT_SECONDS
from debugflow.ghost.frames import new_key
from debugflow.ghost.model import Isolation
from debugflow.ghost.readers import ReportReader, TailReader
from debugflow.ghost.sandbox import (
    after_failed_start,
    bubblewrap_command,
    probe_bubblewrap,
    python_paths,
)
from debugflow.ghost.wire import GhostRequest

KILL_MARGIN = 2.0  # seconds past a cap before the parent kills the child
_STDERR_TAIL = 4000
_CHILD = ("-m", "debugflow.ghost.child")
_PASSED_ENVIRONMENT = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ")


@dataclass
class ChildOutput:
    """What one sandbox child reported, and what the parent saw of it for itself."""

    isolation: Isolation
    lines: list[dict[str, Any]] = field(default_factory=list)  # the child's valid messages
    tampering: list[str] = field(default_factory=list)  # stream pieces that were not believed
    killed: bool = False
    returncode: int | None = None
    stderr_tail: str = ""
    sandbox_failed: str | None = None  # bubblewrap could not start the sandbox: why


def run_child(request: GhostRequest, isolation: Isolation) -> ChildOutput:
    """Run one sandbox child to its end (or kill it) and return what it reported. When
    bubblewrap cannot start the sandbox, the pass runs again behind the audit hook alone and
    the result says why; where bubblewrap is required, that is a ConfigError instead."""
    output = _run_once(request, isolation)
    if output.sandbox_failed is None:
        return output
    return _run_once(request, after_failed_start(isolation, output.sandbox_failed))


def _run_once(request: GhostRequest, isolation: Isolation) -> ChildOutput:
    key = new_key()
    request = replace(request, report_key=key.hex())
    status_read, status_write = os.pipe() if isolation.strong else (-1, -1)
    with _status_pipe(status_read) as status:
        try:
            process = _start(request, isolation, status_write)
        finally:
            if status_write >= 0:
                os.close(status_write)  # bubblewrap holds the only write end now
        output = _collect(process, request, isolation, key)
        if status is not None:
            output.sandbox_failed = _sandbox_failed(status.read(), output.stderr_tail)
    return output


def _status_pipe(fd: int) -> contextlib.AbstractContextManager[IO[bytes] | None]:
    """Bubblewrap's status pipe, read and closed once the sandbox is over (none without it)."""
    return os.fdopen(fd, "rb") if fd >= 0 else contextlib.nullcontext(None)


def _start(request: GhostRequest, isolation: Isolation, status_fd: int) -> subprocess.Popen[bytes]:
    temp_dir = Path(request.temp_dir)
    command: Sequence[str] = [sys.executable, *_CHILD]
    if isolation.strong:
        bwrap = probe_bubblewrap().path or "bwrap"
        project = [Path(request.root), Path(request.import_base)]
        command = bubblewrap_command(bwrap, temp_dir, python_paths(), status_fd, command, project)
    return subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=temp_dir,
        env=child_environment(temp_dir),
        pass_fds=(status_fd,) if status_fd >= 0 else (),
        # Without bubblewrap, the child leads a process group of its own, so the processes
        # it starts can be ended with it.
        start_new_session=not isolation.strong,
    )


def _collect(
    process: subprocess.Popen[bytes],
    request: GhostRequest,
    isolation: Isolation,
    key: bytes,
) -> ChildOutput:
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    report = ReportReader(process.stdout, key)
    errors = TailReader(process.stderr, _STDERR_TAIL)
    try:
        _send(process.stdin, request.to_json().encode("utf-8"))
        killed = _wait(process, report, request.max_seconds, isolation)
    except BaseException:  # Ctrl+C: the child (in a session of its own) must not outlive us
        process.kill()
        raise
    finally:
        _end_group(process, isolation)
    for reader, pipe in ((report, process.stdout), (errors, process.stderr)):
        reader.thread.join(timeout=5)
        if not reader.thread.is_alive():  # else a process that left the group still holds it
            pipe.close()
    report.finish(cut_off=killed)
    stderr_tail = errors.data.decode("utf-8", errors="replace")
    return ChildOutput(
        isolation=isolation,
        lines=report.decoder.messages,
        tampering=report.tampering(),
        killed=killed,
        returncode=process.returncode,
        stderr_tail=stderr_tail,
    )


def _send(stdin: IO[bytes], data: bytes) -> None:
    try:
        stdin.write(data)
        stdin.close()
    except BrokenPipeError:
        pass  # the child died at once; its stderr says why


def _wait(
    process: subprocess.Popen[bytes],
    report: ReportReader,
    max_seconds: float,
    isolation: Isolation,
) -> bool:
    """Wait for the child; kill it past its deadline. Returns True when it was killed."""
    launched = time.monotonic()
    while True:
        try:
            process.wait(timeout=0.05)
            return False
        except subprocess.TimeoutExpired:
            pass
        if time.monotonic() > kill_deadline(launched, report.started_at, max_seconds):
            # Killing bubblewrap ends the whole sandbox (--die-with-parent, its own pid space).
            process.kill()
            _end_group(process, isolation)
            process.wait()
            return True


def kill_deadline(launched: float, started: float | None, max_seconds: float) -> float:
    """When the parent kills the child, on its own monotonic clock: `max_seconds` and the
    margin past the moment the child's `started` frame arrived. Until one arrives (the child
    is importing the program, or its report was blocked), the import allowance and the same
    cap past the moment the parent launched it: a child whose report is blocked or garbled
    still ends at a time the parent chose."""
    if started is not None:
        return started + max_seconds + KILL_MARGIN
    return launched + IMPORT_SECONDS + max_seconds + KILL_MARGIN


def _end_group(process: subprocess.Popen[bytes], isolation: Isolation) -> None:
    """Without bubblewrap: end the processes the child started that are still in its group."""
    if isolation.strong or sys.platform == "win32":  # Windows has no process groups to end
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):  # nothing left in the group
        os.killpg(process.pid, signal.SIGKILL)


def _sandbox_failed(status: bytes, stderr_tail: str) -> str | None:
    """Why bubblewrap did not start the sandbox, or None when it did: it writes the child's
    pid on its status pipe once the sandbox is built, and the child never holds that pipe."""
    for line in status.decode("utf-8", errors="replace").splitlines():
        try:
            document = json.loads(line)
        except ValueError:
            continue
        if isinstance(document, dict) and "child-pid" in document:
            return None
    return (stderr_tail.strip().splitlines() or ["it ended without starting the child"])[-1]


def child_environment(temp_dir: Path) -> dict[str, str]:
    """The child's environment, cleared: the program sees no token, password or address from
    yours. It keeps PATH and the locale, its home and temporary folder are the pass's folder,
    and Python finds DebugFlow (and PYTHONPATH) as here."""
    env = {name: os.environ[name] for name in _PASSED_ENVIRONMENT if name in os.environ}
    package_parent = str(Path(debugflow.__file__).resolve().parent.parent)
    user_path = os.environ.get("PYTHONPATH")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, user_path) if p)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["HOME"] = env["TMPDIR"] = str(temp_dir)
    user_base = _user_base()
    if user_base is not None:
        env["PYTHONUSERBASE"] = user_base
    return env


def _user_base() -> str | None:
    """Where this Python's user site-packages live, when it uses them: found from the real
    home folder, which the child no longer has."""
    import site

    if not site.ENABLE_USER_SITE or site.getusersitepackages() not in sys.path:
        return None
    return site.getuserbase()
