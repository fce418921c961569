"""What crosses between the parent and the sandbox child: the request (JSON on stdin) and the
report lines (one JSON object per line on a private pipe), versioned together.

Report lines, by `kind`:
    origin   {"started_at", "origin_ns", "backend", "reason"}  the clock events are stamped on
                                                         and the tracing backend that ran
    event    {"event": <protocol wire dict>}            the tracer's events, as `flow run`'s
    started  {}                                          the traced pass began (imports done)
    stop     {"reason", "at_ns"}                         a cap tripped: calls, time or inputs
    refused  {"what"}                                    the sandbox refused an operation
    note     {"text"}                                    something the report should say
    missing  {"function", "parameter", "detail", "uses"} a parameter without a usable hint
    arguments {"values", "missing"}                      the first attempt's entry arguments:
                                                         plain values as literals, and why
                                                         the others cannot be carried
    failed   {"phase", "error"}                          import, entry look-up ("entry": the
                                                         module has no such name) or argument
                                                         building failed
    done     {"attempts"}                                the child finished normally
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass
from typing import Any

WIRE_VERSION = 3  # 3: `arguments` lines; 2: the pass is traced by the tracer engine


@dataclass(frozen=True)
class GhostRequest:
    """Everything the child needs to run one ghost pass."""

    file: str
    qualname: str
    module: str
    import_base: str
    root: str
    temp_dir: str
    max_calls: int
    max_seconds: float
    max_inputs: int
    max_attempts: int
    static_ids: list[tuple[str, int, str]]  # (file, first line, function id) of the static map
    version: int = WIRE_VERSION

    def to_json(self) -> str:
        """The request as one JSON document."""
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> GhostRequest:
        """Read a request; raises ValueError on a version this code does not speak."""
        data = json.loads(text)
        if data.get("version") != WIRE_VERSION:
            raise ValueError(f"ghost request version {data.get('version')} is not {WIRE_VERSION}")
        data["static_ids"] = [tuple(item) for item in data["static_ids"]]
        return cls(**data)


class LineWriter:
    """Writes report lines straight to a file descriptor, so a killed child loses nothing sent.

    The program's thread and the tracer's collector thread both write; a lock keeps each line
    whole (a pipe keeps only writes under PIPE_BUF together).
    """

    def __init__(self, fd: int):
        self.fd = fd
        self._lock = threading.Lock()

    def send(self, kind: str, **fields: Any) -> None:
        """Write one report line."""
        data = json.dumps({"kind": kind, **fields}, default=str) + "\n"
        view = memoryview(data.encode("utf-8"))
        with self._lock:
            while view:
                written = os.write(self.fd, view)
                view = view[written:]


def read_lines(raw: bytes) -> list[dict[str, Any]]:
    """Parse report lines, skipping a torn last line from a killed child."""
    lines: list[dict[str, Any]] = []
    for text in raw.decode("utf-8", errors="replace").splitlines():
        try:
            item = json.loads(text)
        except json.JSONDecodeError:
            continue
        if isinstance(item, dict) and "kind" in item:
            lines.append(item)
    return lines
