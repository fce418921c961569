"""Previews of standard-library values and of callables, modules and classes.

Value classes (`Decimal`, `Fraction`, `UUID`, dates and times, paths) are matched by exact
class only, so the `str()` called here is always the standard library's own. They are found
by name and confirmed against the module the program loaded, never imported here: `decimal`,
`uuid`, `pathlib` and the others cost milliseconds at start-up, and a value of their classes
can only exist once the program has imported them. Callables, modules and classes are named
through the interpreter's descriptors, never their attributes.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any, cast

from debugflow.formatting.context import Ctx, Handler, Shown
from debugflow.formatting.introspect import (
    full_name,
    loaded,
    module_globals,
    qualified_name,
    type_name,
)
from debugflow.formatting.limits import ELLIPSIS

if TYPE_CHECKING:
    import datetime as dt

_FUNCTION: Any = types.FunctionType.__dict__
_BUILTIN: Any = types.BuiltinFunctionType.__dict__
_METHOD: Any = types.MethodType.__dict__
_PATHS = ("PurePath", "PurePosixPath", "PureWindowsPath", "Path", "PosixPath", "WindowsPath")
_Table = dict[str, tuple[str, str, Handler]]  # reported name -> public module, name, handler


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
    if zone is None or _standard_zone(type(zone)):
        text = str(moment)
    else:
        text = f"{moment.replace(tzinfo=None)} {type_name(type(zone))}"
    return _value(type_name(type(value)), text, ctx)


def _standard_zone(cls: type) -> bool:
    # Only these two compute their offsets in the standard library; any other tzinfo's
    # `utcoffset` is the program's code, which `str(moment)` would call.
    return cls is loaded("datetime", "timezone") or cls is loaded("zoneinfo", "ZoneInfo")


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
    name = module_globals(value).get("__name__")
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


def match(cls: type) -> Handler | None:
    """The handler for one of the standard library's value classes itself, else None.

    The class's own `module.QualName` finds the entry; the module the program loaded then
    confirms it, so neither a user's subclass nor a class that merely borrows the name (or
    `_pydecimal.Decimal`, which also calls itself `decimal.Decimal`) is matched.
    """
    found = _BY_NAME.get(full_name(cls))
    if found is None:
        return None
    module, name, handler = found
    return handler if loaded(module, name) is cls else None


def _named(module: str, names: tuple[str, ...], handler: Handler, *homes: str) -> _Table:
    # Each class under every module name it may report, confirmed in its public module.
    return {f"{home}.{name}": (module, name, handler) for home in homes for name in names}


# A class can report a module other than the public one: 3.13 defines the paths in
# `pathlib._local`, and a 3.12+ build without `_datetime` takes its classes from `_pydatetime`.
_BY_NAME: _Table = {
    **_named("decimal", ("Decimal",), show_by_str, "decimal"),
    **_named("fractions", ("Fraction",), show_by_str, "fractions"),
    **_named("uuid", ("UUID",), show_by_str, "uuid"),
    **_named("datetime", ("date", "timedelta", "timezone"), show_by_str, "datetime", "_pydatetime"),
    **_named("datetime", ("datetime", "time"), show_datetime, "datetime", "_pydatetime"),
    **_named("pathlib", _PATHS, show_by_str, "pathlib", "pathlib._local"),
}

STDLIB: dict[type, Handler] = {
    types.FunctionType: show_function,
    types.BuiltinFunctionType: show_builtin,
    types.MethodType: show_method,
    types.ModuleType: show_module,
    type: show_class,
}
