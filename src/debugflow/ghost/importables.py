"""What Python can import from a folder: the part of a project kept in the home folder itself
(or another folder the sandbox hides) that the sandbox shows, instead of the folder whole."""

from __future__ import annotations

import importlib.machinery
from pathlib import Path


def importable_entries(folder: Path) -> list[Path]:
    """The modules (files with a suffix Python imports: `.py`, `.pyc`, extension modules) and
    regular packages (folders holding an `__init__` module) directly in `folder`, by name.
    A name that starts with a dot is never one of them (`.ssh`, `.config`): nothing imports
    it. A folder without `__init__` (a namespace package) is left out too: from a home
    folder, that would be every folder in it."""
    suffixes = tuple(importlib.machinery.all_suffixes())
    try:
        entries = sorted(folder.iterdir())
    except OSError:  # unreadable: there is nothing to show
        return []
    return [entry for entry in entries if _importable(entry, suffixes)]


def _importable(entry: Path, suffixes: tuple[str, ...]) -> bool:
    if entry.name.startswith("."):
        return False
    if entry.is_file():
        return entry.name.endswith(suffixes)
    return entry.is_dir() and any((entry / f"__init__{s}").is_file() for s in suffixes)
