"""Counts and timings of one function or one call-tree node: exact for every call, with a
bounded sample for the median (`durations.DurationStats`, the one definition of median).

Plain calls are timed by the hot path and their durations taken from the tree's nodes
(`take`); generators and coroutines run in stretches and are timed by the call-tree builder
(`add`). A function's numbers are the sum of its nodes', except its total time, which counts
only outermost calls (a recursive call's time is already in the outer call's).
"""

from __future__ import annotations

from debugflow.durations import DurationStats
from debugflow.protocol import FunctionStats, NodeStats
from debugflow.tracer.codetable import FunctionInfo


class Times:
    """Accumulates calls: counts and totals here, durations in a DurationStats."""

    __slots__ = (
        "calls", "dirty", "durations", "exceptions", "hot_own_ns", "hot_total_ns", "own_ns",
        "slot", "total_ns",
    )  # fmt: skip

    def __init__(self, slot: int = -1) -> None:
        self.slot = slot  # a function's index in the call-tree builder's per-pass arrays
        self.calls = 0
        self.exceptions = 0
        self.total_ns = 0
        self.own_ns = 0
        # The hot path's running sums (a node's own time, a function's outermost total) as
        # far as they were taken: what grew since is added to own_ns and total_ns.
        self.hot_own_ns = 0
        self.hot_total_ns = 0
        self.durations = DurationStats()
        self.dirty = True

    def add(self, duration: int, own: int, outermost: bool, counted: bool = False) -> None:
        """Record one finished call (`outermost` is False for a recursive inner call;
        `counted` when its duration is in these durations already, shared with a node's)."""
        self.dirty = True
        if outermost:
            self.total_ns += duration
        self.own_ns += own
        if not counted:
            self.durations.add(duration)

    def take(self, durations: list[int], own_ns: int) -> None:
        """Take the durations of calls the hot path timed and the own time they added."""
        self.dirty = True
        self.own_ns += own_ns
        self.durations.add_many(durations)

    def take_total(self, hot_total_ns: int) -> None:
        """Take what a function's outermost total in the hot path grew by."""
        grown = hot_total_ns - self.hot_total_ns
        if grown:
            self.hot_total_ns = hot_total_ns
            self.total_ns += grown
            self.dirty = True

    def count_exception(self) -> None:
        """Count one call that ended with an exception."""
        self.exceptions += 1
        self.dirty = True

    def function_stats(self, info: FunctionInfo) -> FunctionStats:
        """These numbers as one function's protocol record."""
        self.dirty = False
        d = self.durations
        return FunctionStats(
            function=info.qualname,
            module=info.module,
            file=info.file,
            line=info.line,
            calls=self.calls,
            exceptions=self.exceptions,
            total_ns=self.total_ns,
            own_ns=self.own_ns,
            min_ns=d.minimum,
            median_ns=d.median,
            max_ns=d.maximum,
        )

    def node_stats(self, node_id: int) -> NodeStats:
        """These numbers as one node's protocol record; its total is the sum of its calls'
        durations, since calls of one node never overlap each other."""
        self.dirty = False
        d = self.durations
        return NodeStats(
            node_id=node_id,
            calls=self.calls,
            exceptions=self.exceptions,
            total_ns=d.total,
            own_ns=self.own_ns,
            min_ns=d.minimum,
            median_ns=d.median,
            max_ns=d.maximum,
        )
