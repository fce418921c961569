"""The hub's wire: producer frames round-trip, and messages match their declared shapes."""

from __future__ import annotations

import json

import pytest

from debugflow.protocol import (
    ArgPreview,
    CallEnded,
    Event,
    FunctionStats,
    Pulse,
    RunEnded,
    ThreadSeen,
    event_from_wire,
    to_wire,
)
from debugflow.protocol.viewer import message_fields
from debugflow.spine.model import SpineModel
from debugflow.transport.wire import (
    Bye,
    EventsFrame,
    FrameError,
    Hello,
    decode_producer_frame,
    encode_bye,
    encode_events,
    encode_hello,
)
from hub_helpers import call, end, run_started, sample_run


def test_producer_frames_round_trip() -> None:
    events: list[Event] = [
        call(1, "main", None, 0),
        CallEnded(1, 5, "return", value=ArgPreview("return", "str", "'é'")),
    ]
    run = run_started()
    hello = decode_producer_frame(encode_hello(run, 42, "debugflow test"))
    assert hello == Hello(run=run, pid=42, client="debugflow test")
    frame = decode_producer_frame(encode_events(3, events, 7))
    assert frame == EventsFrame(seq=3, events=tuple(events), dropped=7)
    assert decode_producer_frame(encode_bye(2)) == Bye(dropped=2)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "null",
        '{"type": "hello", "v": 1}',
        '{"type": "events", "v": 1, "events": {}}',
        '{"type": "events", "v": 1, "seq": "1", "events": []}',
        '{"type": "bye", "v": 2}',
        '{"type": "events", "v": 1, "seq": 1, "events": [{"type": "call", "call_id": 1}]}',
    ],
)
def test_malformed_frames_are_frame_errors(text: str) -> None:
    with pytest.raises(FrameError):
        decode_producer_frame(text)


def _keys_match(message: dict[str, object], name: str) -> None:
    assert list(message) == message_fields()[name], name


def test_spine_messages_have_exactly_the_declared_fields() -> None:
    model = SpineModel("run-1")
    model.apply([run_started(), *sample_run(steps=2)[:-2]])
    snap = model.snapshot()
    _keys_match(dict(snap), "SnapshotMessage")
    _keys_match(dict(snap["status"]), "StatusWire")
    _keys_match(dict(snap["lanes"][0]), "LaneWire")
    _keys_match(dict(snap["nodes"][0]), "NodeWire")
    base = model.version
    model.apply([end(1, 900)])
    patch = model.patch_since(base)
    assert patch is not None and patch["type"] == "patch"
    _keys_match(dict(patch), "PatchMessage")
    _keys_match(dict(patch["pulses"][0]), "PulseWire")
    node = patch["nodes"][0]
    assert node["dur"] is not None
    _keys_match(dict(node["dur"]), "DurationWire")


def test_every_event_kind_round_trips_through_its_wire_text() -> None:
    arg = ArgPreview("x", "int", "1")
    events: list[Event] = [
        run_started(),
        ThreadSeen(1, "MainThread"),
        call(1, "main", None, 0)._replace(args=(arg, arg)),
        CallEnded(
            1,
            5,
            "exception",
            value=arg,
            exc_type="E",
            exc_message="m",
            exc_line=3,
            caught=("KeyError",),
        ),
        Pulse("mark", (arg,), "ok", "success", 7, 1, None),
        FunctionStats("f", "m", "/f.py", 1, 2, 0, 10, 8, 4, 5, 6),
        RunEnded(1.0, 0, 1, 0, 0),
    ]
    for event in events:
        wire = json.loads(json.dumps(to_wire(event)))
        assert wire["type"] == event.type
        assert event_from_wire(wire) == event
        for preview in wire.get("args", []) + wire.get("params", []):
            assert preview == {"name": "x", "type": "int", "value": "1"}  # objects, not lists
