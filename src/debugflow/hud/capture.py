"""What the demo recordings and the benchmark read off the HUD, off the default path.

`FrameSaver` writes rendered frames as PNG files (`--frames DIR`) at a steady rate, through
Dear PyGui's frame buffer. `StatsWriter` appends one JSON line a second (`--stats-file`):
frames rendered, frames per second, nodes, and the call→pixel latency: from the moment the
message that brought a node arrived from the hub to the end of the first frame that drew it.
Only nodes in view are drawn, so the latency includes the follow glide that brings a new node
into view; nodes first drawn more than `MAX_LATENCY` after they arrived are left out.
It also says where the view is (scroll, hovered node, hover card), so a test or a recording
script can find a node on screen without guessing.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

MAX_PENDING = 100_000  # nodes waiting to be drawn; the oldest are forgotten beyond this
# A node first drawn later than this after it arrived was out of view (culled) until the user
# scrolled to it: that wait is the user's, not the HUD's, so it is not counted as latency.
MAX_LATENCY = 5.0


class FrameSaver:
    """Saves at most `fps` frames a second as `frame-000001.png`, … in `folder`."""

    def __init__(self, folder: Path, fps: float, save: Callable[[str], object]) -> None:
        self.folder = folder
        self.saved = 0
        self._interval = 1.0 / max(fps, 0.1)
        self._next = 0.0
        self._save = save
        folder.mkdir(parents=True, exist_ok=True)

    def frame(self, now: float) -> None:
        """Called once a frame: saves this one when it is due."""
        if now < self._next:
            return
        self._next = max(self._next + self._interval, now)
        self.saved += 1
        self._save(str(self.folder / f"frame-{self.saved:06d}.png"))


@dataclass
class ViewReport:
    """Where the view is, for the stats line."""

    left: float = 0.0
    top: float = 0.0
    hover: int | None = None
    card: tuple[int, int, int, int] | None = None  # x, y, width, height in the window
    following: bool = True  # the view follows the run (no scroll by hand since)
    settled: bool = False  # nothing moving: no glide, no animation, nothing queued
    shown: bool = True
    run: str | None = None


@dataclass
class StatsWriter:
    """One JSON line a second about frames, nodes and latency."""

    out: TextIO
    started: float
    frames: int = 0
    _window_frames: int = 0
    _window_start: float = 0.0
    _arrived: dict[int, float] = field(default_factory=dict)
    _latencies: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._window_start = self.started

    def arrived(self, node_ids: Iterable[int], at: float) -> None:
        """Nodes that came in a message received at `at` (monotonic seconds)."""
        for node_id in node_ids:
            self._arrived.setdefault(node_id, at)
        if len(self._arrived) > MAX_PENDING:  # never drawn (scrolled away): let them go
            for node_id in list(self._arrived)[: len(self._arrived) - MAX_PENDING]:
                del self._arrived[node_id]

    def forget(self) -> None:
        """A new run or snapshot: nodes waiting to be drawn are no longer measured."""
        self._arrived.clear()

    def frame(self, now: float, drawn: Iterable[int], nodes: int, view: ViewReport) -> None:
        """One frame was rendered at `now`, drawing the nodes in `drawn` for the first time."""
        self.frames += 1
        self._window_frames += 1
        for node_id in drawn:
            at = self._arrived.pop(node_id, None)
            if at is not None and now - at <= MAX_LATENCY:
                self._latencies.append(now - at)
        if now - self._window_start >= 1.0:
            self._write(now, nodes, view)

    def _write(self, now: float, nodes: int, view: ViewReport) -> None:
        seconds = now - self._window_start
        record = {
            "t": round(now - self.started, 3),
            "frames": self.frames,
            "fps": round(self._window_frames / seconds, 1),
            "nodes": nodes,
            "latency_ms": _latency_summary(self._latencies),
            "view": {
                "left": round(view.left),
                "top": round(view.top),
                "hover": view.hover,
                "card": list(view.card) if view.card else None,
                "following": view.following,
                "settled": view.settled,
                "shown": view.shown,
                "run": view.run,
            },
        }
        self.out.write(json.dumps(record) + "\n")
        self.out.flush()
        self._window_frames = 0
        self._window_start = now
        self._latencies = []


def _latency_summary(latencies: list[float]) -> dict[str, float | int] | None:
    if not latencies:
        return None
    ordered = sorted(latencies)
    return {
        "count": len(ordered),
        "median": round(statistics.median(ordered) * 1000, 1),
        "p95": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 1),
        "max": round(ordered[-1] * 1000, 1),
    }
