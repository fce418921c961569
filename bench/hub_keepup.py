"""Does the hub keep up with a traced program? A real run streamed through a hub to one viewer.

    python bench/hub_keepup.py [--workloads app,wide] [--rounds 3] [--json FILE]

A hub runs as its own process (`python -m debugflow.server`) on a fresh data folder, a viewer
here follows it over its WebSocket as the web HUD does, and the workload runs under
`python -m debugflow run -q`, which finds the hub and streams to it. Workloads: `app`, the
application mix of `bench/run.py` (about 1.1 million calls), and `wide`, 5,000 functions each
called in 20 rounds (every round changes 5,000 nodes at once: the shape that once made the
hub fall behind and the run show `lost`).

For each round it prints the program's wall time, how long after the program's exit the
viewer saw the run end (`lag`: the hub's backlog at exit), every state the viewer was shown
(`live`, `ended`; never `lost`), and how many updates it got while the program ran (a live
view gets them while the program runs: `longest_gap_s` is the longest wait for one between
the viewer's subscription and the program's exit).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import aiohttp
from hubproc import start_hub, until

HERE = Path(__file__).resolve().parent
FUNCTIONS, ROUNDS = 5_000, 20
LEAVES = "".join(f"def f{i}(x):\n    return x + {i}\n\n\n" for i in range(FUNCTIONS))
WIDE = LEAVES + textwrap.dedent(
    f"""
    leaves = [globals()[f"f{{i}}"] for i in range({FUNCTIONS})]

    def round_of(x):
        for leaf in leaves:
            x = leaf(x) % 1_000_003
        return x

    def main():
        x = 0
        for _ in range({ROUNDS}):
            x = round_of(x)
        print(x)

    main()
    """
)


def workload_script(name: str, folder: Path) -> Path:
    """The script of a workload, in `folder` (the run's root, so all of it is traced)."""
    if name == "app":
        target = folder / "app.py"
        target.write_text((HERE / "workloads" / "app.py").read_text())
        return target
    target = folder / "wide.py"
    target.write_text(WIDE)
    return target


async def follow(url: str, script: Path, data_dir: Path) -> dict[str, Any]:
    """Run `script` traced while a viewer follows its run; what the viewer saw, and when."""
    ws_url = url.replace("http://", "ws://").replace("/?", "/ws/viewer?")
    env = {**os.environ, "FLOW_DATA_DIR": str(data_dir)}
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(ws_url, max_msg_size=0)
        started = time.perf_counter()
        program = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "debugflow", "run", "-q", str(script),
            cwd=script.parent, env=env, stdout=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        runs = await until(ws, lambda m: m["type"] == "runs" and bool(m["runs"]))
        await ws.send_json({"type": "subscribe", "run": runs["runs"][0]["id"]})
        snapshot = await until(ws, lambda m: m["type"] == "snapshot")
        subscribed = time.perf_counter()
        exit_task = asyncio.ensure_future(program.wait())
        state = (snapshot.get("status") or {}).get("state")
        states: list[str] = [state] if state else []
        update_times: list[float] = []  # of the updates that came while the program ran
        exited_at = None
        while state not in ("ended", "lost"):
            receive = asyncio.ensure_future(ws.receive())
            done, _ = await asyncio.wait({receive, exit_task}, return_when=asyncio.FIRST_COMPLETED)
            if exit_task in done and exited_at is None:
                exited_at = time.perf_counter()
            if receive not in done:
                message = await receive
            else:
                message = receive.result()
            if message.type != aiohttp.WSMsgType.TEXT:
                raise RuntimeError(f"viewer connection ended: {message}")
            data = message.json()
            if exited_at is None:
                update_times.append(time.perf_counter())
            state = (data.get("status") or {}).get("state")
            if state and (not states or states[-1] != state):
                states.append(state)
            if state in ("ended", "lost"):
                break
        ended_at = time.perf_counter()
        await exit_task
        exited_at = exited_at if exited_at is not None else ended_at
        await ws.close()
    # The longest wait for an update while the program ran, the one after the last included.
    times = [subscribed, *update_times, exited_at]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    return {
        "program_s": round(exited_at - started, 3),
        "lag_s": round(max(0.0, ended_at - exited_at), 3),
        "states": states,
        "updates_while_running": len(update_times),
        "longest_gap_s": round(max(gaps, default=0.0), 3),
    }


def main() -> None:
    """Run each workload `--rounds` times and print what the viewer saw."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workloads", default="app,wide")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write the rounds to this file")
    args = parser.parse_args()
    results: dict[str, list[dict[str, Any]]] = {}
    for name in args.workloads.split(","):
        for round_number in range(1, args.rounds + 1):
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp)
                data_dir = folder / "data"
                hub, url = start_hub(data_dir)
                try:
                    script = workload_script(name, folder)
                    seen = asyncio.run(follow(url, script, data_dir))
                finally:
                    hub.terminate()
                    hub.wait(10)
            results.setdefault(name, []).append(seen)
            print(f"{name} round {round_number}: {json.dumps(seen)}", flush=True)
    for name, rounds in results.items():
        lags = [r["lag_s"] for r in rounds]
        lost = sum("lost" in r["states"] for r in rounds)
        print(
            f"{name}: program {statistics.median(r['program_s'] for r in rounds):.2f} s, "
            f"lag after exit median {statistics.median(lags):.2f} s (max {max(lags):.2f}), "
            f"runs shown lost: {lost} of {len(rounds)}"
        )
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
