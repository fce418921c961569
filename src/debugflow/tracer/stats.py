"""Per-function counts and timings: exact for every call, with a bounded sample for the median.

Plain functions are timed by the hot path and their numbers taken from the code table
(`take`); generators and coroutines are timed by the call-tree builder (`add`).
"""

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

    def count_exception(self) -> None:
        """Count one call that ended with an exception."""
        self.exceptions += 1
        self.dirty = True

    def take(self, calls: int, total_ns: int, own_ns: int, durations: list[int]) -> None:
        """Take a plain function's numbers as the hot path keeps them (see `hotpath`)."""
        self.dirty = True
        self.calls = calls
        self.total_ns = total_ns
        self.own_ns = own_ns
        self.durations.add_many(durations)

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
