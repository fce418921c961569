"""The entry's mock arguments, carried out of the sandbox so `launch()` can make the live call.

Only plain values cross: ints, floats, strings, bools, None, and lists, tuples and dicts of
those. They travel as Python literals and are read back with `ast.literal_eval`, which builds
nothing else, and checked again on arrival. A recording stand-in (a parameter without a
usable hint) that the code used only as a number (`x + y`, `x > 3`, `int(x)`) is carried as
the number mock, 1; any other stand-in, and any other value (a path, an object, a stream), is
not carried, and the reason is given instead.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from debugflow.ghost.mocks.standin import is_standin
from debugflow.ghost.model import EntryArguments

_SCALARS = (int, float, str, bool, type(None))
_MAX_DEPTH = 8
_MAX_TEXT = 10_000  # a mock is small; anything longer is not worth carrying
_ARITHMETIC = r"(\+|-|\*|/|//|%|\*\*|<|<=|>|>=)"
_NUMBER_USES = (
    re.compile(rf"^ {_ARITHMETIC} (?!['\"]|b['\"]|(list|tuple|dict|set|str|bytes)$).+$"),
    re.compile(rf"^ \(right of {_ARITHMETIC}\)$"),
    re.compile(r"^ unary (-|\+|abs)$"),
    re.compile(r"^ (int|float)\(\)$"),
)
_NEUTRAL_USES = {" truth test", " str()"}
NUMBER_MOCK = 1


def literals(mocked: Mapping[str, object]) -> dict[str, str | None]:
    """Each argument as a literal (None: not plain), taken before the call can change it."""
    return {name: literal(value) for name, value in mocked.items()}


def entry_arguments(
    mocked: Mapping[str, object],
    before: Mapping[str, str | None],
    uses: Mapping[str, Sequence[str]],
) -> dict[str, Any]:
    """The `arguments` report line of the first attempt, after its call: each argument as the
    literal it was `before` the call, or why it cannot be carried. `uses` are the stand-ins'
    recorded uses by parameter."""
    values: dict[str, str] = {}
    missing: dict[str, str] = {}
    for name, value in mocked.items():
        text = before.get(name)
        if text is not None:
            values[name] = text
        elif is_standin(value) and used_as_number(uses.get(name, ())):
            values[name] = repr(NUMBER_MOCK)
        elif is_standin(value):
            missing[name] = "a stand-in (no usable type hint)"
        else:
            missing[name] = _not_plain(value)
    return {"values": values, "missing": missing}


def _not_plain(value: object) -> str:
    kind = type(value).__name__
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    if type(value) in (list, tuple, dict):
        return f"{article} {kind} holding values that are not plain"
    return f"{article} {kind}, not a plain value"


def read_arguments(line: Mapping[str, Any]) -> EntryArguments:
    """The parent's side: rebuild the plain values of an `arguments` line."""
    values: dict[str, object] = {}
    missing = {str(k): str(v) for k, v in dict(line.get("missing", {})).items()}
    for name, text in dict(line.get("values", {})).items():
        try:
            values[str(name)] = from_literal(str(text))
        except ValueError:
            missing[str(name)] = "not readable as a plain value"
    return EntryArguments(values=values, missing=missing)


def literal(value: object) -> str | None:
    """`value` as a Python literal that reads back equal, or None when it is not plain."""
    if not is_plain(value):
        return None
    text = repr(value)
    if len(text) > _MAX_TEXT:
        return None
    try:
        same = from_literal(text) == value
    except ValueError:
        return None
    return text if same else None


def from_literal(text: str) -> object:
    """A plain value from its literal; raises ValueError for anything else."""
    if len(text) > _MAX_TEXT:
        raise ValueError("too long to be a mock")
    try:
        value = ast.literal_eval(text)
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError) as exc:
        raise ValueError(f"not a literal: {exc}") from exc
    if not is_plain(value):
        raise ValueError(f"a {type(value).__name__} is not a plain value")
    return value


def is_plain(value: object, depth: int = 0) -> bool:
    """Whether `value` is made only of ints, finite floats, strings, bools, None, lists,
    tuples and dicts (exact types: a subclass may behave otherwise)."""
    kind = type(value)
    if depth > _MAX_DEPTH:
        return False
    if kind in _SCALARS:
        return kind is not float or math.isfinite(value)  # type: ignore[arg-type]
    if kind in (list, tuple):
        return all(is_plain(item, depth + 1) for item in value)  # type: ignore[attr-defined]
    if kind is dict:
        items: dict[object, object] = value  # type: ignore[assignment]
        return all(is_plain(k, depth + 1) and is_plain(v, depth + 1) for k, v in items.items())
    return False


def used_as_number(uses: Sequence[str]) -> bool:
    """Whether a stand-in's recorded uses are those of a number: arithmetic or comparisons
    with numbers or other stand-ins, `int()`, `float()`; a truth test or `str()` also fits."""
    numeric = [use for use in uses if any(p.match(use) for p in _NUMBER_USES)]
    other = [use for use in uses if use not in numeric and use not in _NEUTRAL_USES]
    return bool(numeric) and not other
