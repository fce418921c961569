"""A reader that stops early (`flow export | head`): the store commands end quietly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import flow

# The exit status shells report for a writer killed by SIGPIPE (128 + 13), chosen by `flow`.
BROKEN_PIPE = 141
# Well past a pipe's 64 KiB buffer, so the writer is still writing when the reader leaves.
FUNCTIONS = 3000


def _wide_program(folder: Path) -> Path:
    """A script calling many distinct functions: long stats, long trees, long exports."""
    lines = [f"def f{i}(x):\n    return x + {i}\n" for i in range(FUNCTIONS)]
    calls = "\n".join(f"    f{i}({i})" for i in range(FUNCTIONS))
    program = folder / "wide.py"
    program.write_text("".join(lines) + f"\n\ndef main():\n{calls}\n\n\nmain()\n")
    return program


@pytest.fixture
def pipe_env(flow_env: dict[str, str]) -> dict[str, str]:
    """The test environment with standard output buffered, as it is by default.

    Unbuffered (PYTHONUNBUFFERED, `-u`), a large write that the closing pipe cuts short is
    taken as complete and the rest silently dropped, so the writer never sees the closed pipe.
    """
    return {k: v for k, v in flow_env.items() if k != "PYTHONUNBUFFERED"}


@pytest.fixture
def wide_run(tmp_path: Path, pipe_env: dict[str, str]) -> dict[str, str]:
    """The environment of a store holding one run of the wide program."""
    recorded = flow("run", "wide.py", env=pipe_env, cwd=_wide_program(tmp_path).parent)
    assert recorded.returncode == 0, recorded.stderr
    return pipe_env


def _read_then_close(
    args: list[str], env: dict[str, str], tmp_path: Path, keep: int
) -> tuple[bytes, int, str]:
    """Run `flow ARGS` into a pipe, read `keep` bytes, close the pipe; (bytes, status, stderr)."""
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "debugflow", *args], env=env, cwd=tmp_path,
            stdout=subprocess.PIPE, stderr=stderr,
        )  # fmt: skip
        assert process.stdout is not None
        head = process.stdout.read(keep) if keep else b""
        process.stdout.close()
        status = process.wait(timeout=120)
    return head, status, errors.read_text()


@pytest.mark.parametrize(
    "args",
    [
        ["stats", "--json"],
        ["stats", "--limit", str(FUNCTIONS)],
        ["export"],
        ["export", "--format", "jsonl"],
        ["show", "--max-nodes", str(2 * FUNCTIONS)],
    ],
)
def test_a_reader_leaving_early_ends_the_command_quietly(
    args: list[str], wide_run: dict[str, str], tmp_path: Path
) -> None:
    complete = flow(*args, env=wide_run)
    assert complete.returncode == 0, complete.stderr
    assert len(complete.stdout.encode()) > 2 * 65536  # the writer outlasts the reader

    head, status, stderr = _read_then_close(args, wide_run, tmp_path, keep=100)
    assert head == complete.stdout.encode()[:100]
    assert stderr == ""
    assert status == BROKEN_PIPE


@pytest.mark.parametrize("args", [["runs"], ["show"], ["stats", "--json"], ["export"]])
def test_a_pipe_closed_before_the_first_write_ends_quietly(
    args: list[str], wide_run: dict[str, str], tmp_path: Path
) -> None:
    head, status, stderr = _read_then_close(args, wide_run, tmp_path, keep=0)
    assert (head, stderr, status) == (b"", "", BROKEN_PIPE)


def test_short_output_failing_only_at_the_final_flush_ends_quietly(
    pipe_env: dict[str, str], tmp_path: Path
) -> None:
    # One buffered line ("no runs recorded yet") meets the closed pipe only when flushed.
    _, status, stderr = _read_then_close(["runs"], pipe_env, tmp_path, keep=0)
    assert (stderr, status) == ("", BROKEN_PIPE)


def test_shell_pipelines_into_head(wide_run: dict[str, str], tmp_path: Path) -> None:
    flow_cmd = f"'{sys.executable}' -m debugflow"
    script = (
        f"{flow_cmd} stats --json | head -2 >/dev/null; a=${{PIPESTATUS[0]}}; "
        f"{flow_cmd} export | head -c 100 >/dev/null; b=${{PIPESTATUS[0]}}; "
        f"{flow_cmd} show | head -1 >/dev/null; c=${{PIPESTATUS[0]}}; "
        'echo "$a $b $c"'
    )
    ran = subprocess.run(
        ["bash", "-c", script], env=wide_run, cwd=tmp_path,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert ran.stderr == ""
    assert ran.stdout.split() == [str(BROKEN_PIPE)] * 3


def test_a_complete_read_still_exits_zero(wide_run: dict[str, str]) -> None:
    exported = flow("export", "--format", "jsonl", env=wide_run)
    assert (exported.returncode, exported.stderr) == (0, "")
    assert json.loads(exported.stdout.splitlines()[-1])["type"] == "run_end"
