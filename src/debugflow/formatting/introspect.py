"""Reading classes and instances without running any of the program's code.

Attribute access (`obj.x`, `cls.__name__`, `hasattr`, `isinstance`) can reach a user's
`__getattribute__`, `__getattr__`, property, metaclass or `__instancecheck__`. Everything
here goes through the C-level descriptors of `type` and `object` instead, and compares
classes by identity, so it only ever runs the interpreter's own code.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator, Mapping
from typing import Any, cast

_TYPE: Mapping[str, Any] = type.__dict__
_CLASS_DICT = _TYPE["__dict__"]
_CLASS_MRO = _TYPE["__mro__"]
_CLASS_NAME = _TYPE["__name__"]
_CLASS_QUALNAME = _TYPE["__qualname__"]
_CLASS_MODULE = _TYPE["__module__"]
_GETSET = types.GetSetDescriptorType
_MEMBER = types.MemberDescriptorType
_MODULE_DICT: Any = cast(Any, types.ModuleType.__dict__)["__dict__"]
_MISSING = object()
MISSING = _MISSING  # what `lookup` and `loaded` return when there is no such name


def class_dict(cls: type) -> Mapping[str, object]:
    """The class's own namespace (what `cls.__dict__` would be without a metaclass in the way)."""
    return cast("Mapping[str, object]", _CLASS_DICT.__get__(cls))


def mro(cls: type) -> tuple[type, ...]:
    """The method resolution order of `cls`."""
    return cast("tuple[type, ...]", _CLASS_MRO.__get__(cls))


def type_name(cls: type) -> str:
    """The short name of a class (`Config`)."""
    return cast(str, _CLASS_NAME.__get__(cls))


def qualified_name(cls: type) -> str:
    """`module.QualName` of a class, with `builtins.` left out (`pkg.mod.Outer.Inner`)."""
    module = _CLASS_MODULE.__get__(cls)
    qualname = cast(str, _CLASS_QUALNAME.__get__(cls))
    if type(module) is not str or module == "builtins":
        return qualname
    return f"{module}.{qualname}"


def full_name(cls: type) -> str:
    """`module.QualName` of a class, always with its module (`builtins.int`)."""
    module = _CLASS_MODULE.__get__(cls)
    qualname = cast(str, _CLASS_QUALNAME.__get__(cls))
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
    return module_globals(found).get(name, _MISSING)


def module_globals(module: object) -> dict[str, object]:
    """A module object's namespace, read through `ModuleType`'s own descriptor."""
    return cast("dict[str, object]", _MODULE_DICT.__get__(module))


def instance_dict(obj: object) -> dict[str, object] | None:
    """The instance `__dict__`, only when it comes from the interpreter's own descriptor."""
    desc = lookup(type(obj), "__dict__")
    if type(desc) is not _GETSET:
        return None  # no per-instance dict, or a user-defined `__dict__` we must not call
    found = cast(Any, desc).__get__(obj)
    return cast("dict[str, object]", found) if type(found) is dict else None


def slot_values(obj: object) -> Iterator[tuple[str, object]]:
    """`(name, value)` for every filled `__slots__` entry, base classes first."""
    for klass in reversed(mro(type(obj))):
        namespace = class_dict(klass)
        for name in _slot_names(namespace.get("__slots__"), klass):
            desc = namespace.get(name)
            if type(desc) is not _MEMBER:
                continue
            try:
                yield name, cast(Any, desc).__get__(obj)
            except AttributeError:  # slot declared but never assigned
                continue


def _slot_names(slots: object, klass: type) -> list[str]:
    if type(slots) is str:
        names: list[str] = [slots]
    elif type(slots) in (tuple, list):
        names = [s for s in cast("tuple[object, ...]", slots) if type(s) is str]
    elif type(slots) is dict:
        names = [s for s in cast("dict[object, object]", slots) if type(s) is str]
    else:
        return []
    return [_mangle(name, klass) for name in names if name not in ("__dict__", "__weakref__")]


def _mangle(name: str, klass: type) -> str:
    # Private slot names are stored mangled (`__x` in class `_C` becomes `_C__x`).
    if not name.startswith("__") or name.endswith("__"):
        return name
    return f"_{type_name(klass).lstrip('_')}{name}"


def instance_state(obj: object) -> tuple[dict[str, object] | None, list[tuple[str, object]]]:
    """The instance `__dict__` (or None) and the filled slots: everything an object stores."""
    return instance_dict(obj), list(slot_values(obj))
