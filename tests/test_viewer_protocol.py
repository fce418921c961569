"""The TypeScript mirror of the hub protocol (viewer/src/protocol.ts) cannot drift from Python.

Every TypedDict in `debugflow.protocol.viewer` has an interface of the same name in
protocol.ts naming exactly the same fields, and the version constants are the same.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from debugflow.protocol.viewer import message_fields
from debugflow.transport.wire import EVENT_VERSION, SPINE_VERSION, WIRE_VERSION

PROTOCOL_TS = Path(__file__).resolve().parent.parent / "viewer" / "src" / "protocol.ts"
_INTERFACE = re.compile(r"^export interface (\w+) \{\n(.*?)^\}", re.MULTILINE | re.DOTALL)
_FIELD = re.compile(r"^\s+(\w+)\??:", re.MULTILINE)
_CONST = re.compile(r"^export const (\w+_VERSION) = (\d+);", re.MULTILINE)


def typescript_interfaces(text: str) -> dict[str, list[str]]:
    """Field names of every exported interface, in order."""
    return {m[1]: _FIELD.findall(m[2]) for m in _INTERFACE.finditer(text)}


def typescript_constants(text: str) -> dict[str, int]:
    """The exported `*_VERSION` constants."""
    return {name: int(value) for name, value in _CONST.findall(text)}


@pytest.mark.parametrize("name", sorted(message_fields()))
def test_interface_names_the_same_fields(name: str) -> None:
    interfaces = typescript_interfaces(PROTOCOL_TS.read_text(encoding="utf-8"))
    assert name in interfaces, f"viewer/src/protocol.ts has no interface {name}"
    assert interfaces[name] == message_fields()[name]


def test_version_constants_match_the_hub() -> None:
    constants = typescript_constants(PROTOCOL_TS.read_text(encoding="utf-8"))
    assert constants == {
        "WIRE_VERSION": WIRE_VERSION,
        "SPINE_VERSION": SPINE_VERSION,
        "EVENT_VERSION": EVENT_VERSION,
    }


def test_the_parser_notices_a_missing_field() -> None:
    text = "export interface LaneWire {\n  id: number;\n  name: string;\n}\n"
    assert typescript_interfaces(text) == {"LaneWire": ["id", "name"]}
    assert typescript_interfaces(text)["LaneWire"] != message_fields()["LaneWire"]
