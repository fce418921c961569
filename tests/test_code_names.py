"""Names that say where code lives: module bodies by module, methods by class, everywhere.

Real programs under `flow run` (a package with a submodule, a class with methods, code run
by `exec`), read back through the store, `flow show`, `flow stats` and the exports.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import flow
from debugflow.spine.model import SpineModel
from debugflow.storage import RunStore
from debugflow.tracer.codetable import function_name

PROGRAM = """\
import shelf.books


class Library:
    def size(self):
        return len(self.titles())

    def titles(self):
        return shelf.books.titles()

    @classmethod
    def opened(cls):
        return cls()

    @staticmethod
    def motto():
        return "read"


exec("def made():\\n    return 1\\nmade()\\n", {"__name__": "generated.stuff"})
print(Library.opened().size(), Library.motto())
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A script importing a local package (`shelf`, whose `__init__` imports `shelf.books`)."""
    root = tmp_path / "project"
    (root / "shelf").mkdir(parents=True)
    (root / "shelf" / "__init__.py").write_text("from . import books\n")
    (root / "shelf" / "books.py").write_text("def titles():\n    return ['a', 'b']\n")
    (root / "main.py").write_text(PROGRAM)
    return root


def _functions(env: dict[str, str]) -> set[tuple[str, int, str]]:
    """Every spine call node's module, first line and function name."""
    with RunStore(Path(env["FLOW_DATA_DIR"]) / "runs.db") as store:
        run_id = store.resolve("latest")
        model = SpineModel(run_id)
        model.apply(store.events(run_id))
    return {(n.module, n.line, n.function) for n in model.nodes if n.kind == "call"}


def test_module_bodies_are_named_by_module_and_methods_by_class(
    project: Path, flow_env: dict[str, str], backend: str
) -> None:
    ran = flow("run", "main.py", env=flow_env, cwd=project, backend=backend)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == "2 read\n"
    names = _functions(flow_env)
    assert {
        ("__main__", 1, "<module __main__>"),
        ("shelf", 1, "<module shelf>"),
        ("shelf.books", 1, "<module shelf.books>"),
        ("shelf.books", 1, "titles"),
        ("__main__", 5, "Library.size"),
        ("__main__", 8, "Library.titles"),
        ("__main__", 11, "Library.opened"),
    } <= names
    # A static method has no receiver to tell its class by before 3.11 (no co_qualname).
    motto = "Library.motto" if sys.version_info >= (3, 11) else "motto"
    assert ("__main__", 15, motto) in names
    assert not any(name == "<module>" for _, _, name in names)


def test_show_stats_and_exports_use_the_same_names(
    project: Path, flow_env: dict[str, str], tmp_path: Path
) -> None:
    assert flow("run", "main.py", env=flow_env, cwd=project).returncode == 0
    shown = flow("show", "--imports", env=flow_env, cwd=project)
    assert "<module __main__>()" in shown.stdout
    assert "<module shelf.books>()" in shown.stdout
    assert "Library.size(" in shown.stdout
    stats = json.loads(flow("stats", "--json", env=flow_env, cwd=project).stdout)
    named = {row["function"] for row in stats}
    assert {"<module __main__>", "<module shelf>", "<module shelf.books>"} <= named
    assert {"Library.size", "Library.titles", "Library.opened"} <= named
    chrome = tmp_path / "trace.json"
    exported = flow("export", "--format", "chrome", "-o", str(chrome), env=flow_env, cwd=project)
    assert exported.returncode == 0, exported.stderr
    trace = json.loads(chrome.read_text())
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    exported_names = {event.get("name") for event in events}
    assert {"<module shelf.books>", "Library.size"} <= exported_names
    lines = tmp_path / "run.jsonl"
    exported = flow("export", "--format", "jsonl", "-o", str(lines), env=flow_env, cwd=project)
    assert exported.returncode == 0, exported.stderr
    records = [json.loads(line) for line in lines.read_text().splitlines()]
    text = json.dumps(records)
    assert '"<module shelf>"' in text and '"Library.titles"' in text
    assert '"<module>"' not in text


def test_code_run_by_exec_is_not_named_as_a_module_body() -> None:
    from_string = compile("x = 1\n", "<string>", "exec")
    from_file = compile("x = 1\n", "/p/shelf/books.py", "exec")
    assert function_name(from_string, None, "networkx.utils.configs") == (
        "<exec in networkx.utils.configs>"
    )
    assert function_name(from_file, None, "shelf.books") == "<module shelf.books>"
    assert function_name(from_string, None, "") == "<module>"  # no module to tell
