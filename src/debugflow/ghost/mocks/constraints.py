"""Mocks for `Annotated[T, ...]`: a mock of T moved inside the constraints its metadata states
(annotated_types `Gt`/`Ge`/`Lt`/`Le`/`MinLen`/`MaxLen`, pydantic `Field(gt=..., ...)`)."""

from __future__ import annotations

import typing
from typing import Any

from debugflow.ghost.mocks.base import NOTHING, Maker, Slot


def annotated(factory: Maker, hint: object, slot: Slot) -> object:
    """`Annotated[T, ...]` is a mock of T, moved inside any gt/ge/lt/le/length constraints."""
    if typing.get_origin(hint) is not typing.Annotated:
        return NOTHING
    base, *metadata = typing.get_args(hint)
    value = factory.make(base, slot)
    for item in _flatten(metadata):
        value = _constrain(value, item)
    return value


def _flatten(metadata: list[object]) -> list[object]:
    """Constraint objects, looking inside pydantic FieldInfo and annotated_types groups."""
    found: list[object] = []
    for item in metadata:
        inner = getattr(item, "metadata", None)
        found.extend(_flatten(list(inner)) if isinstance(inner, list) else [item])
    return found


def _constrain(value: object, rule: object) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _constrain_number(value, rule)
    if isinstance(value, str | bytes | list | tuple):
        return _constrain_length(value, rule)
    return value


def _constrain_number(value: int | float, rule: object) -> int | float:
    step = 1 if isinstance(value, int) else 0.5
    if getattr(rule, "gt", None) is not None and not value > rule.gt:  # type: ignore[attr-defined]
        value = rule.gt + step  # type: ignore[attr-defined]
    if getattr(rule, "ge", None) is not None and not value >= rule.ge:  # type: ignore[attr-defined]
        value = rule.ge  # type: ignore[attr-defined]
    if getattr(rule, "lt", None) is not None and not value < rule.lt:  # type: ignore[attr-defined]
        value = rule.lt - step  # type: ignore[attr-defined]
    if getattr(rule, "le", None) is not None and not value <= rule.le:  # type: ignore[attr-defined]
        value = rule.le  # type: ignore[attr-defined]
    return value


def _constrain_length(value: Any, rule: object) -> Any:
    low = getattr(rule, "min_length", None)
    high = getattr(rule, "max_length", None)
    if low is not None and len(value) < low:
        filler: Any = (
            "x" if isinstance(value, str) else b"x" if isinstance(value, bytes) else value[:1]
        )
        while len(value) < low and filler:
            value = value + filler
    if high is not None and len(value) > high:
        value = value[:high]
    return value
