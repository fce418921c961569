"""Running duration statistics (count, total, min, median, max) in bounded memory.

The median is exact up to `SAMPLE_LIMIT` calls; past that it comes from a systematic sample
(every 2^k-th call), so a function or spine node called millions of times costs a few
kilobytes. The tracer's per-node and per-function stats use it; its `median` is the one
definition of a median every view prints.
"""

from __future__ import annotations

from bisect import insort

SAMPLE_LIMIT = 2048


class DurationStats:
    """Count, total, min, max and a median estimate of durations in nanoseconds."""

    __slots__ = ("_sample", "_stride", "count", "last", "maximum", "minimum", "total")

    def __init__(self) -> None:
        self.count = 0
        self.total = 0
        self.last = 0
        self.minimum = 0
        self.maximum = 0
        self._sample: list[int] = []
        self._stride = 1

    def add(self, duration_ns: int) -> None:
        """Record one finished call."""
        # Plain comparisons, not min()/max(): this runs once per traced call.
        if duration_ns < 0:
            duration_ns = 0
        if duration_ns < self.minimum or not self.count:
            self.minimum = duration_ns
        if duration_ns > self.maximum:
            self.maximum = duration_ns
        count = self.count = self.count + 1
        self.total += duration_ns
        self.last = duration_ns
        if count % self._stride == 0:
            insort(self._sample, duration_ns)
            if len(self._sample) > SAMPLE_LIMIT:
                # Keep every other ranked value: quantiles survive, memory halves.
                self._sample = self._sample[::2]
                self._stride *= 2

    def add_many(self, durations: list[int]) -> None:
        """Record finished calls in order: the same result as `add` for each, in bulk."""
        if not durations:
            return
        low = min(durations)
        if low < 0:
            durations = [max(d, 0) for d in durations]
            low = 0
        high = max(durations)
        if low < self.minimum or not self.count:
            self.minimum = low
        if high > self.maximum:
            self.maximum = high
        self.total += sum(durations)
        self.last = durations[-1]
        before = self.count
        self.count += len(durations)
        position = 0  # durations[position:] are still to be sampled
        while position < len(durations):
            stride = self._stride
            # The first duration at or after `position` whose call number divides by stride.
            first = position + (-(before + position + 1)) % stride
            room = SAMPLE_LIMIT + 1 - len(self._sample)  # takes until a halving is due
            picked = durations[first::stride][:room]
            if not picked:
                return
            self._sample.extend(picked)
            self._sample.sort()
            if len(self._sample) <= SAMPLE_LIMIT:
                return
            self._sample = self._sample[::2]
            self._stride *= 2
            position = first + (len(picked) - 1) * stride + 1

    def copy(self) -> DurationStats:
        """An independent copy holding the same numbers."""
        twin = DurationStats()
        twin.count, twin.total, twin.last = self.count, self.total, self.last
        twin.minimum, twin.maximum = self.minimum, self.maximum
        twin._sample, twin._stride = list(self._sample), self._stride
        return twin

    @property
    def median(self) -> int:
        """The median duration (the lower middle value for an even count); 0 when empty."""
        if not self._sample:
            return 0
        return self._sample[(len(self._sample) - 1) // 2]
