"""Per-test outcomes of one pytest run, and what differs between an untraced and a traced run.

The outcomes are read from the file the `corpus_outcomes` plugin writes. A test id can occur
more than once (a subtest whose description repeats), so a test's outcomes are a sorted tuple
and two runs agree on a test when the tuples are equal.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

EXIT_CODE = "<exit code>"  # the pseudo test that carries pytest's exit status


@dataclass(frozen=True)
class Outcomes:
    """What one run reported: each test's outcomes, the subtests among them, the time each took."""

    by_test: dict[str, tuple[str, ...]] = field(default_factory=dict)
    subtests: frozenset[str] = frozenset()
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def tests(self) -> int:
        """Tests and subtests reported, each id once."""
        return len(self.by_test)

    def totals(self) -> Counter[str]:
        """How many tests and subtests ended in each outcome, as pytest's summary counts them."""
        return Counter(outcome for outcomes in self.by_test.values() for outcome in outcomes)


@dataclass(frozen=True)
class Difference:
    """A test whose outcomes differ: what it did untraced and what it did traced."""

    test: str
    untraced: tuple[str, ...]
    traced: tuple[str, ...]

    def describe(self) -> str:
        """`id: untraced passed, traced failed` (`not run` when a run did not report it)."""
        return f"{self.test}: untraced {_said(self.untraced)}, traced {_said(self.traced)}"


def _said(outcomes: tuple[str, ...]) -> str:
    return " + ".join(outcomes) if outcomes else "not run"


def read_outcomes(path: Path) -> Outcomes:
    """The outcomes the plugin wrote (none when the run never got as far as writing them)."""
    if not path.exists():
        return Outcomes()
    found: dict[str, list[str]] = {}
    subtests: set[str] = set()
    seconds: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        found.setdefault(record["id"], []).append(record["outcome"])
        seconds[record["id"]] += record["seconds"]
        if record["subtest"]:
            subtests.add(record["id"])
    by_test = {test: tuple(sorted(outcomes)) for test, outcomes in found.items()}
    return Outcomes(by_test, frozenset(subtests), dict(seconds))


def compare(
    untraced: Outcomes, traced: Outcomes, exit_codes: tuple[int, int] | None = None
) -> list[Difference]:
    """Every test whose outcomes differ, in id order; then the exit codes, when they differ."""
    tests = sorted(untraced.by_test.keys() | traced.by_test.keys())
    differences = [
        Difference(test, untraced.by_test.get(test, ()), traced.by_test.get(test, ()))
        for test in tests
        if untraced.by_test.get(test, ()) != traced.by_test.get(test, ())
    ]
    if exit_codes is not None and exit_codes[0] != exit_codes[1]:
        differences.append(Difference(EXIT_CODE, (str(exit_codes[0]),), (str(exit_codes[1]),)))
    return differences
