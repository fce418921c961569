"""A pytest plugin that writes every test's outcome to a file, one JSON object per line.

Loaded into a third-party suite's run with ``-p corpus_outcomes --corpus-outcomes=FILE``, the
same way in the untraced and the traced run, so the two files can be compared test by test.
Each line holds the test's id (a subtest's id is its test's id and its description), the
outcome (``passed``, ``failed``, ``skipped``, ``xfailed``, ``xpassed``, ``error in setup``,
``error in teardown``, ``collection error``), the phase's duration in seconds and whether it
is a subtest.
"""

from __future__ import annotations

import json
import re
from typing import IO

import pytest

# Reprs in subtest parameters carry object addresses that differ from run to run.
ADDRESS = re.compile(r"0x[0-9a-fA-F]{4,}")


def pytest_addoption(parser: pytest.Parser) -> None:
    """The file the outcomes go to."""
    parser.addoption("--corpus-outcomes", required=True, help="write per-test outcomes here")


def pytest_configure(config: pytest.Config) -> None:
    """Open the file and listen to the reports."""
    stream = open(config.getoption("--corpus-outcomes"), "w", encoding="utf-8")  # noqa: SIM115
    config.pluginmanager.register(OutcomeWriter(stream))  # which closes it at the end


class OutcomeWriter:
    """Writes one line per report that pytest counts in its summary."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    @pytest.hookimpl(trylast=True)  # after the subtests plugin has failed a test's own report
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        outcome = report_outcome(report)
        if outcome:
            subtest = isinstance(report, pytest.SubtestReport)
            self.write(report_id(report), outcome, report.duration, subtest)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.write(report.nodeid, "collection error", 0.0, subtest=False)
        elif report.skipped:  # a module that skips itself, counted by pytest as skipped
            self.write(report.nodeid, "skipped", 0.0, subtest=False)

    def pytest_unconfigure(self) -> None:
        self.stream.close()

    def write(self, test: str, outcome: str, seconds: float, subtest: bool) -> None:
        masked = ADDRESS.sub("0x…", test)
        record = {"id": masked, "outcome": outcome, "seconds": seconds, "subtest": subtest}
        self.stream.write(json.dumps(record) + "\n")


def report_outcome(report: pytest.TestReport) -> str:
    """What the report counts as, or "" for a setup or teardown that went well."""
    if report.when != "call":
        if report.failed:
            return f"error in {report.when}"
        return "skipped" if report.skipped else ""
    if hasattr(report, "wasxfail"):
        return "xfailed" if report.skipped else "xpassed"
    return report.outcome


def report_id(report: pytest.TestReport) -> str:
    """The report's node id, followed for a subtest by its message and parameters."""
    if not isinstance(report, pytest.SubtestReport):
        return report.nodeid
    parts = [] if report.context.msg is None else [f"[{report.context.msg}]"]
    if report.context.kwargs:
        parts.append("(" + ", ".join(f"{k}={v}" for k, v in report.context.kwargs.items()) + ")")
    return " ".join([report.nodeid, *(parts or ["(<subtest>)"])])
