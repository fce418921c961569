"""Running `flow debug` and the bdb reference on the same program with the same commands."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import flow, run
from debugflow.protocol import Paused, Resumed

DEBUG_PROGRAMS = Path(__file__).parent / "debug_programs"
ORACLE = Path(__file__).parent / "debug_oracle.py"

# Command scripts: each answers the stops in order; the end of the script quits.
PATTERNS: dict[str, list[str]] = {
    "step": ["s"] * 70,
    "next": ["s"] + ["n"] * 40,
    "step-return": ["s", "s", "s", "r"] * 15,
    "mixed": ["s", "n", "s", "r", "n", "s", "s", "n"] * 9,
    "inside": ["s"] * 5 + ["n"] * 12 + ["r", "s", "s", "n", "n", "r"] * 5,
    "breaks": ["b 2", "b 7", "b 12"] + ["c", "n", "c", "s", "r"] * 8,
}

Stop = tuple[str, int, str]  # file name, line, function name (its last part)
_FLOW_STOP = re.compile(r"^> (?P<file>.+)\((?P<line>\d+)\)(?P<function>.*)\(\)(?: \[thread .*\])?$")
_ORACLE_STOP = re.compile(r"^STOP (?P<file>[^:]+):(?P<line>\d+) (?P<function>.+)$")


def flow_stops(output: str) -> list[Stop]:
    """The stops `flow debug` printed, in order."""
    return _stops(_FLOW_STOP, output)


def _stops(pattern: re.Pattern[str], output: str) -> list[Stop]:
    found: list[Stop] = []
    for line in output.splitlines():
        match = pattern.match(line.removeprefix("(flow) "))
        if match:
            name = Path(match["file"]).name
            found.append((name, int(match["line"]), match["function"].rsplit(".", 1)[-1]))
    return found


def reference_stops(program: str, commands: list[str], env: dict[str, str]) -> list[Stop]:
    """The stops the bdb reference makes for the commands, on this Python."""
    result = run(
        [sys.executable, str(ORACLE), str(DEBUG_PROGRAMS), program],
        env,
        cwd=DEBUG_PROGRAMS,
        stdin="".join(f"{c}\n" for c in commands),
    )
    return _stops(_ORACLE_STOP, result.stderr)


def debug(
    program: str,
    commands: list[str],
    env: dict[str, str],
    backend: str,
    *extra: str,
    args: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """`flow debug [extra…] program [args…]` with the commands on stdin."""
    stdin = "".join(f"{c}\n" for c in commands)
    return flow(
        "debug", *extra, program, *args, env=env, backend=backend, cwd=DEBUG_PROGRAMS, stdin=stdin
    )


def converse(args: list[str], env: dict[str, str], answers: list[str]) -> str:
    """Run on a pseudo-terminal, answering each `(flow) ` prompt with the next line."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        args, cwd=DEBUG_PROGRAMS, env=env, stdin=secondary, stdout=secondary, stderr=secondary
    )
    os.close(secondary)
    screen, pending, deadline = b"", list(answers), time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                data = os.read(main, 65536)
            except OSError:
                break
            if not data:
                break
            screen += data
        if pending and screen.rstrip().endswith(b"(flow)"):
            os.write(main, (pending.pop(0) + "\n").encode())
            screen += b"\n"
    process.wait(timeout=30)
    os.close(main)
    return screen.decode("utf-8", "replace").replace("\r\n", "\n")


# A function that reaches line 2 of its file, where the tests set a breakpoint: the debugger's
# stop engine is called as the tracer would call it, from real threads.
HIT = "def hit(engine, getframe):\n    engine.line(getframe(), 2)\n    return 1\n"


class Recording:
    """The run's record of pauses and resumes, as the store would get it."""

    def __init__(self) -> None:
        self.events: list[Paused | Resumed] = []
        self.lock = threading.Lock()

    def record(self, event: Paused | Resumed) -> None:
        with self.lock:
            self.events.append(event)

    def log(self, message: str) -> None:
        pass


def hit_program(root: Path) -> tuple[object, Path]:
    """`hit`, compiled from a file in `root` (so the file's line 2 can hold a breakpoint)."""
    path = root / "prog.py"
    path.write_text(HIT)
    namespace: dict[str, object] = {"__name__": "prog"}
    exec(compile(HIT, str(path), "exec"), namespace)
    return namespace["hit"], path


def hitting_threads(hit: object, engine: object, hits: list[int]) -> list[threading.Thread]:
    """Started threads, one per count in `hits`, each calling `hit` that many times."""

    def worker(count: int) -> None:
        for _ in range(count):
            hit(engine, sys._getframe)  # type: ignore[operator]

    threads = [threading.Thread(target=worker, args=(n,)) for n in hits]
    for thread in threads:
        thread.start()
    return threads


def check_one_pause_at_a_time(events: list[Paused | Resumed]) -> Paused | None:
    """Assert that the record's pauses never overlap and each is resumed on its own thread;
    the pause still open at the end, if any."""
    open_pause: Paused | None = None
    for event in sorted(events, key=lambda e: e.seq):
        if isinstance(event, Paused):
            assert open_pause is None, "two threads paused at once"
            open_pause = event
        else:
            assert open_pause is not None and open_pause.thread == event.thread
            open_pause = None
    return open_pause
