"""The ghost caps as a policy on the tracer: the same engine as `flow run`, bounded.

A ghost pass traces with `debugflow.tracer.engine.Tracer` like any run, with every call kept in
detail (the detail budget is above the call cap) so each call passes the policy's `guard`
before it starts. The guard counts calls and refuses the one past the cap by raising
`CallCap` into the program. Once any cap tripped (calls, time or inputs), calls are let
through untouched: the pass is over, and the parent keeps only the events from before the
moment the stop was reported (see `dryrun`), so calls still open then show as left running.
"""

from __future__ import annotations

from debugflow.ghost.child.caps import StopState
from debugflow.ghost.model import StaticIds, function_id
from debugflow.tracer.codetable import CodeTable


class GhostPolicy:
    """Counts the pass's calls against its cap and tells which mapped functions ran."""

    def __init__(self, state: StopState, max_calls: int) -> None:
        self.state = state
        self.max_calls = max_calls
        self.calls = 0

    def guard(self) -> None:
        """Called by the hot path before each call starts; raises the call cap's stop."""
        if self.state.reason is not None:
            return
        if self.calls >= self.max_calls:
            raise self.state.trip("calls")
        self.calls += 1


def reached_ids(table: CodeTable, static_ids: StaticIds) -> set[str]:
    """Ids of the functions that were called so far (see `model.function_id`)."""
    found: set[str] = set()
    for code_id, entry in list(table.entries.items()):
        if table.calls_of(entry) > 0:
            info = table.infos[code_id]
            found.add(function_id(info.file, info.line, info.module, info.qualname, static_ids))
    return found
