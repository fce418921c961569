"""Commands a viewer sends to the hub, parsed and checked before anything acts on them.

{"type": "subscribe",   "run": "<id>"}                      live spine (or stored run)
{"type": "unsubscribe", "run": "<id>"}
{"type": "replay",      "run": "<id>", "at": 0, "speed": 1}  at: ns since start or null
{"type": "list_runs"}
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from debugflow.transport.wire import FrameError

MAX_SPEED = 1000.0


@dataclass(frozen=True, slots=True)
class Subscribe:
    """Follow a run: a snapshot now, patches as it changes."""

    run: str


@dataclass(frozen=True, slots=True)
class Unsubscribe:
    """Stop following a run."""

    run: str


@dataclass(frozen=True, slots=True)
class ReplayCommand:
    """Show a run as it was at `at` (None: its end), then play on at `speed` (0: paused)."""

    run: str
    at: int | None
    speed: float


@dataclass(frozen=True, slots=True)
class ListRuns:
    """Send the run list again (re-reading the store)."""


Command = Subscribe | Unsubscribe | ReplayCommand | ListRuns


def parse_command(text: str) -> Command:
    """One viewer command; raises FrameError when it is malformed."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise FrameError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise FrameError("a command must be a JSON object")
    kind = data.get("type")
    if kind == "list_runs":
        return ListRuns()
    if kind in ("subscribe", "unsubscribe", "replay"):
        run = _run_id(data)
        if kind == "subscribe":
            return Subscribe(run)
        if kind == "unsubscribe":
            return Unsubscribe(run)
        return ReplayCommand(run, _at(data.get("at")), _speed(data.get("speed", 1)))
    raise FrameError(f"unknown command {kind!r}")


def _run_id(data: dict[str, Any]) -> str:
    run = data.get("run")
    if not isinstance(run, str) or not run or len(run) > 200:
        raise FrameError("`run` must be a run id")
    return run


def _at(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise FrameError("`at` must be a number of nanoseconds or null")
    return max(0, int(value))


def _speed(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise FrameError("`speed` must be a number")
    return min(max(0.0, float(value)), MAX_SPEED)
