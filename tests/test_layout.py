"""The package layout shows its architecture: no import cycles, and layers import downwards.

Every `import` in src/debugflow counts, also those inside functions (they are dependencies all
the same, only loaded later); imports under `if TYPE_CHECKING:` do not run and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "debugflow"

# What each layer must never import (ARCHITECTURE: dependencies point down only).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "debugflow.tracer": (
        "debugflow.server", "debugflow.storage", "debugflow.cli", "debugflow.spine",
        "debugflow.ghost", "debugflow.transport", "debugflow.run", "asyncio", "aiohttp", "rich",
    ),
    "debugflow.protocol": (
        "debugflow.tracer", "debugflow.server", "debugflow.storage", "debugflow.cli",
        "debugflow.spine", "debugflow.ghost", "debugflow.transport", "debugflow.run",
    ),
    "debugflow.spine": ("debugflow.server", "debugflow.cli", "debugflow.ghost", "aiohttp"),
    "debugflow.storage": ("debugflow.server", "debugflow.cli", "debugflow.ghost", "aiohttp"),
    "debugflow.formatting": ("debugflow.tracer", "debugflow.server", "debugflow.storage"),
    # The desktop HUD is a viewer: it talks to the hub over the wire, like the web HUD.
    "debugflow.hud": (
        "debugflow.server", "debugflow.cli", "debugflow.storage", "debugflow.tracer",
        "debugflow.ghost", "debugflow.run", "debugflow.sentinel",
    ),
}  # fmt: skip


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """The modules a file imports, wherever the import statement is (TYPE_CHECKING aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(child)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in node.body
        for child in ast.walk(statement)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    """Our modules and the modules of ours each imports."""
    files = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {
        name: {target for target in imports_of(path) if target in files and target != name}
        for name, path in files.items()
    }


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _without_packages(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    # A package's __init__ that re-exports its own modules is not a cycle with them.
    return {
        name: {t for t in targets if not name.startswith(t + ".") and not t.startswith(name + ".")}
        for name, targets in edges.items()
    }


def test_no_import_cycles() -> None:
    assert cycles(_without_packages(graph())) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layers_import_downwards(layer: str) -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        if name == layer or name.startswith(layer + "."):
            for target in imports_of(path):
                if any(target == f or target.startswith(f + ".") for f in FORBIDDEN[layer]):
                    wrong.append(f"{name} imports {target}")
    assert wrong == []
