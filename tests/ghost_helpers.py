"""Shared helpers for the ghost-mode tests: fixture roots and ways to read a GhostResult."""

from __future__ import annotations

from pathlib import Path

from debugflow.ghost import GhostResult, run_ghost
from debugflow.protocol import ArgPreview, CallEnded, CallStarted

FIXTURES = Path(__file__).parent / "ghost_fixtures"
SHOP = FIXTURES / "shop"
HAZARDS = FIXTURES / "hazards"
SCIENCE = FIXTURES / "science"
MLSTUB = FIXTURES / "mlstub"
STUBS = FIXTURES / "stubs"
LAUNCHER = FIXTURES / "launcher"


def ghost(root: Path, target: str, **caps: float) -> GhostResult:
    """One ghost pass of `target` (`file.py:qualname`) in the fixture project `root`."""
    return run_ghost(str(root / target), root=root, **caps)  # type: ignore[arg-type]


def reached(result: GhostResult) -> set[str]:
    """Ids of the functions the pass reached."""
    return {f.function for f in result.functions if f.reached}


def calls(result: GhostResult, qualname: str) -> list[CallStarted]:
    """Every recorded call of the function with this qualname."""
    return [e for e in result.events if isinstance(e, CallStarted) and e.function == qualname]


def first_args(result: GhostResult, qualname: str) -> dict[str, ArgPreview]:
    """The argument previews of the first call of `qualname`, by parameter name."""
    found = calls(result, qualname)
    assert found, f"{qualname} was never called; reached: {sorted(reached(result))}"
    return {a.name: a for a in found[0].args}


def ends(result: GhostResult) -> dict[int, CallEnded]:
    """Call ends by call id."""
    return {e.call_id: e for e in result.events if isinstance(e, CallEnded)}


def returned(result: GhostResult, qualname: str) -> list[str]:
    """Return-value texts of the calls of `qualname` that returned."""
    by_id = ends(result)
    values = []
    for call in calls(result, qualname):
        end = by_id.get(call.call_id)
        if end is not None and end.outcome == "return" and end.value is not None:
            values.append(end.value.value)
    return values


def reason(result: GhostResult, function_id: str) -> str:
    """The report's reason for a function that was not reached."""
    item = result.function(function_id)
    assert item is not None and not item.reached, f"{function_id} was reached or is unknown"
    return item.reason or ""
