"""The corpus: real third-party test suites, pinned to one source distribution each.

Each suite is fetched from the package index as its sdist, by exact version and sha256, and
run from the unpacked source with its own pytest configuration. A suite may be a slice: the
tests it leaves out are named here with the reason, so the slice is chosen, not drifting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
LOCK_FILE = CORPUS_DIR / "lock.txt"  # the hash-pinned wheels of the corpus's environments


@dataclass(frozen=True)
class Suite:
    """One pinned test suite and how to run it."""

    name: str  # the distribution's name on the index
    version: str
    sdist_sha256: str
    min_python: tuple[int, int]  # the sdist's requires-python
    test_requirements: tuple[str, ...]  # what its tests import, resolved into the lock
    build_requirements: tuple[str, ...]  # its build backend, to install it editable offline
    pytest_args: tuple[str, ...]  # test paths and options, after the corpus's own
    deselected: tuple[tuple[str, str], ...] = ()  # (test id, why it is left out)
    min_tests: int = 1  # fewer outcomes than this means the run did not really run
    # Differences not fixed yet, (test id, why): reported, not failed on; one that stops
    # differing fails the run, so the entry is removed when the fix lands.
    known_differences: tuple[tuple[str, str], ...] = ()
    # Tests whose traced outcome depends on timing, (test id, why): a difference is reported,
    # never failed on, and not required either.
    unsteady: tuple[tuple[str, str], ...] = ()
    about: str = ""

    @property
    def pin(self) -> str:
        """The requirement that fetches exactly this sdist."""
        return f"{self.name}=={self.version} --hash=sha256:{self.sdist_sha256}"

    @property
    def label(self) -> str:
        """`name version`, as reports show it."""
        return f"{self.name} {self.version}"

    def args(self) -> list[str]:
        """The pytest arguments that select this suite's tests."""
        deselect = [arg for test, _ in self.deselected for arg in ("--deselect", test)]
        return [*self.pytest_args, *deselect]


def slow_when_traced(*tests: str) -> tuple[tuple[str, str], ...]:
    """Tests left out because, traced, each takes from 7 s to 2 minutes of CI's budget."""
    return tuple((test, "7 s to 2 min traced") for test in tests)


MORE_ITERTOOLS = Suite(
    name="more-itertools",
    version="11.2.1",
    sdist_sha256="cbf08fd0af284dc69718b9b76a8e6203df624d70209ea511e4219d350c856f63",
    min_python=(3, 11),
    test_requirements=("pytest",),
    build_requirements=("flit_core>=4,<5",),
    pytest_args=("tests",),
    deselected=(
        ("tests/test_recipes.py::PrimeFunctionTests::test_primes", "50 s untraced"),
        *slow_when_traced(
            "tests/test_recipes.py::PrimeFunctionTests::test_nth_prime_approximate",
            "tests/test_recipes.py::PrimeFunctionTests::test_nth_prime_tightened_bound",
            "tests/test_recipes.py::PolynomialFromRootsTests::test_large",
            "tests/test_recipes.py::FactorTests::test_cross_check",
            "tests/test_more.py::TestConcurrentTee::test_concurrent_consumers",
            "tests/test_more.py::TestSerialize::test_concurrent_calls",
            "tests/test_more.py::TestRandomOrderedRange::test_lcg_mitigation",
            "tests/test_more.py::DiscreteFourierTransformTests::test_roundtrip",
        ),
        ("tests/test_more.py::ExtractTests::test_all_orderings", "9 s traced on 3.11"),
        ("tests/test_recipes.py::RunningMedianTests::test_vs_statistics_median", "4 s traced"),
    ),
    min_tests=4_000,  # its unittest subtests count one each
    unsteady=(
        (
            "tests/test_more.py::SeekableTest::test_repeated_zero_cache_peek_has_bounded_memory",
            "tracemalloc counts every thread's allocations: it bounds the memory alive after"
            " 20,000 calls to 256 KiB, and sees DebugFlow's collector and store writer at work"
            " at that instant (the loop's new nodes' duration samples, 16 KiB each, and one"
            " slice of rows); passes in most runs, not all",
        ),
    ),
    about="the whole suite but 11 slow tests",
)

ATTRS = Suite(
    name="attrs",
    version="26.1.0",
    sdist_sha256="d03ceb89cb322a8fd706d4fb91940737b6642aa36998fe130a9bc96c985eff32",
    min_python=(3, 9),
    test_requirements=("pytest", "hypothesis", "cloudpickle", "pympler"),
    build_requirements=("hatchling", "hatch-vcs", "hatch-fancy-pypi-readme>=23.2.0"),
    # Every test; Hypothesis tries 10 examples per property instead of 100 (most of the time).
    pytest_args=("tests", "-p", "corpus_hypothesis", "--corpus-max-examples=10"),
    min_tests=1_300,
    about="every test, 10 Hypothesis examples per property",
)

NETWORKX = Suite(
    name="networkx",
    version="3.6.1",
    sdist_sha256="26b7c357accc0c8cde558ad486283728b65b6a95d85ee1cd66bafab4c8168509",
    min_python=(3, 11),
    test_requirements=("pytest",),
    build_requirements=("setuptools>=77.0.3",),
    # Four pure-Python algorithm packages; tests that need numpy, scipy or pandas skip.
    pytest_args=tuple(
        f"networkx/algorithms/{package}"
        for package in ("shortest_paths", "traversal", "components", "tree")
    ),
    min_tests=400,
    about="algorithms: shortest paths, traversal, components, trees",
)

SUITES: tuple[Suite, ...] = (MORE_ITERTOOLS, ATTRS, NETWORKX)


def select(names: str | None) -> tuple[Suite, ...]:
    """The suites named in a comma-separated list (all of them for None)."""
    if not names:
        return SUITES
    by_name = {suite.name: suite for suite in SUITES}
    chosen = [part.strip() for part in names.split(",") if part.strip()]
    unknown = [name for name in chosen if name not in by_name]
    if unknown:
        raise SystemExit(f"unknown suite(s) {unknown}; choose from {sorted(by_name)}")
    return tuple(by_name[name] for name in chosen)


def supported(suites: tuple[Suite, ...], version: tuple[int, int]) -> tuple[Suite, ...]:
    """The suites whose sdist supports this Python version."""
    return tuple(suite for suite in suites if version >= suite.min_python)
