"""Previews of the program's own objects, built from what they store, never from their code.

Enums by member name, named tuples and dataclasses by their fields, exceptions by their
args, subclasses of builtins by the builtin value inside (`Counter({'a': 2})`), and any
other object by its instance attributes (`Config(lr=0.001, epochs=3)`), read from its
`__dict__` and slots. An object that stores nothing readable is `<module.Class at 0x…>`.
With `user_repr`, all of these but enums use the program's own `repr()`, guarded.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

from debugflow.formatting.context import CHANGING, Ctx, Handler, Shown, opaque, snapshot, take
from debugflow.formatting.guarded import user_repr
from debugflow.formatting.introspect import MISSING, inherits, loaded, lookup, mro, type_name
from debugflow.formatting.limits import ELLIPSIS
from debugflow.formatting.shapes import instance_dict, slot_values, stored_dict
from debugflow.formatting.stdlib import show_class

_EXC_ARGS: Any = BaseException.__dict__["args"]
_NOTHING: dict[str, object] = {}  # stands for a missing `__dict__` or no slots; never changed


def classify(cls: type, builtin: Mapping[int, Handler]) -> Handler:
    """The handler for instances of a class that is neither builtin nor science."""
    if inherits(cls, enum.Enum):
        return show_enum
    if inherits(cls, type):
        return show_class
    if inherits(cls, tuple) and type(lookup(cls, "_fields")) is tuple:
        return _or_user_repr(show_namedtuple)
    if type(lookup(cls, "__dataclass_fields__")) is dict:
        return _or_user_repr(show_dataclass)
    if inherits(cls, BaseException):
        return _or_user_repr(show_exception)
    # Builtin tables are keyed by id(class): hashing a class could run its metaclass's code.
    base = next((builtin[id(k)] for k in mro(cls)[1:] if id(k) in builtin), None)
    if base is not None:
        return _or_user_repr(_subclass_of(base))
    return _or_user_repr(show_object)


def _or_user_repr(safe: Handler) -> Handler:
    def handler(value: object, ctx: Ctx) -> Shown:
        if ctx.user_repr:
            text = user_repr(value, ctx.limits)
            if text is not None:
                return type_name(type(value)), text, text
        return safe(value, ctx)

    return handler


def show_enum(value: object, ctx: Ctx) -> Shown:
    """`Color.RED` (or `Color(5)` for a value that has no member name)."""
    name = type_name(type(value))
    stored = instance_dict(value) or {}
    member = stored.get("_name_")
    if type(member) is str:
        text = f"{name}.{member}"
    else:
        text = f"{name}({ctx.inline(stored.get('_value_'))})"
    return name, text, text


def show_namedtuple(value: object, ctx: Ctx) -> Shown:
    """`Point(x=1, y=2)`."""
    fields: Any = lookup(type(value), "_fields")
    row: Any = value  # a tuple: read through `tuple`'s own methods
    items = take(tuple.__iter__(row), ctx.limits.max_items)
    pairs = zip(fields, items, strict=False)  # fewer items past max_items
    return _fields_text(value, ctx, pairs, tuple.__len__(row))


def show_dataclass(value: object, ctx: Ctx) -> Shown:
    """`TrainConfig(lr=0.001, epochs=3)`: fields with `repr=True`, as stored on the instance."""
    shape = ctx.shape(type(value))
    fields = shape.dataclass_fields
    # A real dataclass means the program imported `dataclasses`; importing it here would
    # cost every run milliseconds (it pulls in `inspect`). Without it, no field is real.
    field_class = loaded("dataclasses", "Field")
    found = stored_dict(shape, value) or _NOTHING
    slotted = dict(slot_values(shape, value)) if shape.slots else _NOTHING
    pairs: list[tuple[object, object]] = []
    for name, field in fields.items():
        item = found.get(name, MISSING)
        if item is MISSING:
            item = slotted.get(name, MISSING)  # ClassVar/InitVar: not stored at all
        if item is not MISSING and type(field) is field_class and field.repr:
            pairs.append((name, item))
    return _fields_text(value, ctx, pairs[: ctx.limits.max_items], len(pairs))


def show_exception(value: object, ctx: Ctx) -> Shown:
    """`ValueError('bad input')`, from the exception's `args`."""
    name = type_name(type(value))
    args: tuple[object, ...] = _EXC_ARGS.__get__(value)
    if not args:
        text = f"{name}()"
    else:
        parts = (ctx.inline(arg) for arg in take(iter(args), ctx.limits.max_items))
        text = ctx.nested(value, (f"{name}(", ")"), lambda: ctx.join(parts, len(args)))
    return name, text, text


def show_object(value: object, ctx: Ctx) -> Shown:
    """`Config(lr=0.001, epochs=3)` from instance attributes, else `<module.Class at 0x…>`."""
    shape = ctx.shape(type(value))
    stored, slots = stored_dict(shape, value), slot_values(shape, value)
    if stored is None and not slots:
        return opaque(value)
    found = {} if stored is None else stored
    pairs = snapshot(lambda: iter(found.items()), ctx.limits.max_items)
    if pairs is None:
        name = type_name(type(value))
        return name, f"{name}({CHANGING})", f"{name}({CHANGING})"
    pairs += slots[: ctx.limits.max_items - len(pairs)]
    return _fields_text(value, ctx, pairs, len(found) + len(slots))


def _fields_text(
    value: object, ctx: Ctx, pairs: Iterable[tuple[object, object]], total: int
) -> Shown:
    name = type_name(type(value))
    if total == 0:
        return name, f"{name}()", f"{name}()"
    if ctx.depth >= ctx.limits.max_depth:  # what `nested` gives, without making the parts
        text = f"{name}({ELLIPSIS})"
        return name, text, text
    inline = ctx.inline
    parts = (f"{key if type(key) is str else inline(key)}={inline(item)}" for key, item in pairs)
    text = ctx.nested(value, (f"{name}(", ")"), lambda: ctx.join(parts, total))
    return name, text, text


def _subclass_of(base: Handler) -> Handler:
    # `Counter({'a': 2})`: the builtin value inside, read by the builtin's own methods.
    def handler(value: object, ctx: Ctx) -> Shown:
        name = type_name(type(value))
        text = f"{name}({base(value, ctx)[2]})"
        return name, text, text

    return handler
