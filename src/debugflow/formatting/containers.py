"""Previews of builtin containers: list, tuple, set, frozenset and dict.

Only the first `max_items` items are read (never a copy of the whole container), through
the builtin type's own iterator, so a subclass's `__iter__` or `__len__` is never called.
Another thread may resize the container meanwhile: reading is retried once, then the
preview says `<changing>`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, cast

from debugflow.formatting.context import CHANGING, Ctx, Handler, Shown, snapshot
from debugflow.formatting.introspect import inherits


def show_list(value: object, ctx: Ctx) -> Shown:
    """`[1, 2, 3]`, `[1, 2, 3, 4, 5, 6, … 980 more]`, `[…]` past the depth limit."""
    items = cast("list[object]", value)
    text = _sequence(items, ctx, ("[", "]"), list.__len__(items), lambda: list.__iter__(items))
    return "list", text, text


def show_tuple(value: object, ctx: Ctx) -> Shown:
    """`(1, 2)`, `(1,)`, `()`."""
    items = cast("tuple[object, ...]", value)
    size = tuple.__len__(items)
    if size == 1:
        text = ctx.nested(items, ("(", ",)"), lambda: ctx.inline(tuple.__getitem__(items, 0)))
    else:
        text = _sequence(items, ctx, ("(", ")"), size, lambda: tuple.__iter__(items))
    return "tuple", text, text


def show_set(value: object, ctx: Ctx) -> Shown:
    """`{1, 2}`; an empty set is `set()`."""
    items = cast("set[object]", value)
    size = set.__len__(items)
    text = "set()" if size == 0 else _sequence(items, ctx, ("{", "}"), size, _iter_set(items))
    return "set", text, text


def show_frozenset(value: object, ctx: Ctx) -> Shown:
    """`frozenset({1, 2})`; an empty one is `frozenset()`."""
    items = cast("frozenset[object]", value)
    size = frozenset.__len__(items)
    body = "" if size == 0 else _sequence(items, ctx, ("{", "}"), size, _iter_set(items))
    text = f"frozenset({body})"
    return "frozenset", text, text


def show_dict(value: object, ctx: Ctx) -> Shown:
    """`{'a': 1}`, `{'a': 1, … 3 more}`, `{…}` past the depth limit."""
    mapping = cast("dict[object, object]", value)
    size = dict.__len__(mapping)
    text = "{}" if size == 0 else ctx.nested(mapping, ("{", "}"), lambda: _dict_body(mapping, ctx))
    return "dict", text, text


def _dict_body(mapping: dict[object, object], ctx: Ctx) -> str:
    pairs = snapshot(lambda: iter(dict.items(mapping)), ctx.limits.max_items)
    if pairs is None:
        return CHANGING
    parts = (f"{ctx.inline(key)}: {ctx.inline(item)}" for key, item in pairs)
    return ctx.join(parts, dict.__len__(mapping))


def _sequence(
    value: object,
    ctx: Ctx,
    brackets: tuple[str, str],
    size: int,
    source: Callable[[], Iterator[object]],
) -> str:
    if size == 0:
        return brackets[0] + brackets[1]
    return ctx.nested(value, brackets, lambda: _items(source, size, ctx))


def _items(source: Callable[[], Iterator[object]], size: int, ctx: Ctx) -> str:
    items = snapshot(source, ctx.limits.max_items)
    if items is None:
        return CHANGING
    return ctx.join((ctx.inline(item) for item in items), size)


def _iter_set(items: set[object] | frozenset[object]) -> Callable[[], Iterator[object]]:
    # `set.__iter__` refuses a frozenset and the reverse: pick the one that matches.
    base: Any = set if inherits(type(items), set) else frozenset
    return lambda: cast("Iterator[object]", base.__iter__(items))


CONTAINERS: dict[type, Handler] = {
    list: show_list,
    tuple: show_tuple,
    set: show_set,
    frozenset: show_frozenset,
    dict: show_dict,
}
