"""An index of one project module read with `ast`: its functions, classes and imported names.

The static map asks this index what a name in a module refers to. Nothing here imports or
runs project code; modules outside the project (stdlib, site-packages) are never parsed.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
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
    names: set[str] = field(default_factory=set)  # every name its body binds
    open: bool = False  # a decorator, metaclass or later assignment may add names to it


@dataclass(eq=False)
class ModuleIndex:
    """Functions, classes and imports of one parsed project module."""

    name: str
    file: Path
    is_package: bool
    functions: dict[str, FunctionDef] = field(default_factory=dict)
    classes: dict[str, ClassInfo] = field(default_factory=dict)
    imports: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)  # every name bound at module level
    dynamic: bool = False  # `import *`, a module `__getattr__`, `globals()`: names unknowable

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
    index.names = bound_names(tree.body) | _declared_global(tree)
    index.dynamic = _is_dynamic(tree, index)
    for patched in _patched_names(tree.body):
        if patched in index.classes:
            index.classes[patched].open = True
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
    info.names = bound_names(node.body)
    decorators = {last_name(d) for d in node.decorator_list}
    info.open = bool(node.keywords) or not decorators <= _PLAIN_DECORATORS


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


# Class decorators that add only dunder methods, so they cannot supply a missing method name.
_PLAIN_DECORATORS = {
    "dataclass",
    "total_ordering",
    "define",
    "frozen",
    "mutable",
    "s",
    "attrs",
    "final",
    "runtime_checkable",
    "unique",
}
# Calls that can bind module names the source never spells out: anywhere, and in module-level
# code (where `vars()` and `locals()` are the module's namespace).
_DYNAMIC_CALLS = {"globals", "exec"}
_DYNAMIC_AT_TOP = {"setattr", "vars", "locals"}


def bound_names(body: list[ast.stmt]) -> set[str]:
    """Every name a module or class body binds: definitions, imports, assignment, loop, `with`,
    `except` and `match` targets."""
    return {name for node in _scope_nodes(body) for name in _binds(node)}


def _scope_nodes(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """The nodes of one scope: nested function and class bodies (scopes of their own) are not
    entered, but their names and decorators are in this scope."""
    pending: list[ast.AST] = list(body)
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            pending.extend(node.decorator_list)
        elif not isinstance(node, ast.Lambda):
            pending.extend(ast.iter_child_nodes(node))


def _binds(node: ast.AST) -> list[str]:
    """The names one node binds by itself."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
        return [node.id]
    if isinstance(node, ast.alias):
        return [(node.asname or node.name).split(".")[0]]
    if isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar):
        return [node.name] if node.name else []
    if isinstance(node, ast.MatchMapping):
        return [node.rest] if node.rest else []
    return []


def _declared_global(tree: ast.Module) -> set[str]:
    """Names any function declares `global` (and may bind at run time)."""
    return {name for node in ast.walk(tree) if isinstance(node, ast.Global) for name in node.names}


def _is_dynamic(tree: ast.Module, index: ModuleIndex) -> bool:
    """Whether the module's names cannot be known from its source: it imports `*`, answers
    unknown names through a module `__getattr__`, or writes its namespace with `globals()`,
    `exec` and the like."""
    if "*" in index.names or "__getattr__" in index.functions:
        return True
    anywhere = any(_calls(node, _DYNAMIC_CALLS) for node in ast.walk(tree))
    return anywhere or any(_calls(node, _DYNAMIC_AT_TOP) for node in _scope_nodes(tree.body))


def _calls(node: ast.AST, names: set[str]) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names


def _patched_names(body: list[ast.stmt]) -> set[str]:
    """Names whose attributes module-level code assigns (`Box.extra = ...`)."""
    return {
        node.value.id
        for node in _scope_nodes(body)
        if isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Store)
        and isinstance(node.value, ast.Name)
    }


def last_name(expr: ast.expr) -> str:
    """The last name of a (decorator) expression: `dataclasses.dataclass(frozen=True)` ->
    `dataclass`."""
    if isinstance(expr, ast.Call):
        expr = expr.func
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return expr.id if isinstance(expr, ast.Name) else ""
