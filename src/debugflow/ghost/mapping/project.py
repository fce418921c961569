"""What names in project modules refer to: modules, classes, functions and methods, found by AST.

`ProjectModules` parses project modules on demand (following imports from the entry module)
and answers lookups the static map needs; it never imports or runs project code.
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass
from pathlib import Path

from debugflow.ghost.mapping.ast_index import (
    ClassInfo,
    FunctionDef,
    ModuleIndex,
    index_module,
    last_name,
)

_MAX_ALIAS_HOPS = 6


@dataclass(frozen=True)
class FuncRef:
    """A project function or method found in source."""

    module: ModuleIndex
    qualname: str
    node: FunctionDef
    owner: ClassInfo | None = None

    @property
    def id(self) -> str:
        """The `module:qualname` id shared with the runtime events."""
        return f"{self.module.name}:{self.qualname}"

    @property
    def decorators(self) -> set[str]:
        """Last names of this function's decorators (`property`, `classmethod`, ...)."""
        return {last_name(d) for d in self.node.decorator_list}


Ref = FuncRef | ClassInfo | ModuleIndex


class ProjectModules:
    """Parsed project modules, found under a few import bases that lie inside the project root."""

    def __init__(self, root: Path, bases: list[Path]):
        self.root = root.resolve()
        self.bases = list(dict.fromkeys(b.resolve() for b in bases))
        self._cache: dict[str, ModuleIndex | None] = {}

    def get(self, name: str) -> ModuleIndex | None:
        """The index of project module `name`, parsed once; None for non-project modules."""
        if name not in self._cache:
            file = self._find(name)
            self._cache[name] = index_module(name, file) if file else None
        return self._cache[name]

    def _find(self, name: str) -> Path | None:
        if not name:
            return None
        relative = Path(*name.split("."))
        for base in self.bases:
            for file in (base / relative.with_suffix(".py"), base / relative / "__init__.py"):
                if file.is_file() and self._inside_project(file):
                    return file
        return None

    def _inside_project(self, file: Path) -> bool:
        path = str(file.resolve())
        inside = path.startswith(str(self.root) + os.sep) or any(
            path.startswith(str(b) + os.sep) for b in self.bases
        )
        return inside and "site-packages" not in path and "dist-packages" not in path

    def lookup(self, module: ModuleIndex, name: str, hops: int = 0) -> Ref | None:
        """What `name` means at the top level of `module`, following imports between modules."""
        if name in module.functions:
            return FuncRef(module, name, module.functions[name])
        if name in module.classes:
            return module.classes[name]
        if name not in module.imports or hops > _MAX_ALIAS_HOPS:
            return None
        source, attr = module.imports[name]
        if attr is None:
            return self.get(source)
        target = self.get(source)
        found = self.lookup(target, attr, hops + 1) if target is not None else None
        return found or self.get(f"{source}.{attr}")

    def attribute(self, ref: Ref, attr: str) -> Ref | None:
        """What `ref.attr` means when `ref` is a module or a class."""
        if isinstance(ref, ModuleIndex):
            return self.lookup(ref, attr) or self.get(f"{ref.name}.{attr}")
        if isinstance(ref, ClassInfo):
            nested = ref.module.classes.get(f"{ref.qualname}.{attr}")
            return nested or self.method(ref, attr)
        return None

    def method(self, cls: ClassInfo, name: str) -> FuncRef | None:
        """The project method `name` of `cls`, looked up along its project base classes."""
        for info in self.mro(cls):
            node = info.methods.get(name)
            if node is not None:
                return FuncRef(info.module, f"{info.qualname}.{name}", node, owner=info)
        return None

    def mro(self, cls: ClassInfo) -> list[ClassInfo]:
        """`cls` and its project base classes, depth first, each once."""
        order: list[ClassInfo] = []
        pending = [cls]
        while pending:
            info = pending.pop(0)
            if info not in order:
                order.append(info)
                pending.extend(self.bases_of(info))
        return order

    def bases_of(self, cls: ClassInfo) -> list[ClassInfo]:
        """The project classes `cls` names as its bases."""
        found = (self.resolve(cls.module, base) for base in cls.node.bases)
        return [ref for ref in found if isinstance(ref, ClassInfo)]

    def resolve(self, module: ModuleIndex, expr: ast.expr) -> Ref | None:
        """What a dotted name expression (`a`, `a.b.c`) in `module` refers to."""
        if isinstance(expr, ast.Name):
            return self.lookup(module, expr.id)
        if isinstance(expr, ast.Attribute):
            base = self.resolve(module, expr.value)
            return self.attribute(base, expr.attr) if base is not None else None
        return None

    def class_of(self, module: ModuleIndex, annotation: ast.expr | None) -> ClassInfo | None:
        """The project class an annotation names: `C`, `"C"`, `m.C`, `Optional[C]`, `C | None`."""
        expr = _unwrap_annotation(annotation)
        if expr is None:
            return None
        ref = self.resolve(module, expr)
        return ref if isinstance(ref, ClassInfo) else None

    def entry(self, module_name: str, qualname: str) -> FuncRef | None:
        """The function or method `qualname` of module `module_name`."""
        module = self.get(module_name)
        if module is None:
            return None
        if qualname in module.functions:
            return FuncRef(module, qualname, module.functions[qualname])
        owner, _, name = qualname.rpartition(".")
        cls = module.classes.get(owner)
        return self.method(cls, name) if cls is not None else None


def parse_annotation(annotation: ast.expr | None) -> ast.expr | None:
    """An annotation expression, parsed out of its string form when it is a string."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            return ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return None
    return annotation


def _unwrap_annotation(annotation: ast.expr | None) -> ast.expr | None:
    """The class part of an annotation: parses strings, drops Optional/None/Annotated wrappers."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return None
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        for side in (annotation.left, annotation.right):
            if not (isinstance(side, ast.Constant) and side.value is None):
                return _unwrap_annotation(side)
    if isinstance(annotation, ast.Subscript) and last_name(annotation.value) in (
        "Optional",
        "Annotated",
        "Union",
    ):
        inner = annotation.slice
        first = inner.elts[0] if isinstance(inner, ast.Tuple) else inner
        return _unwrap_annotation(first)
    return annotation if isinstance(annotation, ast.Name | ast.Attribute) else None
