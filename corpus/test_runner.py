"""The corpus finds every kind of difference: the comparison, and a suite that sees the tracer."""

from __future__ import annotations

import platform
import shutil
import sys
from pathlib import Path

from outcomes import EXIT_CODE, Difference, Outcomes, compare
from runner import run_suite
from suites import CORPUS_DIR, Suite
from venvs import Corpus

SELFTEST = Suite(
    name="selftest",
    version="0",
    sdist_sha256="",
    min_python=(3, 10),
    test_requirements=(),
    build_requirements=(),
    pytest_args=("check_tracing.py",),
)


def outcomes(**by_test: tuple[str, ...]) -> Outcomes:
    return Outcomes(by_test)


def test_equal_runs_have_no_difference() -> None:
    run = outcomes(a=("passed",), b=("skipped",), c=("failed", "passed"))
    assert compare(run, run, (1, 1)) == []


def test_every_changed_missing_or_added_test_is_a_difference() -> None:
    untraced = outcomes(a=("passed",), b=("xfailed",), gone=("passed",), same=("skipped",))
    traced = outcomes(a=("failed",), b=("xpassed",), new=("error in setup",), same=("skipped",))
    assert compare(untraced, traced) == [
        Difference("a", ("passed",), ("failed",)),
        Difference("b", ("xfailed",), ("xpassed",)),
        Difference("gone", ("passed",), ()),
        Difference("new", (), ("error in setup",)),
    ]


def test_a_repeated_id_differs_when_its_outcomes_do() -> None:
    untraced = outcomes(sub=("passed", "passed"))
    traced = outcomes(sub=("failed", "passed"))
    assert compare(untraced, traced) == [
        Difference("sub", ("passed", "passed"), ("failed", "passed"))
    ]


def test_exit_codes_that_differ_are_a_difference() -> None:
    run = outcomes(a=("passed",))
    assert compare(run, run, (0, 1)) == [Difference(EXIT_CODE, ("0",), ("1",))]
    assert Difference("a", ("passed",), ()).describe() == "a: untraced passed, traced not run"


def test_a_suite_that_sees_the_tracer_differs_on_exactly_those_tests(tmp_path: Path) -> None:
    # The project's own environment runs it: this Python and its `flow`, no corpus venv.
    python = Path(sys.executable)
    corpus = Corpus(python, python.parent / "flow", tmp_path, platform.python_version(), ())
    shutil.copytree(CORPUS_DIR / "selftest", corpus.source(SELFTEST))
    result = run_suite(SELFTEST, corpus)
    half = "check_tracing.py::test_subtests [half] (index=1)"
    assert [(d.test, d.untraced, d.traced) for d in result.differences] == [
        ("check_tracing.py::test_fails_when_traced", ("passed",), ("failed",)),
        ("check_tracing.py::test_skips_when_traced", ("passed",), ("skipped",)),
        ("check_tracing.py::test_subtests", ("passed",), ("failed",)),
        (half, ("passed",), ("failed",)),
        ("check_tracing.py::test_xfails_untraced", ("xfailed",), ("xpassed",)),
        (EXIT_CODE, ("0",), ("1",)),
    ]
    assert result.untraced.outcomes.tests == 11
    assert half in result.untraced.outcomes.subtests
    assert len(result.untraced.outcomes.subtests) == 3
