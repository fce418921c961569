"""The original engine API: `launch("runme", Ghost=..., Real_Time=...)`.

`launch` looks the function up by name in the caller's globals (or takes the function
itself), optionally maps it with a ghost pass first, then runs it traced and returns its
result. The run is recorded in the store whether or not a HUD is listening.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from debugflow.api import trace
from debugflow.config import FlowConfig
from debugflow.tracer.codefilter import CodeFilter
from debugflow.tracer.pacing import Pacer


def launch(target: str | Callable[..., Any], Ghost: bool = True, Real_Time: bool = True) -> Any:
    """Run `target` (a name in the caller's globals, or a function) traced; return its result."""
    function = _resolve(target, sys._getframe(1).f_globals)
    config = FlowConfig.from_env()
    if Ghost:
        _ghost_pass(function, config)
    pacer = None if Real_Time else Pacer(CodeFilter(config.root, config.include, config.exclude))
    if pacer is not None:
        pacer.start()
    try:
        with trace(kind="launch"):
            return function()
    finally:
        if pacer is not None:
            pacer.stop()


def _resolve(target: str | Callable[..., Any], namespace: dict[str, Any]) -> Callable[..., Any]:
    if callable(target):
        return target
    found = namespace.get(target)
    if found is None:
        raise NameError(f"launch(): no function named {target!r} in the calling module")
    if not callable(found):
        raise TypeError(f"launch(): {target!r} is a {type(found).__name__}, not a function")
    return found  # type: ignore[no-any-return]


def _ghost_pass(function: Callable[..., Any], config: FlowConfig) -> None:
    """Map the call chain with a safe dry run before the live run."""
    from debugflow.ghost import record_ghost, run_ghost

    result = run_ghost(function, root=config.root)
    record_ghost(result, config.store_path)
