"""How long a hub takes to open a recorded run of 10 million calls from its store.

    python bench/history_open.py [--calls 10000000] [--every-call] [--store DIR]
                                 [--baseline REV] [--rounds 3] [--json FILE]
                                 [--append-calls N]

For each tree measured (this one; with `--baseline REV` also git revision REV, its
`src/debugflow` put first on PYTHONPATH), records (once; reused from `--store`) a run store
in `<store>/<tree>/` holding one run recorded by a real `flow run` of a tight loop with that
tree's code: main() calling step(i), each step calling leaf() twice, for `--calls` calls in
all, with the tracer's default detail budget, or with `--every-call` a budget that keeps
every call whole (FLOW_DETAIL_CALLS above the call count: the store holds a row per call).
Each tree records its own store: a store is written in its version's schema, which an older
DebugFlow refuses to open. Then starts `python -m debugflow.server` of that tree on its
store and times, `--rounds` times each, from a fresh hub process:

    GET /api/runs/{id}         the run's final spine as JSON (what the history page opens)
    subscribe (viewer socket)  a viewer asking for the recorded run until its snapshot arrives

and prints a Markdown table of the medians (min–max), with how long each recording took
(the whole `flow run`, which waits at exit for the store's writer to finish) and how many
events its writer dropped (a writer that cannot keep up with the tracer sheds events). The
goal (issue 13): under 2 s.

`--append-calls N` also times, `--rounds` times per tree, the trees taking turns, each
tree's RunStore appending N synthetic calls (`hub_replay_memory.run_events`, every call a
row) into a fresh store in appends of the writer's size: the CPU seconds of the store's
work per stored call, which the writer thread must keep up with.
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


@dataclass
class Recording:
    """One tree's stored run: its id and calls, the events stored, how long recording it
    took (None: the store was reused) and the events its writer dropped."""

    run_id: str
    calls: int
    stored: int
    seconds: float | None
    dropped: int


# Read in a subprocess with the tree's own code: this tree's RunStore would upgrade an older
# tree's store to its schema, which that tree's hub would then refuse.
_DESCRIBE = """
import json, sys
from pathlib import Path
from debugflow.storage import RunStore
with RunStore(Path(sys.argv[1])) as store:
    run_id = store.resolve("latest")
    summary = store.summary(run_id)
    stored = store.reader(run_id).count()
print(json.dumps([run_id, summary.calls, stored, summary.dropped]))
"""


# Appends synthetic calls (every call a row) into a fresh store as a traced program's
# writer does (appends of 5,000 events), and prints the CPU seconds that took.
_APPEND = """
import sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from hub_replay_memory import RUN_ID, run_events
from debugflow.storage import RunStore
from debugflow.storage.writer import WRITE_AT_ONCE
events = [event for batch in run_events(int(sys.argv[1])) for event in batch]
with tempfile.TemporaryDirectory() as folder, RunStore(Path(folder) / "runs.db") as store:
    store.begin_run(events[0])
    started = time.process_time()
    for at in range(0, len(events), WRITE_AT_ONCE):
        store.append(RUN_ID, events[at : at + WRITE_AT_ONCE])
    print(time.process_time() - started)
"""


def append_seconds(calls: int, source: Path) -> float:
    """CPU seconds `source`'s RunStore takes to append `calls` synthetic calls."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    bench = str(Path(__file__).resolve().parent)
    found = subprocess.run(
        [sys.executable, "-c", _APPEND, str(calls), bench],
        check=True, env=env, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return float(found)


def time_appends(trees: list[tuple[str, str, Path]], calls: int, rounds: int) -> list[Timing]:
    """Each tree's CPU seconds to append `calls` synthetic calls, the trees taking turns
    (so that a change in the machine's load falls on both)."""
    step = f"appending {calls:,} calls (CPU)"
    found = {hub: Timing(hub, step, []) for hub, _, _ in trees}
    for _ in range(rounds):
        for hub, _, source in trees:
            found[hub].seconds.append(append_seconds(calls, source))
            print(f"{hub}: {step}: {found[hub].seconds[-1]:.2f} s", file=sys.stderr)
    return list(found.values())


def build_store(data_dir: Path, calls: int, every_call: bool, source: Path) -> Recording:
    """The run recorded with `source`'s code into `data_dir` (unless it holds it already)."""
    path = data_dir / "runs.db"
    env = {**os.environ, "FLOW_DATA_DIR": str(data_dir), "PYTHONPATH": str(source)}
    if every_call:
        env["FLOW_DETAIL_CALLS"] = str(calls + 1)
    took = None
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        script = data_dir / "tight_loop.py"
        script.write_text(PROGRAM)
        steps = (calls - 2) // 3  # the module body and main(), then 3 calls a step
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "debugflow", "run", "-q", "--root", str(data_dir),
             str(script), str(steps)],
            check=True, env=env, cwd=data_dir, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        took = time.perf_counter() - started
        print(f"recorded {path} in {took:.0f} s", file=sys.stderr)
    described = subprocess.run(
        [sys.executable, "-c", _DESCRIBE, str(path)],
        check=True, env=env, capture_output=True, text=True,
    ).stdout  # fmt: skip
    run_id, run_calls, stored, dropped = json.loads(described)
    return Recording(run_id, run_calls, stored, took, dropped)


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


def table(timings: list[Timing], recordings: dict[str, Recording]) -> str:
    """The recordings and the medians as a Markdown table, trees side by side."""
    hubs = list(recordings)
    by = {(t.hub, t.step): t for t in timings}

    def row(label: str, cells: list[str]) -> str:
        return f"| {label} | " + " | ".join(cells) + " |"

    lines = [
        f"Python {platform.python_version()}, {platform.platform()}, {os.cpu_count()} CPUs; "
        "median (min–max) over fresh hubs",
        "",
        row("", hubs),
        "|---|" + "---:|" * len(hubs),
        row("calls in the run", [f"{recordings[h].calls:,}" for h in hubs]),
        row("events stored", [f"{recordings[h].stored:,}" for h in hubs]),
        row("recording it (`flow run`)", [_took(recordings[h].seconds) for h in hubs]),
        row("events the writer dropped", [f"{recordings[h].dropped:,}" for h in hubs]),
    ]
    for step in dict.fromkeys(t.step for t in timings):
        cells = []
        for hub in hubs:
            found = by.get((hub, step))
            s = found.seconds if found is not None else []
            cells.append(f"{statistics.median(s):.2f} s ({min(s):.2f}–{max(s):.2f})" if s else "–")
        lines.append(row(step, cells))
    return "\n".join(lines)


def _took(seconds: float | None) -> str:
    return "(reused)" if seconds is None else f"{seconds:.0f} s"


def main() -> None:
    """Record or reuse each tree's run, measure its hub, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000_000)
    parser.add_argument("--every-call", action="store_true",
                        help="record with a detail budget that keeps every call")  # fmt: skip
    parser.add_argument("--store", type=Path, default=None,
                        help="folder to record the runs in, or reuse them from (default: "
                             "bench/out/history-open-<calls>[-every-call])")  # fmt: skip
    parser.add_argument("--baseline", default=None, help="also measure the hub of this git rev")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None, help="write every time here too")
    parser.add_argument("--append-calls", type=int, default=0,
                        help="also time each tree's store appending this many synthetic "
                             "calls, every call a row (CPU seconds)")  # fmt: skip
    args = parser.parse_args()
    kind = "-every-call" if args.every_call else ""
    data_dir = args.store or REPO / "bench" / "out" / f"history-open-{args.calls}{kind}"
    timings: list[Timing] = []
    recordings: dict[str, Recording] = {}
    with tempfile.TemporaryDirectory() as tmp:
        trees = [("this tree", "this-tree", REPO / "src")]
        if args.baseline:
            source = exported_source(args.baseline, Path(tmp))
            trees.insert(0, (f"at {args.baseline}", f"at-{args.baseline}", source))
        for hub, folder, source in trees:
            recordings[hub] = build_store(data_dir / folder, args.calls, args.every_call, source)
            run_id = recordings[hub].run_id
            timings += measure(hub, data_dir / folder, run_id, args.rounds, source)
        if args.append_calls:
            timings += time_appends(trees, args.append_calls, args.rounds)
    print(table(timings, recordings))
    if args.json:
        measured = {
            "recordings": {hub: asdict(found) for hub, found in recordings.items()},
            "timings": [asdict(timing) for timing in timings],
        }
        args.json.write_text(json.dumps(measured, indent=1))


if __name__ == "__main__":
    main()
