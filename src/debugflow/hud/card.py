"""The hover card's content: what the web HUD's card (`viewer/src/overlay.ts`) says of a node.

Module and `file:line`, the state, the shown call's duration, calls and exceptions, min /
median / max and total / own time, the function's calls everywhere, and the values the node
had to clip. Rows of text only; the painter lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from debugflow.hud.labels import (
    args_line,
    duration_text,
    error_text,
    format_arg,
    shown_value,
    source_ref,
    title,
)
from debugflow.hud.mirror import RunMirror
from debugflow.protocol.viewer import NodeWire
from debugflow.units import format_count, format_duration

Style = Literal["title", "where", "pair", "value", "error", "hint"]


@dataclass(frozen=True)
class Row:
    """One line of the card: a label and its value (a title, place or hint has no label)."""

    style: Style
    text: str
    label: str = ""


def card_rows(mirror: RunMirror, node: NodeWire) -> list[Row]:
    """The card of `node`, top to bottom."""
    if node["kind"] == "unreached":
        return [
            Row("title", node["function"]),
            Row("where", f"ghost placeholder · {node['module']} · {source_ref(node)}"),
            Row("value", node["reason"] or "", "not reached"),
        ]
    where = "manual pulse" if node["kind"] == "mark" else f"{node['module']} · {source_ref(node)}"
    rows = [Row("title", title(node)), Row("where", where), Row("pair", _state(node), "state")]
    if (node["sample"] is not None and node["sample"]["duration"] is not None) or node["dur"]:
        rows.append(Row("pair", duration_text(node), "duration"))
    rows.append(Row("pair", _calls(node), "calls"))
    if node["dur"] is not None:
        dur = node["dur"]
        spread = " / ".join(format_duration(dur[k]) for k in ("min", "median", "max"))
        rows.append(Row("pair", spread, "min / median / max"))
        total = f"{format_duration(dur['total'])} / {format_duration(dur['own'])}"
        rows.append(Row("pair", total, "total / own"))
    exact = mirror.function_of(node)
    if exact is not None:
        rows.append(Row("pair", format_count(exact["calls"]), "all calls of this function"))
    rows += _call_rows(node)
    rows.append(Row("hint", "click: open in editor · right-click: fold"))
    return rows


def _state(node: NodeWire) -> str:
    return f"running ({node['active']} open)" if node["state"] == "processing" else node["state"]


def _calls(node: NodeWire) -> str:
    raised = f" · {format_count(node['exceptions'])} raised" if node["exceptions"] else ""
    return f"{format_count(node['calls'])}{raised}"


def _call_rows(node: NodeWire) -> list[Row]:
    # The call the node shows, whole, and the latest call that raised when it is another one.
    rows: list[Row] = []
    sample = node["sample"]
    if sample is not None:
        label = "latest call kept: args" if node["calls"] > 1 else "args"
        rows.append(Row("value", args_line(node), label))
        if sample["state"] == "raised":
            rows.append(Row("error", error_text(node), "raised"))
        elif sample["ret"] is not None:
            rows.append(Row("value", shown_value(sample["ret"]), "returned"))
    failure = node["failure"]
    if failure is not None:
        args = failure["args"]
        shown = "values not kept" if args is None else ", ".join(map(format_arg, args))
        rows.append(Row("error", f"{error_text(node)} · {shown}", "another call raised"))
    return rows
