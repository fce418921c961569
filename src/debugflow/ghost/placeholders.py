"""The static map's unreached functions as events: one `UnreachedFunction` per function.

Each sits under the first call of a reached caller (or at the top) with the reason it was not
reached, so the spine shows the ghost placeholders among the calls that did happen.
"""

from __future__ import annotations

from collections.abc import Sequence

from debugflow.ghost.model import FunctionResult, StaticMap
from debugflow.protocol import Event, UnreachedFunction


def unreached_functions(
    static_map: StaticMap, results: Sequence[FunctionResult], events: Sequence[Event]
) -> list[UnreachedFunction]:
    """An event for every function of the static map that the pass did not reach."""
    first_call: dict[str, int] = {}
    for call_id, function in static_map.function_ids(events).items():
        first_call.setdefault(function, call_id)
    found: list[UnreachedFunction] = []
    for result in results:
        node = static_map.node(result.function)
        if result.reached or node is None:
            continue
        callers = (first_call[c] for c in static_map.callers(node.id) if c in first_call)
        found.append(
            UnreachedFunction(
                function=node.qualname,
                module=node.module,
                file=node.file,
                line=node.line,
                reason=result.reason or "not reached",
                parent_id=next(callers, None),
            )
        )
    return found
