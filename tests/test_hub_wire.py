"""The hub's wire: producer frames round-trip, and messages match their declared shapes."""

from __future__ import annotations

import json

import pytest

from debugflow.protocol import (
    ArgPreview,
    CallEnded,
    Event,
    FunctionStats,
    NodeSeen,
    NodeStats,
    Pulse,
    RunEnded,
    ThreadSeen,
    UnreachedFunction,
    event_from_wire,
    to_wire,
    viewer,
)
from debugflow.protocol.shapes import problems
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


def test_spine_messages_fit_their_declared_shapes_names_and_types() -> None:
    model = SpineModel("run-1")
    model.apply([run_started(), *sample_run(steps=2)[:-2]])
    snap = model.snapshot()
    assert problems(snap, viewer.SnapshotMessage) == []
    base = model.version
    model.apply([end(1, 900)])
    patch = model.patch_since(base)
    assert patch is not None and patch["type"] == "patch"
    assert problems(patch, viewer.PatchMessage) == []
    assert patch["pulses"] and any(node["dur"] is not None for node in patch["nodes"])
    assert any(node["sample"] is not None for node in snap["nodes"])


@pytest.mark.parametrize(
    ("value", "wrong"),
    [
        ({"id": 1, "thread_id": 1, "task_id": None}, "missing 'name'"),
        ({"id": 1, "thread_id": 1, "task_id": None, "name": "x", "more": 1}, "unexpected 'more'"),
        ({"id": "1", "thread_id": 1, "task_id": None, "name": "x"}, "$.id: expected int"),
        ({"id": True, "thread_id": 1, "task_id": None, "name": "x"}, "$.id: expected int"),
        ({"id": 1, "thread_id": 1, "task_id": 2.5, "name": "x"}, "$.task_id"),
    ],
)
def test_the_shape_check_sees_wrong_names_and_wrong_types(value: object, wrong: str) -> None:
    found = problems(value, viewer.LaneWire)
    assert any(wrong in problem for problem in found), found


def test_the_shape_check_follows_literals_lists_and_nested_shapes() -> None:
    call_wire = {"args": [{"name": "x", "type": "int"}], "ret": None, "error": None,
                 "state": "done", "t": 0, "duration": None}  # fmt: skip
    found = problems(call_wire, viewer.CallWire)
    assert "$.args[0]: missing 'value'" in found
    assert any(p.startswith("$.state: 'done' is not one of") for p in found)


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
        NodeSeen(3, 1, 1, 7, "f", "m", "/f.py", 1, 2, 5),
        NodeStats(3, 10, 1, 100, 80, 5, 9, 20),
        UnreachedFunction("g", "m", "/f.py", 9, "never called", 1),
        ThreadSeen(1, "MainThread / task-3", 7),
        FunctionStats("f", "m", "/f.py", 1, 2, 0, 10, 8, 4, 5, 6),
        RunEnded(1.0, 0, 1, 0, 0),
    ]
    for event in events:
        wire = json.loads(json.dumps(to_wire(event)))
        assert wire["type"] == event.type
        assert event_from_wire(wire) == event
        for preview in wire.get("args", []) + wire.get("params", []):
            assert preview == {"name": "x", "type": "int", "value": "1"}  # objects, not lists
