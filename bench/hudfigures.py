"""The figures of `hud_fps.py`: what one phase's stats lines say, pooled over rounds, and the
Markdown table of them."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

PHASES = ("nodes, streaming", "nodes, scrolling", "calls, streaming")


@dataclass
class Phase:
    """What the HUD's stats lines say about one stretch of time."""

    name: str
    hud: str  # which HUD: "work tree", or the git revision given with --baseline
    seconds: float
    nodes: int
    fps: list[float]  # one per stats line (per second)
    latency: list[dict[str, float]]  # the per-second latency summaries that had samples
    cores: dict[str, float]  # CPU used meanwhile, per process, in cores
    program_seconds: float | None = None


def summary(phases: list[Phase]) -> dict[str, Any]:
    """The figures of one phase, pooled over its rounds."""
    fps = [value for p in phases for value in p.fps]
    windows = [w for p in phases for w in p.latency]
    cores: dict[str, float] = {}
    for p in phases:
        for name, value in p.cores.items():
            cores[name] = cores.get(name, 0.0) + value / len(phases)
    frames = sum(value * p.seconds / len(p.fps) for p in phases for value in p.fps)

    def per_frame(name: str) -> float | None:
        seconds = sum(p.cores.get(name, 0.0) * p.seconds for p in phases)
        return round(1000 * seconds / frames, 1) if frames else None

    return {
        "phase": phases[0].name,
        "hud": phases[0].hud,
        "rounds": len(phases),
        "nodes": phases[0].nodes,
        "seconds": [p.seconds for p in phases],
        "fps_median": round(statistics.median(fps), 1) if fps else None,
        "fps_p5": round(percentile(fps, 5), 1) if fps else None,
        "fps_min": min(fps, default=None),
        "latency_samples": sum(w["count"] for w in windows),
        "latency_median_ms": weighted_median([(w["median"], w["count"]) for w in windows]),
        "latency_p95_ms": weighted_median([(w["p95"], w["count"]) for w in windows]),
        "latency_max_ms": max((w["max"] for w in windows), default=None),
        "cores": {name: round(value, 2) for name, value in cores.items()},
        # The HUD's CPU time per frame drawn: every thread, then Mesa's rasteriser threads
        # (llvmpipe) and the Python threads (the render loop and the hub link).
        "hud_cpu_ms_per_frame": per_frame("hud"),
        "hud_mesa_ms_per_frame": per_frame("hud:llvmpipe-N"),
        "hud_python_ms_per_frame": per_frame("hud:python"),
    }


def percentile(values: list[float], share: float) -> float:
    """The `share`th percentile, interpolated between the values."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(share) - 1]


def weighted_median(pairs: list[tuple[float, int]]) -> float | None:
    """The median of values each standing for `count` samples (per-second summaries pooled)."""
    total = sum(count for _, count in pairs)
    seen = 0
    for value, count in sorted(pairs):
        seen += count
        if seen * 2 >= total:
            return value
    return None


def by_name(phases: list[Phase]) -> list[list[Phase]]:
    """The phases grouped by name and HUD, in the order they first ran."""
    groups: dict[tuple[str, str], list[Phase]] = {}
    for one in phases:
        groups.setdefault((one.name, one.hud), []).append(one)
    return [groups[key] for key in sorted(groups, key=list(groups).index)]


def markdown(facts: dict[str, Any], phases: list[Phase]) -> str:
    """The figures as a Markdown table, with the facts above it."""
    head = [
        f"- date: {facts['date']}; machine: {facts['platform']}, {facts['cpu']}, "
        f"{facts['cpu_count']} CPUs; load average at start {facts['load_average']}",
        f"- Python {facts['python']}; the HUD with `--max-fps {facts['max_fps']:g}`; "
        f"renderer: {facts.get('renderer', '?')}",
        "",
        "| phase | HUD | nodes | fps median | fps p5 (min) | latency median | latency p95 "
        "| HUD CPU per frame (Mesa + Python) | CPU, cores: HUD · hub · program · Xvfb · others |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for group in sorted(by_name(phases), key=lambda g: PHASES.index(g[0].name)):
        s = summary(group)
        c = s["cores"]
        latency = (
            f"{s['latency_median_ms']:.0f} ms | {s['latency_p95_ms']:.0f} ms"
            if s["latency_samples"]
            else "– | –"
        )
        cpu = " · ".join(f"{c.get(k, 0):.2f}" for k in ("hud", "hub", "program", "xvfb", "others"))
        head.append(
            f"| {s['phase']} | {s['hud']} | {s['nodes']:,} | {s['fps_median']} | {s['fps_p5']} "
            f"({s['fps_min']}) | {latency} | {s['hud_cpu_ms_per_frame']} ms "
            f"({s['hud_mesa_ms_per_frame']} + {s['hud_python_ms_per_frame']}) | {cpu} |"
        )
    return "\n".join(head)
