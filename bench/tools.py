"""The tools compared: how each one runs a workload as a whole process.

Every tool writes what it records into a scratch folder, so the final write of the store or
trace file is part of the measured time, as it is for a user.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from catalog import WORKLOADS_DIR, Workload

VIZTRACER_ARGS = ("--log_func_args", "--log_func_retval")


@dataclass(frozen=True)
class Tool:
    """A way of running a workload: untraced, or under one tracer or profiler."""

    name: str
    label: str
    needs: str | None = None  # a module that must import in the measured Python
    output: str | None = None  # the file (or folder) it leaves in the scratch folder

    def command(self, python: str, workload: Workload, size: int, scratch: Path) -> list[str]:
        """The argv that runs `workload` under this tool."""
        viztracer = ["-m", "viztracer", "--quiet", "-o", str(scratch / "out.json")]
        prefix = {
            "untraced": [],
            "debugflow": ["-m", "debugflow", "run", "-q", "--root", str(WORKLOADS_DIR)],
            "debugflow-py": ["-m", "debugflow", "run", "-q", "--root", str(WORKLOADS_DIR)],
            "cprofile": ["-m", "cProfile", "-o", str(scratch / "out.prof")],
            "viztracer": viztracer,
            "viztracer-args": [*viztracer, *VIZTRACER_ARGS],
        }[self.name]
        return [python, *prefix, str(workload.script), str(size)]

    def env(self, scratch: Path) -> dict[str, str]:
        """Extra environment variables for one run."""
        if self.name == "debugflow":
            return {"FLOW_DATA_DIR": str(scratch / "store"), "FLOW_LIVE": "0"}
        if self.name == "debugflow-py":  # the Python hot path, where the compiled one is built
            return {
                "FLOW_DATA_DIR": str(scratch / "store"),
                "FLOW_LIVE": "0",
                "FLOW_PURE_PYTHON": "1",
            }
        return {}

    def output_bytes(self, scratch: Path) -> int | None:
        """How many bytes the run left behind (store or trace file), if it writes any."""
        if self.output is None:
            return None
        path = scratch / self.output
        if path.is_dir():
            return sum(item.stat().st_size for item in path.iterdir() if item.is_file())
        return path.stat().st_size if path.exists() else 0


TOOLS: tuple[Tool, ...] = (
    Tool("untraced", "untraced"),
    Tool("debugflow", "DebugFlow", needs="debugflow", output="store"),
    Tool("debugflow-py", "DebugFlow (Python core)", needs="debugflow", output="store"),
    Tool("cprofile", "cProfile", output="out.prof"),
    Tool("viztracer", "VizTracer", needs="viztracer", output="out.json"),
    Tool("viztracer-args", "VizTracer +args", needs="viztracer", output="out.json"),
)
