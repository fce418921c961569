"""Reading classes and instances without running any of the program's code.

Attribute access (`obj.x`, `cls.__name__`, `hasattr`, `isinstance`) can reach a user's
`__getattribute__`, `__getattr__`, property, metaclass or `__instancecheck__`. Everything
here goes through the C-level descriptors of `type` and `object` instead, and compares
classes by identity, so it only ever runs the interpreter's own code.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Mapping
from typing import Any, cast

# The descriptors of `type` and `ModuleType`, called directly. They are typed `Any`, so
# what they return takes the annotated type of the function returning it: no `typing.cast`,
# which is a real function call, in code that runs for every value previewed.
_TYPE: Mapping[str, Any] = type.__dict__
_CLASS_DICT: Any = _TYPE["__dict__"]
_CLASS_MRO: Any = _TYPE["__mro__"]
_CLASS_NAME: Any = _TYPE["__name__"]
_CLASS_QUALNAME: Any = _TYPE["__qualname__"]
_CLASS_MODULE: Any = _TYPE["__module__"]
_CLASS_FLAGS: Any = _TYPE["__flags__"]
_MODULE_DICT: Any = cast(Any, types.ModuleType.__dict__)["__dict__"]  # once, at import
_MISSING = object()
MISSING = _MISSING  # what `lookup` and `loaded` return when there is no such name


def class_dict(cls: type) -> Mapping[str, object]:
    """The class's own namespace (what `cls.__dict__` would be without a metaclass in the way)."""
    namespace: Mapping[str, object] = _CLASS_DICT.__get__(cls)
    return namespace


def mro(cls: type) -> tuple[type, ...]:
    """The method resolution order of `cls`."""
    order: tuple[type, ...] = _CLASS_MRO.__get__(cls)
    return order


def type_name(cls: type) -> str:
    """The short name of a class (`Config`)."""
    name: str = _CLASS_NAME.__get__(cls)
    return name


def class_flags(cls: type) -> int:
    """The class's `tp_flags` (`Py_TPFLAGS_*` bits)."""
    flags: int = _CLASS_FLAGS.__get__(cls)
    return flags


def qualified_name(cls: type) -> str:
    """`module.QualName` of a class, with `builtins.` left out (`pkg.mod.Outer.Inner`)."""
    module = _CLASS_MODULE.__get__(cls)
    qualname: str = _CLASS_QUALNAME.__get__(cls)
    if type(module) is not str or module == "builtins":
        return qualname
    return f"{module}.{qualname}"


def full_name(cls: type) -> str:
    """`module.QualName` of a class, always with its module (`builtins.int`)."""
    module = _CLASS_MODULE.__get__(cls)
    qualname: str = _CLASS_QUALNAME.__get__(cls)
    return f"{module if type(module) is str else '?'}.{qualname}"


def package_of(cls: type) -> str:
    """The top-level package a class was defined in (`torch` for `torch.nn.modules.linear`)."""
    module = _CLASS_MODULE.__get__(cls)
    return module.partition(".")[0] if type(module) is str else ""


def mro_names(cls: type) -> list[str]:
    """Full names of every class in the MRO, most derived first."""
    return [full_name(klass) for klass in mro(cls)]


def inherits(cls: type, base: type) -> bool:
    """True when `base` is in the MRO of `cls`, compared by identity (no `__subclasscheck__`)."""
    return any(klass is base for klass in mro(cls))


def lookup(cls: type, name: str) -> object:
    """The raw class attribute `name` as found along the MRO, or `MISSING`."""
    for klass in mro(cls):
        found = class_dict(klass).get(name, _MISSING)
        if found is not _MISSING:
            return found
    return _MISSING


def defining_class(cls: type, name: str) -> type | None:
    """The first class along the MRO whose namespace defines `name`."""
    for klass in mro(cls):
        if name in class_dict(klass):
            return klass
    return None


def loaded(module: str, name: str) -> object:
    """The global `name` of `module` if the program has imported that module, else `MISSING`.

    Never imports anything: a value of a class from `module` can only exist once the program
    has imported it, so comparing a class with `loaded(...)` needs no import of our own.
    """
    found = sys.modules.get(module)
    if type(found) is not types.ModuleType:
        return _MISSING  # not imported (or a stand-in object whose attributes could run code)
    namespace: dict[str, object] = _MODULE_DICT.__get__(found)  # `module_globals`, inlined
    return namespace.get(name, _MISSING)


def module_globals(module: object) -> dict[str, object]:
    """A module object's namespace, read through `ModuleType`'s own descriptor."""
    namespace: dict[str, object] = _MODULE_DICT.__get__(module)
    return namespace


def declared_slots(slots: object) -> list[str]:
    """The names a class's raw `__slots__` entry declares, as written (`__dict__` and
    `__weakref__` left out: they are not slots holding values)."""
    names: list[object]
    if type(slots) is str:
        names = [slots]
    elif type(slots) is tuple or type(slots) is list or type(slots) is dict:
        names = list(slots)  # the builtin's own iterator: a subclass was excluded above
    else:
        return []
    return [s for s in names if type(s) is str and s not in ("__dict__", "__weakref__")]


def mangle(name: str, klass: type) -> str:
    """A slot name as stored: private ones are mangled (`__x` in class `_C` is `_C__x`)."""
    if not name.startswith("__") or name.endswith("__"):
        return name
    return f"_{type_name(klass).lstrip('_')}{name}"
