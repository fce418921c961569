"""A recorded run as a call tree for the terminal, repeated calls collapsed into one node ×N.

Siblings that call the same function merge into one node with min/median/max durations;
their children merge the same way, so a training loop of 10,000 steps reads as one
`train_step ×10000` with its inner calls below it. Where a function was called more often
than it was kept in detail, its first node also says how many calls it had in all
(`train_step ×10 · 10,000 calls in all`), from the run's exact per-function counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from rich.text import Text
from rich.tree import Tree

from debugflow.protocol import CallEnded, CallStarted, Event, FunctionStats, Pulse
from debugflow.units import format_duration

MAX_ARGS_WIDTH = 100
FunctionKey = tuple[str, str, int]  # function, file, first line


@dataclass
class CallNode:
    """One recorded call and what happened inside it."""

    start: CallStarted
    end: CallEnded | None = None
    children: list[CallNode] = field(default_factory=list)
    pulses: list[Pulse] = field(default_factory=list)

    @property
    def key(self) -> FunctionKey:
        """What makes two calls 'the same function' for collapsing."""
        return (self.start.function, self.start.file, self.start.line)

    @property
    def duration(self) -> int | None:
        """Nanoseconds from start to end, None while unfinished."""
        return None if self.end is None else self.end.end_ns - self.start.start_ns


class Forest(NamedTuple):
    """A run's calls as trees, ready to render."""

    roots: list[CallNode]  # per thread, in start order
    loose: list[Pulse]  # pulses made outside any call
    calls_in_all: dict[FunctionKey, int]  # exact counts, where more than the recorded calls


def build_forest(events: Iterable[Event]) -> Forest:
    """The call trees of a run's events."""
    nodes: dict[int, CallNode] = {}
    roots: list[CallNode] = []
    loose: list[Pulse] = []
    counted: dict[FunctionKey, int] = {}
    for event in events:
        if isinstance(event, CallStarted):
            node = CallNode(event)
            nodes[event.call_id] = node
            parent = nodes.get(event.parent_id) if event.parent_id is not None else None
            (parent.children if parent is not None else roots).append(node)
        elif isinstance(event, CallEnded) and event.call_id in nodes:
            nodes[event.call_id].end = event
        elif isinstance(event, Pulse):
            owner = nodes.get(event.parent_id) if event.parent_id is not None else None
            (owner.pulses if owner is not None else loose).append(event)
        elif isinstance(event, FunctionStats):
            counted[(event.function, event.file, event.line)] = event.calls
    for node in nodes.values():
        node.children.sort(key=lambda child: child.start.start_ns)
    roots.sort(key=lambda root: root.start.start_ns)
    recorded = Counter(node.key for node in nodes.values())
    more = {key: calls for key, calls in counted.items() if calls > recorded[key]}
    return Forest(roots, loose, more)


def render_tree(forest: Forest, title: str, max_nodes: int = 2000) -> Tree:
    """A Rich tree of collapsed calls, at most `max_nodes` nodes."""
    tree = Tree(Text(title, style="bold"))
    budget = [max_nodes]
    _add_group(tree, forest.roots, budget, dict(forest.calls_in_all))
    for pulse in forest.loose:
        tree.add(_pulse_label(pulse))
    if budget[0] < 0:
        tree.add(Text(f"… more calls not shown (limit {max_nodes})", style="dim"))
    return tree


def _add_group(
    parent: Tree, calls: list[CallNode], budget: list[int], calls_in_all: dict[FunctionKey, int]
) -> None:
    for group in _group_by_function(calls):
        budget[0] -= 1
        if budget[0] < 0:
            return
        # Said once, at the function's first node: it counts the function's calls everywhere.
        branch = parent.add(_label(group, calls_in_all.pop(group[0].key, None)))
        for pulse in (p for node in group for p in node.pulses):
            branch.add(_pulse_label(pulse))
        children = [child for node in group for child in node.children]
        _add_group(branch, children, budget, calls_in_all)


def _group_by_function(calls: list[CallNode]) -> list[list[CallNode]]:
    groups: dict[FunctionKey, list[CallNode]] = {}
    for call in calls:
        groups.setdefault(call.key, []).append(call)
    return list(groups.values())


def _label(group: list[CallNode], calls_in_all: int | None) -> Text:
    first = group[0]
    failed = [node for node in group if node.end is not None and node.end.outcome == "exception"]
    running = any(node.end is None for node in group)
    style = "red" if failed else ("yellow" if running else "green")
    text = Text()
    text.append(first.start.function, style=f"bold {style}")
    text.append(f"({_args_text(first.start)})", style="cyan")
    if len(group) > 1:
        text.append(f" ×{len(group)}", style="bold magenta")
    if calls_in_all is not None:
        text.append(f" · {calls_in_all:,} calls in all", style="magenta")
    text.append("  " + _timing(group), style="dim")
    _append_outcome(text, first, failed, running)
    return text


def _args_text(call: CallStarted) -> str:
    if not call.detailed:
        return "…"
    shown = ", ".join(arg.label() for arg in call.args)
    return shown if len(shown) <= MAX_ARGS_WIDTH else shown[: MAX_ARGS_WIDTH - 1] + "…"


def _timing(group: list[CallNode]) -> str:
    durations = sorted(d for d in (node.duration for node in group) if d is not None)
    if not durations:
        return "running"
    if len(durations) == 1:
        return format_duration(durations[0])
    median = durations[len(durations) // 2]
    low, high = format_duration(durations[0]), format_duration(durations[-1])
    return f"min {low} · median {format_duration(median)} · max {high}"


def _append_outcome(text: Text, first: CallNode, failed: list[CallNode], running: bool) -> None:
    if failed:
        end = failed[0].end
        assert end is not None
        count = f"{len(failed)}× " if len(failed) > 1 else ""
        where = f" (line {end.exc_line})" if end.exc_line else ""
        text.append(f"  ✗ {count}{end.exc_type}: {end.exc_message}{where}", style="red")
    elif first.end is not None and first.end.value is not None:
        text.append(f"  → {first.end.value.shown()}", style="green")
    if first.end is not None and first.end.caught:
        text.append(f"  (caught {first.end.caught[0]})", style="yellow")
    if running and not failed:
        text.append("  ⋯ unfinished", style="yellow")


def _pulse_label(pulse: Pulse) -> Text:
    params = ", ".join(p.label() for p in pulse.params)
    text = Text(f"◆ {pulse.name}", style="bold blue")
    if params:
        text.append(f"({params})", style="cyan")
    if pulse.returns is not None:
        text.append(f"  → {pulse.returns}", style="green")
    return text
