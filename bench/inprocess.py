"""Times a workload's `main()` inside one process, untraced or under one tracer.

Run by `run.py` in a fresh interpreter per measurement (a tracer that leaves a hook behind
cannot slow the next one): `python inprocess.py TOOL SCRIPT SIZE SCRATCH`. Prints one JSON
line: `seconds` (tracer start + main, the tracing cost), `finish_seconds` (stop and save) and
the workload's `checksum`.
"""

from __future__ import annotations

import cProfile
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

Main = Callable[[int], str]
Timed = tuple[float, float, str]


def load(script: Path) -> ModuleType:
    """Import a workload script as a module (registered, so dataclasses can find it)."""
    spec = importlib.util.spec_from_file_location(script.stem, script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[script.stem] = module
    spec.loader.exec_module(module)
    return module


def untraced(main: Main, size: int, scratch: Path, script: Path) -> Timed:
    start = time.perf_counter()
    checksum = main(size)
    return time.perf_counter() - start, 0.0, checksum


def under_debugflow(main: Main, size: int, scratch: Path, script: Path) -> Timed:
    import debugflow

    tracer = debugflow.trace(root=str(script.parent))
    start = time.perf_counter()
    tracer.__enter__()
    checksum = main(size)
    traced = time.perf_counter()
    tracer.__exit__(None, None, None)  # stops tracing and finishes writing the run store
    return traced - start, time.perf_counter() - traced, checksum


def under_cprofile(main: Main, size: int, scratch: Path, script: Path) -> Timed:
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    checksum = main(size)
    profile.disable()
    traced = time.perf_counter()
    profile.dump_stats(scratch / "out.prof")
    return traced - start, time.perf_counter() - traced, checksum


def under_viztracer(main: Main, size: int, scratch: Path, args: bool) -> Timed:
    from viztracer import VizTracer

    tracer = VizTracer(
        verbose=0,
        output_file=str(scratch / "out.json"),
        log_func_args=args,
        log_func_retval=args,
    )
    start = time.perf_counter()
    tracer.start()
    checksum = main(size)
    tracer.stop()
    traced = time.perf_counter()
    tracer.save()
    return traced - start, time.perf_counter() - traced, checksum


def measure(tool: str, script: Path, size: int, scratch: Path) -> Timed:
    """Run the workload once under `tool` and time it."""
    main: Main = load(script).main
    if tool == "viztracer":
        return under_viztracer(main, size, scratch, args=False)
    if tool == "viztracer-args":
        return under_viztracer(main, size, scratch, args=True)
    runner = {
        "untraced": untraced,
        "debugflow": under_debugflow,
        "debugflow-py": under_debugflow,  # FLOW_PURE_PYTHON=1 in its environment picks the core
        "cprofile": under_cprofile,
    }
    return runner[tool](main, size, scratch, script)


if __name__ == "__main__":
    tool_name, script_path, size_text, scratch_dir = sys.argv[1:5]
    seconds, finish, result = measure(
        tool_name, Path(script_path), int(size_text), Path(scratch_dir)
    )
    print(json.dumps({"seconds": seconds, "finish_seconds": finish, "checksum": result}))
