"""Each real suite passes, fails and skips exactly the same tests traced as untraced."""

from __future__ import annotations

import pytest
from outcomes import EXIT_CODE
from report import differences
from runner import SuiteResult, run_suite
from suites import SUITES, Suite
from venvs import Corpus


@pytest.mark.parametrize("suite", SUITES, ids=[suite.name for suite in SUITES])
def test_same_outcome_for_every_test_traced(
    suite: Suite, corpus: Corpus, corpus_results: list[SuiteResult]
) -> None:
    if suite not in corpus.suites:
        minimum = ".".join(map(str, suite.min_python))
        pytest.skip(f"{suite.label} needs Python {minimum} or newer")
    result = run_suite(suite, corpus)
    corpus_results.append(result)
    known = dict(suite.known_differences)
    differing = {difference.test for difference in result.differences}
    allowed = known.keys() | dict(suite.unsteady).keys()
    unexplained = [d for d in result.differences if d.test not in allowed]
    if unexplained and {d.test for d in unexplained} == {EXIT_CODE}:
        unexplained = []  # the exit status differs only because an allowed difference failed
    problems = [differences(result, only=unexplained)] if unexplained else []
    problems += [
        f"{test} no longer differs: remove it from known_differences in corpus/suites.py"
        for test in known
        if test not in differing
    ]
    ran = result.untraced.outcomes.tests
    if ran < suite.min_tests:  # a slice that no longer selects what it did, or a broken run
        problems.append(f"only {ran} tests ran untraced: see {result.untraced.output}")
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)
