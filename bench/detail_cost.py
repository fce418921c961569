"""What a call kept in detail costs the traced program, now that its previews are made on the
program's own thread (at the call and at its return).

Each measurement runs in a fresh interpreter: a loop of CALLS calls of one function taking
typical arguments (an int, a string, a list of 16 floats, a small dict, an object), timed
untraced, traced with every call counted but almost none kept in detail
(`FLOW_DETAIL_CALLS=1`, `FLOW_SAMPLE_EVERY` huge), and traced with every call kept in
detail. "loop" is the program's own time (what the program waits for); "session" adds
stopping the tracer (the collector's last drain and the store's last write).

    python bench/detail_cost.py [--rounds 5] [--calls 20000]

Prints a Markdown table; the per-call figure is (all detailed − counted only) / calls.
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

MODES = ("untraced", "counted", "detailed")


class Point:
    def __init__(self, x: float, y: float) -> None:
        self.x, self.y = x, y


def step(i: int, name: str, values: list[float], options: dict[str, int], at: Point) -> float:
    return i * 0.5 + len(name) + values[0] + options["k"] + at.x


def loop(calls: int) -> float:
    values = [float(v) for v in range(16)]
    options = {"k": 1, "m": 2, "n": 3}
    at = Point(1.0, 2.0)
    total = 0.0
    for i in range(calls):
        total += step(i, "sample", values, options, at)
    return total


def child(mode: str, calls: int) -> None:
    """One measurement, in this fresh interpreter; prints one JSON line."""
    if mode == "untraced":
        start = time.perf_counter()
        loop(calls)
        elapsed = time.perf_counter() - start
        print(json.dumps({"loop": elapsed, "session": elapsed}))
        return
    import debugflow

    tracer = debugflow.trace(root=str(Path(__file__).parent))
    start = time.perf_counter()
    tracer.__enter__()
    looped = time.perf_counter()
    loop(calls)
    done = time.perf_counter()
    tracer.__exit__(None, None, None)
    print(json.dumps({"loop": done - looped, "session": time.perf_counter() - start}))


def measure(mode: str, calls: int, data_dir: str) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    env.update(FLOW_DATA_DIR=data_dir, FLOW_HUB="off", FLOW_SAMPLE_EVERY=str(10**9))
    env["FLOW_DETAIL_CALLS"] = str(calls + 10) if mode == "detailed" else "1"
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--calls", str(calls)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--child", choices=MODES)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.calls)
        return
    found: dict[str, list[dict[str, float]]] = {mode: [] for mode in MODES}
    with tempfile.TemporaryDirectory() as data_dir:
        for _ in range(args.rounds):  # interleaved, so drifts in machine load hit every mode
            for mode in MODES:
                found[mode].append(measure(mode, args.calls, data_dir))
    median = {
        m: {k: statistics.median(r[k] for r in found[m]) for k in ("loop", "session")}
        for m in MODES
    }
    print(
        f"Python {sys.version.split()[0]}, {args.calls:,} calls, median of {args.rounds} rounds\n"
    )
    print("| mode | loop (program's time) | session (with the end of the run) |")
    print("|---|---:|---:|")
    for mode in MODES:
        loop_ms, session_ms = median[mode]["loop"] * 1e3, median[mode]["session"] * 1e3
        print(f"| {mode} | {loop_ms:.1f} ms | {session_ms:.1f} ms |")
    for key in ("loop", "session"):
        per_call = (median["detailed"][key] - median["counted"][key]) / args.calls * 1e6
        print(f"\nper call kept in detail ({key}): {per_call:.1f} µs")


if __name__ == "__main__":
    main()
