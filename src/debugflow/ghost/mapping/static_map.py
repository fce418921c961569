"""The static map: which project functions an entry function can reach, read from source.

Calls are followed through direct names, nested functions, imported names, module attributes,
`self.method()` / `cls.method()` / `super().method()`, methods of annotated parameters and
locals, attributes annotated on the class, constructors (`C()` reaches `C.__init__`) and
properties. Dynamic dispatch the source does not spell out is left to the ghost run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from debugflow.ghost.mapping import entries
from debugflow.ghost.mapping.ast_index import ClassInfo, ModuleIndex, first_line
from debugflow.ghost.mapping.project import FuncRef, ProjectModules, Ref, parse_annotation
from debugflow.ghost.mapping.target import TargetSpec
from debugflow.ghost.model import FunctionNode, StaticMap

MAX_NODES = 400
_PROPERTY_DECORATORS = {"property", "cached_property"}


def build_static_map(spec: TargetSpec, root: Path, *, require_entry: bool = False) -> StaticMap:
    """Map the project functions reachable from `spec`'s entry function.

    The map is empty when the source does not show the entry (a name bound by an import or an
    assignment). With `require_entry`, an entry the source plainly lacks raises TargetError,
    naming the functions a person may have meant.
    """
    modules = ProjectModules(root, [spec.import_base, root, root / "src"])
    entry = modules.entry(spec.module, spec.qualname)
    if entry is None:
        if require_entry:
            entries.require_entry(modules, spec, root)
        return StaticMap(entry=spec.function_id, nodes=(), edges=())
    nodes: dict[str, FunctionNode] = {}
    edges: list[tuple[str, str]] = []
    pending = [entry]
    while pending and len(nodes) < MAX_NODES:
        ref = pending.pop(0)
        if ref.id in nodes:
            continue
        nodes[ref.id] = _node(ref)
        for callee in _FunctionScan(modules, ref).callees():
            if (ref.id, callee.id) not in edges:
                edges.append((ref.id, callee.id))
            pending.append(callee)
    kept = [e for e in edges if e[1] in nodes]
    return StaticMap(entry=entry.id, nodes=tuple(nodes.values()), edges=tuple(kept))


def _node(ref: FuncRef) -> FunctionNode:
    return FunctionNode(
        id=ref.id,
        module=ref.module.name,
        qualname=ref.qualname,
        file=str(ref.module.file),
        line=ref.node.lineno,
        first_line=first_line(ref.node),
    )


class _FunctionScan:
    """Finds the project functions one function's body calls."""

    def __init__(self, modules: ProjectModules, func: FuncRef):
        self.modules = modules
        self.func = func
        self.module = func.module
        self.nested: dict[str, FuncRef] = {}
        self.types: dict[str, ClassInfo] = {}
        self.annotations: dict[str, ast.expr] = {}
        self.class_objects: dict[str, ClassInfo] = {}  # `cls` of a class method
        self._collect_parameters()

    def callees(self) -> list[FuncRef]:
        """Project functions this body calls, in source order, each once."""
        nodes = list(_own_nodes(self.func.node))
        self._collect_nested(nodes)
        self._collect_locals(nodes)
        found: dict[str, FuncRef] = {}
        for node in nodes:
            for callee in self._targets(node):
                found.setdefault(callee.id, callee)
        return list(found.values())

    def _collect_parameters(self) -> None:
        args = self.func.node.args
        every = args.posonlyargs + args.args + args.kwonlyargs
        owner = self.func.owner
        if owner is not None and every and "staticmethod" not in self.func.decorators:
            self.types[every[0].arg] = owner
            if "classmethod" in self.func.decorators:
                self.class_objects[every[0].arg] = owner
        for arg in every:
            if arg.annotation is not None:
                self.annotations[arg.arg] = arg.annotation
            cls = self.modules.class_of(self.module, arg.annotation)
            if cls is not None:
                self.types[arg.arg] = cls

    def _collect_nested(self, nodes: list[ast.AST]) -> None:
        for node in nodes:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                qualname = f"{self.func.qualname}.<locals>.{node.name}"
                self.nested[node.name] = FuncRef(self.module, qualname, node)

    def _collect_locals(self, nodes: list[ast.AST]) -> None:
        for node in nodes:
            if isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
                self._collect_loop(node.target, node.iter)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                self.annotations[node.target.id] = node.annotation
                cls = self.modules.class_of(self.module, node.annotation)
                if cls is not None:
                    self.types[node.target.id] = cls
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                cls = self._type_of(node.value)
                if isinstance(target, ast.Name) and cls is not None:
                    self.types.setdefault(target.id, cls)

    def _collect_loop(self, target: ast.expr, iterable: ast.expr) -> None:
        """`for x in xs` where `xs: list[C]` (or Sequence, Iterable, set, ...) makes `x` a C."""
        raw, module = self._annotation_of(iterable)
        annotation = parse_annotation(raw)
        if not isinstance(target, ast.Name) or not isinstance(annotation, ast.Subscript):
            return
        element = annotation.slice
        if isinstance(element, ast.Tuple):
            element = element.elts[0]
        cls = self.modules.class_of(module, element)
        if cls is not None:
            self.types.setdefault(target.id, cls)

    def _annotation_of(self, expr: ast.expr) -> tuple[ast.expr | None, ModuleIndex]:
        """The annotation of a local name or a `self.attr`, with the module it is written in."""
        if isinstance(expr, ast.Name):
            return self.annotations.get(expr.id), self.module
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            owner = self.types.get(expr.value.id)
            if owner is not None:
                return owner.attributes.get(expr.attr), owner.module
        return None, self.module

    def _targets(self, node: ast.AST) -> list[FuncRef]:
        """The project functions one expression node calls (a call or a property read)."""
        if isinstance(node, ast.Call):
            return self._call_targets(self._callable(node.func))
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            owner = self._type_of(node.value)
            method = self.modules.method(owner, node.attr) if owner else None
            if method is not None and method.decorators & _PROPERTY_DECORATORS:
                return [method]
        return []

    def _call_targets(self, ref: Ref | None) -> list[FuncRef]:
        if isinstance(ref, FuncRef):
            return [ref]
        if isinstance(ref, ClassInfo):
            hooks = (self.modules.method(ref, name) for name in ("__init__", "__post_init__"))
            return [h for h in hooks if h is not None]
        return []

    def _callable(self, expr: ast.expr) -> Ref | None:
        """What a called expression refers to: a function, a method or a class."""
        if isinstance(expr, ast.Name):
            if expr.id in self.nested:
                return self.nested[expr.id]
            if expr.id in self.class_objects:
                return self.class_objects[expr.id]
            return None if expr.id in self.types else self.modules.lookup(self.module, expr.id)
        if not isinstance(expr, ast.Attribute):
            return None
        if _is_super_call(expr.value) and self.func.owner is not None:
            return self._super_method(self.func.owner, expr.attr)
        owner = self._type_of(expr.value)
        if owner is not None:
            return self.modules.method(owner, expr.attr)
        base = self._callable(expr.value) if isinstance(expr.value, ast.Name) else None
        base = base or self.modules.resolve(self.module, expr.value)
        return self.modules.attribute(base, expr.attr) if base is not None else None

    def _super_method(self, owner: ClassInfo, name: str) -> FuncRef | None:
        for base in self.modules.bases_of(owner):
            method = self.modules.method(base, name)
            if method is not None:
                return method
        return None

    def _type_of(self, expr: ast.expr) -> ClassInfo | None:
        """The project class of an expression's value, when the source makes it plain."""
        if isinstance(expr, ast.Name):
            return self.types.get(expr.id)
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            owner = self.types.get(expr.value.id)
            annotation = owner.attributes.get(expr.attr) if owner else None
            return self.modules.class_of(owner.module, annotation) if owner else None
        if isinstance(expr, ast.Call):
            ref = self._callable(expr.func)
            if isinstance(ref, ClassInfo):
                return ref
            if isinstance(ref, FuncRef):
                return self.modules.class_of(ref.module, ref.node.returns)
        return None


def _own_nodes(func: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """Nodes of a function body, not descending into nested functions or classes."""
    pending: list[ast.AST] = list(func.body)
    while pending:
        node = pending.pop(0)
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            pending.extend(ast.iter_child_nodes(node))


def _is_super_call(expr: ast.expr) -> bool:
    return (
        isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "super"
    )
