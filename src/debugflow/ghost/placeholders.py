"""The static map as events: one "info" pulse per function the pass did not reach.

Each pulse sits under the first call of a reached caller (or at the top), names the function
and carries the reason it was not reached, so a replay shows the ghost nodes merged into the
calls that did happen.
"""

from __future__ import annotations

from collections.abc import Sequence

from debugflow.ghost.model import FunctionResult, StaticMap
from debugflow.protocol import ArgPreview, CallStarted, Event, Pulse

NODE_TYPE = "info"


def unreached_pulses(
    static_map: StaticMap, results: Sequence[FunctionResult], events: Sequence[Event], at_ns: int
) -> list[Pulse]:
    """Pulses for every static node that was not reached, stamped at `at_ns`."""
    first_call: dict[str, CallStarted] = {}
    for event in events:
        if isinstance(event, CallStarted):
            first_call.setdefault(f"{event.module}:{event.function}", event)
    pulses: list[Pulse] = []
    for result in results:
        node = static_map.node(result.function)
        if result.reached or node is None:
            continue
        parent = next((first_call[c] for c in static_map.callers(node.id) if c in first_call), None)
        pulses.append(
            Pulse(
                name=node.qualname,
                params=(
                    ArgPreview("module", "str", node.module),
                    ArgPreview("file", "str", node.file),
                    ArgPreview("line", "int", str(node.line)),
                ),
                returns=result.reason,
                node_type=NODE_TYPE,
                ts_ns=at_ns,
                thread_id=parent.thread_id if parent else 0,
                parent_id=parent.call_id if parent else None,
            )
        )
    return pulses
