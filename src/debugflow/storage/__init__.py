"""The run store: every traced run recorded in one SQLite file, `<data dir>/runs.db`.

`StoreWriter` records a run from a background thread of the traced program; `RunStore` is
what the `flow` commands and the hub read (and what the writer writes through).
"""

from __future__ import annotations

from debugflow.errors import RunNotFound, StoreError
from debugflow.storage.schema import SCHEMA_VERSION
from debugflow.storage.store import RunStore
from debugflow.storage.summary import RunState, RunSummary
from debugflow.storage.writer import StoreWriter

__all__ = [
    "SCHEMA_VERSION",
    "RunNotFound",
    "RunState",
    "RunStore",
    "RunSummary",
    "StoreError",
    "StoreWriter",
]
