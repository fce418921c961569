"""A run the store could not take: on a terminal, the summary line says so and offers no run.

The program's own output and exit code stay exactly what plain `python` gives, whatever
happened to the store.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from terminal import read_until_closed

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PIPELINE = [str(EXAMPLES / "pipeline.py"), "--epochs", "2"]

# Clears every run (the one recording now too) from inside the program, then goes on.
CLEARS_THE_STORE = """
import subprocess, sys

def work(n):
    return n * 2

print(sum(work(i) for i in range(5)))
done = subprocess.run([sys.executable, "-m", "debugflow", "runs", "--clear"], capture_output=True)
print("cleared" if done.returncode == 0 else f"clear failed: {done.stderr!r}")
print(sum(work(i) for i in range(50)))
sys.exit(3)
"""


class Outcome:
    """What a command printed on stdout (a pipe) and on stderr (a terminal), and its status."""

    def __init__(self, stdout: bytes, stderr: str, returncode: int) -> None:
        self.stdout, self.stderr, self.returncode = stdout, stderr, returncode


def _on_terminal(args: list[str], cwd: Path, env: dict[str, str], tmp: Path) -> Outcome:
    """Run `args` with stderr on a terminal (so `flow run` talks) and stdout in a file."""
    main, secondary = pty.openpty()
    out_path = tmp / "stdout.bin"
    with out_path.open("wb") as out:
        process = subprocess.Popen(
            args,
            cwd=cwd,
            env={**env, "TERM": "xterm", "COLUMNS": "300"},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=secondary,
        )
    os.close(secondary)
    text = read_until_closed(main, 120)
    returncode = process.wait(timeout=60)
    os.close(main)
    stderr = text
    return Outcome(out_path.read_bytes(), stderr, returncode)


def _untraced(args: list[str], cwd: Path, env: dict[str, str]) -> Outcome:
    done = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True)
    return Outcome(done.stdout, done.stderr.decode(), done.returncode)


def _flow_run(args: list[str], cwd: Path, env: dict[str, str], tmp: Path) -> Outcome:
    return _on_terminal(
        [sys.executable, "-m", "debugflow", "run", "--no-live", *args], cwd, env, tmp
    )


def _summary(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("debugflow: ")]
    assert lines, f"no summary line in {stderr!r}"
    return lines[-1]


def _a_store(tmp: Path, env: dict[str, str]) -> Path:
    """A real store with one run in it, made by `flow run`."""
    done = subprocess.run(
        [sys.executable, "-m", "debugflow", "run", *PIPELINE], cwd=tmp, env=env, check=True
    )
    assert done.returncode == 0
    store = Path(env["FLOW_DATA_DIR"]) / "runs.db"
    assert store.stat().st_size > 8192
    return store


def _overwrite_header(store: Path) -> None:
    with store.open("r+b") as file:
        file.write(b"this is no longer a database header")


def _truncate(store: Path) -> None:
    with store.open("r+b") as file:
        file.truncate(3000)  # inside the first page: no schema left to read


@pytest.mark.parametrize("damage", [_overwrite_header, _truncate], ids=["header", "truncated"])
def test_a_damaged_store_gives_a_summary_that_offers_no_run(
    damage: object, tmp_path: Path, flow_env: dict[str, str]
) -> None:
    store = _a_store(tmp_path, flow_env)
    damage(store)  # type: ignore[operator]
    plain = _untraced(PIPELINE, tmp_path, flow_env)
    traced = _flow_run(PIPELINE, tmp_path, flow_env, tmp_path)
    # The store is opened on the writer's thread, so this is known, and said, at the end.
    summary = _summary(traced.stderr)
    assert summary.startswith("debugflow: this run was not recorded: cannot open the run store")
    assert "damaged" in summary and "calls · " in summary
    assert "dropped" not in summary  # nothing was dropped: nothing could be kept at all
    assert "flow show" not in summary and "open it" not in summary
    assert traced.stdout == plain.stdout
    assert traced.returncode == plain.returncode


def test_a_run_cleared_while_recording_is_not_offered(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    (tmp_path / "clears.py").write_text(CLEARS_THE_STORE)
    plain = _untraced(["clears.py"], tmp_path, flow_env)
    assert plain.stdout == b"20\ncleared\n2450\n" and plain.returncode == 3
    traced = _flow_run(["clears.py"], tmp_path, flow_env, tmp_path)
    summary = _summary(traced.stderr)
    assert "recording stopped part way: run " in summary
    assert "is not in the run store" in summary
    assert "flow show" not in summary and "open it" not in summary
    assert traced.stdout == plain.stdout
    assert traced.returncode == plain.returncode


def test_a_healthy_store_still_offers_the_run(tmp_path: Path, flow_env: dict[str, str]) -> None:
    traced = _flow_run(PIPELINE, tmp_path, flow_env, tmp_path)
    summary = _summary(traced.stderr)
    run_id = summary.split()[2]
    assert summary.endswith(f"open it: flow show {run_id}")
    assert traced.returncode == 0
