"""Classes changed after a first preview are previewed as a first reading of them would be.

What previews read of a class is kept per class (`formatting.shapes`); these tests change a
class after its instances were previewed once and check that the next preview sees the
change, as the uncached reading did.
"""

from __future__ import annotations

import dataclasses
from typing import Any, NamedTuple

from debugflow.formatting import PreviewLimits, preview
from debugflow.formatting.redacting import redacting_describe
from debugflow.formatting.shapes import shape_of
from debugflow.redaction import DEFAULT_PATTERN, Redaction


def _redacted(value: object) -> str:
    describe = redacting_describe(Redaction(DEFAULT_PATTERN), PreviewLimits(), False)
    return describe("value", value).value


def test_a_class_is_read_once_while_it_is_unchanged() -> None:
    class Box:
        __slots__ = ("a",)

    assert shape_of(Box) is shape_of(Box)


def test_a_slot_replaced_by_a_class_attribute_is_no_longer_read() -> None:
    class Box:
        __slots__ = ("a", "b")

        def __init__(self) -> None:
            self.a, self.b = 1, 2

    box = Box()
    assert preview(box)[1] == "Box(a=1, b=2)"
    box_class: Any = Box
    box_class.b = "plain class attribute"  # the slot's descriptor is gone from the class
    assert preview(box)[1] == "Box(a=1)"


def test_a_slot_inherited_from_a_changed_base_class_is_no_longer_read() -> None:
    class Base:
        __slots__ = ("a",)

    class Box(Base):
        __slots__ = ("b",)

        def __init__(self) -> None:
            self.a, self.b = 1, 2

    box = Box()
    assert preview(box)[1] == "Box(a=1, b=2)"
    base: Any = Base
    base.a = 0
    assert preview(box)[1] == "Box(b=2)"


def test_a_renamed_class_no_longer_finds_its_private_slots() -> None:
    class Box:
        __slots__ = ("__inner",)

        def __init__(self) -> None:
            self.__inner = 1

    box = Box()
    assert preview(box)[1] == "Box(_Box__inner=1)"
    Box.__name__ = "Crate"  # `__inner` is now mangled as `_Crate__inner`: not a slot of Box
    assert preview(box) == ("Crate", f"<{__name__}.{Box.__qualname__} at {id(box):#x}>")


def test_a_dataclass_given_other_fields_shows_those() -> None:
    @dataclasses.dataclass
    class Point:
        x: int
        y: int

    assert preview(Point(1, 2))[1] == "Point(x=1, y=2)"
    fields = {"y": dataclasses.fields(Point)[1]}
    Point.__dataclass_fields__ = fields  # type: ignore[misc]
    assert preview(Point(1, 2))[1] == "Point(y=2)"


def test_a_named_tuple_field_renamed_to_a_secret_name_is_redacted() -> None:
    class Pair(NamedTuple):
        left: int
        right: int

    assert _redacted(Pair(1, 2)) == "Pair(left=1, right=2)"
    Pair._fields = ("left", "password")  # type: ignore[misc]
    assert _redacted(Pair(1, 2)) == "Pair(<redacted>)"
