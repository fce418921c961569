"""Checks a JSON value against one of the viewer shapes, field names and types alike.

The hub checks every viewer command with it before acting on one, and the tests check every
message the hub builds, so a message and its declared shape cannot drift apart.
"""

from __future__ import annotations

import types
import typing
from functools import cache

Problems = list[str]


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
def _hints(shape: object) -> dict[str, object]:
    return typing.get_type_hints(shape)
