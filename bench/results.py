"""The measurements of one benchmark invocation and the ratios read from them."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from measure import Sample
from storeinfo import RunCounts

MODES = ("whole", "inprocess")
Round = dict[str, dict[str, Sample]]  # mode -> tool name -> sample


@dataclass
class WorkloadResult:
    """Every round of one workload on one interpreter, with failures and what was skipped."""

    name: str
    size: int
    rounds: list[Round] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)  # tool name -> why
    timeouts: dict[str, str] = field(default_factory=dict)  # "tool:mode" -> why it was killed
    missing: dict[str, str] = field(default_factory=dict)  # tool name -> why it did not run
    skipped: str | None = None  # why the whole workload did not run
    counts: RunCounts | None = None  # what DebugFlow recorded in its first whole run

    def samples(self, mode: str, tool: str) -> list[Sample]:
        """Every sample of one tool in one mode."""
        return [one[mode][tool] for one in self.rounds if tool in one.get(mode, {})]

    def ratios(self, mode: str, tool: str) -> list[float]:
        """Traced ÷ untraced, paired round by round."""
        paired = []
        for one in self.rounds:
            runs = one.get(mode, {})
            if tool in runs and "untraced" in runs:
                paired.append(runs[tool].seconds / runs["untraced"].seconds)
        return paired


@dataclass(frozen=True)
class Spread:
    """Median and range of a list of numbers."""

    median: float
    low: float
    high: float
    count: int

    @classmethod
    def of(cls, values: list[float]) -> Spread | None:
        """The spread of `values`, or None when there are none."""
        if not values:
            return None
        return cls(statistics.median(values), min(values), max(values), len(values))


@dataclass
class InterpreterResult:
    """Everything measured on one interpreter."""

    python: str
    facts: dict[str, object]
    workloads: list[WorkloadResult] = field(default_factory=list)
