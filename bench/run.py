"""Measure what tracing costs: each workload untraced, under DebugFlow, cProfile and VizTracer.

For every workload, rounds of paired, interleaved runs (every tool once per round, the order
rotating) are timed as whole processes and in process; the table shows the median of the
per-round ratios traced ÷ untraced with their min–max. Every traced run's checksum must equal
the untraced one. Usage:

    bench/.venvs/py3.12/bin/python bench/run.py [--quick] [--workloads app,numpy_train]
        [--python OTHER_PYTHON …] [--rounds 5] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

import environment
import measure
from catalog import Workload, select
from report import render
from results import InterpreterResult, WorkloadResult
from storeinfo import read_counts
from tools import TOOLS, Tool


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", action="append", help="interpreter to measure (repeatable; "
                        "default: the one running this script)")  # fmt: skip
    parser.add_argument("--workloads", help="comma-separated workloads (default: all)")
    parser.add_argument("--tools", help="comma-separated tools (default: all)")
    parser.add_argument("--quick", action="store_true", help="small sizes, 2 rounds: a smoke run")
    parser.add_argument("--rounds", type=int, help="paired rounds per workload (default 5)")
    parser.add_argument("--args-rounds", type=int, help="rounds that include VizTracer with "
                        "argument capture, 13-190x slower than untraced (default 1)")  # fmt: skip
    parser.add_argument("--blas-threads", type=int, default=1, help="BLAS/OpenMP threads for "
                        "every run (default 1; 0 leaves the libraries' default)")  # fmt: skip
    parser.add_argument("--timeout", type=float, help="seconds before a run is killed and "
                        "reported as not finished (default 150, 60 with --quick)")  # fmt: skip
    parser.add_argument("--no-inprocess", action="store_true", help="whole processes only")
    parser.add_argument("--json", type=Path, help="write the raw numbers to this file")
    options = parser.parse_args(argv)
    options.rounds = options.rounds or (2 if options.quick else 5)
    options.timeout = options.timeout or (60.0 if options.quick else 150.0)
    options.args_rounds = min(options.args_rounds or 1, options.rounds)
    return options


def log(message: str) -> None:
    """Progress, on stderr so stdout holds only the tables."""
    print(message, file=sys.stderr, flush=True)


def chosen_tools(names: str | None) -> list[Tool]:
    """The tools to run; `untraced` is always one of them (every ratio needs it)."""
    if not names:
        return list(TOOLS)
    wanted = {"untraced", *(part.strip() for part in names.split(","))}
    return [tool for tool in TOOLS if tool.name in wanted]


def _missing(packages: dict[str, str | None], needs: tuple[str, ...]) -> str | None:
    absent = [name for name in needs if not packages.get(name)]
    return f"{', '.join(absent)} not installed for this Python" if absent else None


class WorkloadBench:
    """Runs the rounds of one workload on one interpreter and collects the samples."""

    def __init__(self, python: str, workload: Workload, options: argparse.Namespace) -> None:
        self.python = python
        self.workload = workload
        self.options = options
        self.size = workload.size_for(options.quick)
        self.env = measure.base_env(options.blas_threads)
        self.result = WorkloadResult(workload.name, self.size)
        self.expected: str | None = None

    def run(self, tools: list[Tool]) -> WorkloadResult:
        """Every round, every tool once per round, in an order that rotates each round."""
        for index in range(self.options.rounds):
            order = tools[index % len(tools) :] + tools[: index % len(tools)]
            self.result.rounds.append({"whole": {}, "inprocess": {}})
            for tool in order:
                if self._takes_part(tool, index):
                    self._measure(tool, index)
        return self.result

    def _takes_part(self, tool: Tool, index: int) -> bool:
        if tool.name in self.result.failures or tool.name in self.result.missing:
            return False
        return tool.name != "viztracer-args" or index < self.options.args_rounds

    def _measure(self, tool: Tool, index: int) -> None:
        modes = ["whole"] if self.options.no_inprocess else ["whole", "inprocess"]
        for mode in modes:
            if f"{tool.name}:{mode}" in self.result.timeouts:
                continue  # it did not finish once: another try would only wait as long again
            try:
                sample = self._sample(tool, mode)
            except measure.RunTimedOut as slow:
                self.result.timeouts[f"{tool.name}:{mode}"] = str(slow)
                log(f"  {self.workload.name} {tool.name} {mode}: {slow}")
                continue
            except measure.RunFailed as failure:
                self.result.failures[tool.name] = f"{mode}: {failure}"
                log(f"  {self.workload.name} {tool.name} {mode}: FAILED {failure}")
                return
            self.result.rounds[index][mode][tool.name] = sample
            log(f"  round {index + 1} {self.workload.name:12} {tool.name:15} {mode:9} "
                f"{sample.seconds:8.3f}s")  # fmt: skip

    def _sample(self, tool: Tool, mode: str) -> measure.Sample:
        job = measure.Job(
            self.python, tool, self.workload, self.size, self.env, self.expected,
            self.options.timeout,
        )  # fmt: skip
        if mode == "inprocess":
            return measure.in_process(job)
        first_debugflow = tool.name == "debugflow" and self.result.counts is None
        sample = measure.whole_process(job, inspect=self._read_store if first_debugflow else None)
        if tool.name == "untraced" and self.expected is None:
            self.expected = sample.checksum
        return sample

    def _read_store(self, scratch: Path) -> None:
        self.result.counts = read_counts(self.python, scratch / "store")


def bench_interpreter(python: str, options: argparse.Namespace) -> InterpreterResult:
    """Every chosen workload on one interpreter."""
    facts = environment.describe(python)
    log(f"Python {facts['python']} ({python}), backend {facts.get('backend', '?')}")
    result = InterpreterResult(python, facts)
    packages: dict[str, str | None] = facts["packages"]  # type: ignore[assignment]
    for workload in select(options.workloads):
        bench = WorkloadBench(python, workload, options)
        bench.result.skipped = _missing(packages, workload.needs)
        tools = []
        for tool in chosen_tools(options.tools):
            absent = _missing(packages, (tool.needs,) if tool.needs else ())
            if absent:
                bench.result.missing[tool.name] = absent
            tools.append(tool)
        result.workloads.append(bench.result if bench.result.skipped else bench.run(tools))
    facts["load_average_end"] = environment.describe(python)["load_average"]
    return result


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one report per interpreter; 1 if any run failed."""
    options = parse_args(argv)
    results = [bench_interpreter(python, options) for python in options.python or [sys.executable]]
    for result in results:
        print(render(result), end="\n\n", flush=True)
    if options.json:
        options.json.write_text(json.dumps([asdict(result) for result in results], indent=1))
    return 1 if any(w.failures for r in results for w in r.workloads) else 0


if __name__ == "__main__":
    sys.exit(main())
