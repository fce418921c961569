"""The desktop HUD's frame rate and call→pixel latency on this machine's software renderer.

    python bench/hud_fps.py [--nodes 20000] [--calls 100000] [--seconds 10] [--rounds 1]
                            [--max-fps 60] [--baseline REV] [--json FILE]

Everything is real and runs in its own processes: an Xvfb server of its own (1920×1080; the
HUD draws through Mesa's software OpenGL there, as it would on a machine without a GPU), a hub
(`python -m debugflow.server --no-browser --port 0`), the desktop HUD
(`python -m debugflow.hud --stats-file …`, docked full height at the right edge) and traced
programs under `python -m debugflow run`. The figures are the HUD's own stats lines (one a
second: frames drawn, nodes, call→pixel latency). Each round measures:

1. **nodes, streaming**: a program builds a call tree of `--nodes` distinct nodes (200 group
   functions, each calling the same leaf functions: one node per leaf per group), paced over
   `--seconds`, while the HUD follows it.
2. **nodes, scrolling**: that finished run, scrolled up with the wheel (xdotool, 25 notches a
   second) for `--seconds`, the pointer over the spine, so the hover card follows too.
3. **calls, streaming**: a loop of `--calls` calls over three functions, paced over
   `--seconds`, with a new probe function called every 1/20 of a second, whose nodes give
   the latency samples.

The CPU each process used in each phase (in cores, from /proc) is reported beside the
figures, with what the rest of the machine used meanwhile ("others"), and the HUD's CPU time
per frame drawn, which depends less on what else runs than the frame rate does. With
`--baseline REV` the HUD of that git revision (its `src/debugflow`, exported and put first
on its PYTHONPATH) runs every round too, before the work tree's, on the same hub.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import environment
from cpushare import CpuMeter
from hubproc import start_hub
from hudfigures import Phase, by_name, markdown, summary
from widetree import wide_tree_source
from xdisplay import WHEEL_UP, move_pointer, turn_wheel, window_geometry, xvfb

from debugflow.spine.model import SpineLimits

REPO = Path(__file__).resolve().parent.parent
SCREEN = (1920, 1080)
HUD_TITLE = "DebugFlow HUD"
GROUPS = 200  # group functions in the many-nodes program
PROBES_PER_SECOND = 20
WHEEL_NOTCHES, WHEEL_DELAY_MS = 10, 40  # one xdotool call: 10 notches, 25 a second
TIMEOUT = 180.0

NODES_PROGRAM = """
import sys, time
import wide_tree

def main(seconds):
    start = time.perf_counter()
    for index, group in enumerate(wide_tree.GROUPS):
        group(index)
        late = start + (index + 1) * seconds / len(wide_tree.GROUPS) - time.perf_counter()
        if late > 0:
            time.sleep(late)

main(float(sys.argv[1]))
"""

CALLS_PROGRAM = """
import sys, time
import probes

def leaf(i):
    return i * 2

def middle(i):
    return leaf(i) + leaf(i + 1)

def main(calls, seconds, count):
    per_probe = -(-calls // (3 * count))
    start = time.perf_counter()
    total = 0
    for k in range(count):
        for i in range(per_probe):
            total += middle(i)
        getattr(probes, f"probe_{k}")(k)
        late = start + (k + 1) * seconds / count - time.perf_counter()
        if late > 0:
            time.sleep(late)
    return total

main(int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]))
"""


def main() -> int:
    """Run the rounds, print the figures as JSON and as a Markdown table."""
    args = parse_args()
    started = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="hud-fps-") as tmp:
        phases, drawn_by = measure(Path(tmp), args)
    facts = machine_facts(started, load, args)
    facts["renderer"] = drawn_by
    if args.json is not None:
        args.json.write_text(json.dumps({"facts": facts, "phases": [asdict(p) for p in phases]}))
    print(json.dumps([summary(g) for g in by_name(phases)], indent=1), file=sys.stderr)
    print(markdown(facts, phases))
    return 0


def parse_args() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=20_000, help="distinct nodes in phase 1")
    parser.add_argument("--calls", type=int, default=100_000, help="calls streamed in phase 3")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each phase")
    parser.add_argument("--rounds", type=int, default=1, help="times each phase runs")
    parser.add_argument("--max-fps", type=float, default=60.0, help="the HUD's --max-fps")
    parser.add_argument("--json", type=Path, help="write every stats line used to this file")
    parser.add_argument("--baseline", help="also measure the HUD of this git revision, "
                        "alternating with the work tree's round by round")  # fmt: skip
    return parser.parse_args()


def log(message: str) -> None:
    """Progress, on stderr."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---- the processes ----


def measure(work: Path, args: argparse.Namespace) -> tuple[list[Phase], str]:
    """Start Xvfb and a hub, then run every round's phases on a HUD of its own (each HUD in
    turn with --baseline); returns the phases and the OpenGL driver the HUD drew with."""
    data = work / "data"
    data.mkdir(mode=0o700)
    huds: list[tuple[str, Path | None]] = [("work tree", None)]
    if args.baseline:
        huds.insert(0, (args.baseline, exported_source(args.baseline, work / "baseline")))
    phases: list[Phase] = []
    drawn_by = "unknown"
    with xvfb(*SCREEN) as (display, xvfb_pid):
        hub, _ = start_hub(data)  # the HUD finds it through data/hub.json
        try:
            for index in range(args.rounds):
                for label, source in huds:
                    log(f"round {index + 1} of {args.rounds}, the HUD of the {label}")
                    stats = Stats(work / f"hud-stats-{index}-{len(phases)}.jsonl")
                    hud = start_hud(display, data, stats.path, args.max_fps, source)
                    try:
                        pids = {"hud": hud.pid, "hub": hub.pid, "xvfb": xvfb_pid}
                        bench = Bench(work, data, display, stats, pids, args)
                        phases += [replace(p, hud=label) for p in bench.round(len(phases))]
                        drawn_by = renderer(hud.pid)
                    finally:
                        stop(hud)
        finally:
            stop(hub)
    return phases, drawn_by


def exported_source(rev: str, into: Path) -> Path:
    """`src/debugflow` of git revision `rev`, extracted under `into`; returns its src folder."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", rev, "src/debugflow"],
        check=True,
        capture_output=True,
    ).stdout
    into.mkdir()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def start_hud(
    display: str, data: Path, stats: Path, max_fps: float, source: Path | None
) -> subprocess.Popen[str]:
    """The desktop HUD on `display` (its code from `source`, else the work tree's), writing
    its stats; returns once it says `hud: ready`."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = display
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(source), env.get("PYTHONPATH", "")]).rstrip(":")
    command = [sys.executable, "-m", "debugflow.hud", "--data-dir", str(data)]
    command += ["--stats-file", str(stats), "--max-fps", f"{max_fps:g}"]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("hud: ready"):
            return proc
        if line.startswith("hud: error"):
            break
    proc.kill()
    raise SystemExit(f"the HUD did not start (last line: {line.strip()!r})")


def stop(proc: subprocess.Popen[str]) -> None:
    """SIGTERM, then a kill if it does not go."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


class Stats:
    """The HUD's stats file, read as it grows."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def lines(self) -> list[dict[str, Any]]:
        """Every stats line so far."""
        if not self.path.exists():
            return []
        text = self.path.read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines() if line.endswith("}")]

    def wait(self, check: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        """The first new stats line that satisfies `check`."""
        deadline = time.monotonic() + TIMEOUT
        lines: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            lines = self.lines()
            if lines and check(lines[-1]):
                return lines[-1]
            time.sleep(0.2)
        last = json.dumps(lines[-1]) if lines else "none"
        raise SystemExit(f"timed out waiting for {what}; the last stats line: {last}")


# ---- the phases ----


class Bench:
    """The phases of one round, on one HUD."""

    def __init__(
        self,
        work: Path,
        data: Path,
        display: str,
        stats: Stats,
        pids: dict[str, int],
        args: argparse.Namespace,
    ) -> None:
        self.work, self.data, self.display = work, data, display
        self.stats, self.pids, self.args = stats, pids, args

    def round(self, index: int) -> list[Phase]:
        """The three phases, in order."""
        seconds = f"{self.args.seconds:g}"
        project = self.work / f"nodes-{index}"
        expected = write_nodes_program(project, self.args.nodes)
        streamed = self.stream("nodes, streaming", project, ["tree.py", seconds], expected)
        scrolled = self.scroll(expected)
        project = self.work / f"calls-{index}"
        count = round(self.args.seconds * PROBES_PER_SECOND)
        expected = write_calls_program(project, count)
        argv = ["calls.py", str(self.args.calls), seconds, str(count)]
        return [streamed, scrolled, self.stream("calls, streaming", project, argv, expected)]

    def stream(self, name: str, project: Path, argv: list[str], expected: int) -> Phase:
        """Run a paced program traced; the phase lasts until the HUD holds all its nodes."""
        log(f"{name}: {expected:,} nodes")
        lines = self.stats.lines()
        before = lines[-1]["view"]["run"] if lines else None
        meter = CpuMeter(self.pids, split="hud")
        meter.start()
        began = time.monotonic()
        program = self.traced(project, argv)
        _, status, usage = os.wait4(program.pid, 0)
        program.returncode = os.waitstatus_to_exitcode(status)
        ran = time.monotonic() - began
        if program.returncode != 0:
            raise SystemExit(f"{argv[0]} exited with status {program.returncode}")
        self.stats.wait(
            lambda r: r["view"]["run"] != before and r["nodes"] >= expected,
            f"the HUD to hold all {expected:,} nodes",
        )
        cores = meter.stop({"program": usage.ru_utime + usage.ru_stime})
        seconds = time.monotonic() - began
        found = phase(name, self.stats.lines()[len(lines) :], seconds, expected, cores)
        found.program_seconds = round(ran, 2)
        return found

    def traced(self, project: Path, argv: list[str]) -> subprocess.Popen[bytes]:
        """`python -m debugflow run` on a program, streaming to the hub."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
        env.update(FLOW_DATA_DIR=str(self.data), PYTHONDONTWRITEBYTECODE="1")
        command = [sys.executable, "-m", "debugflow", "run", "--quiet", *argv]
        return subprocess.Popen(command, cwd=project, env=env)

    def scroll(self, nodes: int) -> Phase:
        """Scroll the finished run up with the wheel, the pointer over the spine."""
        self.stats.wait(lambda r: r["view"]["settled"], "the run drawn and still")
        window = window_geometry(self.display, HUD_TITLE)
        if window is None:
            raise SystemExit("the HUD's window is not on the display")
        move_pointer(self.display, window.x + 60, window.y + window.height * 0.45)
        first = len(self.stats.lines())
        meter = CpuMeter(self.pids, split="hud")
        meter.start()
        began = time.monotonic()
        while time.monotonic() - began < self.args.seconds:
            turn_wheel(self.display, WHEEL_UP, WHEEL_NOTCHES, WHEEL_DELAY_MS)
        cores = meter.stop()
        seconds = time.monotonic() - began
        move_pointer(self.display, 5, 5)  # off the window: nothing hovered
        return phase("nodes, scrolling", self.stats.lines()[first:], seconds, nodes, cores)


def phase(
    name: str, lines: list[dict[str, Any]], seconds: float, nodes: int, cores: dict[str, float]
) -> Phase:
    """A phase from the stats lines written during it (the first straddles its start)."""
    inside = lines[1:]
    latency = [r["latency_ms"] for r in inside if r["latency_ms"]]
    fps = [r["fps"] for r in inside]
    return Phase(name, "work tree", round(seconds, 2), nodes, fps, latency, cores)


# ---- the programs ----


def write_nodes_program(project: Path, nodes: int) -> int:
    """A program whose call tree has about `nodes` nodes; returns how many exactly."""
    project.mkdir()
    leaves = max(1, nodes // GROUPS - 1)
    (project / "wide_tree.py").write_text(wide_tree_source(GROUPS, leaves))
    (project / "tree.py").write_text(NODES_PROGRAM)
    made = 3 + GROUPS * (leaves + 1)  # the two modules and main, each group and its leaves
    return min(made, SpineLimits().max_nodes)  # the hub draws the first 20,000


def write_calls_program(project: Path, probes: int) -> int:
    """The call loop and its probe functions; returns the nodes its run has."""
    project.mkdir()
    (project / "calls.py").write_text(CALLS_PROGRAM)
    source = "".join(f"def probe_{k}(x):\n    return x\n\n" for k in range(probes))
    (project / "probes.py").write_text(source)
    return 5 + probes  # the two modules, main, middle, leaf and each probe


def machine_facts(
    started: str, load: tuple[float, ...], args: argparse.Namespace
) -> dict[str, Any]:
    """The machine, interpreter and settings the figures were measured with."""
    facts: dict[str, Any] = environment.own_facts()
    facts.update(
        date=started,
        load_average=[round(value, 2) for value in load],
        max_fps=args.max_fps,
        screen=f"{SCREEN[0]}x{SCREEN[1]}",
        system=platform.system(),
    )
    return facts


def renderer(pid: int) -> str:
    """The OpenGL driver a process has loaded, from its memory map (Linux)."""
    try:
        with open(f"/proc/{pid}/maps", encoding="utf-8") as maps:
            names = {line.split("/")[-1].strip() for line in maps if ".so" in line}
    except OSError:
        return "unknown"
    drivers = sorted(n for n in names if "_dri" in n or "gallium" in n or "nvidia" in n.lower())
    return ", ".join(drivers) or "unknown"


if __name__ == "__main__":
    sys.exit(main())
