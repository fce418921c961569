"""Which script Ctrl+Alt+S runs: the most recently modified `.py` under the project root."""

from __future__ import annotations

import os
from pathlib import Path

from debugflow.paths import DATA_DIR_NAME

# Folders never searched: caches, dependencies and DebugFlow's own data.
SKIPPED_DIRS = frozenset({"__pycache__", "site-packages", "node_modules", DATA_DIR_NAME})
_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # DebugFlow's own source


def newest_script(root: Path) -> Path | None:
    """The newest `.py` file under `root`, or None.

    Skipped: hidden folders (`.git`, `.venv`, `.debugflow`…), virtual environments (any folder
    holding a `pyvenv.cfg`), `__pycache__`, `site-packages`, `node_modules`, and DebugFlow's
    own package.
    """
    newest: tuple[float, str] | None = None
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [
            name
            for name in dirs
            if not name.startswith(".")
            and name not in SKIPPED_DIRS
            and not (here / name / "pyvenv.cfg").exists()
            and (here / name).resolve() != _PACKAGE_DIR
        ]
        for name in files:
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            try:
                mtime = os.stat(path).st_mtime
            except OSError:
                continue  # removed while we looked
            if newest is None or (mtime, path) > newest:
                newest = (mtime, path)
    return None if newest is None else Path(newest[1])
