"""The records a ghost pass produces: the static map, per-function results and the whole result."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from debugflow.protocol import CallStarted, Event, RunStarted

# The static map's function ids by (real file path, first line of the code object).
StaticIds = Mapping[tuple[str, int], str]


def function_id(file: str, line: int, module: str, qualname: str, static_ids: StaticIds) -> str:
    """The report's id of a traced function: the static map's id when the map knows its code
    (by real file and first line), else `module:qualname`."""
    return static_ids.get((os.path.realpath(file), line)) or f"{module}:{qualname}"


# Why a pass ended early; None means it ran to its natural end.
STOP_REASONS: dict[str, str] = {
    "calls": "the call cap",
    "time": "the wall-clock cap",
    "inputs": "the input() cap",
    "killed": "the wall-clock cap (the sandbox was killed)",
}


BUBBLEWRAP = "bubblewrap"  # the child runs isolated by the operating system, through bwrap
AUDIT_HOOK = "audit-hook"  # the child runs behind its Python audit hook alone


@dataclass(frozen=True)
class Isolation:
    """Which isolation a ghost pass ran under, why, and what that mode is known not to stop."""

    mode: str  # BUBBLEWRAP or AUDIT_HOOK
    reason: str
    gaps: tuple[str, ...]
    required: bool = False  # FLOW_GHOST_ISOLATION asked for this mode: never another one

    @property
    def strong(self) -> bool:
        """Whether the operating system isolated the child (bubblewrap)."""
        return self.mode == BUBBLEWRAP

    def to_json(self) -> dict[str, Any]:
        """The `isolation` object of the JSON report."""
        return {
            "mode": self.mode,
            "strong": self.strong,
            "reason": self.reason,
            "known_gaps": list(self.gaps),
        }


@dataclass(frozen=True)
class Caps:
    """The caps one pass ran under, for the words of the report."""

    max_calls: int
    max_seconds: float
    max_inputs: int

    def describe(self, reason: str) -> str:
        """`the call cap (50 calls)` and the like."""
        texts = {
            "calls": f"the call cap ({self.max_calls} calls)",
            "time": f"the wall-clock cap ({self.max_seconds:g} s)",
            "inputs": f"the input() cap ({self.max_inputs} answers)",
            "killed": f"the wall-clock cap ({self.max_seconds:g} s; the sandbox was killed)",
        }
        return texts.get(reason, reason)


@dataclass(frozen=True)
class FunctionNode:
    """One project function or method found by the static map."""

    id: str  # "module:qualname"
    module: str
    qualname: str
    file: str
    line: int  # the `def` line
    first_line: int  # first line of the code object (the first decorator, if any)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of this node."""
        return {
            "id": self.id,
            "module": self.module,
            "qualname": self.qualname,
            "file": self.file,
            "line": self.line,
            "first_line": self.first_line,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FunctionNode:
        """Read a node back from `to_json()` output."""
        return cls(**data)


@dataclass(frozen=True)
class StaticMap:
    """The functions an entry function can reach, found by reading source, and the call edges."""

    entry: str
    nodes: tuple[FunctionNode, ...]
    edges: tuple[tuple[str, str], ...]

    def ids(self) -> dict[tuple[str, int], str]:
        """The map's function ids by (real file path, first line of the code object)."""
        return {(os.path.realpath(n.file), n.first_line): n.id for n in self.nodes}

    def function_ids(self, events: Sequence[Event]) -> dict[int, str]:
        """The function id of every recorded call, by call id."""
        ids = self.ids()
        return {
            e.call_id: function_id(e.file, e.line, e.module, e.function, ids)
            for e in events
            if isinstance(e, CallStarted)
        }

    def node(self, function_id: str) -> FunctionNode | None:
        """The node with this id, if the map has it."""
        return next((n for n in self.nodes if n.id == function_id), None)

    def callers(self, function_id: str) -> list[str]:
        """Ids of the functions whose source calls `function_id`."""
        return [caller for caller, callee in self.edges if callee == function_id]

    def callees(self, function_id: str) -> list[str]:
        """Ids of the functions `function_id` calls in its source."""
        return [callee for caller, callee in self.edges if caller == function_id]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of the map."""
        return {
            "entry": self.entry,
            "nodes": [n.to_json() for n in self.nodes],
            "edges": [list(e) for e in self.edges],
        }


@dataclass(frozen=True)
class MissingHint:
    """A parameter whose value had to be a recording stand-in, and what the code did with it."""

    function: str
    parameter: str
    detail: str  # "no annotation", "Any", "unresolved forward reference 'X'", ...
    uses: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of this record."""
        return {
            "function": self.function,
            "parameter": self.parameter,
            "detail": self.detail,
            "uses": list(self.uses),
        }


@dataclass(frozen=True)
class FunctionResult:
    """Whether one function was reached by the ghost pass and, if not, why."""

    function: str
    reached: bool
    reason: str | None
    calls: int = 0
    static: bool = True  # False for functions reached at run time that the map did not predict

    def to_json(self) -> dict[str, Any]:
        """The `{"function", "reached", "reason"}` record of the JSON report."""
        return {
            "function": self.function,
            "reached": self.reached,
            "reason": self.reason,
            "calls": self.calls,
            "static": self.static,
        }


@dataclass(frozen=True)
class Blame:
    """For a call that ended in an exception: where the exception began and which parameters
    of that first call most likely caused it (those named on the line that raised)."""

    call_id: int
    origin: int  # call id where the exception was first seen
    function: str
    parameters: tuple[str, ...]  # `name: type=value` labels


@dataclass(frozen=True)
class EntryArguments:
    """The arguments the first attempt called the entry with, as far as they can be carried
    into a live call: plain values by parameter, and for the others why they cannot be."""

    values: dict[str, object]
    missing: dict[str, str]  # parameter -> why its mock is not carried


@dataclass
class GhostResult:
    """Everything one ghost pass found: the map, per-function results, events and why it stopped."""

    target: str
    static_map: StaticMap
    functions: list[FunctionResult]
    events: list[Event]
    stopped_by: str | None
    missing_hints: list[MissingHint] = field(default_factory=list)
    blames: list[Blame] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    attempts: int = 0
    caps: Caps = field(default_factory=lambda: Caps(50, 3.0, 5))
    arguments: EntryArguments | None = None  # None: the entry was never called
    isolation: Isolation = field(default_factory=lambda: Isolation(AUDIT_HOOK, "not known", ()))
    tampered: bool = False  # the report stream held something that was not a valid frame

    @property
    def run_started(self) -> RunStarted:
        """The `RunStarted` event that opens `events`."""
        first = self.events[0]
        assert isinstance(first, RunStarted)
        return first

    def function(self, function_id: str) -> FunctionResult | None:
        """The result for one function id, if there is one."""
        return next((f for f in self.functions if f.function == function_id), None)

    def to_json(self) -> dict[str, Any]:
        """The `--report --json` object."""
        return {
            "target": self.target,
            "entry": self.static_map.entry,
            "stopped_by": self.stopped_by,
            "stopped_by_text": self.caps.describe(self.stopped_by) if self.stopped_by else None,
            "attempts": self.attempts,
            "functions": [f.to_json() for f in self.functions],
            "missing_hints": [m.to_json() for m in self.missing_hints],
            "notes": list(self.notes),
            "isolation": self.isolation.to_json(),
            "report_stream": "tampered" if self.tampered else "intact",
        }
