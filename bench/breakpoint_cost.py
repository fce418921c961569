"""What breakpoints and focused functions cost a traced program that does not stop.

Each measurement runs in a fresh interpreter: a loop of CALLS calls of a small function,
then one call of a function run once (`rare`), timed untraced, traced, traced with a
debugger and no breakpoint (what every `flow run` that streams to a hub has: the HUD's
debugger, waiting for a breakpoint), traced with a
breakpoint on a line of `rare` (rarely-run code: the case to keep free), and, for
contrast, traced with a conditional breakpoint that never holds on a line of the hot
function (its condition is evaluated at every call); then with line replay
(`flow run --lines`): `rare` focused (rarely-run code traced line by line), and the hot
function focused (each of its calls traced line by line: the price of asking for it). A
debugger with no breakpoint is also one with nothing focused. The breakpoints never pause
(the debugger runs without a front end, as `flow run --break` does off a terminal). "loop"
is the CPU time of the program's own thread (`time.thread_time()`), which the other work on a
shared machine disturbs far less than the wall clock.

    python bench/breakpoint_cost.py [--rounds 5] [--calls 200000] [--backends monitoring,settrace]

Prints a Markdown table per backend: the median loop time of each mode and its ratio to the
traced run without breakpoints.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from debugflow.run.session import TraceSession

MODES = (
    "untraced",
    "traced",
    "debugger present, no breakpoints",
    "rare breakpoint",
    "hot breakpoint, never true",
    "rare function focused",
    "hot function focused",
)


def step(i: int) -> int:
    doubled = i * 2  # the hot line a conditional breakpoint sits on
    return doubled + 1


def rare(total: int) -> int:
    shown = total % 7  # the rarely-run line a breakpoint sits on
    return shown


def loop(calls: int) -> int:
    total = 0
    for i in range(calls):
        total += step(i)
    return rare(total)


def _line_of(function: object, text: str) -> int:
    code = function.__code__  # type: ignore[attr-defined]
    source = Path(__file__).read_text().splitlines()
    return next(n for n in range(code.co_firstlineno, len(source) + 1) if text in source[n - 1])


def child(mode: str, calls: int) -> None:
    """One measurement, in this fresh interpreter; prints one JSON line."""
    if mode == "untraced":
        start = time.thread_time()
        loop(calls)
        print(json.dumps({"loop": time.thread_time() - start}))
        return
    session = _session(mode)
    session.start()
    start = time.thread_time()
    loop(calls)
    elapsed = time.thread_time() - start
    session.stop(0)
    print(json.dumps({"loop": elapsed}))


def _session(mode: str) -> TraceSession:
    from debugflow.config import FlowConfig
    from debugflow.run.session import TraceSession, code_filter

    config = FlowConfig.from_env(root=str(Path(__file__).parent)).with_options(quiet=True)
    if mode == "traced":
        return TraceSession(config, kind="api")
    from debugflow.debugger.breakpoints import BreakpointTable
    from debugflow.debugger.focus import FocusSpec, FocusTable
    from debugflow.debugger.runtime import Debugger
    from debugflow.debugger.specs import BreakSpec

    focus = FocusTable()
    if mode in ("debugger present, no breakpoints", "rare function focused",
                "hot function focused"):  # fmt: skip
        specs: list[BreakSpec] = []
        if mode != "debugger present, no breakpoints":
            name = "rare" if mode == "rare function focused" else "step"
            focus = FocusTable((FocusSpec(name, os.path.realpath(__file__)),))
    elif mode == "rare breakpoint":
        specs = [BreakSpec("line", __file__, _line_of(rare, "shown = total"), condition="False")]
    else:
        specs = [BreakSpec("line", __file__, _line_of(step, "doubled = i"), condition="i < 0")]
    table = BreakpointTable([spec._replace(file=os.path.realpath(spec.file)) for spec in specs])
    debugger = Debugger(table, code_filter(config), can_pause=False, focus=focus)
    return TraceSession(config, kind="api", debugger=debugger)


def measure(mode: str, backend: str, calls: int, data_dir: str) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    env.update(FLOW_DATA_DIR=data_dir, FLOW_HUB="off", FLOW_BACKEND=backend)
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--calls", str(calls)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    loop_s: float = json.loads(done.stdout.splitlines()[-1])["loop"]
    return loop_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--backends", default=None)
    parser.add_argument("--child", choices=MODES)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.calls)
        return
    default = "monitoring,settrace" if sys.version_info >= (3, 12) else "settrace"
    version = ".".join(map(str, sys.version_info[:3]))
    for backend in (args.backends or default).split(","):
        print(
            f"\nPython {version}, {backend} backend, {args.calls:,} calls, median of {args.rounds}"
        )
        print("\n| mode | loop | × traced |\n|---|---:|---:|")
        with tempfile.TemporaryDirectory() as data_dir:
            times = {mode: [] for mode in MODES}  # type: dict[str, list[float]]
            for _ in range(args.rounds):
                for mode in MODES:  # one of each per round: paired under the same load
                    times[mode].append(measure(mode, backend, args.calls, data_dir))
        traced = statistics.median(times["traced"])
        for mode in MODES:
            median = statistics.median(times[mode])
            print(f"| {mode} | {median * 1000:.1f} ms | {median / traced:.2f}× |")


if __name__ == "__main__":
    main()
