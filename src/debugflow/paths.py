"""Where DebugFlow keeps its files: the project root, the data folder and the log folder."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_NAME = ".debugflow"
HUB_FILE = "hub.json"  # a running hub's address and token, in the data folder (see discovery)


def project_root(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The project root: `explicit`, else `FLOW_PROJECT_ROOT`, else the current directory."""
    chosen = explicit or os.environ.get("FLOW_PROJECT_ROOT") or os.getcwd()
    return Path(chosen).resolve()


def data_dir(root: Path) -> Path:
    """The folder holding the run store and discovery files (`FLOW_DATA_DIR` moves it)."""
    override = os.environ.get("FLOW_DATA_DIR")
    return Path(override).resolve() if override else root / DATA_DIR_NAME


def store_path(root: Path) -> Path:
    """The SQLite run store of a project."""
    return data_dir(root) / "runs.db"


def log_dir(root: Path) -> Path:
    """The folder `flow-logs on` writes `debugflow.log` into."""
    return root / "logs"
