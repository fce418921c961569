"""How long a hub takes to open a recorded run of 10 million calls from its store.

    python bench/history_open.py [--calls 10000000] [--store DIR] [--baseline REV]
                                 [--rounds 3] [--json FILE]

Builds (once; reused from `--store`) a run store holding one run recorded by a real
`flow run` of a tight loop: main() calling step(i), each step calling leaf() twice, for
`--calls` calls in all, with the tracer's default detail budget. Then, for each hub measured
(`--baseline REV`: also the hub of git revision REV, its `src/debugflow` put first on
PYTHONPATH), starts `python -m debugflow.server` on that store and times, `--rounds` times
each, from a fresh hub process:

    GET /api/runs/{id}         the run's final spine as JSON (what the history page opens)
    subscribe (viewer socket)  a viewer asking for the recorded run until its snapshot arrives

and prints a Markdown table of the medians (min–max). The goal (issue 13): under 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

import aiohttp
from hub_replay_memory import exported_source, snapshot_of
from hubproc import start_hub

from debugflow.storage import RunStore

REPO = Path(__file__).resolve().parent.parent
PROGRAM = """\
import sys


def leaf(i):
    return i & 7


def step(i):
    return leaf(i) + leaf(i + 1)


def main(steps):
    total = 0
    for i in range(steps):
        total += step(i)
    print(total)


main(int(sys.argv[1]))
"""


@dataclass
class Timing:
    """One hub's times for one way of opening the run, in seconds."""

    hub: str
    step: str
    seconds: list[float]


def build_store(data_dir: Path, calls: int) -> tuple[str, int]:
    """The store holding the run (built unless `data_dir` has it); its id and call count."""
    path = data_dir / "runs.db"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        script = data_dir / "tight_loop.py"
        script.write_text(PROGRAM)
        steps = (calls - 2) // 3  # the module body and main(), then 3 calls a step
        env = {**os.environ, "FLOW_DATA_DIR": str(data_dir)}
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "debugflow", "run", "-q", "--root", str(data_dir),
             str(script), str(steps)],
            check=True, env=env, cwd=data_dir, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        took = time.perf_counter() - started
        print(f"recorded {path} in {took:.0f} s", file=sys.stderr)
    with RunStore(path) as store:
        run_id = store.resolve("latest")
        summary = store.summary(run_id)
    return run_id, summary.calls


async def _subscribe(url: str, run_id: str) -> float:
    ws_url = url.replace("http://", "ws://").replace("/?", "/ws/viewer?")
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None)) as session:
        ws = await session.ws_connect(ws_url, max_msg_size=0)
        await snapshot_of(ws, None)  # the run list: connected
        started = time.perf_counter()
        snapshot = await snapshot_of(ws, {"type": "subscribe", "run": run_id})
        took = time.perf_counter() - started
        assert snapshot["status"]["state"] == "ended", snapshot["status"]
        await ws.close()
    return took


def _get_spine(url: str, run_id: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url.replace("/?", f"/api/runs/{run_id}?"), timeout=600) as r:
        body = json.loads(r.read())
    took = time.perf_counter() - started
    assert body["snapshot"]["nodes"], body
    return took


def measure(hub: str, data_dir: Path, run_id: str, rounds: int, path: Path | None) -> list[Timing]:
    """Each way of opening the run, `rounds` times, each from a fresh hub."""
    rest, socket = Timing(hub, "GET /api/runs/{id}", []), Timing(hub, "subscribe (viewer)", [])
    for _ in range(rounds):
        for timing in (rest, socket):
            proc, url = start_hub(data_dir, path)
            try:
                if timing is rest:
                    timing.seconds.append(_get_spine(url, run_id))
                else:
                    timing.seconds.append(asyncio.run(_subscribe(url, run_id)))
            finally:
                proc.terminate()
                proc.wait(30)
            print(f"{hub}: {timing.step}: {timing.seconds[-1]:.2f} s", file=sys.stderr)
    return [rest, socket]


def table(timings: list[Timing], calls: int, stored: int) -> str:
    """The medians as a Markdown table, hubs side by side."""
    hubs = list(dict.fromkeys(t.hub for t in timings))
    steps = list(dict.fromkeys(t.step for t in timings))
    by = {(t.hub, t.step): t for t in timings}
    lines = [
        f"{calls:,} calls in one stored run ({stored:,} events stored); "
        f"Python {platform.python_version()}, {platform.platform()}, {os.cpu_count()} CPUs; "
        "median (min–max) over fresh hubs",
        "",
        "| opening the run | " + " | ".join(hubs) + " |",
        "|---|" + "---:|" * len(hubs),
    ]
    for step in steps:
        cells = []
        for hub in hubs:
            found = by.get((hub, step))
            s = found.seconds if found is not None else []
            cells.append(f"{statistics.median(s):.2f} s ({min(s):.2f}–{max(s):.2f})" if s else "–")
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    """Record or reuse the run, measure the hubs, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000_000)
    parser.add_argument("--store", type=Path, default=None,
                        help="folder to record the run in, or reuse it from (default: "
                             "bench/out/history-open-<calls>)")  # fmt: skip
    parser.add_argument("--baseline", default=None, help="also measure the hub of this git rev")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None, help="write every time here too")
    args = parser.parse_args()
    data_dir = args.store or REPO / "bench" / "out" / f"history-open-{args.calls}"
    run_id, calls = build_store(data_dir, args.calls)
    with RunStore(data_dir / "runs.db") as store:
        stored = store.reader(run_id).count()
    timings: list[Timing] = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.baseline:
            source = exported_source(args.baseline, Path(tmp))
            timings += measure(f"at {args.baseline}", data_dir, run_id, args.rounds, source)
        timings += measure("this tree", data_dir, run_id, args.rounds, REPO / "src")
    print(table(timings, calls, stored))
    if args.json:
        args.json.write_text(json.dumps([asdict(t) for t in timings], indent=1))


if __name__ == "__main__":
    main()
