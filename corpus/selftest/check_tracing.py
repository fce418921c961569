"""Tests whose outcomes differ when a tracer is on: the corpus must report each of them."""

from __future__ import annotations

import random
import sys

import pytest


def tracer_on() -> bool:
    """Whether a trace function or a sys.monitoring tool is installed."""
    monitoring = getattr(sys, "monitoring", None)
    tools = [monitoring.get_tool(tool) for tool in range(6)] if monitoring else []
    return sys.gettrace() is not None or any(tools)


def test_same_both_ways() -> None:
    assert sum(range(4)) == 6


@pytest.mark.parametrize("number", [1, 2])
def test_parametrized(number: int) -> None:
    assert number > 0


def test_fails_when_traced() -> None:
    assert not tracer_on()


def test_skips_when_traced() -> None:
    if tracer_on():
        pytest.skip("traced")


@pytest.mark.xfail(reason="fails untraced only", strict=False)
def test_xfails_untraced() -> None:
    assert tracer_on()


def test_subtests(subtests: pytest.Subtests) -> None:
    for index in range(2):
        with subtests.test(msg="half", index=index):
            assert not (index == 1 and tracer_on())


def test_random_data(subtests: pytest.Subtests) -> None:
    # Unseeded data, named in the subtest: both runs must draw the same (`corpus_seed`).
    data = [random.randrange(10**9) for _ in range(3)]
    with subtests.test(data=data):
        assert len(set(data)) == 3
