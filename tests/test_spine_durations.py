"""Node duration statistics stay exact for small counts and bounded for huge ones."""

from __future__ import annotations

from debugflow.durations import SAMPLE_LIMIT, DurationStats


def test_small_counts_are_exact() -> None:
    stats = DurationStats()
    for value in (30, 10, 20, 40):
        stats.add(value)
    assert (stats.count, stats.minimum, stats.median, stats.maximum, stats.total, stats.last) == (
        4,
        10,
        20,
        40,
        100,
        40,
    )


def test_empty_stats_have_zero_median() -> None:
    assert DurationStats().median == 0


def test_many_calls_keep_memory_bounded_and_median_close() -> None:
    stats = DurationStats()
    n = SAMPLE_LIMIT * 20
    for i in range(n):
        stats.add((i * 7919) % n)  # a permutation of 0..n-1, in scrambled order
    assert len(stats._sample) <= SAMPLE_LIMIT
    assert (stats.minimum, stats.maximum) == (0, n - 1)
    assert abs(stats.median - n / 2) < n * 0.05
