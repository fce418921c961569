"""Events per second through the hub: a producer process → hub process → one viewer.

    python bench/hub_throughput.py [--calls 100000]

The producer streams call/end pairs through the real hub link (as a traced program would),
the hub builds the spine, and a viewer here follows the run until the hub reports every call.
The figure is events divided by the time from the viewer's first snapshot to the last patch.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from hubproc import until

PRODUCER = r"""
import sys, time
from debugflow.protocol import CallEnded, CallStarted, RunStarted, RunEnded
from debugflow.transport.discovery import hub_from_url
from debugflow.transport.hub_link import HubLink

url, calls, functions = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
origin = time.perf_counter_ns()
run = RunStarted("bench-run", ("bench.py",), "/", "3", "bench", "bench", time.time(), origin)
link = HubLink(hub_from_url(url), run, max_pending=200_000)
link.handle([run, CallStarted(1, None, 1, None, "main", "bench", "/bench.py", 1, None, (), origin)])
batch = []
for i in range(calls - 1):
    cid = i + 2
    t = origin + 10 * cid
    batch.append(CallStarted(cid, 1, 1, None, f"f{i % functions}", "bench", "/bench.py",
                             i % functions + 2, None, (), t))
    batch.append(CallEnded(cid, t + 5, "return"))
    if len(batch) >= 1000:
        while link.pending > 100_000:  # the collector would drop here; the bench waits
            time.sleep(0.001)
        link.handle(batch)
        batch = []
link.handle(batch + [CallEnded(1, origin + 10 * calls + 10, "return"),
                     RunEnded(time.time(), 0, calls, 0, 0)])
link._flush_timeout = 30.0
link.close()
print(link.dropped)
"""


# `FLOW_BENCH_PROFILE_HUB=out.prof` runs the hub under cProfile, to see where its time goes.
HUB_PREFIX = (
    ["-m", "cProfile", "-o", os.environ["FLOW_BENCH_PROFILE_HUB"]]
    if os.environ.get("FLOW_BENCH_PROFILE_HUB")
    else []
)


def start_hub(data_dir: Path) -> tuple[subprocess.Popen[str], str]:
    """The hub as a subprocess on a free port; returns it and its URL."""
    env = {**os.environ, "FLOW_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, *HUB_PREFIX, "-m", "debugflow.server", "--port", "0", "--no-browser"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().split(": ", 1)[1].strip()


async def follow(url: str, calls: int, functions: int) -> float:
    """Start the producer, follow its run; seconds from first snapshot to the final count."""
    ws_url = url.replace("http://", "ws://").replace("/?", "/ws/viewer?")
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(ws_url, max_msg_size=0)
        producer = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            PRODUCER,
            url,
            str(calls),
            str(functions),
            stdout=asyncio.subprocess.PIPE,
        )
        await until(ws, lambda m: m["type"] == "runs" and bool(m["runs"]))
        await ws.send_json({"type": "subscribe", "run": "bench-run"})
        await until(ws, lambda m: m["type"] == "snapshot")
        start = time.perf_counter()
        await until(ws, lambda m: (m.get("status") or {}).get("state") == "ended")
        elapsed = time.perf_counter() - start
        out, _ = await producer.communicate()
        print(f"producer dropped {out.decode().strip()} events")
        await ws.close()
        return elapsed


def main() -> None:
    """Run the benchmark once and print the figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument(
        "--functions", type=int, default=200, help="distinct functions (nodes) the calls go to"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        hub, url = start_hub(Path(tmp))
        try:
            elapsed = asyncio.run(follow(url, args.calls, args.functions))
        finally:
            hub.terminate()
            hub.wait(10)
    events = 2 * args.calls + 2
    print(
        f"hub throughput: {events / elapsed:,.0f} events/s "
        f"({events:,} events in {elapsed:.2f} s, producer process → hub → 1 viewer)"
    )


if __name__ == "__main__":
    main()
