"""Resolve a function's parameter annotations to real types, as far as they can be resolved.

String annotations and forward references are evaluated with the function's globals (and its
class's module and namespace for methods). When a name is missing the resolver tries, in
order: the module's `if TYPE_CHECKING:` imports that bind it, then a standard-library or
scientific module of that name, imported only because the annotation names it. What still
fails comes back as `Unresolved`, so the mock factory can use a stand-in and say why.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import sys
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Third-party modules an annotation may name without importing them ("numpy.ndarray").
KNOWN_LIBRARIES = frozenset(
    {"numpy", "torch", "pandas", "polars", "scipy", "PIL", "tensorflow", "jax", "dask", "xarray"}
)
_MAX_RETRIES = 6


@dataclass(frozen=True)
class Unresolved:
    """An annotation that could not be turned into a type."""

    text: str
    error: str


def _probe() -> None:
    """Template whose code object carries one annotation to evaluate in a chosen namespace."""


def resolve_hints(func: Callable[..., object], owner: type | None = None) -> dict[str, object]:
    """Parameter name → type (or `Unresolved`) for every annotated parameter of `func`."""
    raw = dict(getattr(func, "__annotations__", {}) or {})
    raw.pop("return", None)
    namespace = _namespace(func, owner)
    local = dict(vars(owner)) if owner is not None else None
    return {name: _resolve_one(name, value, namespace, local, func) for name, value in raw.items()}


def resolve_return(func: Callable[..., object]) -> object:
    """The resolved return annotation of `func`, or `inspect.Parameter.empty`."""
    raw = getattr(func, "__annotations__", {}).get("return", inspect.Parameter.empty)
    if raw is inspect.Parameter.empty:
        return raw
    return _resolve_one("return", raw, _namespace(func, None), None, func)


def class_namespace(cls: type) -> dict[str, Any]:
    """The globals of the module that defined `cls`."""
    module = sys.modules.get(cls.__module__)
    return dict(vars(module)) if module is not None else {}


def _namespace(func: Callable[..., object], owner: type | None) -> dict[str, Any]:
    namespace: dict[str, Any] = dict(getattr(inspect.unwrap(func), "__globals__", {}))
    if owner is not None:
        namespace.update(class_namespace(owner))  # generated __init__/__new__ have bare globals
    if not namespace.get("__builtins__"):
        namespace["__builtins__"] = builtins
    return namespace


def _resolve_one(
    name: str,
    raw: object,
    namespace: dict[str, Any],
    local: dict[str, Any] | None,
    func: Callable[..., object],
) -> object:
    for _ in range(_MAX_RETRIES):
        try:
            return _evaluate(name, raw, namespace, local)
        except NameError as exc:
            missing = getattr(exc, "name", None)
            if not missing or not _bring_in(missing, namespace, func):
                return Unresolved(_text(raw), f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # a broken annotation must not stop the pass
            return Unresolved(_text(raw), f"{type(exc).__name__}: {exc}")
    return Unresolved(_text(raw), "too many missing names")


def _evaluate(
    name: str, raw: object, namespace: dict[str, Any], local: dict[str, Any] | None
) -> object:
    probe = types.FunctionType(_probe.__code__, namespace)
    probe.__annotations__ = {name: raw}
    return typing.get_type_hints(probe, localns=local, include_extras=True)[name]


def _bring_in(missing: str, namespace: dict[str, Any], func: Callable[..., object]) -> bool:
    """Bind `missing` in `namespace` from TYPE_CHECKING imports or a well-known module."""
    if _from_type_checking(missing, namespace, func):
        return True
    if missing in KNOWN_LIBRARIES or missing in sys.stdlib_module_names:
        try:
            namespace[missing] = importlib.import_module(missing)
        except Exception:
            return False
        return True
    return False


def _from_type_checking(
    missing: str, namespace: dict[str, Any], func: Callable[..., object]
) -> bool:
    module = sys.modules.get(getattr(func, "__module__", "") or "")
    try:
        source = inspect.getsource(module) if module is not None else ""
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError):
        return False
    for statement in _type_checking_imports(tree):
        if missing in _bound_names(statement):
            try:
                exec(compile(ast.Module([statement], []), "<ghost-hints>", "exec"), namespace)
            except Exception:
                return False
            return missing in namespace
    return False


def _type_checking_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    for node in tree.body:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            found.extend(s for s in node.body if isinstance(s, ast.Import | ast.ImportFrom))
    return found


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _bound_names(statement: ast.Import | ast.ImportFrom) -> set[str]:
    return {(a.asname or a.name).split(".")[0] for a in statement.names}


def _text(raw: object) -> str:
    if isinstance(raw, str):
        return raw.strip("'\"")
    if isinstance(raw, typing.ForwardRef):
        return raw.__forward_arg__
    return getattr(raw, "__name__", None) or repr(raw)
