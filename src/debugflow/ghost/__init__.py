"""Ghost mode: map a function's call chain from source, then dry-run it safely with mock values.

`run_ghost()` builds the static map, runs the entry in a sandboxed child process with mock
arguments made from its type hints, and returns a `GhostResult` (per-function reached / not
reached with reasons, protocol events of kind "ghost", the cap that stopped the pass).
`record_ghost()` keeps it in the run store; `add_ghost_parser()` adds `flow ghost`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from debugflow.ghost.cli import add_ghost_parser, run_ghost_command
    from debugflow.ghost.dryrun import run_ghost
    from debugflow.ghost.model import FunctionResult, GhostResult, MissingHint, StaticMap
    from debugflow.ghost.record import record_ghost

__all__ = [
    "FunctionResult",
    "GhostResult",
    "MissingHint",
    "StaticMap",
    "add_ghost_parser",
    "record_ghost",
    "run_ghost",
    "run_ghost_command",
]

_HOMES = {
    "add_ghost_parser": "cli",
    "run_ghost_command": "cli",
    "FunctionResult": "model",
    "GhostResult": "model",
    "MissingHint": "model",
    "StaticMap": "model",
    "record_ghost": "record",
    "run_ghost": "dryrun",
}


def __getattr__(name: str) -> object:
    # Loaded on first use: `flow` registers `flow ghost` without importing the sandbox.
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'debugflow.ghost' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"debugflow.ghost.{home}"), name)
