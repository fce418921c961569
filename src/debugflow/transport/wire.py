"""The hub's wire: size limits, paths and the producer frame format.

The versions it speaks live with the shapes, in `debugflow.protocol.versions`; the viewer
messages are defined in `debugflow.protocol.viewer`.

Producer frames (traced program → hub) are JSON text frames:

    {"type": "hello",  "v": 1, "run": <RunStarted wire>, "pid": 123, "client": "debugflow 0.1.0"}
    {"type": "events", "v": 1, "seq": 7, "dropped": 0, "events": [<event wire>, ...]}
    {"type": "bye",    "v": 1, "dropped": 0}

"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from debugflow.protocol import Event, RunStarted, event_from_wire, to_wire
from debugflow.protocol.versions import WIRE_VERSION

MAX_PRODUCER_FRAME = 4 * 1024 * 1024  # bytes; a bigger frame closes the producer (1009)
MAX_VIEWER_FRAME = 64 * 1024  # bytes; viewers only send small commands
MAX_EVENTS_PER_FRAME = 1000  # producers split batches so frames stay well under the limit
# JSON arrays and objects inside one another: an events frame needs 5, a viewer command 2.
# Deeper frames are refused before they are parsed (deep values break repr and json.dumps).
MAX_FRAME_DEPTH = 16

PRODUCER_PATH = "/ws/producer"
VIEWER_PATH = "/ws/viewer"
TOKEN_PARAM = "token"
TOKEN_HEADER = "X-Flow-Token"
DEFAULT_PORT = 5555


class FrameError(ValueError):
    """A frame that is not valid JSON or not a message this version understands."""


@dataclass(frozen=True, slots=True)
class Hello:
    """A producer introduces its run; sent first on every (re)connection."""

    run: RunStarted
    pid: int
    client: str


@dataclass(frozen=True, slots=True)
class EventsFrame:
    """One batch of events, in order; `dropped` counts events the producer had to drop so far."""

    seq: int
    events: tuple[Event, ...]
    dropped: int


@dataclass(frozen=True, slots=True)
class Bye:
    """The producer is done (its run ended or it is closing)."""

    dropped: int


ProducerFrame = Hello | EventsFrame | Bye


def encode_hello(run: RunStarted, pid: int, client: str) -> str:
    """The JSON text of a `hello` frame."""
    return _dump(
        {"type": "hello", "v": WIRE_VERSION, "run": to_wire(run), "pid": pid, "client": client}
    )


def encode_events(seq: int, events: Sequence[Event], dropped: int) -> str:
    """The JSON text of an `events` frame."""
    body = [to_wire(event) for event in events]
    return _dump(
        {"type": "events", "v": WIRE_VERSION, "seq": seq, "dropped": dropped, "events": body}
    )


def encode_bye(dropped: int) -> str:
    """The JSON text of a `bye` frame."""
    return _dump({"type": "bye", "v": WIRE_VERSION, "dropped": dropped})


def decode_producer_frame(text: str) -> ProducerFrame:
    """Parse one producer frame; raises FrameError when it is malformed."""
    data = load_frame(text)
    if data.get("v") != WIRE_VERSION:
        raise FrameError(f"unsupported wire version {data.get('v')!r} (hub speaks {WIRE_VERSION})")
    kind = data.get("type")
    try:
        if kind == "hello":
            return _decode_hello(data)
        if kind == "events":
            return _decode_events(data)
        if kind == "bye":
            return Bye(dropped=_int(data, "dropped"))
    except (TypeError, ValueError, KeyError) as exc:
        raise FrameError(f"bad {kind} frame: {exc}") from None
    raise FrameError(f"unknown frame type {kind!r}")


def _decode_hello(data: dict[str, Any]) -> Hello:
    run = event_from_wire(data["run"])
    if not isinstance(run, RunStarted):
        raise ValueError("hello.run must be a run event")
    return Hello(run=run, pid=_int(data, "pid"), client=str(data.get("client", "")))


def _decode_events(data: dict[str, Any]) -> EventsFrame:
    raw = data["events"]
    if not isinstance(raw, list):
        raise ValueError("events must be a list")
    events = tuple(event_from_wire(item) for item in raw)
    return EventsFrame(seq=_int(data, "seq"), events=events, dropped=_int(data, "dropped"))


def _int(data: dict[str, Any], key: str) -> int:
    value = data.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{key} must be an integer")
    return value


def load_frame(text: str, what: str = "a frame") -> dict[str, Any]:
    """The JSON object of one frame; raises FrameError when the text is not JSON, not an
    object, or nested deeper than MAX_FRAME_DEPTH (found before the text is parsed)."""
    if nesting_depth(text) > MAX_FRAME_DEPTH:
        raise FrameError(f"arrays and objects nested more than {MAX_FRAME_DEPTH} deep")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise FrameError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise FrameError(f"{what} must be a JSON object")
    return data


# Every byte but a quote or a bracket (UTF-8 puts no ASCII byte inside a wider character).
_OTHER_BYTES = bytes(byte for byte in range(256) if byte not in b'"[]{}')
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def nesting_depth(text: str) -> int:
    """How deep arrays and objects nest in the JSON `text`, read without parsing it.

    Escaped backslashes, then escaped quotes, are taken out first (left to right, as JSON
    pairs them), so every quote left opens or closes a string. Of the quotes and brackets that
    remain, the brackets outside strings are those between every other quote, and the depth
    is the most of them open at once. Exact for valid JSON; for invalid JSON, exact up to the
    first place where the parser would refuse it. Linear in the text's length.
    """
    plain = text.replace("\\\\", "").replace('\\"', "")
    quotes_and_brackets = plain.encode("utf-8", "surrogatepass").translate(None, _OTHER_BYTES)
    outside = b"".join(quotes_and_brackets.split(b'"')[::2])
    return max(accumulate(map(_STEP.__getitem__, outside)), default=0)


def _dump(data: dict[str, Any]) -> str:
    # Compact separators: frames are machine-read and can be large.
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)
