"""The run store: every traced run recorded in one SQLite file, `<data dir>/runs.db`.

`StoreWriter` records a run from a background thread of the traced program; `RunStore` is
what the `flow` commands and the hub read (and what the writer writes through).

The names are loaded on first use: a traced program imports `debugflow.storage.sink` before
its first line, and that must not bring SQLite and the reading side with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from debugflow.errors import RunNotFound as RunNotFound
    from debugflow.errors import StoreError as StoreError
    from debugflow.storage.schema import SCHEMA_VERSION as SCHEMA_VERSION
    from debugflow.storage.store import RunStore as RunStore
    from debugflow.storage.summary import RunState as RunState
    from debugflow.storage.summary import RunSummary as RunSummary
    from debugflow.storage.writer import StoreWriter as StoreWriter

_HOMES = {
    "SCHEMA_VERSION": "debugflow.storage.schema",
    "RunNotFound": "debugflow.errors",
    "RunState": "debugflow.storage.summary",
    "RunStore": "debugflow.storage.store",
    "RunSummary": "debugflow.storage.summary",
    "StoreError": "debugflow.errors",
    "StoreWriter": "debugflow.storage.writer",
}

__all__ = [
    "SCHEMA_VERSION",
    "RunNotFound",
    "RunState",
    "RunStore",
    "RunSummary",
    "StoreError",
    "StoreWriter",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'debugflow.storage' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
