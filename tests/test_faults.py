"""Whatever DebugFlow meets, the traced program behaves as it does untraced."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import flow, run


def test_unwritable_store_changes_nothing(
    tmp_path: Path, backend: str, flow_env: dict[str, str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    env = {**flow_env, "FLOW_DATA_DIR": str(blocker / "data")}
    plain = run([sys.executable, "exit3.py"], env)
    traced = flow("run", "exit3.py", env=env, backend=backend)
    assert (traced.stdout, traced.stderr, traced.returncode) == (
        plain.stdout,
        plain.stderr,
        plain.returncode,
    )


def test_user_repr_mode_survives_hostile_reprs(backend: str, flow_env: dict[str, str]) -> None:
    plain = run([sys.executable, "bad_repr.py"], flow_env)
    traced = flow("run", "--repr", "user", "bad_repr.py", env=flow_env, backend=backend)
    assert (traced.stdout, traced.stderr, traced.returncode) == (
        plain.stdout,
        plain.stderr,
        plain.returncode,
    )
    shown = flow("show", env=flow_env).stdout
    assert "repr-error" in shown or "RuntimeError" in shown


def test_previews_that_never_end_are_abandoned(backend: str, flow_env: dict[str, str]) -> None:
    """A `__repr__` and an exception's `__str__` that loop forever: the program runs as it
    does untraced, the run ends, and the values say their preview was abandoned."""
    plain = run([sys.executable, "endless_repr.py"], flow_env)
    traced = flow("run", "--repr", "user", "endless_repr.py", env=flow_env, backend=backend)
    assert (traced.stdout, traced.stderr, traced.returncode) == (
        plain.stdout,
        plain.stderr,
        plain.returncode,
    )
    shown = flow("show", env=flow_env)
    assert "ended, exit 4" in shown.stdout
    exported = flow("export", "--format", "jsonl", env=flow_env).stdout
    assert "<preview abandoned after 250 ms>" in exported
    assert "<str() abandoned after 250 ms>" in shown.stdout


FORKS_THEN_ONLY_COUNTS = """
import os

def work(n):
    return n + 1

total = sum(work(i) for i in range(200))  # past the detail budget: calls only counted
pid = os.fork()
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
print(total + sum(work(i) for i in range(200)))
"""


def test_a_run_that_forks_then_only_counts_calls_still_ends(
    tmp_path: Path, backend: str, flow_env: dict[str, str]
) -> None:
    """After a fork, DebugFlow's threads may start again only when a call needs them (3.13);
    a run that makes no such call must still be written to its end."""
    (tmp_path / "forks_late.py").write_text(FORKS_THEN_ONLY_COUNTS)
    env = {**flow_env, "FLOW_DETAIL_CALLS": "2", "FLOW_SAMPLE_EVERY": "1000000"}
    plain = run([sys.executable, "forks_late.py"], env, cwd=tmp_path)
    traced = flow("run", "forks_late.py", env=env, backend=backend, cwd=tmp_path)
    assert (traced.stdout, traced.stderr, traced.returncode) == (
        plain.stdout,
        plain.stderr,
        plain.returncode,
    )
    shown = flow("show", env=env, cwd=tmp_path).stdout
    assert "ended, exit 0" in shown and "work" in shown and "×400" in shown


COUNTED_STR = """
class Noted(Exception):
    reads = 0

    def __str__(self):
        Noted.reads += 1
        return "noted"

def inner(n):
    try:
        raise Noted()
    except Noted:
        return n

print(sum(inner(i) for i in range(50)), Noted.reads)
"""


def test_an_exception_caught_where_it_is_raised_is_not_read(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    """sys.monitoring names the exception when it leaves a call: one that never leaves is
    never asked for its text, as plain Python never asks."""
    if sys.version_info < (3, 12):
        pytest.skip("settrace sees an exception only where it is raised, and reads it there")
    (tmp_path / "counted.py").write_text(COUNTED_STR)
    env = {**flow_env, "FLOW_DETAIL_CALLS": "2", "FLOW_SAMPLE_EVERY": "1000000"}
    plain = run([sys.executable, "counted.py"], env, cwd=tmp_path)
    traced = flow("run", "counted.py", env=env, backend="monitoring", cwd=tmp_path)
    assert plain.stdout == "1225 0\n"
    assert traced.stdout.split()[0] == "1225"
    # Only the calls kept in detail read it, for their records (the first two and the first
    # sampled one); the 47 others never do.
    assert traced.stdout.split()[1] == "3"
