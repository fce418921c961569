"""Run a suite twice, under `python -m pytest` and under `flow run -m pytest`, and compare.

Both runs get the same command line after the launcher, the same environment (a fixed hash
seed, no bytecode written, the corpus plugins on PYTHONPATH) and the same folder; the traced
one also gets a run store of its own. `random` is seeded alike in both (`corpus_seed`). Each
run writes its per-test outcomes through the `corpus_outcomes` plugin, and the result lists
every test whose outcomes differ.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from outcomes import Difference, Outcomes, compare, read_outcomes
from suites import CORPUS_DIR, Suite
from venvs import Corpus

PLUGINS_DIR = CORPUS_DIR / "plugins"
RUN_TIMEOUT = 900.0  # seconds; a run that takes longer is ended and reported


@dataclass(frozen=True)
class Run:
    """One pytest run of a suite: its outcomes, how long it took, how it ended, its output."""

    outcomes: Outcomes
    seconds: float
    exit_code: int
    output: Path  # pytest's stdout and stderr
    timed_out: bool = False


@dataclass(frozen=True)
class SuiteResult:
    """A suite run untraced and traced on one interpreter and backend."""

    suite: Suite
    python: str
    backend: str
    untraced: Run
    traced: Run
    differences: list[Difference] = field(default_factory=list)


def pytest_args(suite: Suite, outcomes_file: Path) -> list[str]:
    """pytest's arguments: the suite's own configuration, the corpus's plugins, the tests."""
    return [
        "-m", "pytest", "-c", "pyproject.toml", "--rootdir", ".", "-p", "no:cacheprovider",
        "-p", "corpus_seed", "-p", "corpus_outcomes", f"--corpus-outcomes={outcomes_file}",
        *suite.args(),
    ]  # fmt: skip


def run_environment(data_dir: Path, backend: str | None) -> dict[str, str]:
    """The environment of both runs; DebugFlow's settings only name its store and backend."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLOW_", "PYTHON"))}
    env.update(PYTHONPATH=str(PLUGINS_DIR), PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    env["FLOW_DATA_DIR"] = str(data_dir)
    if backend is not None:
        env["FLOW_BACKEND"] = backend
    return env


def run_once(
    launcher: list[str], suite: Suite, corpus: Corpus, name: str, backend: str | None
) -> Run:
    """Run the suite with this launcher (the interpreter, or `flow run`) and read its outcomes."""
    runs = corpus.runs(suite)
    outcomes_file, output, data_dir = runs / f"{name}.jsonl", runs / f"{name}.out", runs / name
    outcomes_file.unlink(missing_ok=True)
    shutil.rmtree(data_dir, ignore_errors=True)
    command = [*launcher, *pytest_args(suite, outcomes_file)]
    started = time.perf_counter()
    with output.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command, cwd=corpus.source(suite), env=run_environment(data_dir, backend),
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            exit_code, timed_out = process.wait(timeout=RUN_TIMEOUT), False
        except subprocess.TimeoutExpired:
            process.kill()
            exit_code, timed_out = process.wait(), True
    seconds = time.perf_counter() - started
    return Run(read_outcomes(outcomes_file), seconds, exit_code, output, timed_out)


def backend_of(corpus: Corpus, forced: str | None) -> str:
    """The backend `flow run` uses in this environment, asked of DebugFlow's own selector."""
    code = "import sys; from debugflow.tracer.selector import choose_backend as c; "
    code += "print(c(sys.argv[1] or None).name)"
    command = [str(corpus.python), "-c", code, forced or ""]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def run_suite(suite: Suite, corpus: Corpus, backend: str | None = None) -> SuiteResult:
    """The suite untraced, then traced, and every test whose outcomes differ."""
    untraced = run_once([str(corpus.python)], suite, corpus, "untraced", backend)
    traced = run_once([str(corpus.flow), "run"], suite, corpus, "traced", backend)
    exit_codes = (untraced.exit_code, traced.exit_code)
    differences = compare(untraced.outcomes, traced.outcomes, exit_codes)
    backend_used = backend_of(corpus, backend)
    return SuiteResult(suite, corpus.version, backend_used, untraced, traced, differences)
