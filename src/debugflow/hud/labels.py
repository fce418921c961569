"""The text drawn beside a node and in its hover card: the web HUD's rules (`format.ts`).

Durations and counts come from `debugflow.units`, the one formatter every view uses. Above a
node: the arguments of the call it shows (`name: type=value`); below it: that same call's
return value or exception, and, when another call raised, that one's exception too — never
the values of two calls as if they were one call's.
"""

from __future__ import annotations

import unicodedata

from debugflow.protocol.viewer import ArgWire, CallWire, NodeWire
from debugflow.units import format_count, format_duration

ELLIPSIS = "…"


def format_arg(arg: ArgWire) -> str:
    """`name: type=value`, or `name: type` when the value is empty."""
    if arg["value"] == "":
        return f"{arg['name']}: {arg['type']}" if arg["type"] else arg["name"]
    if arg["type"]:
        return f"{arg['name']}: {arg['type']}={arg['value']}"
    return f"{arg['name']}={arg['value']}"


def args_line(node: NodeWire) -> str:
    """The arguments above a node: its shown call's, or `…` when no call's values were kept."""
    return call_args(node["sample"]) if node["kind"] == "call" or node["sample"] else ""


def call_args(call: CallWire | None) -> str:
    """A call's arguments joined, or `…` when they were not kept."""
    if call is None or call["args"] is None:
        return ELLIPSIS
    return ", ".join(format_arg(arg) for arg in call["args"])


def result_line(node: NodeWire) -> str:
    """Below a node: its shown call's result, then another call's exception if one raised."""
    own = "" if node["sample"] is None else _call_result(node["sample"])
    failure = node["failure"]
    if failure is None:
        return own
    where = f"({call_args(failure)}) " if failure["args"] else ""
    other = f"✖ another call {where}raised {_error_of(failure)}"
    return other if own == "" else f"{own} · {other}"


def shown_value(arg: ArgWire) -> str:
    """A value without its name: `type=value`, or the type alone when it says it all."""
    if arg["value"] == "":
        return arg["type"]
    return f"{arg['type']}={arg['value']}" if arg["type"] else arg["value"]


def raised_call(node: NodeWire) -> CallWire | None:
    """The call whose exception a node shows: its sample if that raised, else the latest call
    that raised (None when none did)."""
    sample = node["sample"]
    return sample if sample is not None and sample["state"] == "raised" else node["failure"]


def error_text(node: NodeWire) -> str:
    """The exception that colours a node red, as `✖ Type: message` (empty when none)."""
    call = raised_call(node)
    return "" if call is None or call["error"] is None else f"✖ {_error_of(call)}"


def title(node: NodeWire) -> str:
    """The function name with its ×N count (every call of the node, exactly)."""
    calls = node["calls"]
    return f"{node['function']} ×{format_count(calls)}" if calls > 1 else node["function"]


def duration_text(node: NodeWire) -> str:
    """How long the shown call took, or what the node is doing instead."""
    took = shown_duration(node)
    if took:
        return took
    return "running" if node["state"] == "processing" else "no duration"


def shown_duration(node: NodeWire) -> str:
    """How long the shown call took (else the median of the node's calls); "" before any ended."""
    sample = node["sample"]
    if sample is not None and sample["duration"] is not None:
        return format_duration(sample["duration"])
    return format_duration(node["dur"]["median"]) if node["dur"] is not None else ""


def source_ref(node: NodeWire) -> str:
    """`path:line`, as editors and terminals take it."""
    return f"{node['file']}:{node['line']}" if node["line"] > 0 else node["file"]


def clip(text: str, columns: int) -> str:
    """`text` cut to `columns` monospace cells, ending in one ellipsis when cut.

    Wide characters (CJK, most emoji) take two cells. A preview the tracer already cut ends in
    `…`; that one and trailing spaces go before the new one, so no cut reads `……`.
    """
    if columns <= 0 or text == "":
        return ""
    if _cells(text) <= columns:
        return text
    kept: list[str] = []
    used = 0
    for char in text:
        width = _cell_width(char)
        if used + width > columns - 1:
            break
        kept.append(char)
        used += width
    return "".join(kept).rstrip().rstrip(ELLIPSIS).rstrip() + ELLIPSIS


def wrap(text: str, columns: int, max_lines: int) -> list[str]:
    """`text` in lines of at most `columns` cells, at most `max_lines` (the last one clipped)."""
    lines: list[str] = []
    rest = text
    while rest and len(lines) < max_lines - 1 and _cells(rest) > columns:
        cut = _fitting(rest, columns)
        lines.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        lines.append(clip(rest, columns))
    return lines


def _fitting(text: str, columns: int) -> int:
    """How many characters of `text` fit in `columns` cells (at least one)."""
    used = 0
    for index, char in enumerate(text):
        used += _cell_width(char)
        if used > columns:
            return max(1, index)
    return len(text)


def _cells(text: str) -> int:
    return len(text) if text.isascii() else sum(_cell_width(char) for char in text)


def _cell_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _call_result(call: CallWire) -> str:
    if call["state"] == "raised":
        return f"✖ {_error_of(call)}"
    if call["state"] == "returned" and call["ret"] is not None:
        return f"→ {shown_value(call['ret'])}"
    return ""


def _error_of(call: CallWire) -> str:
    error = call["error"]
    if error is None:
        return ""
    return f"{error['type']}: {error['message']}" if error["message"] else error["type"]
