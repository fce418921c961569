"""Whether a named entry plainly does not exist, read from source, and what a person may have
meant instead.

A name counts as missing only when the source leaves no way for it to exist at run time: the
module never binds it (no definition, import, assignment, `global`), nothing rewrites the
module's namespace (`import *`, a module `__getattr__`, `globals()`), and for a method, every
class along the way is a project class whose body never binds it and that no decorator,
metaclass or later assignment can extend. Anything less certain is left to the pass itself.
"""

from __future__ import annotations

import ast
import difflib
from pathlib import Path

from debugflow.errors import TargetError
from debugflow.ghost.mapping.ast_index import ClassInfo, ModuleIndex
from debugflow.ghost.mapping.project import ProjectModules
from debugflow.ghost.mapping.target import TargetSpec

_MAX_MATCHES = 3


def require_entry(modules: ProjectModules, spec: TargetSpec, root: Path) -> None:
    """Raise TargetError when `spec`'s module plainly has no function or method of its name."""
    module = modules.get(spec.module)
    if module is None or module.dynamic:
        return  # not parsed (a syntax error the import will report) or names unknowable
    if _absent(modules, module, spec.qualname.split(".")):
        raise TargetError(_message(module, spec, root))


def _absent(modules: ProjectModules, module: ModuleIndex, parts: list[str]) -> bool:
    head, rest = parts[0], parts[1:]
    if head not in module.names:
        return True
    owner = module.classes.get(head)
    return bool(rest) and owner is not None and _absent_in_class(modules, owner, rest)


def _absent_in_class(modules: ProjectModules, cls: ClassInfo, parts: list[str]) -> bool:
    name, rest = parts[0], parts[1:]
    chain = modules.mro(cls)
    owner = next((info for info in chain if name in info.names), None)
    if owner is None:
        dunder = name.startswith("__") and name.endswith("__")  # `object` has many
        return not dunder and _closed(modules, chain)
    nested = owner.module.classes.get(f"{owner.qualname}.{name}")
    return bool(rest) and nested is not None and _absent_in_class(modules, nested, rest)


def _closed(modules: ProjectModules, chain: list[ClassInfo]) -> bool:
    """Whether these classes hold every name they will have: none can be extended, and each
    base is one of them (or `object`)."""
    for info in chain:
        if info.open:
            return False
        for base in info.node.bases:
            plain_object = isinstance(base, ast.Name) and base.id == "object"
            if not plain_object and not isinstance(modules.resolve(info.module, base), ClassInfo):
                return False
    return True


def _message(module: ModuleIndex, spec: TargetSpec, root: Path) -> str:
    text = f"{spec.shown_from(root)} has no function or method {spec.qualname!r}"
    matches = close_matches(spec.qualname, _candidates(module))
    if not matches:
        return text
    quoted = [repr(m) for m in matches]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f"{text} (did you mean {listed}?)"


def close_matches(typed: str, candidates: list[str]) -> list[str]:
    """Names a person who typed `typed` may have meant: those ending in the same name
    (`count` for `Cart.count`), then those spelled alike."""
    last = typed.rpartition(".")[2]
    same_last = [c for c in candidates if c.rpartition(".")[2] == last]
    alike = difflib.get_close_matches(typed, candidates, n=_MAX_MATCHES)
    found = [c for c in dict.fromkeys([*same_last, *alike]) if c != typed]
    return found[:_MAX_MATCHES]


def _candidates(module: ModuleIndex) -> list[str]:
    """Module functions, names imported from other modules, and methods as `Class.method`."""
    imported = [name for name, (_, attr) in module.imports.items() if attr is not None]
    methods = [f"{c.qualname}.{m}" for c in module.classes.values() for m in c.methods]
    return [*module.functions, *imported, *methods]
