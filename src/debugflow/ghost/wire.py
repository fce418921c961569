"""What crosses between the parent and the sandbox child: the request (JSON on stdin) and the
report messages (JSON objects in signed, numbered frames on a private pipe, see `frames`),
versioned together.

Report messages, by `kind`:
    origin   {"started_at", "origin_ns", "backend", "reason"}  the clock events are stamped on
                                                         and the tracing backend that ran
    event    {"event": <protocol wire dict>}            the tracer's events, as `flow run`'s
    started  {}                                          the traced pass began (imports done)
    stop     {"reason", "at_ns"}                         a cap tripped: calls, time or inputs
    refused  {"what"}                                    the audit hook refused an operation
    note     {"text"}                                    something the report should say
    missing  {"function", "parameter", "detail", "uses"} a parameter without a usable hint
    arguments {"values", "missing"}                      the first attempt's entry arguments:
                                                         plain values as literals, and why
                                                         the others cannot be carried
    failed   {"phase", "error"}                          import, entry look-up ("entry": the
                                                         module has no such name) or argument
                                                         building failed
    done     {"attempts"}                                the child finished normally

`check_message` is the schema the parent holds every message to.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from debugflow.protocol import event_from_wire

# 4: signed, numbered frames instead of lines, the key in the request; 3: `arguments` lines;
# 2: the pass is traced by the tracer engine
WIRE_VERSION = 4


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
    report_key: str = ""  # hex: the key the child signs its report frames with (set by spawn)
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


_NUMBER = (int, float)
_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "origin": {"started_at": _NUMBER, "origin_ns": int, "backend": str, "reason": str},
    "event": {"event": dict},
    "started": {},
    "stop": {"reason": str, "at_ns": int},
    "refused": {"what": str},
    "note": {"text": str},
    "missing": {"function": str, "parameter": str, "detail": str, "uses": list},
    "arguments": {"values": dict, "missing": dict},
    "failed": {"phase": str, "error": str},
    "done": {"attempts": int},
}


def check_message(message: dict[str, Any]) -> str | None:
    """What is wrong with a report message, or None when it has its kind's fields and types."""
    kind_name = message.get("kind")
    fields = _FIELDS.get(kind_name) if isinstance(kind_name, str) else None
    if fields is None:
        return f"unknown message kind {str(kind_name)[:40]!r}"
    for name, kind in fields.items():
        value = message.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            return f"a {message['kind']} message whose {name!r} is not {_name(kind)}"
    if set(message) - {"kind", *fields}:
        return f"a {message['kind']} message with unknown fields"
    if message["kind"] == "event":
        return _check_event(message["event"])
    return None


def _check_event(data: dict[str, Any]) -> str | None:
    try:
        event_from_wire(data)
    except (TypeError, ValueError, KeyError) as error:
        return f"an event the protocol does not read ({error})"
    return None


def _name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)
