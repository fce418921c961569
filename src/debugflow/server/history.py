"""Recorded runs for the hub: the run store read on one worker thread, off the event loop.

SQLite connections belong to the thread that opened them, so every store call runs on the
same single worker. A missing or unreadable store gives an empty history, never an error page.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from debugflow.errors import FlowError, RunNotFound
from debugflow.protocol import Event
from debugflow.protocol.viewer import RunInfo
from debugflow.spine.panel import run_script
from debugflow.storage import RunStore

log = logging.getLogger("debugflow.hub")
T = TypeVar("T")


class History:
    """Async access to the run store at `path` (which may not exist yet)."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._store: Any = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="debugflow-history")

    async def runs(self, limit: int = 50) -> list[RunInfo]:
        """The most recent recorded runs, newest first; empty when there is no store."""
        try:
            summaries = await self._call(lambda store: store.runs(limit))
        except (FlowError, OSError) as exc:
            log.info("run history unavailable: %s", exc)
            return []
        return [summary_info(s) for s in summaries or []]

    async def events(self, run_ref: str) -> tuple[str, list[Event]]:
        """The full id and every event of a recorded run; raises RunNotFound."""

        def load(store: Any) -> tuple[str, list[Event]]:
            run_id = str(store.resolve(run_ref))
            return run_id, list(store.events(run_id))

        result = await self._call(load)
        if result is None:
            raise RunNotFound(f"no recorded run {run_ref!r}")
        return result

    def close(self) -> None:
        """Close the store and stop the worker thread."""
        if self._store is not None:
            with contextlib.suppress(Exception):
                self._pool.submit(self._store.close).result(timeout=2)
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def _call(self, work: Callable[[Any], T]) -> T | None:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._in_worker, work)

    def _in_worker(self, work: Callable[[Any], T]) -> T | None:
        store = self._open()
        return None if store is None else work(store)

    def _open(self) -> Any:
        if self._store is None and self._path is not None and self._path.exists():
            self._store = RunStore(self._path)
        return self._store


def summary_info(summary: Any) -> RunInfo:
    """A run-list entry from a store `RunSummary`."""
    argv = [str(a) for a in getattr(summary, "argv", ())]
    ended_at = getattr(summary, "ended_at", None)
    live = bool(getattr(summary, "live", False))
    return {
        "id": str(summary.run_id),
        "kind": str(getattr(summary, "kind", "run")),
        "script": run_script(str(getattr(summary, "kind", "run")), argv),
        "argv": argv,
        "state": "ended" if ended_at is not None else ("live" if live else "lost"),
        "live": False,
        "stored": True,
        "started_at": float(summary.started_at),
        "ended_at": ended_at,
        "exit_code": getattr(summary, "exit_code", None),
        "calls": int(getattr(summary, "calls", 0)),
        "exceptions": int(getattr(summary, "exceptions", 0)),
    }
