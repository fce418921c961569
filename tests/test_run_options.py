"""`flow run` reads its options without argparse, and must read them exactly as argparse does."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import flow
from debugflow.cli.run_cmd import _run_parser
from debugflow.cli.run_options import (
    OPTIONS,
    RunArgs,
    parse_run_options,
    run_args_from,
    split_run_argv,
)

EXACT = [
    [],
    ["-q"],
    ["--quiet", "--hud"],
    ["--root", "/tmp/project", "--include", "networkx", "--include", "lib/*.py"],
    ["--root=/tmp/x", "--exclude=tests/*"],
    ["--root="],
    ["--backend", "settrace", "--repr", "user"],
    ["--detail-calls", "5", "--sample-every=7"],
    ["--detail-calls", "-5"],
    ["--live"],
    ["--no-live"],
    ["--live", "--no-live", "--live"],
    ["--root", "a", "--root", "b"],
    ["-m", "pkg.cli"],
    ["--backend=monitoring", "-q", "-m", "json.tool"],
]

FOR_ARGPARSE = [
    ["--help"],
    ["--ro", "x"],  # an abbreviation
    ["--backend", "fast"],  # not a choice
    ["--detail-calls", "many"],
    ["--detail-calls"],  # no value
    ["--hud=1"],
    ["--no-quiet"],
    ["-qm", "mod"],
    ["--root", "-x"],
    ["--unknown"],
]


def _by_argparse(options: list[str], program: list[str]) -> RunArgs:
    return run_args_from(_run_parser().parse_args(options), program)


@pytest.mark.parametrize("options", EXACT, ids=" ".join)
def test_exact_spellings_read_the_same_as_argparse(options: list[str]) -> None:
    fast = parse_run_options(options, ["app.py", "--epochs", "3"])
    assert fast is not None
    assert fast == _by_argparse(options, ["app.py", "--epochs", "3"])


@pytest.mark.parametrize("options", FOR_ARGPARSE, ids=" ".join)
def test_anything_else_is_left_to_argparse(options: list[str]) -> None:
    assert parse_run_options(options, []) is None


def test_program_arguments_are_never_read_as_options() -> None:
    tokens = ["-q", "--root", "r", "app.py", "--root", "mine", "-q"]
    assert split_run_argv(tokens) == (["-q", "--root", "r"], ["app.py", "--root", "mine", "-q"])
    assert split_run_argv(["-m", "pkg", "-q"]) == (["-m", "pkg"], ["-q"])
    assert split_run_argv(["--", "-script.py"]) == ([], ["-script.py"])


def test_bad_values_get_argparse_errors(flow_env: dict[str, str]) -> None:
    result = flow("run", "--backend", "fast", "classes.py", env=flow_env)
    assert result.returncode == 2
    assert "invalid choice: 'fast'" in result.stderr


def test_help_lists_every_option(flow_env: dict[str, str]) -> None:
    result = flow("run", "--help", env=flow_env)
    assert result.returncode == 0
    for option in OPTIONS:
        for spelling in option.flags:
            assert spelling in result.stdout
    assert "--live, --no-live" in result.stdout


def test_flow_run_loads_neither_argparse_nor_dataclasses(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    # Start-up cost the user waits for before their program starts: keep these out of it.
    script = tmp_path / "probe.py"
    script.write_text(
        "import sys\n"
        "print(sorted(m for m in ('argparse', 'dataclasses', 'shutil') if m in sys.modules))\n"
    )
    result = flow("run", "-q", "--root", str(tmp_path), str(script), env=flow_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"
