"""Other values to try when the first mock arguments leave part of the map unreached.

Value-dependent branches (`if score > 100`, `if mode == "strict"`, `int(text)`) rarely take
the first mock. Each later attempt changes one parameter: first to values mined from the
entry function's comparisons with constants, then to the type's alternates (0, -1, "1", "",
False, None for Optional, the other Literal values and Enum members, empty containers).
Variants that avoid an error an attempt ran into come before these (see `remedies`).
"""

from __future__ import annotations

import ast
import enum
import inspect
import textwrap
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass

_COMPARE_SHIFT: dict[type[ast.cmpop], int] = {ast.Gt: 1, ast.Lt: -1}
_MIRROR: dict[type[ast.cmpop], type[ast.cmpop]] = {ast.Gt: ast.Lt, ast.Lt: ast.Gt}


@dataclass(frozen=True)
class Variant:
    """One parameter set to another value; `mined` when the value came from a comparison.

    A remedy (see `remedies`) also says which errors it avoids, the attempt that ran into
    them, and why it is tried.
    """

    name: str
    value: object
    mined: bool
    avoids: tuple[type[BaseException], ...] = ()
    answers: int = 0  # the attempt whose error this remedy avoids (0: not a remedy)
    why: str = ""


def plan(
    func: Callable[..., object],
    primaries: dict[str, tuple[object, object]],
    limit: int,
) -> list[Variant]:
    """Up to `limit` variants, parameter by parameter; `primaries` maps name -> (hint, value)."""
    mined = mine_constants(func)
    found: list[Variant] = []
    for name, (hint, first) in primaries.items():
        from_code = _dedupe(first, _fitting(mined.get(name, []), first))
        found.extend(Variant(name, value, True) for value in from_code)
        others = _dedupe(first, [*from_code, *alternates(hint)])[len(from_code) :]
        found.extend(Variant(name, value, False) for value in others)
    return found[:limit]


def mine_constants(func: Callable[..., object]) -> dict[str, list[object]]:
    """Parameter -> constants its comparisons name, nudged to the side that makes them true."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return {}
    found: dict[str, list[object]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            for name, value in _compared(node.left, node.ops[0], node.comparators[0]):
                found.setdefault(name, []).append(value)
    return found


def _compared(left: ast.expr, op: ast.cmpop, right: ast.expr) -> list[tuple[str, object]]:
    if isinstance(right, ast.Name) and isinstance(left, ast.Constant):
        left, right, op = right, left, _MIRROR.get(type(op), type(op))()
    if not isinstance(left, ast.Name):
        return []
    if isinstance(right, ast.Constant):
        return [(left.id, _nudge(right.value, op))]
    if isinstance(op, ast.In | ast.NotIn) and isinstance(right, ast.Tuple | ast.List | ast.Set):
        return [(left.id, e.value) for e in right.elts if isinstance(e, ast.Constant)]
    return []


def _nudge(value: object, op: ast.cmpop) -> object:
    shift = _COMPARE_SHIFT.get(type(op), 0)
    if shift and isinstance(value, int | float) and not isinstance(value, bool):
        return value + shift
    return value


def _fitting(values: list[object], first: object) -> list[object]:
    """Mined constants of the parameter's own type (ints are fine for a float parameter)."""
    kind = type(first)
    fitting: list[object] = []
    for value in values:
        if type(value) is kind:
            fitting.append(value)
        elif kind is float and type(value) is int:
            fitting.append(float(value))
    return fitting


def alternates(hint: object) -> list[object]:
    """Second choices for a type: other edges of its range, other members, emptiness."""
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        return []  # the constraints chose the value; stay inside them
    if origin in (typing.Union, types.UnionType):
        arms = typing.get_args(hint)
        return [None] if type(None) in arms else []
    if origin is typing.Literal:
        return list(typing.get_args(hint)[1:])
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        members: list[object] = [*hint][1:]
        return members
    simple: dict[object, list[object]] = {
        bool: [False],
        int: [0, -1],
        float: [0.0, -1.0],
        str: ["1", ""],
        bytes: [b""],
    }
    if hint in simple:
        return simple[hint]
    return [origin()] if origin in (list, dict, set, tuple) else []


def _dedupe(first: object, values: list[object]) -> list[object]:
    kept: list[object] = []
    for value in values:
        same = any(type(value) is type(k) and value == k for k in kept)
        if not same and not (type(value) is type(first) and value == first):
            kept.append(value)
    return kept
