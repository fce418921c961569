"""A traced program behaves exactly as it does under plain python: output, errors, exit code."""

from __future__ import annotations

import sys

import pytest

from conftest import PROGRAMS, flow, run

CORPUS = sorted(p.name for p in PROGRAMS.glob("*.py"))


@pytest.mark.parametrize("program", CORPUS)
def test_same_output_and_exit_code(program: str, backend: str, flow_env: dict[str, str]) -> None:
    args = ["--epochs", "3", "it's"] if program == "argv_env.py" else []
    plain = run([sys.executable, program, *args], flow_env, stdin="hello\n")
    traced = flow("run", program, *args, env=flow_env, backend=backend, stdin="hello\n")
    assert (traced.stdout, traced.stderr, traced.returncode) == (
        plain.stdout,
        plain.stderr,
        plain.returncode,
    )


def test_corpus_covers_what_matters() -> None:
    # The transparency promise is only as good as the programs it is checked on.
    assert {
        "async_tasks.py",
        "threads.py",
        "generators.py",
        "recursion.py",
        "bad_repr.py",
        "exit3.py",
        "uncaught.py",
        "classes.py",
    } <= set(CORPUS)


def test_uncaught_traceback_has_no_debugflow_frames(flow_env: dict[str, str]) -> None:
    traced = flow("run", "uncaught.py", env=flow_env)
    assert traced.returncode == 1
    assert "debugflow" not in traced.stderr and "runpy" not in traced.stderr
    assert traced.stderr.startswith("Traceback (most recent call last):")
    assert "ValueError: invalid literal for int()" in traced.stderr


def test_run_module_like_python_dash_m(flow_env: dict[str, str]) -> None:
    plain = run([sys.executable, "-m", "argv_env", "x"], flow_env, stdin="in\n")
    traced = flow("run", "-m", "argv_env", "x", env=flow_env, stdin="in\n")
    assert (traced.stdout, traced.returncode) == (plain.stdout, plain.returncode)


def test_missing_script_fails_clearly(flow_env: dict[str, str]) -> None:
    traced = flow("run", "no_such_script.py", env=flow_env)
    assert traced.returncode == 2
    assert "can't open file" in traced.stderr and "no_such_script.py" in traced.stderr


def test_missing_module_fails_clearly(flow_env: dict[str, str]) -> None:
    traced = flow("run", "-m", "no_such_module_xyz", env=flow_env)
    assert traced.returncode == 2
    assert "No module named no_such_module_xyz" in traced.stderr
