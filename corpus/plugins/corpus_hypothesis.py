"""A pytest plugin that makes Hypothesis draw the same examples in every run, however slow.

The corpus compares a suite's untraced run with its traced run test by test, so both runs
must try the same inputs (derandomized, with no example database carried from one run to the
next), and a test must not fail only because tracing made it slower than Hypothesis's
deadline. ``--corpus-max-examples=N`` also caps the examples per property, to slice a suite.
"""

from __future__ import annotations

import pytest
from hypothesis import settings


def pytest_addoption(parser: pytest.Parser) -> None:
    """How many examples each property tries (default: the suite's own setting)."""
    parser.addoption("--corpus-max-examples", type=int, help="cap Hypothesis's examples")


@pytest.hookimpl(trylast=True)  # after the suite's own conftest has loaded its profile
def pytest_configure(config: pytest.Config) -> None:
    """Load the suite's current settings with the corpus's changes on top."""
    changes: dict[str, object] = {"derandomize": True, "database": None, "deadline": None}
    max_examples = config.getoption("--corpus-max-examples")
    if max_examples is not None:
        changes["max_examples"] = max_examples
    settings.register_profile("debugflow-corpus", settings(settings.default, **changes))
    settings.load_profile("debugflow-corpus")
