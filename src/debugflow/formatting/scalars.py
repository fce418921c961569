"""Previews of builtin scalars: numbers, strings, bytes, None, range and slice.

Every handler reads its value through the builtin type's own methods (`str.__len__(v)`,
not `len(v)`), so the same code previews a subclass without calling anything it overrides.
"""

from __future__ import annotations

from typing import cast

from debugflow.formatting.context import Ctx, Handler, Shown
from debugflow.formatting.limits import ELLIPSIS

# Past this many bits an int is not converted to decimal: it is slow, and Python 3.11+
# refuses past 4300 digits anyway. 3000 bits is about 900 digits.
_BIG_INT_BITS = 3000
_LOG10_2 = 0.30103


def show_int(value: object, ctx: Ctx) -> Shown:
    """`42`, the leading digits of a long int, or `<int of ~N digits>` for a huge one."""
    number = cast(int, value)
    bits = int.bit_length(number)
    if bits > _BIG_INT_BITS:
        text = f"<int of ~{int(bits * _LOG10_2) + 1} digits>"
    else:
        text = _cut(int.__repr__(number), ctx.limits.max_string, "digits")
    return "int", text, text


def show_bool(value: object, ctx: Ctx) -> Shown:
    """`True` / `False`."""
    text = "True" if value is True else "False"
    return "bool", text, text


def show_float(value: object, ctx: Ctx) -> Shown:
    """`0.001`, `inf`, `nan`."""
    text = float.__repr__(cast(float, value))
    return "float", text, text


def show_complex(value: object, ctx: Ctx) -> Shown:
    """`(1+2j)`."""
    text = complex.__repr__(cast(complex, value))
    return "complex", text, text


def show_str(value: object, ctx: Ctx) -> Shown:
    """`'abc'`, or `'abcdef…' +1234 chars` past `max_string`."""
    text = str_text(cast(str, value), ctx.limits.max_string)
    return "str", text, text


def str_text(value: str, limit: int) -> str:
    """The quoted, escaped form of a string, cut after `limit` characters."""
    size = str.__len__(value)
    if size <= limit:
        return str.__repr__(value)
    head = str.__repr__(str.__getitem__(value, slice(0, limit)))
    return f"{head[:-1]}{ELLIPSIS}{head[-1]} +{size - limit} chars"


def show_bytes(value: object, ctx: Ctx) -> Shown:
    """`b'abc'`, or `b'abc…' +100 bytes`."""
    data = cast(bytes, value)
    size, limit = bytes.__len__(data), ctx.limits.max_string
    if size <= limit:
        text = bytes.__repr__(data)
    else:
        head = bytes.__repr__(bytes.__getitem__(data, slice(0, limit)))
        text = f"{head[:-1]}{ELLIPSIS}{head[-1]} +{size - limit} bytes"
    return "bytes", text, text


def show_bytearray(value: object, ctx: Ctx) -> Shown:
    """`bytearray(b'abc')`, or `bytearray(b'abc…') +100 bytes`."""
    data = cast(bytearray, value)
    size, limit = bytearray.__len__(data), ctx.limits.max_string
    if size <= limit:
        text = bytearray.__repr__(data)
    else:
        head = bytearray.__repr__(bytearray.__getitem__(data, slice(0, limit)))
        text = f"{head[:-2]}{ELLIPSIS}{head[-2:]} +{size - limit} bytes"
    return "bytearray", text, text


def show_range(value: object, ctx: Ctx) -> Shown:
    """`range(0, 10)`: a range only holds ints, so its own repr is safe."""
    text = range.__repr__(cast(range, value))
    return "range", text, text


def show_slice(value: object, ctx: Ctx) -> Shown:
    """`slice(1, None, 2)`, with each bound previewed (a slice may hold any object)."""
    bounds = cast(slice, value)
    parts = (ctx.inline(bounds.start), ctx.inline(bounds.stop), ctx.inline(bounds.step))
    text = f"slice({', '.join(parts)})"
    return "slice", text, text


def _constant(label: str, text: str, inline: str) -> Handler:
    shown = (label, text, inline)

    def handler(value: object, ctx: Ctx) -> Shown:
        return shown

    return handler


def _cut(text: str, limit: int, unit: str) -> str:
    if len(text) <= limit:
        return text
    return f"{text[:limit]}{ELLIPSIS} +{len(text) - limit} {unit}"


SCALARS: dict[type, Handler] = {
    int: show_int,
    bool: show_bool,
    float: show_float,
    complex: show_complex,
    str: show_str,
    bytes: show_bytes,
    bytearray: show_bytearray,
    range: show_range,
    slice: show_slice,
    type(None): _constant("None", "", "None"),  # the label says it all: `x: None`
    type(Ellipsis): _constant("ellipsis", "Ellipsis", "Ellipsis"),
    type(NotImplemented): _constant("NotImplementedType", "NotImplemented", "NotImplemented"),
}
