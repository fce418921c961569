"""Shared fixtures: the backends to run each tracer test against, and helpers to run programs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

PROGRAMS = Path(__file__).parent / "programs"
BACKENDS = ["settrace", "monitoring"] if sys.version_info >= (3, 12) else ["settrace"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each tracer test runs once per backend this Python has."""
    return str(request.param)


# The hot path's core the whole run tests: FLOW_PURE_PYTHON=1 runs the suite on the Python
# core where the compiled one is built (scripts/test.sh runs the tracer's tests both ways).
CORE_VARIABLES = ("FLOW_PURE_PYTHON",)


def pytest_configure(config: pytest.Config) -> None:
    """Let the programs the tests start see Ctrl+C as they would from a terminal.

    A shell starts a background job (`scripts/test.sh` runs the suites as jobs, `nohup … &`)
    with SIGINT ignored, and an ignored signal stays ignored in every child: the tests that
    interrupt a traced program, a hub or a ghost pass would then wait for nothing. A Python
    handler is not inherited (exec resets it to the default), so installing Python's own here
    gives each child the default action again.
    """
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_report_header() -> str:
    """Say which hot path the tracer tests run, so a silent fallback shows in every run."""
    from debugflow.tracer.hotcore import choose_core, describe

    return f"debugflow hot path: {describe(choose_core())}"


@pytest.fixture(scope="session")
def bytecode_cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One byte-code cache for every program the tests start, outside the repository.

    Programs compile DebugFlow and their own modules once per test session instead of once
    per process (thousands of processes), and nothing is written beside the test programs.
    """
    return str(tmp_path_factory.mktemp("pycache"))


@pytest.fixture
def flow_env(tmp_path: Path, bytecode_cache: str) -> dict[str, str]:
    """An environment whose run store lives in the test's temporary folder (and which keeps
    the core chosen for the whole test run)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOW_") or k in CORE_VARIABLES}
    env["FLOW_DATA_DIR"] = str(tmp_path / "data")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = bytecode_cache
    return env


def run(
    args: Sequence[str],
    env: dict[str, str],
    cwd: Path = PROGRAMS,
    stdin: str = "",
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run a command to completion and capture its text output."""
    return subprocess.run(
        list(args),
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def flow(
    *args: str,
    env: dict[str, str],
    backend: str | None = None,
    cwd: Path = PROGRAMS,
    stdin: str = "",
) -> subprocess.CompletedProcess[str]:
    """`python -m debugflow ARGS` with an optional forced backend."""
    if backend is not None:
        env = {**env, "FLOW_BACKEND": backend}
    return run([sys.executable, "-m", "debugflow", *args], env, cwd, stdin)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless chromium shared by the browser tests of one module (tests/hud_page.py)."""
    from hud_page import chromium

    with chromium() as launched:
        yield launched
