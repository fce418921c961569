"""The spine in a terminal: a Rich tree of its nodes, for `flow show` and the ghost report.

It draws the same nodes the HUD draws, with the same numbers: ×N is the node's exact call
count, min / median / max its exact durations, and each node shows one call whole (its
arguments with its own result) plus, when another call raised later, that call's exception.
What an import ran is one folded line, `imports networkx (6,280 calls, 765ms)`, unless the
caller asks for imports unfolded.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from rich.tree import Tree

from debugflow.protocol.viewer import ArgWire, CallWire, NodeWire
from debugflow.spine.model import SpineModel
from debugflow.units import format_count, format_duration

MAX_ARGS_WIDTH = 100


@dataclass(frozen=True)
class Palette:
    """The styles of one way of drawing the tree (a live run, or a ghost pass)."""

    name: str = "bold {state}"
    args: str = "cyan"
    running: str = "yellow"
    success: str = "green"
    failure: str = "red"
    count: str = "bold magenta"
    quiet: str = "dim"
    mark: str = "bold blue"


RUN = Palette()
GHOST = Palette(name="italic {state}", args="italic cyan")


def render_spine(
    model: SpineModel,
    title: str,
    max_nodes: int = 2000,
    palette: Palette = RUN,
    name_lanes: bool = False,
    unfold_imports: bool = False,
) -> Tree:
    """A Rich tree of the spine's nodes, lane by lane, at most `max_nodes` nodes; lanes get a
    heading when there are several (or always, with `name_lanes`). Imports nodes are drawn
    folded (one line, nothing under it) unless `unfold_imports`."""
    tree = Tree(Text.from_markup(title) if "[" in title else Text(title, style="bold"))
    nodes = [node.wire() for node in model.nodes]
    children: dict[int | None, list[NodeWire]] = {}
    # Siblings in the order their first calls started (ids are given in order of arrival, and
    # a call recorded at once arrives before siblings that started earlier).
    for node in sorted(nodes, key=lambda n: (n["first_t"], n["id"])):
        children.setdefault(node["parent"], []).append(node)
    if not unfold_imports:
        for node in nodes:
            if node["kind"] == "imports":
                children.pop(node["id"], None)
    lanes = sorted({node["lane"] for node in nodes})
    drawn = 0
    for lane in lanes:
        named = name_lanes or len(lanes) > 1
        top = tree.add(Text(model.lane_name(lane), style="bold")) if named else tree
        roots = [node for node in children.get(None, []) if node["lane"] == lane]
        drawn = _add(top, roots, children, palette, max_nodes, drawn)
    if drawn > max_nodes:
        tree.add(Text(f"… more nodes not shown (limit {max_nodes})", style="dim"))
    return tree


def _add(
    branch: Tree,
    nodes: list[NodeWire],
    children: dict[int | None, list[NodeWire]],
    palette: Palette,
    limit: int,
    drawn: int,
) -> int:
    # Depth first with an explicit stack: deep recursion makes deep trees.
    stack = [(branch, node) for node in reversed(nodes)]
    while stack:
        parent, node = stack.pop()
        drawn += 1
        if drawn > limit:
            return drawn
        added = parent.add(node_text(node, palette))
        stack.extend((added, child) for child in reversed(children.get(node["id"], [])))
    return drawn


def node_text(node: NodeWire, palette: Palette = RUN) -> Text:
    """One node's line: `name(args) ×N  timing  → result`, then a raise of another call."""
    if node["kind"] == "unreached":
        return Text(f"○ {node['function']} — {node['reason'] or 'not reached'}", palette.quiet)
    if node["kind"] == "mark":
        return _mark_text(node, palette)
    if node["kind"] == "imports":
        return _imports_text(node, palette)
    sample = node["sample"]
    state = _state_style(node, palette)
    text = Text()
    text.append(node["function"], style=palette.name.format(state=state))
    text.append(f"({_args(sample)})", style=palette.args)
    if node["calls"] > 1:
        text.append(f" ×{format_count(node['calls'])}", style=palette.count)
    if node["exceptions"] and node["calls"] > 1:
        text.append(f" ({format_count(node['exceptions'])} raised)", style=palette.failure)
    text.append("  " + timing(node), style=palette.quiet)
    if sample is not None:
        _append_result(text, sample, palette, node["state"] == "unfinished")
    failure = node["failure"]
    if failure is not None:
        where = f"a call with {_args(failure)}" if failure["args"] else "another call"
        text.append(f"  ✗ raised in {where}: {_error(failure)}", style=palette.failure)
    elif sample is None and node["exceptions"]:
        text.append("  ✗ raised (values not kept)", style=palette.failure)
    return text


def timing(node: NodeWire) -> str:
    """`12.4ms` for one finished call; `min … · median … · max …` for several."""
    dur = node["dur"]
    if dur is None:
        return "running" if node["active"] else ""
    if node["calls"] == 1 or dur["min"] == dur["max"]:
        return format_duration(dur["median"])
    low, mid, high = (format_duration(dur["min"]), format_duration(dur["median"]),
                      format_duration(dur["max"]))  # fmt: skip
    return f"min {low} · median {mid} · max {high}"


def _args(call: CallWire | None) -> str:
    if call is None or call["args"] is None:
        return "…"
    shown = ", ".join(_label(arg) for arg in call["args"])
    return shown if len(shown) <= MAX_ARGS_WIDTH else shown[: MAX_ARGS_WIDTH - 1] + "…"


def _label(arg: ArgWire) -> str:
    shown = f"{arg['type']}={arg['value']}" if arg["value"] else arg["type"]
    return f"{arg['name']}: {shown}"


def _error(call: CallWire) -> str:
    error = call["error"]
    if error is None:
        return ""
    where = f" (line {error['line']})" if error["line"] else ""
    return f"{error['type']}: {error['message']}{where}"


def _append_result(text: Text, call: CallWire, palette: Palette, unfinished: bool) -> None:
    if call["state"] == "raised":
        text.append(f"  ✗ {_error(call)}", style=palette.failure)
    elif call["state"] == "returned" and call["ret"] is not None:
        ret = call["ret"]
        shown = f"{ret['type']}={ret['value']}" if ret["value"] else ret["type"]
        text.append(f"  → {shown}", style=palette.success)
    elif call["state"] == "running":
        word = "unfinished" if unfinished else "running"
        text.append(f"  ⋯ {word}", style=palette.running)


def _state_style(node: NodeWire, palette: Palette) -> str:
    if node["state"] == "exception":
        return palette.failure
    if node["state"] in ("processing", "unfinished"):
        return palette.running
    return palette.success


def _imports_text(node: NodeWire, palette: Palette) -> Text:
    calls = node["calls"]
    numbers = f"{format_count(calls)} call{'s' if calls != 1 else ''}"
    if node["dur"] is not None:
        numbers += f", {format_duration(node['dur']['total'])}"
    text = Text(f"{node['function']} ({numbers})", style=palette.quiet)
    if node["exceptions"]:
        text.append("  ✗ the import raised", style=palette.failure)
    elif node["active"]:
        text.append("  ⋯ running", style=palette.running)
    return text


def _mark_text(node: NodeWire, palette: Palette) -> Text:
    sample = node["sample"]
    text = Text(f"◆ {node['function']}", style=palette.mark)
    if sample is not None and sample["args"]:
        text.append(f"({_args(sample)})", style=palette.args)
    if sample is not None and sample["ret"] is not None:
        text.append(f"  → {sample['ret']['value']}", style=palette.success)
    if node["calls"] > 1:
        text.append(f" ×{format_count(node['calls'])}", style=palette.count)
    return text
