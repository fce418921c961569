"""Previews of the program's own objects and of standard-library values, without their code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import pathlib
import threading
import uuid
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar, NamedTuple

import pytest

from debugflow.formatting import PreviewLimits, preview


class Color(enum.Enum):
    RED = 1


class Perm(enum.IntFlag):
    R = 4
    W = 2


class Point(NamedTuple):
    x: int
    y: int


@dataclasses.dataclass
class Config:
    lr: float = 0.001
    epochs: int = 3
    secret: str = dataclasses.field(default="hunter2", repr=False)
    later: int = dataclasses.field(init=False)
    kind: ClassVar[str] = "cfg"

    @property
    def loud(self) -> str:
        raise AssertionError("property called")


@dataclasses.dataclass(slots=True, frozen=True)
class Slotted:
    a: int
    b: str


class Plain:
    def __init__(self) -> None:
        self.name = "run"
        self.sizes = [1, 2]

    def run(self) -> None:
        """A method to preview bound."""


class WithSlots:
    __slots__ = ("__hidden", "unset", "x")

    def __init__(self) -> None:
        self.x = 1
        self.__hidden = 2


def test_enums_show_their_member() -> None:
    assert preview(Color.RED) == ("Color", "Color.RED")
    assert preview(Perm.R) == ("Perm", "Perm.R")


def test_named_tuples_show_their_fields() -> None:
    assert preview(Point(1, 2)) == ("Point", "Point(x=1, y=2)")
    assert preview([Point(1, 2)])[1] == "[Point(x=1, y=2)]"


def test_dataclasses_show_stored_repr_fields_only() -> None:
    # `secret` has repr=False, `later` was never set, `kind` is a ClassVar, `loud` a property.
    assert preview(Config()) == ("Config", "Config(lr=0.001, epochs=3)")
    assert preview(Slotted(1, "b")) == ("Slotted", "Slotted(a=1, b='b')")


def test_plain_objects_show_their_attributes_within_limits() -> None:
    assert preview(Plain()) == ("Plain", "Plain(name='run', sizes=[1, 2])")
    limits = PreviewLimits(max_items=1, max_depth=1)
    assert preview(Plain(), limits)[1] == "Plain(name='run', … 1 more)"
    assert preview([Plain()], limits)[1] == "[Plain(…)]"


def test_slots_are_read_including_private_ones() -> None:
    assert preview(WithSlots())[1] == "WithSlots(_WithSlots__hidden=2, x=1)"  # declared order


def test_objects_that_refer_to_themselves_show_dots() -> None:
    node = Plain()
    node.sizes = [node]  # type: ignore[list-item]
    assert preview(node, PreviewLimits(max_depth=4))[1] == "Plain(name='run', sizes=[Plain(...)])"


def test_objects_without_readable_state_show_class_and_address() -> None:
    lock = threading.Lock()
    label, text = preview(lock)
    assert label == "lock"
    assert text == f"<_thread.lock at {id(lock):#x}>"
    assert preview(object())[1].startswith("<object at 0x")


def test_exceptions_show_their_args() -> None:
    assert preview(ValueError("bad", 2)) == ("ValueError", "ValueError('bad', 2)")
    assert preview(KeyError()) == ("KeyError", "KeyError()")


@pytest.mark.parametrize(
    ("value", "label", "text", "inline"),
    [
        (Decimal("1.50"), "Decimal", "1.50", "Decimal(1.50)"),
        (Fraction(1, 3), "Fraction", "1/3", "Fraction(1/3)"),
        (uuid.UUID(int=1), "UUID", "00000000-0000-0000-0000-000000000001", None),
        (dt.date(2024, 1, 2), "date", "2024-01-02", "date(2024-01-02)"),
        (dt.datetime(2024, 1, 2, 3, 4, 5), "datetime", "2024-01-02 03:04:05", None),
        (dt.time(3, 4), "time", "03:04:00", None),
        (dt.timedelta(days=1, seconds=5), "timedelta", "1 day, 0:00:05", None),
        (pathlib.PurePosixPath("data/x.csv"), "PurePosixPath", "data/x.csv", None),
    ],
)
def test_standard_library_values_show_their_value(
    value: object, label: str, text: str, inline: str | None
) -> None:
    assert preview(value) == (label, text)
    assert preview([value])[1] == f"[{inline or f'{label}({text})'}]"


def test_a_user_tzinfo_is_named_not_called() -> None:
    class Mars(dt.tzinfo):
        def utcoffset(self, when: dt.datetime | None) -> dt.timedelta:
            raise AssertionError("tzinfo called")

        def dst(self, when: dt.datetime | None) -> dt.timedelta:
            raise AssertionError("tzinfo called")

        def tzname(self, when: dt.datetime | None) -> str:
            raise AssertionError("tzinfo called")

    moment = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=Mars())
    assert preview(moment)[1] == "2024-01-02 03:04:05 Mars"
    utc = dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc)
    assert preview(utc)[1] == "2024-01-02 00:00:00+00:00"


def test_callables_modules_and_classes_are_named() -> None:
    assert preview(test_enums_show_their_member)[1] == (
        f"<function {__name__}.test_enums_show_their_member>"
    )
    assert preview(len) == ("builtin_function_or_method", "<built-in function len>")
    assert preview([].append)[1] == "<built-in method list.append>"
    assert preview(Plain().run) == ("method", "<bound method Plain.run>")
    assert preview(json) == ("module", "<module 'json'>")
    assert preview(Config) == ("type", f"<class '{__name__}.Config'>")
    assert preview(Color) == (type(Color).__name__, f"<class '{__name__}.Color'>")


class _Calls(list[str]):
    """Everything the program's code was asked to do during a preview."""


CALLS = _Calls()


class TrapMeta(type):
    def __getattribute__(cls, name: str) -> object:
        CALLS.append(f"meta.{name}")
        return super().__getattribute__(name)

    def __instancecheck__(cls, obj: object) -> bool:
        CALLS.append("__instancecheck__")
        return False

    def __hash__(cls) -> int:
        CALLS.append("meta.__hash__")
        return 1

    def __eq__(cls, other: object) -> bool:
        CALLS.append("meta.__eq__")
        return False


class Trap(metaclass=TrapMeta):
    """An object whose every hook records that it was called."""

    def __init__(self, depth: int = 1) -> None:
        self.level = depth
        self.child = Trap(depth - 1) if depth else None

    def __getattribute__(self, name: str) -> object:
        CALLS.append(name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name: str) -> object:
        CALLS.append(f"__getattr__({name})")
        raise AttributeError(name)

    def __repr__(self) -> str:
        CALLS.append("__repr__")
        return "Trap"

    def __len__(self) -> int:
        CALLS.append("__len__")
        return 0

    def __eq__(self, other: object) -> bool:
        CALLS.append("__eq__")
        return False

    def __hash__(self) -> int:
        CALLS.append("__hash__")
        return 0

    def __bool__(self) -> bool:
        CALLS.append("__bool__")
        return False

    def __iter__(self) -> Iterator[int]:
        CALLS.append("__iter__")
        return iter(())

    @property
    def prop(self) -> int:
        CALLS.append("prop")
        return 0


@dataclasses.dataclass(eq=False)
class TrapData(Trap):
    field: int = 1


def test_safe_previews_never_run_the_program_code() -> None:
    trap, data = Trap(), TrapData()
    values = [trap, [trap, (trap,)], data, TrapMeta, Trap]
    CALLS.clear()
    shown = [preview(value, PreviewLimits(max_depth=4)) for value in values]
    assert CALLS == []
    assert shown[0] == ("Trap", "Trap(level=1, child=Trap(level=0, child=None))")
    assert shown[2][1] == "TrapData(field=1)"
