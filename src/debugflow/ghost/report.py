"""Reached / not reached for every function of the static map, and for each one not reached, why:
the exception that stopped its caller (and the parameter behind it), the cap that ended the
pass, a branch the mock values did not take, or callers that were never reached themselves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from debugflow.ghost.model import Blame, Caps, FunctionResult, MissingHint, StaticMap
from debugflow.protocol import CallEnded, CallStarted, Event


@dataclass
class PassFacts:
    """What the report is built from."""

    static_map: StaticMap
    events: Sequence[Event]
    blames: Sequence[Blame]
    missing: Sequence[MissingHint]
    stopped_by: str | None
    failure: str | None  # the import or argument building failed
    caps: Caps


def function_results(facts: PassFacts) -> list[FunctionResult]:
    """One result per static node (in map order), then functions reached but not predicted."""
    why = _Explainer(facts)
    results = [
        FunctionResult(
            node.id, node.id in why.calls, why.reason(node.id), len(why.calls.get(node.id, []))
        )
        for node in facts.static_map.nodes
    ]
    known = {node.id for node in facts.static_map.nodes}
    for function, calls in why.calls.items():
        if function not in known:
            results.append(FunctionResult(function, True, None, len(calls), static=False))
    return results


class _Explainer:
    def __init__(self, facts: PassFacts):
        self.facts = facts
        self.starts = {e.call_id: e for e in facts.events if isinstance(e, CallStarted)}
        self.ends = {e.call_id: e for e in facts.events if isinstance(e, CallEnded)}
        self.blames = {b.call_id: b for b in facts.blames}
        self.calls: dict[str, list[int]] = {}
        for call_id, function in facts.static_map.function_ids(facts.events).items():
            self.calls.setdefault(function, []).append(call_id)

    def reason(self, function: str) -> str | None:
        if function in self.calls:
            return None
        if not self.starts and self.facts.failure:
            return f"the pass could not start: {self.facts.failure}"
        callers = [c for c in self.facts.static_map.callers(function) if c in self.calls]
        raised = self._raised_in(callers)
        if raised is not None:
            return raised
        if self.facts.stopped_by is not None:
            cap = self.facts.caps.describe(self.facts.stopped_by)
            return f"not reached: the pass was stopped by {cap}"
        if callers:
            names = ", ".join(_short(c) for c in callers)
            return f"never called: {names} returned without calling it for the mock values tried"
        if function == self.facts.static_map.entry:
            return "the entry was never called"
        return self._unreached_callers(function)

    def _unreached_callers(self, function: str) -> str:
        callers = self.facts.static_map.callers(function)
        names = ", ".join(_short(c) for c in callers) or "nothing reached"
        return f"not reached: its callers ({names}) were not reached"

    def _raised_in(self, callers: list[str]) -> str | None:
        for caller in callers:
            for call_id in self.calls[caller]:
                end = self.ends.get(call_id)
                if end is not None and end.outcome == "exception":
                    cause = self._cause(call_id)
                    return f"never called: {_short(caller)} raised {_exception(end)}{cause}"
        return None

    def _cause(self, call_id: int) -> str:
        blame = self.blames.get(call_id)
        origin = self.blames.get(blame.origin) if blame is not None else None
        if origin is None or not origin.parameters:
            return f" in {_short(origin.function)}" if origin and origin.call_id != call_id else ""
        where = f" in {_short(origin.function)}" if origin.call_id != call_id else ""
        labels = "; ".join(self._label(origin.function, p) for p in origin.parameters)
        return f"{where} (parameter {labels})"

    def _label(self, function: str, label: str) -> str:
        name = label.split(":")[0]
        for hint in self.facts.missing:
            if hint.function == function and hint.parameter == name:
                return f"{label}, no usable hint: {hint.detail}"
        return label


def _exception(end: CallEnded) -> str:
    message = f": {end.exc_message}" if end.exc_message else ""
    return f"{end.exc_type}{message}"


def _short(function_id: str) -> str:
    """`shop.orders:Order.total` -> `Order.total`."""
    return function_id.rpartition(":")[2] or function_id
