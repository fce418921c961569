"""JSON Lines of protocol events: one header line, then one `to_wire()` object per line.

Scripts read it with `read_jsonl()` or line by line with `protocol.event_from_wire()`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from debugflow.protocol import PROTOCOL_VERSION, Event, event_from_wire, to_wire

FORMAT = "debugflow-jsonl"


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    """Write the header and one line per event to `out`; returns the events written."""
    out.write(_line({"format": FORMAT, "protocol": PROTOCOL_VERSION}))
    count = 0
    for event in events:
        out.write(_line(to_wire(event)))
        count += 1
    return count


def read_jsonl(lines: Iterable[str]) -> Iterator[Event]:
    """The events of a `write_jsonl` file; raises ValueError on a foreign or newer file."""
    remaining = (line for line in lines if line.strip())
    _check_header(next(remaining, ""))
    for line in remaining:
        yield event_from_wire(json.loads(line))


def _check_header(line: str) -> None:
    try:
        header = json.loads(line) if line else {}
    except json.JSONDecodeError:
        header = {}
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} file: its first line is not the format header")
    version = header.get("protocol")
    if not isinstance(version, int) or version > PROTOCOL_VERSION:
        raise ValueError(
            f"this {FORMAT} file uses protocol {version!r}; this DebugFlow reads up to "
            f"{PROTOCOL_VERSION}"
        )


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, separators=(",", ":")) + "\n"
