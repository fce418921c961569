"""A pytest plugin that seeds `random` the same way in every run: before collection and per test.

A test that draws unseeded random data (and a subtest named after it) would otherwise try
other inputs in the untraced and the traced run, and the two runs could not be compared test
by test. Each test's seed is its id, so it does not depend on which tests ran before it.
"""

from __future__ import annotations

import random

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Seed what the suite draws while it is imported and collected."""
    random.seed("corpus")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Seed what the test draws, by its id."""
    random.seed(item.nodeid)
