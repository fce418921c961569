"""Pause all threads (issue #11, "When paused"): with `pause_all` on (`--pause-all` or
`FLOW_DEBUG_PAUSE_ALL=1`), every other thread of the program waits while one is paused and
goes on when the pause ends; off (the default), the others run on during a pause.

`counter.py`'s worker thread counts while the main thread stops at a breakpoint; the pause
is kept long enough for the worker to count many times (the paused thread sleeps in `p`),
and `count` is read twice in it. Either way the program ends as plain Python ends it.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import run
from debug_helpers import DEBUG_PROGRAMS, converse, debug

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
