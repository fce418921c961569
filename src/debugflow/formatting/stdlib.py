"""Previews of standard-library values and of callables, modules and classes.

These are matched by exact type only, so the `str()` called here is always the standard
library's own: `Decimal`, `Fraction`, `UUID`, dates and times, paths. Callables, modules
and classes are named through the interpreter's descriptors, never their attributes.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import types
import uuid
from decimal import Decimal
from fractions import Fraction
from typing import Any, cast
from zoneinfo import ZoneInfo

from debugflow.formatting.context import Ctx, Handler, Shown
from debugflow.formatting.introspect import qualified_name, type_name
from debugflow.formatting.limits import ELLIPSIS

_FUNCTION: Any = types.FunctionType.__dict__
_BUILTIN: Any = types.BuiltinFunctionType.__dict__
_METHOD: Any = types.MethodType.__dict__
_MODULE_DICT: Any = cast(Any, types.ModuleType.__dict__)["__dict__"]


def _value(label: str, text: str, ctx: Ctx) -> Shown:
    # Top level: `price: Decimal=1.5`; inside a container: `Decimal(1.5)`.
    limit = ctx.limits.max_string
    if len(text) > limit:
        text = f"{text[:limit]}{ELLIPSIS}"
    return label, text, f"{label}({text})"


def show_by_str(value: object, ctx: Ctx) -> Shown:
    """Decimal, Fraction, UUID, date, timedelta, paths: the standard library's `str()`."""
    return _value(type_name(type(value)), str(value), ctx)


def show_datetime(value: object, ctx: Ctx) -> Shown:
    """`2024-01-02 03:04:05+00:00`; a user-defined tzinfo is named, not called."""
    moment = cast("dt.datetime | dt.time", value)
    zone = moment.tzinfo
    if zone is None or type(zone) is dt.timezone or type(zone) is ZoneInfo:
        text = str(moment)
    else:
        text = f"{moment.replace(tzinfo=None)} {type_name(type(zone))}"
    return _value(type_name(type(value)), text, ctx)


def show_function(value: object, ctx: Ctx) -> Shown:
    """`<function pkg.mod.train>`."""
    module = _FUNCTION["__module__"].__get__(value)
    qualname = _FUNCTION["__qualname__"].__get__(value)
    text = f"<function {_dotted(module, qualname)}>"
    return "function", text, text


def show_builtin(value: object, ctx: Ctx) -> Shown:
    """`<built-in function len>`, `<built-in method list.append>`."""
    bound = _BUILTIN["__self__"].__get__(value)
    qualname = _BUILTIN["__qualname__"].__get__(value)
    kind = "function" if bound is None or type(bound) is types.ModuleType else "method"
    text = f"<built-in {kind} {qualname}>"
    return "builtin_function_or_method", text, text


def show_method(value: object, ctx: Ctx) -> Shown:
    """`<bound method Model.forward>`."""
    func = _METHOD["__func__"].__get__(value)
    if type(func) is types.FunctionType:
        text = f"<bound method {_FUNCTION['__qualname__'].__get__(func)}>"
    else:
        text = f"<bound method of {qualified_name(type(_METHOD['__self__'].__get__(value)))}>"
    return "method", text, text


def show_module(value: object, ctx: Ctx) -> Shown:
    """`<module 'json'>`."""
    name = cast("dict[str, object]", _MODULE_DICT.__get__(value)).get("__name__")
    text = f"<module {name!r}>" if type(name) is str else "<module>"
    return "module", text, text


def show_class(value: object, ctx: Ctx) -> Shown:
    """`<class 'pkg.mod.Config'>` (a metaclass's name is the label: `ABCMeta`)."""
    text = f"<class {qualified_name(cast(type, value))!r}>"
    return type_name(type(value)), text, text


def _dotted(module: object, qualname: object) -> str:
    name = qualname if type(qualname) is str else "?"
    if type(module) is not str or module == "builtins":
        return str(name)
    return f"{module}.{name}"


_BY_STR = (
    Decimal,
    Fraction,
    uuid.UUID,
    dt.date,
    dt.timedelta,
    dt.timezone,
    pathlib.PurePosixPath,
    pathlib.PureWindowsPath,
    pathlib.PosixPath,
    pathlib.WindowsPath,
    pathlib.Path,
    pathlib.PurePath,
)

STDLIB: dict[type, Handler] = {
    **dict.fromkeys(_BY_STR, show_by_str),
    dt.datetime: show_datetime,
    dt.time: show_datetime,
    types.FunctionType: show_function,
    types.BuiltinFunctionType: show_builtin,
    types.MethodType: show_method,
    types.ModuleType: show_module,
    type: show_class,
}
