"""Duration statistics stay exact for small counts, bounded for huge ones, and batch-proof."""

from __future__ import annotations

import statistics
import tracemalloc
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from debugflow import durations
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
    assert len(stats.sample) <= SAMPLE_LIMIT
    assert (stats.minimum, stats.maximum) == (0, n - 1)
    assert abs(stats.median - n / 2) < n * 0.05


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.integers(min_value=-5, max_value=10**6), max_size=3 * SAMPLE_LIMIT)),
    st.sampled_from([1, 2, 7, SAMPLE_LIMIT]),
)
def test_adding_in_bulk_equals_adding_one_by_one(
    batches: list[list[int]], sample_limit: int
) -> None:
    """The hot path's durations arrive in batches; the numbers must not depend on that."""
    one_by_one, in_bulk = DurationStats(), DurationStats()
    with patch.object(durations, "SAMPLE_LIMIT", sample_limit):
        for batch in batches:
            for value in batch:
                one_by_one.add(value)
            in_bulk.add_many(batch)

    def numbers(stats: DurationStats) -> tuple[object, ...]:
        return (stats.count, stats.total, stats.minimum, stats.maximum, stats.last, stats.median)

    assert numbers(in_bulk) == numbers(one_by_one)
    assert in_bulk.sample == one_by_one.sample


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=SAMPLE_LIMIT))
def test_median_is_exact_up_to_the_sample_limit(values: list[int]) -> None:
    stats = DurationStats()
    for value in values:
        stats.add(value)
    assert stats.sample == sorted(values)
    assert stats.median == statistics.median_low(values)


def test_a_full_sample_keeps_its_memory_while_calls_go_on() -> None:
    """A traced program that measures itself with tracemalloc (more-itertools' bounded-memory
    test does) must not see the tracer's samples grow or move once they are full."""
    one_by_one, in_bulk = DurationStats(), DurationStats()
    for i in range(SAMPLE_LIMIT * 8):
        one_by_one.add(10**6 + i)
        in_bulk.add_many([10**6 + i])
    tracemalloc.start()
    try:
        for i in range(SAMPLE_LIMIT * 8):
            one_by_one.add(10**6 + (i * 7919) % 50_000)
        for start in range(0, SAMPLE_LIMIT * 8, 100):
            in_bulk.add_many([10**6 + i for i in range(start, start + 100)])
        retained = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert retained < 2048
