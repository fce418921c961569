"""`config.ENVIRONMENT` lists every `FLOW_*` variable DebugFlow reads, and only those."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import debugflow
from debugflow.config import ENVIRONMENT

SOURCE = Path(debugflow.__file__).parent
NAME = re.compile(r"\bFLOW_[A-Z_]+\b")


class _Names(ast.NodeVisitor):
    """Collects the `FLOW_*` names in string literals (code, messages, docstrings), leaving
    out the ENVIRONMENT table itself so that a listed name must also be used somewhere."""

    def __init__(self) -> None:
        self.found: set[str] = set()

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if not (isinstance(node.target, ast.Name) and node.target.id == "ENVIRONMENT"):
            self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self.found.update(NAME.findall(node.value))


def names_in(source: str) -> set[str]:
    names = _Names()
    names.visit(ast.parse(source))
    return names.found


def names_used() -> dict[str, list[str]]:
    """Each `FLOW_*` name in the package's sources, with the files that use it."""
    used: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for name in names_in(path.read_text(encoding="utf-8")):
            used.setdefault(name, []).append(str(path.relative_to(SOURCE)))
    return used


def test_every_flow_variable_read_is_listed_in_environment() -> None:
    missing = {name: files for name, files in names_used().items() if name not in ENVIRONMENT}
    assert not missing, f"add these to config.ENVIRONMENT: {missing}"


def test_every_listed_variable_is_read_somewhere() -> None:
    assert set(ENVIRONMENT) - set(names_used()) == set()


def test_the_scan_sees_names_in_literals_only() -> None:
    source = '''
"""Set FLOW_DOC_NAME to change it; FLOW_* is not a name."""
OVERFLOW_TASK = -1
FLOW_CONSTANT = os.environ.get("FLOW_READ")
PORT_ENV = "FLOW_HELD"
message = f"choose another with FLOW_IN_MESSAGE, not {FLOW_CONSTANT}"
ENVIRONMENT: dict[str, str] = {"FLOW_LISTED": "the table itself does not count"}
'''
    assert names_in(source) == {"FLOW_DOC_NAME", "FLOW_READ", "FLOW_HELD", "FLOW_IN_MESSAGE"}
    assert "cli/hud_launch.py" in names_used()["FLOW_NO_BROWSER"]
