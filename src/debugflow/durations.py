"""Running duration statistics (count, total, min, median, max) in bounded memory.

The median is exact up to `SAMPLE_LIMIT` calls; past that it comes from a systematic sample
(every 2^k-th call), so a function or spine node called millions of times costs a few
kilobytes. The tracer's per-node and per-function stats use it; its `median` is the one
definition of a median every view prints.

The sample lives in an `array('q')` that is filled in place and never shrinks: 8 bytes a
value instead of a list's int objects (which would keep alive the very ints the hot path made
for each call), and once a busy node's sample has grown to its limit, recording more calls
allocates nothing that outlives the call. A traced program that measures its own memory with
tracemalloc sees the tracer's temporary objects come and go, not a growing sample.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right

SAMPLE_LIMIT = 2048
FEW_TO_INSERT = 16  # up to this many new sample values are inserted one by one


class DurationStats:
    """Count, total, min, max and a median estimate of durations in nanoseconds."""

    __slots__ = ("_sample", "_size", "_stride", "count", "last", "maximum", "minimum", "total")

    def __init__(self) -> None:
        self.count = 0
        self.total = 0
        self.last = 0
        self.minimum = 0
        self.maximum = 0
        self._sample = array("q")  # sorted in [:_size]; the slots after it are spare room
        self._size = 0
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
            sample, size = self._sample, self._size
            if size == len(sample):
                sample.append(0)
            at = bisect_right(sample, duration_ns, 0, size)
            sample[at + 1 : size + 1] = sample[at:size]
            sample[at] = duration_ns
            self._size = size + 1
            if size + 1 > SAMPLE_LIMIT:
                self._halve()

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
            room = SAMPLE_LIMIT + 1 - self._size  # takes until a halving is due
            picked = durations[first::stride][:room]
            if not picked:
                return
            size = self._size + len(picked)
            sample = self._sample
            if size > len(sample):
                sample.frombytes(bytes(8 * (size - len(sample))))
            self._insert(picked)
            if size <= SAMPLE_LIMIT:
                return
            self._halve()
            position = first + (len(picked) - 1) * stride + 1

    def _insert(self, picked: list[int]) -> None:
        """Put `picked` into the sorted sample, which has room for them after `_size`.

        This runs for every node at every drain of the collector, so it stays in C loops: a
        few values are inserted one by one (a search and a shift of the array's tail), more
        are sorted in with the sample (timsort merges the two ordered runs in one pass).
        """
        sample, size = self._sample, self._size
        if len(picked) <= FEW_TO_INSERT:
            for value in picked:
                at = bisect_right(sample, value, 0, size)
                sample[at + 1 : size + 1] = sample[at:size]
                sample[at] = value
                size += 1
        else:
            merged = sample[:size].tolist()
            merged += picked
            merged.sort()
            size = len(merged)
            # Same-length slice assignment copies in place: the array keeps its memory.
            sample[:size] = array("q", merged)
        self._size = size

    def _halve(self) -> None:
        """Keep every other ranked value and sample half as often: quantiles survive."""
        kept = self._sample[0 : self._size : 2]
        self._sample[: len(kept)] = kept
        self._size = len(kept)
        self._stride *= 2

    @property
    def sample(self) -> list[int]:
        """The sampled durations, in ascending order."""
        return self._sample[: self._size].tolist()

    def copy(self) -> DurationStats:
        """An independent copy holding the same numbers."""
        twin = DurationStats()
        twin.count, twin.total, twin.last = self.count, self.total, self.last
        twin.minimum, twin.maximum = self.minimum, self.maximum
        twin._sample, twin._size = self._sample[: self._size], self._size
        twin._stride = self._stride
        return twin

    @property
    def median(self) -> int:
        """The median duration (the lower middle value for an even count); 0 when empty."""
        if not self._size:
            return 0
        return self._sample[(self._size - 1) // 2]
