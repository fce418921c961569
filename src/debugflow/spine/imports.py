"""Imports out of the way: what one import of the program ran, grouped under one node.

A module body that runs outside any group (`import networkx` in the script, or an import
inside one of its functions) gets an `imports` node between it and the call that imported
it; everything that import ran (the module body, the modules it imports, the calls they
make) lies under that node. The node starts folded, so the program's own calls come first.

Its numbers come from what it groups: `calls` is every call under it (each member adds the
change in its own count when it is touched), `exceptions` the module bodies that raised (a
failed import), `dur` the total time of the module bodies, `state` theirs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from debugflow.protocol.viewer import DurationWire, NodeState, NodeWire

if TYPE_CHECKING:
    from debugflow.spine.nodes import Node

MAIN_MODULE = "__main__"


def is_import_body(function: str, module: str) -> bool:
    """Whether a call node is a module body run by an import.

    Module bodies are named `<module NAME>` (`debugflow.tracer.codetable.function_name`);
    runs recorded before that are named `<module>`, and tell their module by `module`. The
    program's own module body (`__main__`) is not an import, and code run by `exec` from a
    string (`<exec in NAME>`, or `<module>` with no module) is not one either.
    """
    if module == MAIN_MODULE or not module:
        return False
    return function == "<module>" or function.startswith("<module ")


def imports_label(module: str) -> str:
    """The shown name of the imports node of an import of `module`."""
    return f"imports {module}"


def imports_key(module: str) -> str:
    """The `fkey` of the imports node of an import of `module` (no function has it)."""
    return f"imports:{module}"


class ImportGroup:
    """The numbers of one imports node, from the nodes it groups."""

    __slots__ = ("bodies", "calls", "last_t")

    def __init__(self) -> None:
        self.bodies: list[Node] = []  # its children: the module bodies
        self.calls = 0  # every call of every node under it
        self.last_t = 0

    def add_calls(self, member: Node) -> None:
        """Count a member's new calls (each member remembers what it added)."""
        calls = member.calls
        if calls != member.counted:
            self.calls += calls - member.counted
            member.counted = calls
        if member.last_t > self.last_t:
            self.last_t = member.last_t

    def wire(self, labels: NodeWire) -> NodeWire:
        """The imports node as sent to viewers: `labels` with the group's numbers."""
        bodies = [body.wire() for body in self.bodies]
        total = sum(body["dur"]["total"] for body in bodies if body["dur"] is not None)
        finished = any(body["dur"] is not None for body in bodies)
        dur: DurationWire | None = (
            {"min": total, "median": total, "max": total, "total": total, "own": 0}
            if finished
            else None
        )
        labels["state"] = _state(bodies)
        labels["calls"] = self.calls
        labels["active"] = sum(body["active"] for body in bodies)
        labels["exceptions"] = sum(body["exceptions"] for body in bodies)
        labels["dur"] = dur
        labels["last_t"] = max(labels["last_t"], self.last_t)
        return labels


_STATE_ORDER: tuple[NodeState, ...] = ("processing", "unfinished", "exception", "info", "success")


def _state(bodies: list[NodeWire]) -> NodeState:
    """Running while a module body runs; else the gravest end of one (success if none)."""
    states = {body["state"] for body in bodies}
    return next((state for state in _STATE_ORDER if state in states), "success")
