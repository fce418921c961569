"""The static map: project functions an entry can reach, read from source without running it."""

from __future__ import annotations

from pathlib import Path

import pytest

from debugflow.errors import TargetError
from debugflow.ghost.mapping.static_map import build_static_map
from debugflow.ghost.mapping.target import resolve_target
from ghost_helpers import SHOP


def _map(root: Path, target: str) -> tuple[set[str], set[tuple[str, str]]]:
    static = build_static_map(resolve_target(target, root), root)
    return {n.id for n in static.nodes}, set(static.edges)


def test_calls_through_imports_methods_properties_and_super() -> None:
    nodes, edges = _map(SHOP, "scheduler.py:schedule")
    assert {
        ("scheduler:schedule", "scheduler:schedule.<locals>.fmt"),  # nested function
        ("scheduler:schedule", "scheduler:Job.run"),  # method of an annotated parameter
        ("scheduler:schedule", "models:Order.total"),  # local built by `models.Order(...)`
        ("scheduler:Job.run", "pricing:Pricer.price"),  # self.pricer typed by __init__
        ("scheduler:Job.run", "models:Ledger.post"),
        ("scheduler:Job.run", "pricing:discount"),  # `from pricing import discount as take_off`
        ("scheduler:Job.run", "scheduler:Job.label"),  # a property read
        ("scheduler:Job.label", "scheduler:Job.describe"),  # self.method()
        ("scheduler:Job.describe", "scheduler:BaseJob.describe"),  # super().method()
        ("pricing:Pricer.price", "pricing:rate"),
        ("models:Order.total", "models:Item.subtotal"),  # loop variable over list[Item]
    } <= edges
    assert "pricing:unused" not in nodes
    assert not any(n.startswith("json") for n in nodes)  # the standard library is not mapped


def test_nodes_carry_file_and_lines(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(
        "import functools\n\n"
        "@functools.lru_cache\n"
        "def helper(x: int) -> int:\n"
        "    return x\n\n"
        "def main() -> int:\n"
        "    return helper(1)\n",
        encoding="utf-8",
    )
    static = build_static_map(resolve_target("app.py:main", tmp_path), tmp_path)
    helper = static.node("app:helper")
    assert helper is not None
    assert (helper.file, helper.line, helper.first_line) == (str(tmp_path / "app.py"), 4, 3)
    assert static.callers("app:helper") == ["app:main"]


def test_relative_imports_and_constructors_in_a_package(tmp_path: Path) -> None:
    package = tmp_path / "shop"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "store.py").write_text(
        "class Store:\n"
        "    def __init__(self, name: str) -> None:\n"
        "        self.name = name\n"
        "    def open(self) -> str:\n"
        "        return self.name\n",
        encoding="utf-8",
    )
    (package / "main.py").write_text(
        "from .store import Store\n"
        "from . import store as stores\n\n"
        "def run() -> str:\n"
        "    first = Store('a')\n"
        "    second: 'stores.Store' = stores.Store('b')\n"
        "    return first.open() + second.open()\n",
        encoding="utf-8",
    )
    nodes, edges = _map(tmp_path, "shop/main.py:run")
    assert nodes == {"shop.main:run", "shop.store:Store.__init__", "shop.store:Store.open"}
    assert ("shop.main:run", "shop.store:Store.open") in edges


def test_a_method_entry_and_a_module_name_target() -> None:
    nodes, _ = _map(SHOP, "limits.py:Cart.add")
    assert nodes == {"limits:Cart.add", "limits:Cart.count"}
    by_module, _ = _map(SHOP, "pricing:Pricer.price")
    assert by_module == {"pricing:Pricer.price", "models:Item.subtotal", "pricing:rate"}


def test_targets_that_cannot_be_resolved() -> None:
    with pytest.raises(TargetError, match=r"FILE\.py:FUNCTION"):
        resolve_target("limits.py", SHOP)
    with pytest.raises(TargetError, match="no such file"):
        resolve_target("missing.py:main", SHOP)
    with pytest.raises(TargetError, match="module-level function"):
        resolve_target(lambda: None, SHOP)


def _require(root: Path, target: str) -> set[str]:
    static = build_static_map(resolve_target(target, root), root, require_entry=True)
    return {n.id for n in static.nodes}


def test_a_missing_entry_is_an_error_naming_close_matches() -> None:
    with pytest.raises(TargetError, match=r"^limits\.py has no function or method 'nope'$"):
        _require(SHOP, "limits.py:nope")
    with pytest.raises(TargetError, match=r"'setle'.*did you mean 'settle'\?"):
        _require(SHOP, "limits.py:setle")
    with pytest.raises(TargetError, match=r"'Cart.ad'.*did you mean 'Cart.add'\?"):
        _require(SHOP, "limits.py:Cart.ad")
    with pytest.raises(TargetError, match=r"'count'.*did you mean 'Cart.count'"):
        _require(SHOP, "limits.py:count")  # the method of that name, when the class was left out
    with pytest.raises(TargetError, match=r"no function or method 'Crt.add'.*'Cart.add'"):
        _require(SHOP, "limits.py:Crt.add")
    assert _require(SHOP, "limits.py:Cart.add") == {"limits:Cart.add", "limits:Cart.count"}


def test_a_method_inherited_from_a_project_class_is_found(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(
        "class Base:\n    def run(self) -> int:\n        return 1\n\n"
        "class Child(Base):\n    pass\n",
        encoding="utf-8",
    )
    assert _require(tmp_path, "app.py:Child.run") == {"app:Base.run"}
    with pytest.raises(TargetError, match=r"'Child\.walk'"):
        _require(tmp_path, "app.py:Child.walk")


@pytest.mark.parametrize(
    "source",
    [
        "from json import dumps as nope\n",  # an imported name
        "import os\nnope = os.path.join\n",  # an assigned one
        "for nope in (print,):\n    pass\n",
        "with open(__file__) as nope:\n    pass\n",
        "def make() -> None:\n    global nope\n    nope = print\n",
        "from json import *\n",  # a star import may bring anything
        "def __getattr__(name: str) -> object:\n    return print\n",  # a module __getattr__
        "globals()['nope'] = print\n",
        "class Box(dict):\n    pass\n",  # a base outside the project
        "import enum\n\nclass Box(enum.Enum):\n    A = 1\n",
        "class Box:\n    nope = staticmethod(print)\n",  # a class attribute
        "def attach(cls: type) -> type:\n    return cls\n\n@attach\nclass Box:\n    pass\n",
        "class Box:\n    pass\n\nBox.nope = staticmethod(print)\n",
    ],
)
def test_names_the_source_may_bind_are_left_to_the_pass(tmp_path: Path, source: str) -> None:
    """Only a name the module plainly never binds is an error: anything else may exist at
    run time, and the pass finds out."""
    (tmp_path / "app.py").write_text(source, encoding="utf-8")
    target = "app.py:Box.nope" if "class Box" in source else "app.py:nope"
    assert _require(tmp_path, target) == set()


def test_a_module_that_does_not_parse_is_left_to_the_pass(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("def broken(:\n", encoding="utf-8")
    assert _require(tmp_path, "app.py:nope") == set()  # the import reports the SyntaxError
