"""`--include MODULE` covers the module's code wherever it was compiled, with exact counts."""

from __future__ import annotations

import importlib.util
import inspect
import json
import os
import pstats
import sys
from pathlib import Path
from types import CodeType

from conftest import flow, run

NETWORKX_PROGRAM = "networkx_graphs.py"
# networkx names the code it compiles for each `argmap`-decorated function after the class
# and a counter, so each wrapper has a file name of its own.
ARGMAP_FILE = "<class 'networkx.utils.decorators.argmap'> compilation "
FOLDED = frozenset({"<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>"})
GENERATOR_FLAGS = inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR

# A function as cProfile names it: file, first line, `co_name`.
Key = tuple[str, int, str]


def test_include_networkx_counts_match_cprofile(
    tmp_path: Path, backend: str, flow_env: dict[str, str]
) -> None:
    """Every networkx function cProfile saw is in `flow stats`, with cProfile's call count.

    What is compared, so that both sides count the same thing:
    - networkx code: functions in files of the installed package, and the `argmap`
      wrappers networkx compiles at run time (their globals are those of
      `networkx.utils.decorators`). The `<module>` code of each argmap compilation runs in
      a namespace networkx builds without `__name__`, so it belongs to no module and is
      left out; so is other `<string>` code (dataclass methods), because cProfile names
      all of it `<string>` and keeps one count for code objects of different modules.
    - calls, not bodies: comprehensions and generator expressions are folded into the
      function around them and class bodies are not calls, so neither is compared.
    - all calls: cProfile's total `nc`, which includes recursive calls, not the primitive
      count (the program recurses in networkx, so comparing the wrong one fails).
    - generators: one call per generator in DebugFlow, one per resumption in cProfile, so
      DebugFlow's count must be at least 1 and at most cProfile's.
    Both runs get the same hash seed, so they do the same work.
    """
    env = {**flow_env, "PYTHONHASHSEED": "0"}
    profile = _cprofile_stats(tmp_path, env)
    traced = _flow_calls(env, backend)
    kinds = _Kinds()
    profiled = {key: row[1] for key, row in profile.items() if kinds.of(key)}
    assert {key for key in traced if kinds.of(key)} == profiled.keys()
    generators = {key for key in profiled if kinds.of(key) == "generator"}
    for key in generators:
        assert 1 <= traced[key] <= profiled[key], key
    calls = {key: traced[key] for key in profiled if key not in generators}
    assert calls == {key: profiled[key] for key in calls}
    # The run-time wrappers, generators and recursion are all in what was compared.
    assert sum(key[0].startswith(ARGMAP_FILE) for key in calls) >= 5
    assert generators
    assert any(profile[key][0] < profile[key][1] for key in calls)


def test_module_include_covers_run_time_code_and_module_exclude_removes_it(
    tmp_path: Path, flow_env: dict[str, str]
) -> None:
    library = tmp_path / "outside" / "shapes"
    library.mkdir(parents=True)
    generated = (
        "exec(compile('def area(w, h):\\n    return w * h\\n', '<shapes generated>', 'exec'))\n"
    )
    (library / "__init__.py").write_text(generated)
    (library / "legacy.py").write_text(generated.replace("area", "old_area"))
    project = tmp_path / "project"
    project.mkdir()
    (project / "main.py").write_text(
        "import shapes, shapes.legacy\n"
        "exec('def local(x):\\n    return x\\n')\n"
        "print(sum(shapes.area(i, 2) + shapes.legacy.old_area(i, 3) + local(i)"
        " for i in range(7)))\n"
    )
    env = {**flow_env, "PYTHONPATH": str(library.parent)}
    args = ("run", "--include", "shapes", "--exclude", "shapes.legacy", "main.py")
    assert flow(*args, env=env, cwd=project).stdout == "126\n"
    rows = json.loads(flow("stats", "--json", env=env, cwd=project).stdout)
    calls = {(row["function"], row["module"], row["file"]): row["calls"] for row in rows}
    assert calls[("area", "shapes", "<shapes generated>")] == 7
    assert not {"old_area", "local"} & {function for function, _, _ in calls}


def _cprofile_stats(tmp_path: Path, env: dict[str, str]) -> dict[Key, tuple[int, ...]]:
    """cProfile's (primitive calls, all calls, ...) per function of the program."""
    out = tmp_path / "prof.out"
    result = run([sys.executable, "-m", "cProfile", "-o", str(out), NETWORKX_PROGRAM], env)
    assert result.returncode == 0, result.stderr
    stats: dict[Key, tuple[int, ...]] = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    return stats


def _flow_calls(env: dict[str, str], backend: str) -> dict[Key, int]:
    """DebugFlow's calls per function, named as cProfile names them."""
    result = flow("run", "--include", "networkx", NETWORKX_PROGRAM, env=env, backend=backend)
    assert result.returncode == 0, result.stderr
    listed = flow("stats", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    return {
        (row["file"], row["line"], _code_name(row["function"])): row["calls"]
        for row in json.loads(listed.stdout)
    }


def _code_name(function: str) -> str:
    """A code object's own name from the name DebugFlow shows (`Graph.size` is `size`;
    `<module networkx.classes>` and `<exec in networkx.utils.configs>` are `<module>`)."""
    if function.startswith(("<module", "<exec in ")):
        return "<module>"
    return function.rsplit(".", 1)[-1]


class _Kinds:
    """Which networkx functions are compared, and how: "call", "generator" or None.

    Files are compiled again by this Python to find each function's code object: its flags
    tell a generator from a plain function and a class body from a function.
    """

    def __init__(self) -> None:
        spec = importlib.util.find_spec("networkx")
        assert spec is not None and spec.submodule_search_locations
        self._package = os.path.realpath(spec.submodule_search_locations[0]) + os.sep
        self._codes: dict[str, dict[tuple[int, str], CodeType]] = {}

    def of(self, key: Key) -> str | None:
        filename, line, name = key
        if filename.startswith(ARGMAP_FILE):
            return None if name == "<module>" else "call"
        if not os.path.realpath(filename).startswith(self._package) or name in FOLDED:
            return None
        code = self._codes_in(filename)[(line, name)]
        if not code.co_flags & inspect.CO_NEWLOCALS and name != "<module>":
            return None  # a class body
        return "generator" if code.co_flags & GENERATOR_FLAGS else "call"

    def _codes_in(self, filename: str) -> dict[tuple[int, str], CodeType]:
        codes = self._codes.get(filename)
        if codes is None:
            codes = _code_objects(compile(Path(filename).read_text("utf-8"), filename, "exec"))
            self._codes[filename] = codes
        return codes


def _code_objects(module: CodeType) -> dict[tuple[int, str], CodeType]:
    """Every code object in a module's code, by first line and name."""
    found: dict[tuple[int, str], CodeType] = {}
    pending = [module]
    while pending:
        code = pending.pop()
        found[(code.co_firstlineno, code.co_name)] = code
        pending.extend(const for const in code.co_consts if isinstance(const, CodeType))
    return found
