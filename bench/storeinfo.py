"""Reads back what a traced run recorded, through DebugFlow's own commands and store reader."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

# The latest run's summary, printed by the measured interpreter's own store reader
# (`flow runs` prints the same numbers as a table).
_SUMMARY = """
import json, sys
from debugflow.storage import RunStore
with RunStore(sys.argv[1]) as store:
    run = store.summary(store.resolve("latest"))
print(json.dumps({"calls": run.calls, "exceptions": run.exceptions, "dropped": run.dropped,
                  "status": run.status, "backend": run.backend}))
"""


@dataclass(frozen=True)
class RunCounts:
    """Counts of the latest run in a store, from its run row and its function statistics."""

    calls: int
    exceptions: int
    dropped: int
    status: str
    backend: str
    functions: int
    stats_calls: int  # the sum of `flow stats --json` calls: exact even where detail was sampled


def _flow_env(data_dir: Path) -> dict[str, str]:
    return dict(os.environ, FLOW_DATA_DIR=str(data_dir))


def function_stats(python: str, data_dir: Path) -> list[dict[str, object]]:
    """`flow stats --json` of the latest run in the store under `data_dir`."""
    done = subprocess.run(
        [python, "-m", "debugflow", "stats", "--json"],
        capture_output=True, text=True, check=True, env=_flow_env(data_dir),
    )  # fmt: skip
    stats: list[dict[str, object]] = json.loads(done.stdout)
    return stats


def runs_table(python: str, data_dir: Path) -> str:
    """`flow runs` as the user sees it."""
    done = subprocess.run(
        [python, "-m", "debugflow", "runs"],
        capture_output=True, text=True, check=True, env=_flow_env(data_dir),
    )  # fmt: skip
    return done.stdout


def read_counts(python: str, data_dir: Path) -> RunCounts:
    """The latest run's calls, exceptions and dropped events, and its per-function totals."""
    done = subprocess.run(
        [python, "-c", _SUMMARY, str(data_dir / "runs.db")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    summary = json.loads(done.stdout)
    stats = function_stats(python, data_dir)
    total = sum(int(str(row["calls"])) for row in stats)
    return RunCounts(**summary, functions=len(stats), stats_calls=total)
