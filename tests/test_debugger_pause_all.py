"""Pause all threads (issue #11, "When paused"): with `pause_all` on (`--pause-all` or
`FLOW_DEBUG_PAUSE_ALL=1`), every other thread of the program waits while one is paused and
goes on when the pause ends; off (the default), the others run on during a pause.

`counter.py`'s worker thread counts while the main thread stops at a breakpoint; the pause
is kept long enough for the worker to count many times (the paused thread sleeps in `p`),
and `count` is read twice in it. Either way the program ends as plain Python ends it.
In process, the engine fed line events by hand shows which threads are held: the program's,
never DebugFlow's own (`debugflow-…`).
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import run
from debug_helpers import DEBUG_PROGRAMS, converse, debug
from debugflow.debugger.breakpoints import BreakpointTable
from debugflow.debugger.controller import Command
from debugflow.debugger.runtime import Debugger
from debugflow.tracer.codefilter import CodeFilter

PROGRAM = "counter.py"
LINE = next(
    number
    for number, text in enumerate((DEBUG_PROGRAMS / PROGRAM).read_text().splitlines(), 1)
    if "pauses here" in text
)
BREAK = f"{PROGRAM}:{LINE}"
NAP = 'p __import__("time").sleep(0.3)'  # the paused thread waits; the pause goes on
IN_PAUSE = [NAP, "p count", NAP, NAP, "p count", "c"]
_COUNT = re.compile(r"^(?:\(flow\) )?p count\n(\d+)$", re.MULTILINE)


def counts(output: str) -> list[int]:
    """The values `p count` printed, in order."""
    return [int(found) for found in _COUNT.findall(output)]


def plain(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, PROGRAM], env, cwd=DEBUG_PROGRAMS)


def programs_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("worker ")]


@pytest.mark.parametrize("how", ["off", "--pause-all", "FLOW_DEBUG_PAUSE_ALL=1"])
def test_flow_debug_holds_the_other_threads_only_with_pause_all(
    how: str, backend: str, flow_env: dict[str, str]
) -> None:
    env, extra = dict(flow_env), ["--break", BREAK]
    if how.startswith("FLOW_"):
        env["FLOW_DEBUG_PAUSE_ALL"] = "1"
    elif how != "off":
        extra.append(how)
    result = debug(PROGRAM, ["c", *IN_PAUSE], env, backend, *extra)
    assert f"breakpoint 1 ({BREAK})" in result.stdout, result.stdout + result.stderr
    before, after = counts(result.stdout)
    assert before >= 1
    if how == "off":
        assert after > before  # the worker counted while the main thread was paused
    else:
        assert after == before  # held for the whole pause
    expected = plain(flow_env)
    assert expected.stdout == "worker started\nworker went on: True\n"
    # after `c` the worker counts again: the program sees it and ends as plain Python does
    assert programs_lines(result.stdout) == expected.stdout.splitlines()
    assert result.returncode == expected.returncode == 3


def test_flow_run_pause_all_on_a_terminal(backend: str, flow_env: dict[str, str]) -> None:
    env = {**flow_env, "FLOW_BACKEND": backend, "TERM": "dumb"}
    args = [sys.executable, "-m", "debugflow", "run", "--pause-all", "--break", BREAK, PROGRAM]
    screen = converse(args, env, IN_PAUSE)
    assert f"breakpoint 1 ({BREAK})" in screen
    before, after = counts(screen)
    assert after == before >= 1
    assert programs_lines(screen) == ["worker started", "worker went on: True"]


HIT = "def hit(engine, getframe):\n    engine.line(getframe(), 2)\n    return 1\n"


@pytest.mark.parametrize("pause_all", [True, False])
def test_only_the_programs_other_threads_are_held(tmp_path: Path, pause_all: bool) -> None:
    """In process, the stop engine fed line events by hand: while one thread is paused, a
    thread of the program waits at its next line (only with pause_all; held, not queued to
    pause), a thread of DebugFlow's never does, and the held one goes on after `c`."""
    path = tmp_path / "prog.py"
    path.write_text(HIT)
    namespace: dict[str, Any] = {"__name__": "prog"}
    exec(compile(HIT, str(path), "exec"), namespace)
    debugger = Debugger(BreakpointTable(), CodeFilter(tmp_path), pause_all=pause_all)
    args = (debugger.engine, sys._getframe)

    def start(name: str) -> threading.Thread:
        thread = threading.Thread(target=namespace["hit"], args=args, name=name)
        thread.start()
        return thread

    assert debugger.submit(Command("pause", 0)).accepted
    paused = start("paused")
    deadline = time.monotonic() + 5
    while debugger.state.phase != "paused" and time.monotonic() < deadline:
        time.sleep(0.01)
    state = debugger.state
    assert state.phase == "paused" and state.thread == paused.ident
    other, own = start("worker"), start("debugflow-test")
    own.join(5)
    assert not own.is_alive()
    other.join(0.3)
    assert other.is_alive() is pause_all
    assert debugger.controller.waiting == () and debugger.state == state
    assert debugger.submit(Command("continue", state.seq)).accepted
    for thread in (paused, other):
        thread.join(5)
        assert not thread.is_alive()
    assert debugger.state.phase == "running"
