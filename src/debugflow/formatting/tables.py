"""Previews of pandas and polars frames and series: shape, dtype, column names, series name.

Only the libraries' metadata are asked for (`shape`, `columns`, `dtype`, `name`), and only
when the value's class comes from the library itself, never from a program's subclass.
"""

from __future__ import annotations

from typing import Any

from debugflow.formatting.arrays import meta, trusted
from debugflow.formatting.context import CHANGING, Ctx, Handler, Shown, snapshot
from debugflow.formatting.introspect import type_name


def _columns(columns: Any, total: int, ctx: Ctx) -> str:
    names = snapshot(lambda: iter(columns), ctx.limits.max_items)
    if names is None:
        return CHANGING
    return f"[{ctx.join((ctx.inline(name) for name in names), total)}]"


def _frame(package: str, cls: type) -> Handler | None:
    if not trusted(cls, package):
        return None
    name = type_name(cls)

    def handler(value: object, ctx: Ctx) -> Shown:
        frame: Any = value
        rows, cols = frame.shape
        return meta(f"{name}[{int(rows)}×{int(cols)}]", _columns(frame.columns, int(cols), ctx))

    return handler


def pandas_frame(cls: type) -> Handler | None:
    """`DataFrame[1000×3]` = `['a', 'b', 'c']`."""
    return _frame("pandas", cls)


def polars_frame(cls: type) -> Handler | None:
    """`DataFrame[1000×3]` = `['a', 'b', 'c']`."""
    return _frame("polars", cls)


def _series_name(name: object, ctx: Ctx) -> str:
    if name is None or (type(name) is str and not name):
        return ""
    return f"name={ctx.inline(name)}"


def pandas_series(cls: type) -> Handler | None:
    """`Series[1000] int64` = `name='price'`."""
    if not trusted(cls, "pandas"):
        return None
    label = type_name(cls)

    def handler(value: object, ctx: Ctx) -> Shown:
        series: Any = value
        return meta(f"{label}[{len(series)}] {series.dtype}", _series_name(series.name, ctx))

    return handler


def polars_series(cls: type) -> Handler | None:
    """`Series[1000] Int64` = `name='price'`."""
    if not trusted(cls, "polars"):
        return None
    label = type_name(cls)

    def handler(value: object, ctx: Ctx) -> Shown:
        series: Any = value
        return meta(f"{label}[{series.len()}] {series.dtype}", _series_name(series.name, ctx))

    return handler
