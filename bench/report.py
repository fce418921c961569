"""Tables of median ratios (traced ÷ untraced) with min–max, and the targets they are held to."""

from __future__ import annotations

from collections.abc import Iterable

from results import InterpreterResult, Spread, WorkloadResult
from tools import TOOLS

TRACERS = [tool for tool in TOOLS if tool.name != "untraced"]
MODE_TITLES = {
    "whole": "Whole process (start-up and final write of the store / trace file included)",
    "inprocess": "In process (tracer start + main(), stop and save excluded)",
}


def header(result: InterpreterResult) -> str:
    """The interpreter, backend, machine and date the tables below were measured on."""
    facts = result.facts
    packages = facts.get("packages", {})
    installed = ", ".join(f"{name} {ver}" for name, ver in packages.items() if ver)  # type: ignore[union-attr]
    return "\n".join(
        [
            f"### Python {facts.get('python')} — backend: {facts.get('backend', '?')}",
            f"- reason: {facts.get('reason', '?')}",
            f"- hot path (DebugFlow column): {facts.get('hot path', '?')}"
            f" ({facts.get('hot path why', '?')}); the Python core's column has FLOW_PURE_PYTHON=1",
            f"- machine: {facts.get('platform')}, {facts.get('cpu')}, "
            f"{facts.get('cpu_count')} CPUs; load average at start {facts.get('load_average')}",
            f"- date: {facts.get('date')}; packages: {installed}",
        ]
    )


def _cell(spread: Spread | None) -> str:
    if spread is None:
        return "–"
    return f"{spread.median:.2f}× ({spread.low:.2f}–{spread.high:.2f})"


def _tool_cell(workload: WorkloadResult, mode: str, tool: str) -> str:
    if tool in workload.failures:
        return f"FAILED ({workload.failures[tool]})"
    if tool in workload.missing:
        return f"n/a ({workload.missing[tool]})"
    timeout = workload.timeouts.get(f"{tool}:{mode}")
    if timeout and not workload.ratios(mode, tool):
        return f"did not finish ({timeout})"
    return _cell(Spread.of(workload.ratios(mode, tool)))


def ratio_table(workloads: Iterable[WorkloadResult], mode: str) -> str:
    """A Markdown table: one row per workload, one column per tool."""
    lines = [
        f"**{MODE_TITLES[mode]}** — median ratio (min–max)",
        "",
        "| workload | untraced | " + " | ".join(tool.label for tool in TRACERS) + " |",
        "|---|---:|" + "---:|" * len(TRACERS),
    ]
    for workload in workloads:
        if workload.skipped:
            lines.append(f"| {workload.name} | skipped: {workload.skipped} |" + " |" * len(TRACERS))
            continue
        base = Spread.of([sample.seconds for sample in workload.samples(mode, "untraced")])
        cells = [_tool_cell(workload, mode, tool.name) for tool in TRACERS]
        seconds = f"{base.median:.3f}s" if base else "–"
        lines.append(f"| {workload.name} | {seconds} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _megabytes(workload: WorkloadResult, tool: str) -> str:
    sizes = [s.output_bytes for s in workload.samples("whole", tool) if s.output_bytes is not None]
    return f"{sizes[0] / 1e6:.1f} MB" if sizes else "–"


def _finish(workload: WorkloadResult, tool: str) -> str:
    spread = Spread.of([s.finish_seconds for s in workload.samples("inprocess", tool)])
    return f"{spread.median:.2f}s" if spread else "–"


def recorded_table(workloads: Iterable[WorkloadResult]) -> str:
    """What DebugFlow recorded and how much each tool wrote, and how long its stop/save took."""
    lines = [
        "**Recorded** — DebugFlow's counts read back from its store; output sizes; in-process "
        "stop+save time (median)",
        "",
        "| workload | calls | dropped | DebugFlow store | stop+save | VizTracer file | "
        "stop+save | VizTracer +args file | stop+save |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for workload in workloads:
        if workload.skipped:
            continue
        counts = workload.counts
        calls = f"{counts.calls:,}" if counts else "–"
        dropped = f"{counts.dropped:,}" if counts else "–"
        cells = [
            f"{_megabytes(workload, tool)} | {_finish(workload, tool)}"
            for tool in ("debugflow", "viztracer", "viztracer-args")
        ]
        lines.append(f"| {workload.name} | {calls} | {dropped} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _median(workload: WorkloadResult | None, tool: str) -> float | None:
    spread = Spread.of(workload.ratios("whole", tool)) if workload else None
    return spread.median if spread else None


def target_lines(result: InterpreterResult) -> list[str]:
    """The issue's targets for Python 3.12+, each marked met, missed or not measured."""
    by_name = {workload.name: workload for workload in result.workloads}
    lines = []
    for name in ("numpy_train", "numpy_train_long", "torch_train"):
        ratio = _median(by_name.get(name), "debugflow")
        met = ratio is not None and ratio <= 1.10
        lines.append(_verdict(f"{name}: whole process ≤ 1.10×", ratio, met))
    app, viz = _median(by_name.get("app"), "debugflow"), _median(by_name.get("app"), "viztracer")
    lines.append(_verdict("app: whole process ≤ 6×", app, app is not None and app <= 6.0))
    faster = app is not None and viz is not None and app < viz
    viz_text = f"{viz:.2f}×" if viz is not None else "not measured"
    lines.append(_verdict(f"app: faster than VizTracer default ({viz_text})", app, faster))
    return lines


def _verdict(target: str, ratio: float | None, met: bool) -> str:
    if ratio is None:
        return f"- {target}: not measured"
    return f"- {target}: DebugFlow {ratio:.2f}× — {'met' if met else 'MISSED'}"


def render(result: InterpreterResult) -> str:
    """The full report of one interpreter, in Markdown."""
    parts = [header(result), ""]
    for mode in MODE_TITLES:
        parts += [ratio_table(result.workloads, mode), ""]
    version = tuple(int(part) for part in str(result.facts.get("python", "0.0")).split(".")[:2])
    scope = (
        "" if version >= (3, 12) else " — they apply to 3.12+; the fallback's figures for reference"
    )
    parts += [recorded_table(result.workloads), "", f"Targets (issue: Python 3.12+){scope}:"]
    parts += target_lines(result)
    return "\n".join(parts)
