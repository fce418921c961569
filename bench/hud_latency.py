"""How fast and how smoothly the web HUD follows a traced program, measured in a real browser.

    python bench/hud_latency.py [--probes 200] [--calls 100000]

A hub runs as its own process (`python -m debugflow.server`) and Debian's chromium, driven by
Playwright, shows its page. Two traced programs run with `python -m debugflow run`:

1. latency: the program calls `--probes` distinct functions 20 ms apart, noting `time.time()`
   just before each call; the page notes `Date.now()` in the frame each new node is first
   drawn (window.debugflowHud.appeared()). Both read the same system clock, so the difference
   is the call-to-pixels latency: tracer → hub link → hub → spine patch → page → frame.
2. throughput and frame rate: a program makes `--calls` calls as fast as it can; the page's
   status panel must reach the final count. Meanwhile window.debugflowHud counts animation
   frames and the longest gap between two (a frozen tab shows as a long gap).
3. many nodes: the same while `--nodes` distinct functions are each called 20 times (a spine
   that cannot collapse: layout, accessible tree and drawing all grow).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from hubproc import running_hub

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

PROBES = """
import json, sys, time
import probe_functions

times = {}
for i in range(int(sys.argv[1])):
    time.sleep(0.02)
    times[f"probe_{i}"] = time.time()
    getattr(probe_functions, f"probe_{i}")(i)
with open(sys.argv[2], "w") as out:
    json.dump(times, out)
"""

STREAM = """
import sys

def leaf(i):
    return i * 2

def middle(i):
    return leaf(i) + leaf(i + 1)

def run(n):
    total = 0
    for i in range(n):
        total += middle(i)
    return total

run(int(sys.argv[1]) // 3)
"""

WIDE = """
import sys
import wide_functions

for _ in range(20):
    for i in range(int(sys.argv[1])):
        getattr(wide_functions, f"f_{i}")(i)
"""


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="hud-bench-") as tmp:
        work = Path(tmp)
        with running_hub(work / "data") as url:
            figures = measure_all(work, url, args)
    print(json.dumps(figures, indent=2))
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--probes", type=int, default=200, help="distinct calls timed")
    parser.add_argument("--calls", type=int, default=100_000, help="calls streamed for fps")
    parser.add_argument("--nodes", type=int, default=2_000, help="distinct functions (nodes)")
    return parser.parse_args()


def measure_all(work: Path, url: str, args: argparse.Namespace) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise SystemExit("install Debian's chromium first: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.wait_for_selector(".df-link[data-link=open]")
        figures = {"latency": latency(page, work, args.probes)}
        figures["stream"] = stream(
            page, work, "stream", STREAM, args.calls, args.calls // 3 * 3 + 2
        )
        figures["nodes"] = stream(page, work, "wide", WIDE, args.nodes, args.nodes * 20 + 2)
        browser.close()
    return figures


def latency(page: Any, work: Path, probes: int) -> dict[str, float]:
    """Call → node drawn in the page, in milliseconds."""
    project = work / "latency"
    project.mkdir()
    functions = "".join(f"def probe_{i}(x):\n    return x\n\n" for i in range(probes))
    (project / "probe_functions.py").write_text(functions)
    (project / "probes.py").write_text(PROBES)
    times_file = work / "call-times.json"
    traced(project, work / "data", "probes.py", str(probes), str(times_file))
    wait_until(page, f"window.debugflowHud.nodes().length >= {probes + 1}")
    page.wait_for_timeout(300)
    called = json.loads(times_file.read_text())
    names = {n["id"]: n["function"] for n in page.evaluate("window.debugflowHud.nodes()")}
    appeared = page.evaluate("window.debugflowHud.appeared()")
    delays = [
        appeared[str(node_id)] - called[name] * 1000
        for node_id, name in names.items()
        if name in called and str(node_id) in appeared
    ]
    quantiles = statistics.quantiles(delays, n=20)
    return {
        "samples": len(delays),
        "p50_ms": round(statistics.median(delays), 1),
        "p95_ms": round(quantiles[18], 1),
        "max_ms": round(max(delays), 1),
    }


def stream(
    page: Any, work: Path, name: str, source: str, size: int, expected: int
) -> dict[str, float]:
    """Calls as fast as possible: time until the page shows them all, and its frame rate."""
    project = work / name
    project.mkdir()
    (project / f"{name}.py").write_text(source)
    functions = "".join(f"def f_{i}(x):\n    return x\n\n" for i in range(size))
    (project / "wide_functions.py").write_text(functions)
    page.evaluate("window.debugflowHud.resetMeter()")
    started = time.perf_counter()
    program_s = traced(project, work / "data", f"{name}.py", str(size))
    wait_until(
        page,
        "Number(document.querySelector('[data-field=calls]').textContent.replace(/,/g, ''))"
        f" >= {expected}",
    )
    shown_s = time.perf_counter() - started
    meter = page.evaluate(
        "({fps: window.debugflowHud.fps(), gap: window.debugflowHud.maxFrameGapMs,"
        " frames: window.debugflowHud.frames, nodes: window.debugflowHud.nodes().length})"
    )
    return {
        "calls": expected,
        "nodes": meter["nodes"],
        "program_s": round(program_s, 2),
        "page_shows_all_s": round(shown_s, 2),
        "calls_per_s_to_page": round(expected / shown_s),
        "fps": round(meter["fps"], 1),
        "max_frame_gap_ms": round(meter["gap"], 1),
        "frames": meter["frames"],
    }


def traced(project: Path, data_dir: Path, script: str, *args: str) -> float:
    """Run `python -m debugflow run` on a script; returns its wall time in seconds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    env["FLOW_DATA_DIR"] = str(data_dir)
    started = time.perf_counter()
    # The figures in RESULTS.md were measured with 100 calls per function in detail (then the
    # default): pinned, so re-runs compare with them.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "debugflow",
            "run",
            "--quiet",
            "--detail-calls",
            "100",
            script,
            *args,
        ],
        cwd=project,
        env=env,
        check=True,
    )
    return time.perf_counter() - started


def wait_until(page: Any, condition: str, timeout_ms: int = 120_000) -> None:
    page.wait_for_function(f"() => {condition}", timeout=timeout_ms, polling=50)


if __name__ == "__main__":
    sys.exit(main())
