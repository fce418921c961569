"""Per-function call counts in the store equal cProfile's on the same program."""

from __future__ import annotations

import ast
import json
import os
import pstats
import sys
from pathlib import Path

from conftest import PROGRAMS, flow, run


def _cprofile_counts(tmp_path: Path, env: dict[str, str]) -> dict[tuple[str, int], int]:
    out = tmp_path / "profile.out"
    result = run([sys.executable, "-m", "cProfile", "-o", str(out), "fidelity.py"], env)
    assert result.returncode == 0, result.stderr
    stats = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    counts: dict[tuple[str, int], int] = {}
    functions = _function_lines(PROGRAMS / "fidelity.py")
    for (filename, line, _name), (_primitive, total, *_rest) in stats.items():
        if os.path.basename(filename) == "fidelity.py" and line in functions:
            counts[(os.path.basename(filename), line)] = total
    assert len(counts) == len(functions)
    return counts


def _function_lines(path: Path) -> set[int]:
    """First lines of the functions and methods (class bodies and the module are not calls)."""
    tree = ast.parse(path.read_text())
    return {node.lineno for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def test_call_counts_match_cprofile(tmp_path: Path, backend: str, flow_env: dict[str, str]) -> None:
    expected = _cprofile_counts(tmp_path, flow_env)
    assert flow("run", "fidelity.py", env=flow_env, backend=backend).returncode == 0
    listed = flow("stats", "--json", env=flow_env)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    got = {(os.path.basename(r["file"]), r["line"]): r["calls"] for r in rows}
    got = {
        key: calls
        for key, calls in got.items()
        if key[1] in _function_lines(PROGRAMS / "fidelity.py")
    }
    assert got == expected
    assert (
        expected[
            (
                "fidelity.py",
                PROGRAMS.joinpath("fidelity.py").read_text().splitlines().index("def fib(n):") + 1,
            )
        ]
        > 1000
    )


def test_exceptions_counted_exactly(backend: str, flow_env: dict[str, str]) -> None:
    assert flow("run", "fidelity.py", env=flow_env, backend=backend).returncode == 0
    rows = json.loads(flow("stats", "--json", env=flow_env).stdout)
    risky = next(r for r in rows if r["function"] == "risky")
    assert (risky["calls"], risky["exceptions"]) == (500, len(range(0, 500, 7)))
    assert {"function", "file", "line", "calls", "exceptions", "total_ns"} <= set(risky)
