"""The web HUD's frame rate on a big run: 20,000 nodes from 100,000 calls, in a real browser.

    python bench/web_hud_fps.py [--groups 200] [--leaves 99] [--repeat 5] [--seconds 6]
                                [--json FILE]

A hub runs as its own process (`python -m debugflow.server`), Debian's chromium (headless,
driven by Playwright) shows its page at 1600×900, and a traced program (`python -m debugflow
run`) makes `--groups` × (`--leaves` + 1) nodes: each group function calls every leaf
function, and main calls every group `--repeat` times (200 × 100 × 5 = 100,000 calls). The page
records the time of every animation frame (requestAnimationFrame) during each phase:

1. **streaming**: while the program runs and its nodes arrive;
2. **scrolling**: that finished run scrolled with the mouse wheel over the spine (a notch
   every 30 ms, down, then back up);
3. **searching**: queries typed into the search box (plain and /regex/), each followed by
   Enter steps through its hits (each a jump: fold, lay out, scroll, draw);
4. **folding**: "fold below depth" 1, 2, 3 and none in turn, and ←/→ on a tree item.

First, for scale, an empty page in the same browser ("idle page": what the machine allows
while other processes compete for its cores). For each phase: frames per second, the median
and 95th-percentile frame interval, the longest gap between two frames, and the share of
frames later than 20 ms (slower than 50 fps). Also reported: how many node items the
accessible tree holds once the run is in (`tree_items`; it is virtual, so a few hundred).
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
from itertools import pairwise
from pathlib import Path
from typing import Any

from hubproc import running_hub
from hud_latency import CHROMIUM_ARGS, wait_until
from widetree import wide_tree_source

VIEWPORT: Any = {"width": 1600, "height": 900}

PROGRAM = """
import sys
import wide

for _ in range(int(sys.argv[1])):
    for group in wide.GROUPS:
        group(1)
"""

# How many node items the accessible tree holds in the page (all of them before it was virtual).
TREE_ITEMS = "document.querySelectorAll('[role=tree] [role=treeitem][data-node]').length"

# One recording loop at a time: each recording has its own number, an older loop stops.
RECORDER = """() => {
    const mine = (window.__recording = (window.__recording || 0) + 1);
    window.__frames = [];
    const tick = (now) => {
        if (window.__recording !== mine) return;
        window.__frames.push(now);
        requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
}"""


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="web-hud-fps-") as tmp:
        work = Path(tmp)
        with running_hub(work / "data") as url:
            figures = measure(work, url, args)
    print(json.dumps(figures, indent=2))
    print(markdown(figures["phases"]))
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--leaves", type=int, default=99)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=6.0, help="length of each phase")
    parser.add_argument("--json", type=Path, default=None)
    return parser.parse_args()


def write_program(project: Path, groups: int, leaves: int) -> None:
    project.mkdir()
    (project / "wide.py").write_text(wide_tree_source(groups, leaves))
    (project / "big.py").write_text(PROGRAM)


def measure(work: Path, url: str, args: argparse.Namespace) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise SystemExit("install Debian's chromium first: apt-get install -y chromium")
    project = work / "big"
    write_program(project, args.groups, args.leaves)
    calls = args.repeat * args.groups * (args.leaves + 1)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(url)
        page.wait_for_selector(".df-link[data-link=open]")
        phases: dict[str, dict[str, float]] = {}
        # What this machine allows right now: frames of an empty page, with the same browser.
        idle = browser.new_page(viewport=VIEWPORT)
        phases["idle page"] = timed(idle, args.seconds / 2, lambda _: idle.wait_for_timeout(100))
        idle.close()
        record(page)
        started = time.perf_counter()
        program = traced(project, work / "data", str(args.repeat))
        wait_until(
            page, "document.querySelector('[data-field=state]').textContent.startsWith('ended')"
        )
        program.wait(120)
        phases["streaming"] = stop(page, time.perf_counter() - started)
        nodes = page.evaluate("window.debugflowHud.nodes().length")
        shown_calls = page.evaluate(
            "Number(document.querySelector('[data-field=calls]').textContent.replace(/,/g, ''))"
        )
        page.wait_for_timeout(1000)  # the accessible tree catches up
        tree_items = page.evaluate(TREE_ITEMS)
        phases["scrolling"] = timed(page, args.seconds, lambda t: scroll(page, t, args.seconds))
        phases["searching"] = timed(page, args.seconds, lambda t: search(page, t))
        phases["folding"] = timed(page, args.seconds, lambda t: fold(page, t))
        browser.close()
    return {
        "nodes": nodes,
        "tree_items": tree_items,
        "calls_shown": shown_calls,
        "calls_made": calls,
        "viewport": f"{VIEWPORT['width']}x{VIEWPORT['height']}",
        "phases": phases,
    }


def traced(project: Path, data_dir: Path, *argv: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
    env["FLOW_DATA_DIR"] = str(data_dir)
    return subprocess.Popen(
        [sys.executable, "-m", "debugflow", "run", "--quiet", "big.py", *argv],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
    )


def record(page: Any) -> None:
    page.evaluate(RECORDER)


def stop(page: Any, seconds: float) -> dict[str, float]:
    frames = page.evaluate("(() => { window.__recording += 1; return window.__frames; })()")
    return summary([float(f) for f in frames], seconds)


def timed(page: Any, seconds: float, step: Any) -> dict[str, float]:
    """Record frames while `step(elapsed)` is called over and over for `seconds`."""
    record(page)
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        step(elapsed)
    return stop(page, time.perf_counter() - started)


def scroll(page: Any, elapsed: float, seconds: float) -> None:
    page.mouse.move(400, 450)
    page.mouse.wheel(0, 240 if elapsed < seconds / 2 else -240)
    page.wait_for_timeout(30)


QUERIES = ("leaf_1", "group_12", "/^leaf_(1|2)3$/", "leaf_98", "/group_1\\d\\b/")


# The page is driven through plain CSS selectors and ids: Playwright's role and label queries
# walk the whole document in the page's own thread (20,000 tree items), which would count
# against the HUD's frames.


def search(page: Any, elapsed: float) -> None:
    box = page.locator(".df-search-input")
    box.fill(QUERIES[int(elapsed * 2) % len(QUERIES)])
    for _ in range(4):
        box.press("Enter")
        page.wait_for_timeout(40)


def fold(page: Any, elapsed: float) -> None:
    depth = ("1", "2", "3", "")[int(elapsed * 3) % 4]
    page.locator(".df-fold-depth").select_option(depth)
    page.wait_for_timeout(60)
    # The accessible tree is virtual: an item exists only near the view (or while active), so
    # the node is scrolled to first (focusing its item would scroll there anyway); a node
    # folded away has no item, and the keys then go to the item focused before.
    node = 3 + int(elapsed * 7) % 50
    page.evaluate("id => window.debugflowHud.reveal(id)", node)
    page.wait_for_timeout(20)
    page.evaluate("id => document.getElementById(id)?.focus()", f"df-node-{node}")
    page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(30)
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(30)


def summary(frames: list[float], seconds: float) -> dict[str, float]:
    gaps = [b - a for a, b in pairwise(frames)]
    if not gaps:
        return {"seconds": round(seconds, 2), "frames": len(frames)}
    quantiles = statistics.quantiles(gaps, n=20) if len(gaps) > 1 else [gaps[0]] * 19
    span_s = (frames[-1] - frames[0]) / 1000
    return {
        "seconds": round(seconds, 2),
        "frames": len(frames),
        "fps": round(len(gaps) / span_s, 1) if span_s > 0 else 0.0,
        "median_ms": round(statistics.median(gaps), 1),
        "p95_ms": round(quantiles[18], 1),
        "max_gap_ms": round(max(gaps), 1),
        "late_share": round(sum(g > 20 for g in gaps) / len(gaps), 3),
    }


def markdown(phases: dict[str, dict[str, float]]) -> str:
    lines = [
        "| phase | fps | median frame | p95 frame | longest gap | frames > 20 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, p in phases.items():
        lines.append(
            f"| {name} | {p.get('fps', 0)} | {p.get('median_ms', 0)} ms | {p.get('p95_ms', 0)} ms"
            f" | {p.get('max_gap_ms', 0)} ms | {100 * p.get('late_share', 0):.1f} % |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
