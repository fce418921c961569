"""The corpus's report: per suite, its tests, its times untraced and traced, its differences."""

from __future__ import annotations

from collections.abc import Sequence

from outcomes import Difference
from runner import Run, SuiteResult

HEADER = (
    "| suite | slice | Python | backend | tests | untraced | traced | traced ÷ untraced "
    "| differences |\n|---|---|---|---|---:|---:|---:|---:|---:|"
)


def tests_run(run: Run) -> str:
    """`757 + 11,600 subtests`, or `1,380`."""
    subtests = len(run.outcomes.subtests)
    tests = f"{run.outcomes.tests - subtests:,}"
    return f"{tests} + {subtests:,} subtests" if subtests else tests


def duration(run: Run) -> str:
    """How long the run took, or that it was ended."""
    return f"did not finish in {run.seconds:.0f} s" if run.timed_out else f"{run.seconds:.1f} s"


def row(result: SuiteResult) -> str:
    """One suite's line of the table."""
    ratio = result.traced.seconds / result.untraced.seconds if result.untraced.seconds else 0.0
    cells = [
        result.suite.label,
        result.suite.about,
        result.python,
        result.backend,
        tests_run(result.untraced),
        duration(result.untraced),
        duration(result.traced),
        f"{ratio:.1f}×",
        str(len(result.differences)),
    ]
    return "| " + " | ".join(cells) + " |"


def differences(
    result: SuiteResult, limit: int | None = None, only: Sequence[Difference] | None = None
) -> str:
    """The suite's differences (or `only` these), one test per line (the first `limit`)."""
    found = result.differences if only is None else list(only)
    title = f"{result.suite.label} on Python {result.python} ({result.backend})"
    lines = [f"{title}: {len(found)} difference(s), untraced → traced"]
    shown = found if limit is None else found[:limit]
    lines += [f"- {difference.describe()}" for difference in shown]
    if len(shown) < len(found):
        lines.append(f"- … and {len(found) - len(shown)} more")
    lines.append(f"  output: {result.untraced.output} and {result.traced.output}")
    return "\n".join(lines)


def render(results: Sequence[SuiteResult], limit: int | None = None) -> str:
    """The table, then every suite's differences."""
    parts = [HEADER, *map(row, results)]
    table = "\n".join(parts)
    details = [differences(result, limit) for result in results if result.differences]
    return "\n\n".join([table, *details]) + "\n"
