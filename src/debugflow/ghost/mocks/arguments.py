"""Bind mock values to a signature: defaults where present, mocks for the rest, `*args`/`**kwargs`
only when annotated (`**kwargs: Unpack[TD]` gets the TypedDict's keys)."""

from __future__ import annotations

import inspect
import typing
from dataclasses import dataclass, field

from debugflow.ghost.mocks.base import Maker, Slot, is_typeddict
from debugflow.ghost.mocks.hints import resolve_hints

EMPTY = inspect.Parameter.empty
_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


@dataclass
class BoundMocks:
    """Positional and keyword arguments ready for a call, plus which came from defaults."""

    args: list[object] = field(default_factory=list)
    kwargs: dict[str, object] = field(default_factory=dict)
    defaults: list[str] = field(default_factory=list)
    mocked: dict[str, object] = field(default_factory=dict)  # parameters given a mock value


def bind_mocks(
    factory: Maker,
    signature: inspect.Signature,
    hints: dict[str, object],
    slot: Slot,
    overrides: dict[str, object] | None = None,
) -> BoundMocks:
    """Arguments for every parameter of `signature`, using `overrides` first, then defaults."""
    bound = BoundMocks()
    chosen = overrides or {}
    for param in signature.parameters.values():
        where = Slot(slot.where, param.name, slot.depth)
        if param.kind in _POSITIONAL:
            bound.args.append(_value(factory, param, hints, where, chosen, bound))
        elif param.kind is inspect.Parameter.KEYWORD_ONLY:
            if param.name in chosen or param.default is EMPTY:
                bound.kwargs[param.name] = _value(factory, param, hints, where, chosen, bound)
            else:
                bound.defaults.append(param.name)
        elif param.name in hints:
            _variadic(factory, param, hints[param.name], where, bound)
    return bound


def _value(
    factory: Maker,
    param: inspect.Parameter,
    hints: dict[str, object],
    slot: Slot,
    chosen: dict[str, object],
    bound: BoundMocks,
) -> object:
    if param.default is not EMPTY and param.name not in chosen:
        bound.defaults.append(param.name)
        return param.default
    value = (
        chosen[param.name]
        if param.name in chosen
        else factory.make(hints.get(param.name, EMPTY), slot)
    )
    bound.mocked[param.name] = value
    return value


def _variadic(
    factory: Maker, param: inspect.Parameter, hint: object, slot: Slot, bound: BoundMocks
) -> None:
    if param.kind is inspect.Parameter.VAR_POSITIONAL:
        bound.args.append(factory.make(hint, Slot(slot.where, f"*{param.name}", slot.depth)))
        return
    unpacked = _unpacked_typeddict(hint)
    if unpacked is not None:
        keys = resolve_hints(unpacked, owner=unpacked)
        for key, key_hint in keys.items():
            bound.kwargs[key] = factory.make(key_hint, Slot(slot.where, key, slot.depth))
        return
    bound.kwargs["mock"] = factory.make(hint, Slot(slot.where, f"**{param.name}", slot.depth))


def _unpacked_typeddict(hint: object) -> type | None:
    """The TypedDict inside `Unpack[TD]`, if `hint` is that."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    is_unpack = getattr(origin, "_name", None) == "Unpack" or repr(origin).endswith("Unpack")
    if is_unpack and args and is_typeddict(args[0]):
        inner: type = args[0]
        return inner
    return None
