"""What a ghost pass may carry out of the sandbox into `launch()`'s live call: plain values
only, read back without building anything else, and stand-ins only where used as numbers."""

from __future__ import annotations

import collections
import enum

import pytest

from debugflow.ghost.carry import (
    entry_arguments,
    from_literal,
    literal,
    literals,
    read_arguments,
    used_as_number,
)
from debugflow.ghost.mocks.standin import StandIn, UseLog


class Color(enum.IntEnum):
    RED = 1


@pytest.mark.parametrize(
    "value",
    [1, -2.5, "mock", True, None, [1, "a"], (1, (2.0, None)), {"k": [1]}, {1: (True,)}, ()],
)
def test_plain_values_cross_as_literals_and_come_back_equal(value: object) -> None:
    text = literal(value)
    assert text is not None
    back = from_literal(text)
    assert back == value and type(back) is type(value)


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        float("inf"),
        {1, 2},
        b"mock",
        Color.RED,  # an int subclass
        collections.OrderedDict(a=1),  # a dict subclass
        [object()],
        [[[[[[[[[[1]]]]]]]]]],  # deeper than a mock gets
    ],
)
def test_anything_else_is_not_carried(value: object) -> None:
    assert literal(value) is None


@pytest.mark.parametrize("text", ["{1, 2}", "b'x'", "__import__('os')", "1 +", "x"])
def test_reading_back_refuses_what_is_not_a_plain_literal(text: str) -> None:
    with pytest.raises(ValueError):
        from_literal(text)


def test_an_arguments_line_keeps_unreadable_values_out() -> None:
    read = read_arguments({"values": {"x": "1", "y": "{1}"}, "missing": {"z": "a Path"}})
    assert read.values == {"x": 1}
    assert read.missing == {"z": "a Path", "y": "not readable as a plain value"}


@pytest.mark.parametrize(
    ("uses", "number"),
    [
        ([" + y"], True),
        ([" (right of +)"], True),
        ([" > 3", " truth test"], True),
        ([" int()"], True),
        ([" unary -", " str()"], True),
        ([" + 'suffix'"], False),  # text
        ([" * list"], False),
        ([" + y", ".real"], False),  # an attribute too
        ([" truth test"], False),  # nothing says number
        ([], False),
    ],
)
def test_a_stand_in_counts_as_a_number_only_by_its_uses(uses: list[str], number: bool) -> None:
    assert used_as_number(uses) is number


def test_the_first_attempts_arguments_are_those_before_the_call() -> None:
    log = UseLog()
    x, y, thing = StandIn("x", log), StandIn("y", log), StandIn("thing", log)
    items = [1]
    mocked = {"x": x, "y": y, "items": items, "thing": thing, "path": object()}
    before = literals(mocked)
    _ = x + y
    thing.frob()
    items.append(2)  # the call changed it: the value before is carried
    line = entry_arguments(mocked, before, log.uses)
    assert line["values"] == {"x": "1", "y": "1", "items": "[1]"}
    assert line["missing"] == {
        "thing": "a stand-in (no usable type hint)",
        "path": "an object, not a plain value",
    }
