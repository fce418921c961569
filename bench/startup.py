"""Start-up and shutdown: `flow run -q` of an empty script against `python` of it.

    python bench/startup.py [--rounds 20] [--against REF ...]

Every round runs `python empty.py` and `python -m debugflow run -q empty.py` in the script's
folder, as a user runs their own script (so the script is under the run's root and traced, its
`<module>` call included), and the same for each `--against` git ref (whose `src/` is exported
to a temporary folder and put first on PYTHONPATH), in an order that rotates from round to
round. Byte-code caches are on, as on a user's machine (PYTHONDONTWRITEBYTECODE is removed, and
a private PYTHONPYCACHEPREFIX is warmed by one unmeasured run of each), and the store already
exists. It prints the median wall time and the median CPU time (user + system, all threads) of
each, and each one's difference from `python` within the same round (paired).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from time import perf_counter

REPO = Path(__file__).resolve().parent.parent


def measure(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `command` in `cwd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    wall = perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def export_src(ref: str, into: Path) -> Path:
    """`src/` of git `ref`, written under `into`."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", ref, "src"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--against", action="append", default=[], metavar="REF")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        script = work / "empty.py"
        script.write_text("", encoding="utf-8")
        base = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_")}
        base.pop("PYTHONDONTWRITEBYTECODE", None)
        base.update(FLOW_DATA_DIR=str(work / "data"), PYTHONPYCACHEPREFIX=str(work / "pyc"))
        trees = {"this tree": REPO / "src"}
        for ref in args.against:
            trees[ref] = export_src(ref, work / ref.replace("/", "_"))
        commands: dict[str, tuple[list[str], dict[str, str]]] = {
            "python": ([sys.executable, str(script)], base)
        }
        for label, src in trees.items():
            env = {**base, "PYTHONPATH": str(src)}
            run = [sys.executable, "-m", "debugflow", "run", "-q", str(script)]
            commands[f"flow run -q ({label})"] = (run, env)
        for command, env in commands.values():
            measure(command, env, work)  # warm the byte-code cache and create the store
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        names = list(commands)
        for round_ in range(args.rounds):
            shift = round_ % len(names)
            for name in names[shift:] + names[:shift]:
                samples[name].append(measure(*commands[name], work))
    python = samples["python"]
    print(f"{args.rounds} rounds, {sys.executable} ({sys.version.split()[0]})")
    print(f"{'':32} {'wall':>8} {'cpu':>8} {'wall - python':>14} {'cpu - python':>13}")
    for name, runs in samples.items():
        wall = statistics.median(w for w, _ in runs) * 1000
        cpu = statistics.median(c for _, c in runs) * 1000
        dwall = (
            statistics.median((w - p) for (w, _), (p, _) in zip(runs, python, strict=True)) * 1000
        )
        dcpu = (
            statistics.median((c - p) for (_, c), (_, p) in zip(runs, python, strict=True)) * 1000
        )
        print(f"{name:32} {wall:6.1f}ms {cpu:6.1f}ms {dwall:12.1f}ms {dcpu:11.1f}ms")


if __name__ == "__main__":
    main()
