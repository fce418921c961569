"""An index of one project module read with `ast`: its functions, classes and imported names.

The static map asks this index what a name in a module refers to. Nothing here imports or
runs project code; modules outside the project (stdlib, site-packages) are never parsed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

FunctionDef = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(eq=False)
class ClassInfo:
    """A class defined in a project module: its methods, base expressions and attribute types."""

    module: ModuleIndex
    qualname: str
    node: ast.ClassDef
    methods: dict[str, FunctionDef] = field(default_factory=dict)
    attributes: dict[str, ast.expr] = field(default_factory=dict)  # annotations of `self.x`


@dataclass(eq=False)
class ModuleIndex:
    """Functions, classes and imports of one parsed project module."""

    name: str
    file: Path
    is_package: bool
    functions: dict[str, FunctionDef] = field(default_factory=dict)
    classes: dict[str, ClassInfo] = field(default_factory=dict)
    imports: dict[str, tuple[str, str | None]] = field(default_factory=dict)

    @property
    def package(self) -> str:
        """The package relative imports start from."""
        return self.name if self.is_package else self.name.rpartition(".")[0]


def index_module(name: str, file: Path) -> ModuleIndex | None:
    """Parse `file` and index it as module `name`; None when it cannot be read or parsed."""
    try:
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None
    index = ModuleIndex(name=name, file=file, is_package=file.name == "__init__.py")
    for statement in _top_level(tree.body):
        _add_statement(index, statement)
    return index


def _top_level(body: list[ast.stmt]) -> list[ast.stmt]:
    """Statements at module level, looking inside `if`/`try` blocks (TYPE_CHECKING, fallbacks)."""
    found: list[ast.stmt] = []
    for statement in body:
        if isinstance(statement, ast.If | ast.Try):
            found.extend(_top_level(statement.body + statement.orelse))
        else:
            found.append(statement)
    return found


def _add_statement(index: ModuleIndex, statement: ast.stmt) -> None:
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
        index.functions[statement.name] = statement
    elif isinstance(statement, ast.ClassDef):
        _add_class(index, statement, prefix="")
    elif isinstance(statement, ast.Import):
        for alias in statement.names:
            _add_import(index, alias)
    elif isinstance(statement, ast.ImportFrom):
        source = _absolute_module(index, statement)
        for alias in statement.names:
            index.imports[alias.asname or alias.name] = (source, alias.name)


def _add_import(index: ModuleIndex, alias: ast.alias) -> None:
    if alias.asname:
        index.imports[alias.asname] = (alias.name, None)
    else:
        top = alias.name.split(".")[0]
        index.imports[top] = (top, None)


def _absolute_module(index: ModuleIndex, node: ast.ImportFrom) -> str:
    """The absolute module name of `from X import ...`, resolving leading dots."""
    if not node.level:
        return node.module or ""
    parts = index.package.split(".") if index.package else []
    base = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
    return ".".join([*base, node.module] if node.module else base)


def _add_class(index: ModuleIndex, node: ast.ClassDef, prefix: str) -> None:
    qualname = f"{prefix}{node.name}"
    info = ClassInfo(module=index, qualname=qualname, node=node)
    index.classes[qualname] = info
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            info.methods[statement.name] = statement
        elif isinstance(statement, ast.ClassDef):
            _add_class(index, statement, prefix=f"{qualname}.")
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            info.attributes[statement.target.id] = statement.annotation
    init = info.methods.get("__init__")
    if init is not None:
        info.attributes.update(_init_attributes(init))


def _init_attributes(init: FunctionDef) -> dict[str, ast.expr]:
    """Types of `self.x` set in `__init__` (`self.x: T = ...`, `self.x = param`, `self.x = C()`)."""
    params = {a.arg: a.annotation for a in init.args.args + init.args.kwonlyargs if a.annotation}
    found: dict[str, ast.expr] = {}
    for node in ast.walk(init):
        if isinstance(node, ast.AnnAssign) and _self_attribute(node.target):
            found[_self_attribute(node.target) or ""] = node.annotation
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            name = _self_attribute(node.targets[0])
            value = node.value
            if name and isinstance(value, ast.Name) and value.id in params:
                found[name] = params[value.id]
            elif name and isinstance(value, ast.Call):
                found[name] = value.func
    return found


def _self_attribute(target: ast.expr) -> str | None:
    if (
        isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == "self"
    ):
        return target.attr
    return None


def first_line(node: FunctionDef) -> int:
    """The first line of a function's code object: its first decorator, or the `def` line."""
    return min([node.lineno, *(d.lineno for d in node.decorator_list)])
