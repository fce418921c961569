"""The hub's memory while it replays and pages a long recorded run.

    python bench/hub_replay_memory.py [--calls 10000000] [--store DIR] [--baseline REV]

Builds (once; reused from `--store`) a run store holding one run of `--calls` calls, written
straight into a RunStore with `begin_run`/`append` as a traced program's writer would: main()
calling step(i), each step calling forward() and backward(); the first 10 calls of each
function and one in 1000 with an argument preview, the rest without (as the tracer keeps them).
Then, for each hub measured, starts `python -m debugflow.server` on that store and, through a
real viewer WebSocket and the REST API:

    replay the whole run (`at: null`), seek back to half of it, forward to three quarters,
    subscribe (the recorded run's final spine), page /api/runs/{id}/events at offset 0, at the
    middle, and the page after that

reporting after each step the hub process's resident memory (VmRSS) and its peak so far
(VmHWM) from /proc/<pid>/status, and how long the step took. `--baseline REV` first measures
the hub of git revision REV (its `src/debugflow` exported to a temporary folder and put first
on PYTHONPATH), so both appear side by side. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import aiohttp
from hubproc import start_hub

from debugflow.protocol import (
    ArgPreview,
    CallEnded,
    CallStarted,
    Event,
    FunctionStats,
    NodeSeen,
    NodeStats,
    RunEnded,
    RunStarted,
    ThreadSeen,
)
from debugflow.storage import RunStore

REPO = Path(__file__).resolve().parent.parent
RUN_ID = "bench-replay"
ORIGIN = 1_000_000_000
FILE = "/bench/train.py"
BATCH = 30_000  # events per append, about what a traced program's writer commits at once
DETAIL_CALLS, SAMPLE_EVERY = 10, 1000  # the tracer's defaults
PAGE = 10_000  # the events API's largest page
# function -> (node id, parent node id, first line); main() is node 1 at the top.
FUNCTIONS = {
    "main": (1, None, 1),
    "step": (2, 1, 10),
    "forward": (3, 2, 20),
    "backward": (4, 2, 30),
}


@dataclass
class Step:
    """One measured step: how long it took and the hub's memory after it (KB)."""

    hub: str
    step: str
    seconds: float
    rss_kb: int
    peak_kb: int


# -- the store ----------------------------------------------------------------------------


def run_events(calls: int) -> Iterator[list[Event]]:
    """The run's events in batches: main() and (calls - 1) / 3 steps of three calls."""
    run = RunStarted(RUN_ID, ("train.py",), "/bench", "3", "bench", "bench", time.time(), ORIGIN)
    nodes = [
        NodeSeen(node, parent, 1, None, fn, "train", FILE, line, None, ORIGIN + 10 * node)
        for fn, (node, parent, line) in FUNCTIONS.items()
    ]
    batch: list[Event] = [run, ThreadSeen(1, "MainThread"), *nodes, _call(1, None, "main", 0, 10)]
    steps = (calls - 1) // 3
    for i in range(steps):
        cid, t = 3 * i + 2, 100 + 1000 * i
        batch += [
            _call(cid, 1, "step", i, t),
            _call(cid + 1, cid, "forward", i, t + 100),
            CallEnded(cid + 1, ORIGIN + t + 300, "return"),
            _call(cid + 2, cid, "backward", i, t + 400),
            CallEnded(cid + 2, ORIGIN + t + 600, "return"),
            CallEnded(cid, ORIGIN + t + 700, "return"),
        ]
        if len(batch) >= BATCH:
            yield batch
            batch = []
    end = ORIGIN + 100 + 1000 * steps
    batch.append(CallEnded(1, end, "return"))
    batch += [_stats(fn, steps) for fn in FUNCTIONS]
    batch += [NodeStats(node, steps, 0, 1000 * steps, 300 * steps, 200, 300, 700)
              for node, _, _ in FUNCTIONS.values()]  # fmt: skip
    batch.append(RunEnded(time.time(), 0, 1 + 3 * steps, 0, 0))
    yield batch


def _call(cid: int, parent: int | None, fn: str, i: int, t: int) -> CallStarted:
    """The `i`-th call of `fn`, with its argument preview when the tracer would keep one."""
    node, _parent_node, line = FUNCTIONS[fn]
    detailed = i < DETAIL_CALLS or i % SAMPLE_EVERY == 0
    args = (ArgPreview("i", "int", str(i)),) if detailed else ()
    return CallStarted(
        cid, parent, 1, None, fn, "train", FILE, line, line + 1, args, ORIGIN + t, detailed, node
    )


def _stats(fn: str, steps: int) -> FunctionStats:
    return FunctionStats(fn, "train", FILE, FUNCTIONS[fn][2], steps, 0, 1000, 500, 200, 300, 700)


def build_store(data_dir: Path, calls: int) -> Path:
    """The store holding the run, built unless `data_dir` already holds it."""
    path = data_dir / "runs.db"
    if path.exists():
        with RunStore(path) as store:
            found = store.runs()
        if [(r.run_id, r.calls) for r in found] == [(RUN_ID, 1 + 3 * ((calls - 1) // 3))]:
            print(f"reusing {path} ({path.stat().st_size / 1e9:.2f} GB)", file=sys.stderr)
            return path
        raise SystemExit(f"{path} holds something else; give another --store folder")
    data_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with RunStore(path) as store:
        for i, batch in enumerate(run_events(calls)):
            if i == 0:
                store.begin_run(batch[0])  # type: ignore[arg-type]
            store.append(RUN_ID, batch)
    took = time.perf_counter() - started
    print(f"built {path}: {calls:,} calls in {took:.0f} s, {path.stat().st_size / 1e9:.2f} GB",
          file=sys.stderr)  # fmt: skip
    return path


# -- one hub ------------------------------------------------------------------------------


def exported_source(rev: str, into: Path) -> Path:
    """`src/debugflow` of git revision `rev`, extracted under `into`; returns its src folder."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", rev, "src/debugflow"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    tar_path = into / "src.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def memory_kb(pid: int) -> tuple[int, int]:
    """VmRSS and VmHWM (the peak resident set so far) of a process, in KB."""
    fields: dict[str, int] = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0])
    return fields["VmRSS"], fields["VmHWM"]


async def measure(hub: str, pid: int, url: str) -> list[Step]:
    """Replay, seek, subscribe and page through one hub; the memory after each step."""
    steps: list[Step] = []

    async def step(name: str, action: Callable[[], Awaitable[Any]]) -> Any:
        started = time.perf_counter()
        result = await action()
        seconds = time.perf_counter() - started
        steps.append(Step(hub, name, seconds, *memory_kb(pid)))
        print(f"{hub}: {name}: {seconds:.1f} s, peak {steps[-1].peak_kb / 1024:.0f} MB",
              file=sys.stderr)  # fmt: skip
        return result

    ws_url = url.replace("http://", "ws://").replace("/?", "/ws/viewer?")
    api = url.replace("/?", f"/api/runs/{RUN_ID}/events?")
    timeout = aiohttp.ClientTimeout(total=None)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        ws = await session.ws_connect(ws_url, max_msg_size=0)
        await step("idle (connected)", lambda: snapshot_of(ws, None))
        end = await step("replay the whole run", lambda: snapshot_of(ws, replay(None)))
        last = end["at"]
        await step("seek back to 1/2", lambda: snapshot_of(ws, replay(last // 2)))
        await step("seek forward to 3/4", lambda: snapshot_of(ws, replay(last * 3 // 4)))
        subscribe = {"type": "subscribe", "run": RUN_ID}
        await step("subscribe (final spine)", lambda: snapshot_of(ws, subscribe))
        first = await step("events page at 0", lambda: get_json(session, api, 0))
        middle = first["total"] // 2
        page = await step("events page at the middle", lambda: get_json(session, api, middle))
        await step("the page after it", lambda: get_json(session, api, page["next"]))
        await ws.close()
    return steps


def replay(at: int | None) -> dict[str, Any]:
    """A paused replay of the run at `at` (None: its end)."""
    return {"type": "replay", "run": RUN_ID, "at": at, "speed": 0}


async def snapshot_of(ws: Any, command: dict[str, Any] | None) -> dict[str, Any]:
    """Send `command` and wait for the snapshot answering it (None: wait for the run list)."""
    if command is not None:
        await ws.send_json(command)
    wanted = "runs" if command is None else "snapshot"
    while True:
        msg = await ws.receive()
        if msg.type != aiohttp.WSMsgType.TEXT:
            raise RuntimeError(f"viewer connection ended: {msg}")
        data: dict[str, Any] = json.loads(msg.data)
        if data["type"] == wanted:
            return data


async def get_json(session: aiohttp.ClientSession, api: str, offset: int) -> dict[str, Any]:
    """One page of the run's events."""
    async with session.get(f"{api}&offset={offset}&limit={PAGE}") as resp:
        resp.raise_for_status()
        page: dict[str, Any] = await resp.json()
    assert len(page["events"]) == min(PAGE, page["total"] - offset), page.get("error")
    return page


def run_hub(hub: str, data_dir: Path, pythonpath: Path | None) -> list[Step]:
    """Start a hub, measure it, stop it."""
    proc, url = start_hub(data_dir, pythonpath)
    try:
        return asyncio.run(measure(hub, proc.pid, url))
    finally:
        proc.terminate()
        proc.wait(30)


# -- report -------------------------------------------------------------------------------


def table(steps: list[Step], calls: int, events: int) -> str:
    """The steps as a Markdown table, hubs side by side."""
    hubs = list(dict.fromkeys(s.hub for s in steps))
    names = list(dict.fromkeys(s.step for s in steps))
    by = {(s.hub, s.step): s for s in steps}
    head = "| step | " + " | ".join(f"{h}: took · RSS after · peak so far" for h in hubs) + " |"
    lines = [
        f"{calls:,} calls ({events:,} events) in one stored run; Python {platform.python_version()}"
        f", {platform.platform()}, {os.cpu_count()} CPUs",
        "",
        head,
        "|---|" + "---:|" * len(hubs),
    ]
    for name in names:
        cells = [_cell(by.get((hub, name))) for hub in hubs]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(step: Step | None) -> str:
    if step is None:
        return "–"
    return (
        f"{step.seconds:.1f} s · {step.rss_kb / 1024:,.0f} MB · **{step.peak_kb / 1024:,.0f} MB**"
    )


def main() -> None:
    """Build or reuse the store, measure the hubs, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000_000)
    parser.add_argument("--store", type=Path, default=None,
                        help="folder to build the store in, or reuse it from (default: "
                             "bench/out/hub-replay-<calls>)")  # fmt: skip
    parser.add_argument("--baseline", default=None, help="also measure the hub of this git rev")
    parser.add_argument("--json", type=Path, default=None, help="write every step here too")
    args = parser.parse_args()
    data_dir = args.store or REPO / "bench" / "out" / f"hub-replay-{args.calls}"
    build_store(data_dir, args.calls)
    with RunStore(data_dir / "runs.db") as store:
        events = store.reader(RUN_ID).count()
    steps: list[Step] = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.baseline:
            source = exported_source(args.baseline, Path(tmp))
            steps += run_hub(f"at {args.baseline}", data_dir, source)
        steps += run_hub("this tree", data_dir, REPO / "src")
    print(table(steps, args.calls, events))
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in steps], indent=1))


if __name__ == "__main__":
    main()
