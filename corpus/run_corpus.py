"""Run the corpus of real test suites untraced and traced, and report what differs.

Each suite runs in its own virtual environment on the interpreter given (made on first use
under `.corpus/`, from hash-pinned files), once under `python -m pytest` and once under
`flow run -m pytest`; the report gives each suite's tests, its times and every test whose
outcome differs. Exits 1 when any suite differs. Usage:

    .venvs/3.11/bin/python corpus/run_corpus.py [--suites attrs,networkx]
        [--python .venvs/3.13/bin/python] [--backend settrace] [--limit 50]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from report import render
from runner import SuiteResult, run_suite
from suites import select
from venvs import prepare


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suites", help="comma-separated suites (default: all)")
    parser.add_argument("--python", type=Path, default=Path(sys.executable),
                        help="interpreter to run the suites on (default: this one)")  # fmt: skip
    parser.add_argument("--backend", choices=("monitoring", "settrace"),
                        help="force DebugFlow's backend (default: this Python's)")  # fmt: skip
    parser.add_argument("--limit", type=int, help="show at most this many differences a suite")
    return parser.parse_args(argv)


def log(message: str) -> None:
    """Progress, on stderr so stdout holds only the report."""
    print(f"corpus: {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the suites chosen; print the report; 1 when a suite differs."""
    options = parse_args(argv)
    chosen = select(options.suites)
    started = time.perf_counter()
    corpus = prepare(options.python)
    log(f"environment of Python {corpus.version} ready in {time.perf_counter() - started:.1f} s")
    results: list[SuiteResult] = []
    for suite in chosen:
        if suite not in corpus.suites:
            log(f"{suite.label} needs Python {'.'.join(map(str, suite.min_python))}+: not run")
            continue
        log(f"{suite.label}: untraced, then traced")
        results.append(run_suite(suite, corpus, options.backend))
    print(render(results, options.limit), end="")
    return 1 if any(result.differences for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
