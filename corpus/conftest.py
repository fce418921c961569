"""The corpus's environment for this interpreter, made once a session, and the report at the end."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from report import render
from runner import SuiteResult
from venvs import Corpus, prepare

RESULTS = pytest.StashKey[list[SuiteResult]]()
SETUP_SECONDS = pytest.StashKey[float]()


@pytest.fixture(scope="session")
def corpus(pytestconfig: pytest.Config) -> Corpus:
    """The suites' environment on the Python running these tests (made on first use)."""
    started = time.perf_counter()
    made = prepare(Path(sys.executable))
    pytestconfig.stash[SETUP_SECONDS] = time.perf_counter() - started
    return made


@pytest.fixture(scope="session")
def corpus_results(pytestconfig: pytest.Config) -> list[SuiteResult]:
    """The suites' results, for the report printed at the end of the session."""
    return pytestconfig.stash.setdefault(RESULTS, [])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Each suite's tests, times and differences (the first 20 of them), and the setup time."""
    results = terminalreporter.config.stash.get(RESULTS, [])
    if not results:
        return
    terminalreporter.section("real test suites, untraced and traced")
    setup = terminalreporter.config.stash.get(SETUP_SECONDS, 0.0)
    terminalreporter.write_line(f"environment ready in {setup:.1f} s")
    terminalreporter.write(render(results, limit=20))
