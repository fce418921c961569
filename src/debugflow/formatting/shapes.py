"""What previews read of a class, read once per class and then only checked, per value.

Previewing one of the program's objects reads its class: where instances keep their
`__dict__`, which slots they have (base classes first), a named tuple's `_fields`, a
dataclass's `__dataclass_fields__`. Walking the MRO for each of these, for every value, was
most of the cost of previewing objects. A `Shape` holds what one walk found.

Classes can change while the program runs: an attribute set or deleted, `__bases__` or
`__name__` assigned. A shape is used only while everything it was read from is the very
same object: the MRO tuple (a new one whenever `__bases__` changes) and, in each class of
the MRO whose namespace can change, every entry it read there, present or missing (and the
class's name where a private slot name was mangled with it). The interpreter's own types
(`object`, the builtins) refuse changes and are not checked. Checking costs a few lookups in
one or two namespaces; if anything differs the class is read again, so a value is never
described otherwise than a fresh reading of its class would describe it. A class whose
`__slots__` is a list or a dict, which can change in place, is read afresh every time.

What can change without its class changing is read for each value: the instance's
`__dict__` and slot values, and the contents of a dataclass's fields table. Like the rest of
`formatting`, nothing here runs the program's code (see `introspect`).
"""

from __future__ import annotations

import types
from typing import Any

from debugflow.formatting.introspect import (
    MISSING,
    class_dict,
    class_flags,
    declared_slots,
    mangle,
    mro,
    type_name,
)

_GETSET = types.GetSetDescriptorType
_MEMBER = types.MemberDescriptorType
_IMMUTABLE_TYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE (3.10+): setting its attributes fails
# Class attributes found by MRO lookup, as `introspect.lookup` finds them.
_LOOKED_UP = ("__dict__", "_fields", "__dataclass_fields__")
_MAX_CACHED = 4096

# A namespace's `get`, the keys read there, a `MISSING` per key, the ids of what was found.
_Probe = tuple[Any, tuple[str, ...], tuple[object, ...], tuple[int, ...]]


class Shape:
    """One reading of a class: its instance-dict descriptor, slots, `_fields`, dataclass fields.

    `fields` and `dataclass_fields` are the raw class attributes (or `MISSING`), as
    `introspect.lookup` finds them; `slots` are `(name, member descriptor)` pairs, base
    classes first, for every declared slot whose descriptor is the interpreter's own.
    """

    __slots__ = (
        "_held",
        "_names",
        "_probes",
        "cls",
        "dataclass_fields",
        "dict_attr",
        "fields",
        "mro",
        "slots",
        "volatile",
    )

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.mro = mro(cls)
        self.volatile = False  # a `__slots__` that can change in place: never cached
        found = dict.fromkeys(_LOOKED_UP, MISSING)
        slots: list[tuple[str, Any]] = []
        self._probes: list[_Probe] = []
        self._names: list[tuple[type, str]] = []  # classes whose name mangled a slot name
        self._held: list[object] = []  # what the probes' ids are of: alive, so ids stay unique
        for klass in reversed(self.mro):  # base classes first, as slots are listed
            namespace = class_dict(klass)
            raw = namespace.get("__slots__")
            self.volatile |= type(raw) is list or type(raw) is dict
            declared = declared_slots(raw)
            names = [mangle(name, klass) for name in declared]
            for name in names:
                descriptor = namespace.get(name)
                if type(descriptor) is _MEMBER:
                    slots.append((name, descriptor))
            for key in _LOOKED_UP:
                value = namespace.get(key, MISSING)
                if value is not MISSING:
                    found[key] = value  # a more derived class's entry wins, as along the MRO
            if not class_flags(klass) & _IMMUTABLE_TYPE:
                self._probe(klass, ("__slots__", *_LOOKED_UP, *names))
                if names != declared:
                    self._names.append((klass, type_name(klass)))
        dict_attr = found["__dict__"]
        self.dict_attr: Any = dict_attr if type(dict_attr) is _GETSET else None
        self.fields: object = found["_fields"]
        self.dataclass_fields: Any = found["__dataclass_fields__"]
        self.slots = tuple(slots)

    def _probe(self, klass: type, keys: tuple[str, ...]) -> None:
        get = class_dict(klass).get
        misses = (MISSING,) * len(keys)
        read = list(map(get, keys, misses))
        self._held += read
        self._probes.append((get, keys, misses, tuple(map(id, read))))

    def current(self) -> bool:
        """True while every entry this shape was read from is unchanged."""
        if mro(self.cls) is not self.mro:
            return False
        for get, keys, misses, ids in self._probes:
            if tuple(map(id, map(get, keys, misses))) != ids:
                return False
        return all(type_name(klass) is name for klass, name in self._names)


_cache: dict[int, Shape] = {}  # by id: hashing a class could run its metaclass's code


def forget() -> None:
    """Drop every cached shape (see `formatting.forget_classes`)."""
    global _cache
    _cache = {}  # replaced, not cleared: another thread may be reading it


def shape_of(cls: type) -> Shape:
    """The current `Shape` of `cls`: the cached one while its class is unchanged."""
    global _cache
    shape = _cache.get(id(cls))
    if shape is not None and shape.cls is cls and shape.current():
        return shape
    shape = Shape(cls)
    if not shape.volatile:
        if len(_cache) >= _MAX_CACHED:
            _cache = {}  # replaced, not cleared: another thread may be reading it
        _cache[id(cls)] = shape
    return shape


def instance_dict(obj: object) -> dict[str, object] | None:
    """The instance `__dict__`, only when it comes from the interpreter's own descriptor."""
    return stored_dict(shape_of(type(obj)), obj)


def stored_dict(shape: Shape, obj: object) -> dict[str, object] | None:
    """`instance_dict(obj)`, for an `obj` of the class of `shape`."""
    if shape.dict_attr is None:
        return None  # no per-instance dict, or a user-defined `__dict__` we must not call
    found = shape.dict_attr.__get__(obj)
    return found if type(found) is dict else None


def slot_values(shape: Shape, obj: object) -> list[tuple[str, object]]:
    """`(name, value)` for every filled slot of `obj`, an instance of `shape`'s class."""
    filled: list[tuple[str, object]] = []
    for name, descriptor in shape.slots:
        try:
            filled.append((name, descriptor.__get__(obj)))
        except AttributeError:  # slot declared but never assigned
            continue
    return filled


def instance_state(obj: object) -> tuple[dict[str, object] | None, list[tuple[str, object]]]:
    """The instance `__dict__` (or None) and the filled slots: everything an object stores."""
    shape = shape_of(type(obj))
    return stored_dict(shape, obj), slot_values(shape, obj)
