"""Per-function counts and timings: exact for every call, with a bounded sample for the median."""

from __future__ import annotations

from debugflow.durations import DurationStats
from debugflow.protocol import FunctionStats
from debugflow.tracer.codetable import FunctionInfo


class FunctionTimes:
    """Accumulates one function's calls: counts and totals here, durations in DurationStats."""

    __slots__ = ("calls", "dirty", "durations", "exceptions", "own_ns", "total_ns")

    def __init__(self) -> None:
        self.calls = 0
        self.exceptions = 0
        self.total_ns = 0
        self.own_ns = 0
        self.durations = DurationStats()
        self.dirty = True

    def add(self, duration: int, own: int, outermost: bool) -> None:
        """Record one finished call (`outermost` is False for a recursive inner call)."""
        self.dirty = True
        if outermost:
            self.total_ns += duration
        self.own_ns += own
        self.durations.add(duration)

    def add_leaf(self, duration: int, outermost: bool) -> None:
        """Count and record one call that called nothing traced (own time = duration)."""
        self.calls += 1
        self.dirty = True
        if outermost:
            self.total_ns += duration
        self.own_ns += duration
        self.durations.add(duration)

    def snapshot(self, info: FunctionInfo) -> FunctionStats:
        """The protocol record for these numbers."""
        self.dirty = False
        durations = self.durations
        return FunctionStats(
            function=info.qualname,
            module=info.module,
            file=info.file,
            line=info.line,
            calls=self.calls,
            exceptions=self.exceptions,
            total_ns=self.total_ns,
            own_ns=self.own_ns,
            min_ns=durations.minimum,
            median_ns=durations.median,
            max_ns=durations.maximum,
        )
