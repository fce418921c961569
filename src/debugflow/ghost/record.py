"""Record a ghost pass in the run store as a run of kind "ghost", so a HUD can replay it later."""

from __future__ import annotations

from pathlib import Path

from debugflow.ghost.model import GhostResult
from debugflow.storage import RunStore


def record_ghost(result: GhostResult, store_path: Path) -> str:
    """Write the pass's events (static-map pulses included) to the store; returns the run id."""
    run = result.run_started
    with RunStore(Path(store_path)) as store:
        store.begin_run(run)
        store.append(run.run_id, result.events[1:])
    return run.run_id
