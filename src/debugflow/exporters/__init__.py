"""Exporters: a run's event stream written in formats other tools read.

Every exporter has the `Exporter` shape, so `flow export --format NAME` picks one from
`EXPORTERS` and feeds it `RunStore.events(run_id)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TextIO

from debugflow.exporters.chrome import write_chrome_trace
from debugflow.exporters.jsonl import read_jsonl, write_jsonl
from debugflow.protocol import Event

__all__ = ["EXPORTERS", "Exporter", "read_jsonl", "write_chrome_trace", "write_jsonl"]


class Exporter(Protocol):
    """Writes a run's events to a text stream and returns how many records it wrote."""

    def __call__(self, events: Iterable[Event], out: TextIO, /) -> int:
        """Write `events` to `out`."""
        ...


EXPORTERS: dict[str, Exporter] = {
    "chrome": write_chrome_trace,
    "jsonl": write_jsonl,
}
