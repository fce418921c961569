"""Which code is traced: the project, not virtualenvs, site-packages, the stdlib or DebugFlow."""

from __future__ import annotations

import json
import os
import sys
import sysconfig
from pathlib import Path

import pytest

import debugflow.config
from conftest import flow
from debugflow.tracer.codefilter import CodeFilter, RealPaths


def test_project_files_in_and_everything_else_out(tmp_path: Path) -> None:
    (tmp_path / ".venv" / "lib").mkdir(parents=True)
    (tmp_path / ".venv" / "pyvenv.cfg").write_text("home = /usr\n")
    code_filter = CodeFilter(tmp_path)
    assert code_filter.wants(str(tmp_path / "app.py"), "app")
    assert code_filter.wants(str(tmp_path / "pkg" / "mod.py"), "pkg.mod")
    assert not code_filter.wants(str(tmp_path / ".venv" / "lib" / "x.py"), "x")
    assert not code_filter.wants(str(tmp_path / "site-packages" / "x.py"), "x")
    assert not code_filter.wants(
        os.path.join(sysconfig.get_path("stdlib"), "json", "__init__.py"), "json"
    )
    assert not code_filter.wants("<string>", "__main__")
    assert not code_filter.wants(
        str(Path(__file__).parents[1] / "src" / "debugflow" / "api.py"), "debugflow.api"
    )


def test_include_and_exclude_by_glob_and_module(tmp_path: Path) -> None:
    code_filter = CodeFilter(tmp_path, include=["json"], exclude=["tests/*", "app.legacy"])
    assert code_filter.wants(
        os.path.join(sysconfig.get_path("stdlib"), "json", "decoder.py"), "json.decoder"
    )
    assert not code_filter.wants(str(tmp_path / "tests" / "test_x.py"), "test_x")
    assert not code_filter.wants(str(tmp_path / "app" / "legacy.py"), "app.legacy")
    assert code_filter.wants(str(tmp_path / "app" / "core.py"), "app.core")


def test_include_traces_a_library_from_the_command_line(
    flow_env: dict[str, str], tmp_path: Path
) -> None:
    library = tmp_path / "outside" / "shapes"
    library.mkdir(parents=True)
    (library / "__init__.py").write_text("def area(w, h):\n    return w * h\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "main.py").write_text("import shapes\nprint(shapes.area(3, 4))\n")
    paths = [str(library.parent), *filter(None, [flow_env.get("PYTHONPATH")])]
    env = {**flow_env, "PYTHONPATH": os.pathsep.join(paths)}
    assert flow("run", "main.py", env=env, cwd=project).stdout == "12\n"
    plain = json.loads(flow("stats", "--json", env=env, cwd=project).stdout)
    assert "area" not in {row["function"] for row in plain}
    assert flow("run", "--include", "shapes", "main.py", env=env, cwd=project).returncode == 0
    included = json.loads(flow("stats", "--json", env=env, cwd=project).stdout)
    assert {"area", "<module shapes>"} <= {row["function"] for row in included}


def test_real_paths_agree_with_realpath(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "real" / "pkg").mkdir(parents=True)
    (tmp_path / "real" / "pkg" / "mod.py").write_text("")
    (tmp_path / "real" / "other.py").write_text("")
    (tmp_path / "linked_dir").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "pkg" / "alias.py").symlink_to(tmp_path / "real" / "other.py")
    (tmp_path / "real" / "chain").symlink_to(tmp_path / "linked_dir" / "pkg")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    monkeypatch.chdir(tmp_path / "real")
    paths = [
        tmp_path / "real" / "pkg" / "mod.py",
        tmp_path / "linked_dir" / "pkg" / "mod.py",
        tmp_path / "linked_dir" / "pkg" / "alias.py",
        tmp_path / "real" / "chain" / "mod.py",
        tmp_path / "linked_dir" / "chain" / "alias.py",
        tmp_path / "linked_dir" / "chain" / ".." / "other.py",  # `..` after a link
        tmp_path / "real" / "missing" / "gone.py",
        tmp_path / "loop" / "x.py",
        "pkg/mod.py",  # relative to the working folder
        "./pkg//mod.py",
        "/",
    ]
    real_paths = RealPaths()
    for path in paths * 2:  # the second round answers from the folder cache
        assert real_paths.of(str(path)) == os.path.realpath(path), path


def test_stdlib_is_not_traced_when_the_root_holds_the_python_installation() -> None:
    code_filter = CodeFilter(Path(sys.base_prefix))
    stdlib = sysconfig.get_path("stdlib")
    assert os.path.realpath(stdlib).startswith(os.path.realpath(sys.base_prefix))
    assert not code_filter.wants(os.path.join(stdlib, "json", "__init__.py"), "json")


ARGMAP_FILE = "<class 'networkx.utils.decorators.argmap'> compilation 16"


def test_module_include_covers_code_without_a_file(tmp_path: Path) -> None:
    code_filter = CodeFilter(tmp_path, include=["networkx"])
    assert code_filter.wants(ARGMAP_FILE, "networkx.utils.decorators")
    assert code_filter.wants("<string>", "networkx")
    assert code_filter.wants("", "networkx.algorithms.tree.mst")
    assert not code_filter.wants("<string>", "networkxx")
    assert not code_filter.wants("<string>", "")
    assert not code_filter.wants(ARGMAP_FILE, "__main__")


def test_module_exclude_removes_code_without_a_file(tmp_path: Path) -> None:
    code_filter = CodeFilter(tmp_path, include=["networkx"], exclude=["networkx.utils"])
    assert not code_filter.wants(ARGMAP_FILE, "networkx.utils.decorators")
    assert code_filter.wants("<string>", "networkx.algorithms.tree.mst")


def test_a_pseudo_file_is_decided_for_each_module_that_runs_code_from_it(
    tmp_path: Path,
) -> None:
    expected = {
        "networkx.classes.graph": True,
        "__main__": False,
        "debugflow.config": False,  # DebugFlow is never traced, even when included
        "networkx.utils": True,
    }
    for modules in (list(expected), list(reversed(expected))):
        code_filter = CodeFilter(tmp_path, include=["networkx", "debugflow"])
        for _ in range(2):  # the second round answers from the cache
            assert {m: code_filter.wants("<string>", m) for m in modules} == expected
    assert not code_filter.wants(debugflow.config.__file__, "debugflow.config")


def test_a_pseudo_file_never_passes_for_a_project_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `<string>` taken as a path would be a file in the working folder, here the project.
    monkeypatch.chdir(tmp_path)
    for include in ((), (str(tmp_path / "*"),)):
        code_filter = CodeFilter(tmp_path, include=include)
        assert code_filter.wants("app.py", "app")
        assert not code_filter.wants("<string>", "app")
        assert not code_filter.wants("<app generated>", "__main__")
        assert not code_filter.wants("", "app")


def test_a_module_include_leaves_the_default_rules_for_other_code(tmp_path: Path) -> None:
    code_filter = CodeFilter(tmp_path, include=["networkx"])
    assert not code_filter.wants(str(tmp_path / "site-packages" / "x.py"), "x")
    assert not code_filter.wants(
        os.path.join(sysconfig.get_path("stdlib"), "json", "__init__.py"), "json"
    )
    assert code_filter.wants(str(tmp_path / "app.py"), "app")
