"""Checks a JSON value against one of the viewer shapes, field names and types alike.

The hub checks every viewer command with it before acting on one, and the tests check every
message the hub builds, so a message and its declared shape cannot drift apart. `fits()` is
the same check compiled once per shape into a yes/no predicate, for readers that take
messages in bulk (a snapshot of 20,000 nodes): it accepts fields the shape does not name,
since readers ignore fields they do not know (docs/protocol.md).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from functools import cache

Problems = list[str]
Check = Callable[[object], bool]


def problems(value: object, shape: object, where: str = "$") -> Problems:
    """What is wrong with `value` as a `shape` (a TypedDict or a type hint); empty when it fits."""
    if typing.is_typeddict(shape):
        return _dict_problems(value, shape, where)
    origin = typing.get_origin(shape)
    if origin is typing.Literal:
        allowed = typing.get_args(shape)
        return [] if value in allowed else [f"{where}: {value!r} is not one of {allowed}"]
    if origin in (typing.Union, types.UnionType):
        options = [problems(value, arg, where) for arg in typing.get_args(shape)]
        return [] if any(not found for found in options) else min(options, key=len)
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: expected a list, got {type(value).__name__}"]
        (item,) = typing.get_args(shape)
        return [p for i, v in enumerate(value) for p in problems(v, item, f"{where}[{i}]")]
    return _scalar_problems(value, shape, where)


def _dict_problems(value: object, shape: object, where: str) -> Problems:
    if not isinstance(value, dict):
        return [f"{where}: expected an object, got {type(value).__name__}"]
    hints = _hints(shape)
    required: frozenset[str] = getattr(shape, "__required_keys__", frozenset())
    found = [f"{where}: missing {key!r}" for key in sorted(required - value.keys())]
    found += [f"{where}: unexpected {key!r}" for key in sorted(value.keys() - hints.keys())]
    for key in value.keys() & hints.keys():
        found += problems(value[key], hints[key], f"{where}.{key}")
    return found


def _scalar_problems(value: object, shape: object, where: str) -> Problems:
    if shape is type(None):
        fits = value is None
    elif shape is float:
        fits = isinstance(value, int | float) and not isinstance(value, bool)
    elif shape is int:
        fits = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(shape, type):
        fits = isinstance(value, shape)
    else:
        raise TypeError(f"cannot check values against {shape!r}")
    name = getattr(shape, "__name__", repr(shape))
    return [] if fits else [f"{where}: expected {name}, got {type(value).__name__} {value!r:.60}"]


@cache
def fits(shape: object) -> Check:
    """A predicate: whether a decoded JSON value has `shape`'s fields and types.

    Fields the shape does not name are accepted. Values are compared by exact type, as JSON
    decodes them (`True` is not an int here either).
    """
    if typing.is_typeddict(shape):
        return _dict_check(shape)
    origin = typing.get_origin(shape)
    if origin is typing.Literal:
        return _literal_check(typing.get_args(shape))
    if origin in (typing.Union, types.UnionType):
        return _union_check(typing.get_args(shape))
    if origin is list:
        item = fits(typing.get_args(shape)[0])
        return lambda value: type(value) is list and all(map(item, value))
    return _scalar_check(shape)


def _dict_check(shape: object) -> Check:
    required: frozenset[str] = getattr(shape, "__required_keys__", frozenset())
    # Required fields of plain types (`int`, `str | None`…) are checked inline by the exact
    # type of their value, without a call each: most of a node's fields are such.
    plain: list[tuple[str, frozenset[type]]] = []
    fields: list[tuple[str, Check]] = []
    for key, hint in _hints(shape).items():
        kinds = _plain_types(hint)
        if kinds is not None and key in required:
            plain.append((key, kinds))
        else:
            fields.append((key, fits(hint)))

    def check(value: object) -> bool:
        if type(value) is not dict or not required <= value.keys():
            return False
        for key, kinds in plain:
            if type(value[key]) not in kinds:
                return False
        for key, fit in fields:  # noqa: SIM110 - a plain loop: all() over a generator is slower
            if key in value and not fit(value[key]):
                return False
        return True

    return check


def _plain_types(hint: object) -> frozenset[type] | None:
    """The exact types a value of `hint` may have, when a type check is all it takes."""
    options = (
        typing.get_args(hint)
        if typing.get_origin(hint) in (typing.Union, types.UnionType)
        else (hint,)
    )
    kinds: set[type] = set()
    for option in options:
        if option is float:
            kinds.update((float, int))  # JSON writes 2.0 as 2
        elif (
            typing.get_origin(option) is None  # `list[int]` passes for a type on 3.10
            and isinstance(option, type)
            and not typing.is_typeddict(option)
        ):
            kinds.add(option)
        else:
            return None  # a literal, a list, an object: its own check
    return frozenset(kinds)


def _literal_check(allowed: tuple[object, ...]) -> Check:
    pairs = frozenset((type(option), option) for option in allowed)

    def check(value: object) -> bool:
        try:
            return (type(value), value) in pairs
        except TypeError:  # an unhashable value (a list, an object) is no literal
            return False

    return check


def _union_check(options: tuple[object, ...]) -> Check:
    rest = tuple(fits(option) for option in options if option is not type(None))
    nullable = len(rest) < len(options)
    if len(rest) == 1:  # `X | None`, by far the commonest: no loop
        (only,) = rest
        return (lambda value: value is None or only(value)) if nullable else only
    return lambda value: (nullable and value is None) or any(check(value) for check in rest)


def _scalar_check(shape: object) -> Check:
    if shape is type(None):
        return lambda value: value is None
    if shape is float:
        return lambda value: type(value) is float or type(value) is int
    if isinstance(shape, type):
        kind = shape
        return lambda value: type(value) is kind
    raise TypeError(f"cannot check values against {shape!r}")


@cache
def _hints(shape: object) -> dict[str, object]:
    return typing.get_type_hints(shape)
