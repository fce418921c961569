"""The hub's wire: size limits, paths and the producer frame format.

The versions it speaks live with the shapes, in `debugflow.protocol.versions`; the viewer
messages are defined in `debugflow.protocol.viewer`.

Producer frames (traced program → hub) are JSON text frames:

    {"type": "hello",  "v": 1, "run": <RunStarted wire>, "pid": 123, "client": "debugflow 0.1.0"}
    {"type": "events", "v": 1, "seq": 7, "dropped": 0, "events": [<event wire>, ...]}
    {"type": "bye",    "v": 1, "dropped": 0}
    {"type": "debug_state", "v": 1, "state": <DebugStateWire>}
    {"type": "debug_reply", "v": 1, "id": 4, "accepted": true, "reason": "", "result": ...}

and two kinds the other way (hub → traced program): a viewer's debugger request, and how many
viewers follow the run (sent on connecting and whenever it changes):

    {"type": "debug_request", "v": 1, "id": 4, "request": <DebugRequestWire>}
    {"type": "debug_viewers", "v": 1, "count": 2}

The debugger's shapes are the viewer protocol's (`protocol.viewer`): the hub relays them, and
both ends check them with `check_debug_request` / the shapes before acting on them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, cast, get_args, get_type_hints

from debugflow.protocol import Event, RunStarted, event_from_wire, to_wire
from debugflow.protocol.shapes import problems
from debugflow.protocol.versions import WIRE_VERSION
from debugflow.protocol.viewer import DebugRequestWire, DebugResult, DebugStateWire

MAX_PRODUCER_FRAME = 4 * 1024 * 1024  # bytes; a bigger frame closes the producer (1009)
MAX_VIEWER_FRAME = 64 * 1024  # bytes; viewers only send small commands
MAX_EVENTS_PER_FRAME = 1000  # producers split batches so frames stay well under the limit
# JSON arrays and objects inside one another: an events frame needs 5, a viewer command 2.
# Deeper frames are refused before they are parsed (deep values break repr and json.dumps).
MAX_FRAME_DEPTH = 16
MAX_DEBUG_REQUEST = 16 * 1024  # bytes of one debug_request frame (expressions are short)
MAX_TEXT = 4000  # characters of an expression, condition, log message or file path
MAX_PATH_KEYS = 64  # steps of a locals path
MAX_LOCALS_PAGE = 500  # children in one locals page
MAX_GUTTER = 1000  # breakpoints in one file

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


@dataclass(frozen=True, slots=True)
class DebugStateFrame:
    """The traced process's debugger state (checked against DebugStateWire)."""

    state: DebugStateWire


@dataclass(frozen=True, slots=True)
class DebugReplyFrame:
    """The answer to the hub's debug_request `id`."""

    id: int
    accepted: bool
    reason: str
    result: DebugResult | None


@dataclass(frozen=True, slots=True)
class DebugRequestFrame:
    """A viewer's debugger request, relayed by the hub under an id of the hub's."""

    id: int
    request: DebugRequestWire


class BadRequest(FrameError):
    """A debug_request that cannot be served; `id` is its id when that could be read."""

    def __init__(self, message: str, id: int | None) -> None:
        super().__init__(message)
        self.id = id


ProducerFrame = Hello | EventsFrame | Bye | DebugStateFrame | DebugReplyFrame


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


def encode_debug_state(state: DebugStateWire) -> str:
    """The JSON text of a `debug_state` frame."""
    return _dump({"type": "debug_state", "v": WIRE_VERSION, "state": state})


def encode_debug_reply(id: int, accepted: bool, reason: str, result: DebugResult | None) -> str:
    """The JSON text of a `debug_reply` frame."""
    return _dump(
        {
            "type": "debug_reply",
            "v": WIRE_VERSION,
            "id": id,
            "accepted": accepted,
            "reason": reason,
            "result": result,
        }
    )


def encode_debug_request(id: int, request: DebugRequestWire) -> str:
    """The JSON text of a `debug_request` frame (hub → traced program)."""
    return _dump({"type": "debug_request", "v": WIRE_VERSION, "id": id, "request": request})


@dataclass(frozen=True, slots=True)
class ViewersFrame:
    """How many viewers follow the run now."""

    count: int


def encode_viewers(count: int) -> str:
    """The JSON text of a `debug_viewers` frame (hub → traced program)."""
    return _dump({"type": "debug_viewers", "v": WIRE_VERSION, "count": count})


def decode_hub_frame(text: str) -> DebugRequestFrame | ViewersFrame:
    """One frame from the hub to a traced program; BadRequest (with the request's id when it
    could be read) when it is oversized, malformed or out of bounds."""
    if len(text) > MAX_DEBUG_REQUEST:
        raise BadRequest(f"a debug request is limited to {MAX_DEBUG_REQUEST} bytes", None)
    try:
        data = load_frame(text, "a hub frame")
    except FrameError as exc:
        raise BadRequest(str(exc), None) from None
    raw_id = data.get("id")
    id = raw_id if isinstance(raw_id, int) and not isinstance(raw_id, bool) else None
    if data.get("v") != WIRE_VERSION:
        raise BadRequest(f"not a frame of wire version {WIRE_VERSION}", id)
    if data.get("type") == "debug_viewers":
        try:
            return ViewersFrame(_int(data, "count"))
        except ValueError as exc:
            raise BadRequest(str(exc), None) from None
    if data.get("type") != "debug_request" or id is None:
        raise BadRequest("not a debug_request frame", id)
    try:
        return DebugRequestFrame(id, check_debug_request(data.get("request")))
    except FrameError as exc:
        raise BadRequest(str(exc), id) from None


def decode_debug_request(text: str) -> DebugRequestFrame:
    """Parse and check one debug_request (see `decode_hub_frame`)."""
    frame = decode_hub_frame(text)
    if not isinstance(frame, DebugRequestFrame):
        raise BadRequest("not a debug_request frame", None)
    return frame


def check_debug_request(value: object) -> DebugRequestWire:
    """`value` as a DebugRequestWire, its shape and bounds checked; FrameError says why not.

    The hub checks a viewer's request with this before relaying it, and the traced process
    again before serving it.
    """
    if not isinstance(value, dict):
        raise FrameError("a debug request must be an object")
    shape = _REQUEST_SHAPES.get(str(value.get("op")))
    if shape is None:
        raise FrameError(f"unknown debug request op {value.get('op')!r}")
    wrong = problems(value, shape)
    if wrong:
        raise FrameError(f"bad {value.get('op')!r} debug request: {'; '.join(wrong[:3])}")
    request = cast(DebugRequestWire, value)
    texts = [v for k, v in request.items() if isinstance(v, str) and k != "op"]
    if request["op"] == "set_breakpoints":
        if len(request["breakpoints"]) > MAX_GUTTER:
            raise FrameError(f"at most {MAX_GUTTER} breakpoints in one file")
        for spec in request["breakpoints"]:
            if spec["line"] < 1:
                raise FrameError("lines are numbered from 1")
            texts += [t for t in (spec["condition"], spec["hit"], spec["log"]) if t is not None]
    if request["op"] == "locals":
        if len(request["path"]) > MAX_PATH_KEYS:
            raise FrameError(f"a locals path has at most {MAX_PATH_KEYS} keys")
        if request["offset"] < 0 or not 1 <= request["limit"] <= MAX_LOCALS_PAGE:
            raise FrameError(f"offset from 0, limit from 1 to {MAX_LOCALS_PAGE}")
        texts += request["path"]
    if "frame" in request and request["frame"] < 0:  # type: ignore[typeddict-item]
        raise FrameError("frames are numbered from 0")
    if any(len(text) > MAX_TEXT for text in texts):
        raise FrameError(f"a text of a debug request is limited to {MAX_TEXT} characters")
    return request


_REQUEST_SHAPES: dict[str, type] = {
    get_args(get_type_hints(shape)["op"])[0]: shape for shape in get_args(DebugRequestWire)
}


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
        if kind == "debug_state":
            return _decode_debug_state(data)
        if kind == "debug_reply":
            return _decode_debug_reply(data)
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


def _decode_debug_state(data: dict[str, Any]) -> DebugStateFrame:
    wrong = problems(data.get("state"), DebugStateWire, "state")
    if wrong:
        raise ValueError("; ".join(wrong[:3]))
    return DebugStateFrame(cast(DebugStateWire, data["state"]))


def _decode_debug_reply(data: dict[str, Any]) -> DebugReplyFrame:
    accepted, reason, result = data.get("accepted"), data.get("reason"), data.get("result")
    if not isinstance(accepted, bool) or not isinstance(reason, str):
        raise ValueError("accepted must be a boolean and reason a text")
    wrong = problems(result, DebugResult | None, "result")
    if wrong:
        raise ValueError("; ".join(wrong[:3]))
    return DebugReplyFrame(_int(data, "id"), accepted, reason, cast(DebugResult | None, result))


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
